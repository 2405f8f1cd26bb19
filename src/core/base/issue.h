// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace gengbao::core {

// A problem met with one feature that did not stop the operation (Tiled's Issue): the UI lists
// these and jumps to the parcel. parcelId is empty when the feature was not imported.
struct Issue
{
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Warning;
    std::string code;  // stable machine-readable kind: "repaired", "rejected_geometry", ...
    std::int64_t sourceFid = -1;
    std::string parcelId;
    std::string detail;  // English, one line
};

const char *severityName(Issue::Severity severity);

}  // namespace gengbao::core
