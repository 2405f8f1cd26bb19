// SPDX-License-Identifier: GPL-3.0-or-later
#include "encoding.h"

#include "../base/strings.h"

#include <iconv.h>

#include <cerrno>
#include <fstream>
#include <map>

namespace gengbao::core {

namespace encoding {

namespace {

bool iconvKnows(const std::string &name)
{
    iconv_t descriptor = iconv_open("UTF-8", name.c_str());
    if (descriptor == reinterpret_cast<iconv_t>(-1))
        return false;
    iconv_close(descriptor);
    return true;
}

// Aliases seen in .cpg files and typed by users, upper-cased with spaces, '-' and '_' removed.
std::optional<std::string> fromAlias(std::string_view name)
{
    std::string key;
    for (char c : toUpperAscii(trimmed(name))) {
        if (c != ' ' && c != '-' && c != '_')
            key += c;
    }
    static const std::map<std::string, std::string> aliases = {
        {"UTF8", kUtf8},          {"65001", kUtf8},
        {"CP65001", kUtf8},       {"936", kChinese},
        {"CP936", kChinese},      {"ANSI936", kChinese},
        {"GBK", kChinese},        {"GB2312", kChinese},
        {"GB18030", kChinese},    {"MS936", kChinese},
        {"WINDOWS936", kChinese}, {"EUCCN", kChinese},
        {"54936", kChinese},      {"CP54936", kChinese},
        {"950", "BIG5"},          {"CP950", "BIG5"},
        {"BIG5", "BIG5"},         {"ANSI950", "BIG5"},
        {"1252", "CP1252"},       {"CP1252", "CP1252"},
        {"ANSI1252", "CP1252"},   {"ISO88591", "ISO-8859-1"},
        {"LATIN1", "ISO-8859-1"}, {"88591", "ISO-8859-1"},
    };
    auto it = aliases.find(key);
    if (it != aliases.end())
        return it->second;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> fromCpg(std::string_view cpgContent)
{
    const std::string_view name = trimmed(cpgContent);
    if (name.empty())
        return std::nullopt;
    if (auto known = fromAlias(name))
        return known;
    const std::string candidate(name);
    if (iconvKnows(candidate))
        return candidate;
    return std::nullopt;
}

std::optional<std::string> fromLanguageDriver(std::uint8_t ldid)
{
    switch (ldid) {
    case 0x4D:  // 77: Chinese GBK (PRC), code page 936
    case 0x7A:  // 122: PRC GBK
        return std::string(kChinese);
    case 0x4F:  // 79: Big5
    case 0x78:  // 120: Taiwan Big5
        return std::string("BIG5");
    case 0x01:
        return std::string("CP437");
    case 0x02:
        return std::string("CP850");
    case 0x03:
        return std::string("CP1252");
    default:
        return std::nullopt;  // 0 (none), 0x57 (ANSI, unknown page) and the rest
    }
}

std::optional<std::uint8_t> readLanguageDriver(const std::string &dbfPath)
{
    std::ifstream file(dbfPath, std::ios::binary);
    char header[32];
    if (!file.read(header, sizeof header))
        return std::nullopt;
    return static_cast<std::uint8_t>(header[29]);
}

Result<std::string> normalise(std::string_view name)
{
    if (auto known = fromCpg(name))
        return *known;
    return makeError(ErrorCode::UnknownEncoding, {},
                     "unknown encoding '" + std::string(name) + "' (try GBK or UTF-8)");
}

}  // namespace encoding

Result<TextDecoder> TextDecoder::create(const std::string &name)
{
    TextDecoder decoder;
    decoder.mEncoding = name;
    decoder.mIsUtf8 = (name == encoding::kUtf8);
    if (!decoder.mIsUtf8) {
        iconv_t descriptor = iconv_open("UTF-8", name.c_str());
        if (descriptor == reinterpret_cast<iconv_t>(-1))
            return makeError(ErrorCode::UnknownEncoding, {}, "unknown encoding '" + name + "'");
        decoder.mDescriptor = descriptor;
    }
    return decoder;
}

TextDecoder::TextDecoder(TextDecoder &&other) noexcept
    : mDescriptor(std::exchange(other.mDescriptor, nullptr))
    , mEncoding(std::move(other.mEncoding))
    , mIsUtf8(other.mIsUtf8)
{}

TextDecoder::~TextDecoder()
{
    if (mDescriptor)
        iconv_close(static_cast<iconv_t>(mDescriptor));
}

std::optional<TextDecoder::Decoded> TextDecoder::decode(std::string_view bytes)
{
    if (mIsUtf8) {
        std::size_t tail = 0;
        switch (checkUtf8(bytes, &tail)) {
        case Utf8Check::Valid:
            return Decoded{std::string(bytes), false};
        case Utf8Check::TruncatedTail:
            return Decoded{std::string(bytes.substr(0, bytes.size() - tail)), true};
        case Utf8Check::Invalid:
            return std::nullopt;
        }
    }
    auto descriptor = static_cast<iconv_t>(mDescriptor);
    iconv(descriptor, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    std::string output(bytes.size() * 2 + 4, '\0');
    char *in = const_cast<char *>(bytes.data());
    std::size_t inLeft = bytes.size();
    std::size_t written = 0;
    bool truncated = false;
    while (inLeft > 0) {
        char *out = output.data() + written;
        std::size_t outLeft = output.size() - written;
        const std::size_t rc = iconv(descriptor, &in, &inLeft, &out, &outLeft);
        written = output.size() - outLeft;
        if (rc == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                output.resize(output.size() * 2);
                continue;
            }
            if (errno == EINVAL) {  // incomplete character at the end of the input
                truncated = true;
                break;
            }
            return std::nullopt;  // EILSEQ: not text in this encoding
        }
    }
    output.resize(written);
    return Decoded{std::move(output), truncated};
}

}  // namespace gengbao::core
