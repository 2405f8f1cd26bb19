// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/error.h>

#include <QString>

namespace gengbao::report {

// The one-line, translated message for an error, naming the file: "FILE: <what>".
// Core carries codes and English details; this picks the translated lead for the code.
QString errorText(const core::Error &error);

}  // namespace gengbao::report
