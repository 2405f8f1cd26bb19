// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// Who and when, for records: the run of a screening, a stage's date, an audit entry.
namespace gengbao::core {

// UTC, ISO 8601 with seconds: "2026-11-22T08:31:29Z".
std::string utcNow();
// The local calendar date, "2026-11-22" (the officer's today). GENGBAO_TODAY overrides it, for
// tests and for reports prepared ahead.
std::string today();
// Whether text is a calendar date YYYY-MM-DD.
bool isIsoDate(const std::string &text);
// The person at the keyboard: GENGBAO_USER, else the login name.
std::string loginName();

}  // namespace gengbao::core
