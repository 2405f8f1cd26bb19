// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

// Parses "EPSG:4545" or "4545".
std::optional<int> parseEpsg(const std::string &text);

// FILE or FILE:LAYER. A path that exists as typed is a file, whatever colons it holds.
struct FileAndLayer
{
    std::string path;
    std::optional<std::string> layer;
};
FileAndLayer splitFileAndLayer(const std::string &text);

}  // namespace gengbao::cli
