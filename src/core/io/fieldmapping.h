// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gengbao::core {

// The 三调 DLTB fields Gengbao reads (domain.md §1.1), plus a numeric slope some county files
// carry.
enum class StandardField {
    BSM,
    TBYBH,
    TBBH,
    DLBM,
    DLMC,
    ZLDWDM,
    ZLDWMC,
    QSDWDM,
    QSDWMC,
    TBMJ,
    KCXS,
    GDLX,
    GDPDJB,
    PDJB,
    Slope,
    ZZSXDM,
    BZ,
    Count
};

inline constexpr std::size_t kStandardFieldCount = static_cast<std::size_t>(StandardField::Count);

// "BSM", "TBMJ", ..., "SLOPE": the names used in overrides and documentation.
std::string_view standardFieldName(StandardField field);

// Which source field feeds each standard field: the standard name in any case first, then
// common Chinese and county aliases (e.g. 图斑面积 -> TBMJ, TKXS -> KCXS), then the user's
// overrides ("TBMJ" -> "MJ"), which win. -1 where the source has no such field.
struct FieldMapping
{
    std::array<int, kStandardFieldCount> sourceIndex;
    int operator[](StandardField field) const
    {
        return sourceIndex[static_cast<std::size_t>(field)];
    }
};

// overrides: standard name (any case) -> source field name (exact, or any case). An override
// naming an unknown standard field or a field the file lacks is an error.
Result<FieldMapping> mapFields(const std::vector<std::string> &sourceNames,
                               const std::map<std::string, std::string> &overrides);

// The mapped fields of one feature as trimmed text ("" where absent); numbers written without
// exponent or trailing ".0" ("5002411112010000000", "2392.48").
struct MappedValues
{
    std::array<std::string, kStandardFieldCount> text;
    const std::string &operator[](StandardField field) const
    {
        return text[static_cast<std::size_t>(field)];
    }
};

// attributes: one feature's fields in source order, as the reader gives them.
MappedValues mapValues(const nlohmann::ordered_json &attributes, const FieldMapping &mapping);

}  // namespace gengbao::core
