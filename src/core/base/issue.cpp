// SPDX-License-Identifier: GPL-3.0-or-later
#include "issue.h"

namespace gengbao::core {

const char *severityName(Issue::Severity severity)
{
    switch (severity) {
    case Issue::Severity::Info:
        return "info";
    case Issue::Severity::Warning:
        return "warning";
    case Issue::Severity::Error:
        return "error";
    }
    return "warning";
}

}  // namespace gengbao::core
