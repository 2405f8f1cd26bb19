// SPDX-License-Identifier: GPL-3.0-or-later
#include "errortext.h"

#include <QCoreApplication>

namespace gengbao::report {

namespace {

QString leadFor(core::ErrorCode code)
{
    using core::ErrorCode;
    switch (code) {
    case ErrorCode::FileNotFound:
        return QCoreApplication::translate("ErrorText", "File not found");
    case ErrorCode::NotAFile:
        return QCoreApplication::translate("ErrorText", "Not a readable file");
    case ErrorCode::UnsupportedFormat:
        return QCoreApplication::translate("ErrorText", "Unsupported file type");
    case ErrorCode::NotReadableAs:
        return QCoreApplication::translate("ErrorText", "The file is not what its name says");
    case ErrorCode::MissingCompanion:
        return QCoreApplication::translate("ErrorText", "A part of the shapefile is missing");
    case ErrorCode::Damaged:
        return QCoreApplication::translate("ErrorText", "The file is damaged or truncated");
    case ErrorCode::NoSuchLayer:
        return QCoreApplication::translate("ErrorText", "No such layer");
    case ErrorCode::AmbiguousLayer:
        return QCoreApplication::translate("ErrorText", "Several layers: choose one");
    case ErrorCode::NotPolygonLayer:
        return QCoreApplication::translate("ErrorText", "Polygons expected");
    case ErrorCode::EmptyLayer:
        return QCoreApplication::translate("ErrorText", "The layer has no features");
    case ErrorCode::NoCrs:
        return QCoreApplication::translate("ErrorText", "No coordinate system");
    case ErrorCode::BadCrs:
        return QCoreApplication::translate("ErrorText", "Unusable coordinate system");
    case ErrorCode::UnknownEncoding:
        return QCoreApplication::translate("ErrorText", "Text encoding problem");
    case ErrorCode::ProjectExists:
        return QCoreApplication::translate("ErrorText", "The project file already exists");
    case ErrorCode::NotAProject:
        return QCoreApplication::translate("ErrorText", "Not a Gengbao project");
    case ErrorCode::NewerSchema:
        return QCoreApplication::translate("ErrorText", "Written by a newer Gengbao");
    case ErrorCode::Database:
        return QCoreApplication::translate("ErrorText", "Project file error");
    case ErrorCode::Cancelled:
        return QCoreApplication::translate("ErrorText", "Cancelled");
    case ErrorCode::Io:
        return QCoreApplication::translate("ErrorText", "Input/output error");
    case ErrorCode::InvalidArgument:
        return QCoreApplication::translate("ErrorText", "Invalid input");
    case ErrorCode::IsOpenProject:
        return QCoreApplication::translate(
            "ErrorText", "This is the open project file itself; choose the county's file");
    case ErrorCode::Busy:
        return QCoreApplication::translate(
            "ErrorText",
            "Another program is changing the project; wait until it has finished, then try again");
    case ErrorCode::DiskFull:
        return QCoreApplication::translate(
            "ErrorText", "The disk is full; nothing was changed. Free some space, then try again");
    case ErrorCode::ReadOnly:
        return QCoreApplication::translate(
            "ErrorText", "The project cannot be changed here: the file, its folder or its disk is "
                         "read-only. Copy it to a folder you can write to");
    case ErrorCode::FileMoved:
        return QCoreApplication::translate(
            "ErrorText", "The project file was deleted or replaced while it was open; nothing "
                         "was written");
    }
    return QCoreApplication::translate("ErrorText", "Error");
}

}  // namespace

QString errorText(const core::Error &error)
{
    QString text;
    if (!error.file.empty())
        text = QString::fromUtf8(error.file) + QStringLiteral(": ");
    text += leadFor(error.code);
    if (!error.detail.empty())
        text += QStringLiteral(" (") + QString::fromUtf8(error.detail) + QStringLiteral(")");
    return text;
}

}  // namespace gengbao::report
