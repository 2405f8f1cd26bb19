// SPDX-License-Identifier: GPL-3.0-or-later
#include "errortext.h"

#include <QCoreApplication>

namespace gengbao::report {

namespace {

QString leadFor(core::ErrorCode code)
{
    using core::ErrorCode;
    const char *context = "ErrorText";
    switch (code) {
    case ErrorCode::FileNotFound:
        return QCoreApplication::translate(context, "File not found");
    case ErrorCode::NotAFile:
        return QCoreApplication::translate(context, "Not a readable file");
    case ErrorCode::UnsupportedFormat:
        return QCoreApplication::translate(context, "Unsupported file type");
    case ErrorCode::NotReadableAs:
        return QCoreApplication::translate(context, "The file is not what its name says");
    case ErrorCode::MissingCompanion:
        return QCoreApplication::translate(context, "A part of the shapefile is missing");
    case ErrorCode::Damaged:
        return QCoreApplication::translate(context, "The file is damaged or truncated");
    case ErrorCode::NoSuchLayer:
        return QCoreApplication::translate(context, "No such layer");
    case ErrorCode::AmbiguousLayer:
        return QCoreApplication::translate(context, "Several layers: choose one");
    case ErrorCode::NotPolygonLayer:
        return QCoreApplication::translate(context, "Parcels must be polygons");
    case ErrorCode::EmptyLayer:
        return QCoreApplication::translate(context, "The layer has no features");
    case ErrorCode::NoCrs:
        return QCoreApplication::translate(context, "No coordinate system");
    case ErrorCode::BadCrs:
        return QCoreApplication::translate(context, "Unusable coordinate system");
    case ErrorCode::UnknownEncoding:
        return QCoreApplication::translate(context, "Text encoding problem");
    case ErrorCode::ProjectExists:
        return QCoreApplication::translate(context, "The project file already exists");
    case ErrorCode::NotAProject:
        return QCoreApplication::translate(context, "Not a Gengbao project");
    case ErrorCode::NewerSchema:
        return QCoreApplication::translate(context, "Written by a newer Gengbao");
    case ErrorCode::Database:
        return QCoreApplication::translate(context, "Project file error");
    case ErrorCode::Cancelled:
        return QCoreApplication::translate(context, "Cancelled");
    case ErrorCode::Io:
        return QCoreApplication::translate(context, "Input/output error");
    case ErrorCode::InvalidArgument:
        return QCoreApplication::translate(context, "Invalid input");
    }
    return QCoreApplication::translate(context, "Error");
}

} // namespace

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

} // namespace gengbao::report
