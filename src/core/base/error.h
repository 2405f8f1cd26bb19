// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace gengbao::core {

// What went wrong, as a code the UI can translate (report::errorText) plus the English detail
// that the CLI prints. Core never translates and never prints.
enum class ErrorCode {
    InvalidArgument,
    FileNotFound,
    NotAFile,
    UnsupportedFormat,
    NotReadableAs,     // the file is not what its extension says
    MissingCompanion,  // e.g. a .shp without its .shx or .dbf
    Damaged,           // truncated or corrupt data met while reading
    NoSuchLayer,
    AmbiguousLayer,
    NotPolygonLayer,
    EmptyLayer,
    NoCrs,
    BadCrs,
    UnknownEncoding,
    ProjectExists,
    NotAProject,
    NewerSchema,
    Database,
    Cancelled,
    Io,
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string file;    // the file the problem is about; may be empty
    std::string detail;  // English, one line, says what is wrong
    std::int64_t fid = -1;

    // "FILE: detail" (with the feature when known): the one line the CLI prints.
    std::string message() const;
};

Error makeError(ErrorCode code, std::string file, std::string detail, std::int64_t fid = -1);

}  // namespace gengbao::core
