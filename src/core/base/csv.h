// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

// CSV as the exports write it (RFC 4180 quoting, UTF-8): one place for the quoting rules.
//
// Formula injection: Excel and WPS evaluate a cell that begins with = + - @ (WPS also the
// full-width ＝ ＋ － ＠), a tab or a carriage return, so a village name "=HYPERLINK(...)" in an
// export would run when an officer opens it. Every text cell that begins with one of these is
// written with one apostrophe before it, the usual neutralisation (OWASP); spreadsheets show the
// text as typed. Numbers are never touched: a difference of -12.50 stays a number. So that every
// text reads back verbatim, a text that is apostrophes followed by one of these characters gets
// one more apostrophe too, and restoredText() removes exactly one apostrophe where field() added
// it: restoredText(field(t)) == t for every t (before the RFC 4180 quoting, which the CSV reader
// undoes).
namespace gengbao::core::csv {

// A number as the shortest text that reads back as the same double (no rounding); never
// neutralised.
std::string numberText(double value);
// A number already formatted by the caller ("-12.50", "6858.00"): written as it is, never
// neutralised. Say so at the call, so that a reader sees which cells are text and which are not.
std::string number(std::string_view formatted);
// A text cell: neutralised (see above), then quoted when it holds a comma, a quote or a line
// break.
std::string field(std::string_view text);
// A JSON value as a cell: empty for null, true/false, numbers unrounded, a string as field(), a
// list as its items joined by ';' (a text cell).
std::string value(const nlohmann::ordered_json &value);

// Whether field() puts an apostrophe before text.
bool needsNeutralising(std::string_view text);
// A text cell as read from a CSV (already unquoted), without the apostrophe field() added.
std::string restoredText(std::string_view cell);

}  // namespace gengbao::core::csv
