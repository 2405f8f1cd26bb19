// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gengbao::core {

// Shapefile text encodings (domain.md §6): the .cpg, then the DBF language byte, then a strict
// UTF-8 check falling back to GB18030 (a superset of GBK and GB2312). Names are iconv names.
namespace encoding {

inline constexpr const char *kUtf8 = "UTF-8";
inline constexpr const char *kChinese = "GB18030";

// The iconv name for a .cpg's content: "ANSI 936", "936", "CP936", "GBK", "GB2312" -> GB18030;
// "UTF-8", "65001" -> UTF-8; other names pass through if iconv knows them. nullopt if unknown.
std::optional<std::string> fromCpg(std::string_view cpgContent);

// The encoding a DBF language driver byte (header byte 29) names, if it names one for sure.
// 0x4D (77) is code page 936; 0x57 (87) means "the writer's ANSI code page", which says nothing.
std::optional<std::string> fromLanguageDriver(std::uint8_t ldid);

// Reads byte 29 of a .dbf; nullopt if the file cannot be read.
std::optional<std::uint8_t> readLanguageDriver(const std::string &dbfPath);

// Normalises a user-given name ("gbk", "cp936", "utf8") to an iconv name; error if unknown.
Result<std::string> normalise(std::string_view name);

}  // namespace encoding

// Converts text in one encoding to UTF-8 (RAII over an iconv descriptor). Not thread-safe.
class TextDecoder
{
public:
    static Result<TextDecoder> create(const std::string &encoding);
    TextDecoder(TextDecoder &&other) noexcept;
    TextDecoder &operator=(TextDecoder &&) = delete;
    ~TextDecoder();

    struct Decoded
    {
        std::string text;            // UTF-8
        bool truncatedTail = false;  // an incomplete character at the end was dropped
    };
    // UTF-8, or nullopt when the bytes are not valid in this encoding (never '?' substitutes).
    // An incomplete character at the very end (a DBF field cut mid-character by the program that
    // wrote it) is dropped and reported; invalid bytes anywhere else mean a wrong encoding.
    std::optional<Decoded> decode(std::string_view bytes);
    const std::string &encoding() const { return mEncoding; }
    bool isUtf8() const { return mIsUtf8; }

private:
    TextDecoder() = default;
    void *mDescriptor = nullptr;  // iconv_t
    std::string mEncoding;
    bool mIsUtf8 = false;
};

}  // namespace gengbao::core
