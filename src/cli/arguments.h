// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gengbao::cli {

// A usage mistake: printed with the command's usage line, exit status 2.
struct UsageError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// Positional arguments and --options of one subcommand. Options that take a value are declared,
// so "--note -x" works and a missing value is a UsageError. Repeated options are kept in order.
class Arguments
{
public:
    Arguments(const std::vector<std::string> &args, const std::vector<std::string> &valueOptions,
              const std::vector<std::string> &flagOptions);

    const std::vector<std::string> &positional() const { return mPositional; }
    std::optional<std::string> value(const std::string &option) const;
    std::vector<std::string> values(const std::string &option) const;
    bool flag(const std::string &option) const;
    // The positional argument at index, or a UsageError naming what is missing.
    const std::string &required(std::size_t index, const char *what) const;
    void expectPositionalCount(std::size_t count) const;

private:
    std::vector<std::string> mPositional;
    std::multimap<std::string, std::string> mValues;
    std::vector<std::string> mFlags;
};

// Parses "EPSG:4545" or "4545" (digits only: no sign, blank or hex).
std::optional<int> parseEpsg(const std::string &text);

// The values of options and arguments an officer types, read strictly (no sign, blank,
// exponent, hex, inf or nan: core/base/strings.h), or a UsageError that names the option and
// says what it takes. what names the option or argument ("--floor", "MU").
// An area in mu with at most 2 decimals, 0 to kMaxAreaMu, in 0.01 mu.
std::int64_t centiMuValue(const std::string &what, const std::string &text);
// A whole number from 1 up; expected says what it is ("a run number (see gengbao-cli runs)").
std::int64_t positiveIntegerValue(const std::string &what, const std::string &text,
                                  const std::string &expected);
// A non-negative decimal such as 25 or 0.5.
double decimalValue(const std::string &what, const std::string &text, const std::string &expected);
// A date given as YYYY-MM-DD that is a real calendar day. An empty --date is refused, not read
// as today: only leaving the option out means today.
std::string dateValue(const std::string &what, const std::string &text);

// FILE or FILE:LAYER. A path that exists as typed is a file, whatever colons it holds.
struct FileAndLayer
{
    std::string path;
    std::optional<std::string> layer;
};
FileAndLayer splitFileAndLayer(const std::string &text);

}  // namespace gengbao::cli
