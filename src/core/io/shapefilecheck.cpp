// SPDX-License-Identifier: GPL-3.0-or-later
#include "shapefilecheck.h"

#include "../base/strings.h"

#include <array>
#include <cstdint>
#include <fstream>

namespace gengbao::core::shapefile {

namespace fs = std::filesystem;

namespace {

std::optional<std::array<unsigned char, 100>> readHeader(const fs::path &path, std::size_t size)
{
    std::array<unsigned char, 100> header{};
    std::ifstream file(path, std::ios::binary);
    if (!file.read(reinterpret_cast<char *>(header.data()), static_cast<std::streamsize>(size)))
        return std::nullopt;
    return header;
}

std::uint32_t bigEndian32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

std::uint32_t littleEndian32(const unsigned char *p)
{
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
}

std::uint16_t littleEndian16(const unsigned char *p)
{
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

// .shp and .shx share a 100-byte header whose bytes 24-27 hold the file length in 16-bit words.
Status checkShapeHeader(const fs::path &path, const std::string &shpPath)
{
    const auto size = fs::file_size(path);
    const auto header = readHeader(path, 100);
    if (!header || bigEndian32(header->data()) != 9994) {
        return makeError(ErrorCode::Damaged, shpPath,
                         path.filename().string() + " is not a shapefile (bad header)");
    }
    const std::uint64_t declared = std::uint64_t(bigEndian32(header->data() + 24)) * 2;
    if (size < declared) {
        return makeError(ErrorCode::Damaged, shpPath,
                         path.filename().string() + " is truncated (" + std::to_string(size) +
                             " bytes; its header says " + std::to_string(declared) + ")");
    }
    return Status::success();
}

}  // namespace

std::optional<fs::path> companionPath(const std::string &shpPath, const char *extension)
{
    const fs::path shp(shpPath);
    const std::string wanted = toUpperAscii(extension);
    std::error_code ec;
    fs::path candidate = shp;
    candidate.replace_extension(extension);
    if (fs::exists(candidate, ec))
        return candidate;
    candidate.replace_extension(wanted);
    if (fs::exists(candidate, ec))
        return candidate;
    // Mixed case (X.Dbf): scan the folder.
    const fs::path folder = shp.has_parent_path() ? shp.parent_path() : fs::path(".");
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        if (entry.path().stem() == shp.stem() &&
            toUpperAscii(entry.path().extension().string()) == wanted)
            return entry.path();
    }
    return std::nullopt;
}

Status checkFiles(const std::string &shpPath)
{
    const auto shx = companionPath(shpPath, ".shx");
    const auto dbf = companionPath(shpPath, ".dbf");
    const std::string stem = fs::path(shpPath).stem().string();
    for (const auto &[found, extension] : {std::pair{shx, ".shx"}, std::pair{dbf, ".dbf"}}) {
        if (!found) {
            return makeError(ErrorCode::MissingCompanion, shpPath,
                             "its companion file " + stem + extension +
                                 " is missing; a shapefile needs its .shp, .shx and .dbf together");
        }
    }
    GENGBAO_TRY(checkShapeHeader(fs::path(shpPath), shpPath));
    GENGBAO_TRY(checkShapeHeader(*shx, shpPath));

    const auto dbfSize = fs::file_size(*dbf);
    const auto dbfHeader = readHeader(*dbf, 32);
    if (!dbfHeader)
        return makeError(ErrorCode::Damaged, shpPath,
                         dbf->filename().string() + " is truncated (no header)");
    const std::uint64_t records = littleEndian32(dbfHeader->data() + 4);
    const std::uint64_t headerLength = littleEndian16(dbfHeader->data() + 8);
    const std::uint64_t recordLength = littleEndian16(dbfHeader->data() + 10);
    const std::uint64_t expected = headerLength + records * recordLength;
    if (dbfSize < expected) {
        return makeError(ErrorCode::Damaged, shpPath,
                         dbf->filename().string() + " is truncated (" + std::to_string(dbfSize) +
                             " bytes; its header says " + std::to_string(expected) + ")");
    }
    const std::uint64_t shxRecords = (fs::file_size(*shx) - 100) / 8;
    if (shxRecords != records) {
        return makeError(ErrorCode::Damaged, shpPath,
                         "its .shx lists " + std::to_string(shxRecords) + " shapes but its .dbf " +
                             std::to_string(records) +
                             " records; the files do not belong together");
    }
    return Status::success();
}

}  // namespace gengbao::core::shapefile
