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
    IsOpenProject,  // a project this process has open, offered as a file to read
    Busy,           // another program holds the project's write lock
    DiskFull,
    ReadOnly,   // the file, its folder or its disk cannot be written
    FileMoved,  // the open project file was deleted or replaced under its name
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

// A file that could not be written, from the errno of the failed call: a full disk or quota is
// DiskFull, a read-only disk or a folder without write permission is ReadOnly, anything else Io
// with the system's words. Nothing was written (the caller removes its partial file).
Error writeError(std::string file, int errnoValue);

}  // namespace gengbao::core
