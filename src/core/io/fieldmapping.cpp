// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldmapping.h"

#include "../base/strings.h"

#include <cmath>
#include <cstdio>

namespace gengbao::core {

namespace {

struct FieldNames
{
    std::string_view standard;
    std::vector<std::string_view> aliases;  // tried in order after the standard name
};

// A DBF field name holds 10 bytes: 5 Chinese characters in GBK, so 坐落单位代码 arrives as
// 坐落单位代. The 5-character forms are aliases too.
const std::array<FieldNames, kStandardFieldCount> &fieldNames()
{
    static const std::array<FieldNames, kStandardFieldCount> names = {{
        {"BSM", {"标识码"}},
        {"TBYBH", {"图斑预编号"}},
        {"TBBH", {"图斑编号", "图斑号"}},
        {"DLBM", {"地类编码", "地类代码"}},
        {"DLMC", {"地类名称"}},
        {"ZLDWDM", {"坐落单位代码", "坐落单位代", "坐落代码", "村代码", "村级代码"}},
        {"ZLDWMC",
         {"坐落单位名称", "坐落单位名", "坐落名称", "村名", "村名称", "村居", "行政村", "村委会"}},
        {"QSDWDM", {"权属单位代码", "权属单位代"}},
        {"QSDWMC", {"权属单位名称", "权属单位名"}},
        {"TBMJ", {"图斑面积"}},
        {"KCXS", {"扣除地类系数", "扣除地类系", "扣除系数", "TKXS", "田坎系数", "HSHKCXS"}},
        {"GDLX", {"耕地类型"}},
        {"GDPDJB", {"耕地坡度级别", "耕地坡度级", "GDPDJ"}},
        {"PDJB", {"坡度级别", "坡度级", "坡度等级", "HSHPDJB"}},
        {"SLOPE", {"坡度", "坡度值", "PODU", "PDZ"}},
        {"ZZSXDM", {"种植属性代码", "种植属性代"}},
        {"BZ", {"备注"}},
    }};
    return names;
}

std::string textOf(const nlohmann::ordered_json &value)
{
    if (value.is_string())
        return std::string(trimmed(value.get_ref<const std::string &>()));
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    if (value.is_number_float()) {
        const double number = value.get<double>();
        char text[64];
        if (std::fabs(number) < 1e15 && number == std::floor(number))
            std::snprintf(text, sizeof text, "%.0f", number);
        else
            std::snprintf(text, sizeof text, "%.15g", number);
        return text;
    }
    return {};
}

int findField(const std::vector<std::string> &sourceNames, std::string_view wanted)
{
    const std::string upperWanted = toUpperAscii(wanted);
    for (std::size_t i = 0; i < sourceNames.size(); ++i) {
        if (toUpperAscii(trimmed(sourceNames[i])) == upperWanted)
            return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

std::string_view standardFieldName(StandardField field)
{
    return fieldNames()[static_cast<std::size_t>(field)].standard;
}

Result<FieldMapping> mapFields(const std::vector<std::string> &sourceNames,
                               const std::map<std::string, std::string> &overrides)
{
    FieldMapping mapping;
    mapping.sourceIndex.fill(-1);
    for (std::size_t f = 0; f < kStandardFieldCount; ++f) {
        const FieldNames &names = fieldNames()[f];
        int index = findField(sourceNames, names.standard);
        for (auto alias = names.aliases.begin(); index < 0 && alias != names.aliases.end(); ++alias)
            index = findField(sourceNames, *alias);
        mapping.sourceIndex[f] = index;
    }
    for (const auto &[standard, source] : overrides) {
        std::size_t f = 0;
        while (f < kStandardFieldCount && fieldNames()[f].standard != toUpperAscii(standard))
            ++f;
        if (f == kStandardFieldCount)
            return makeError(ErrorCode::InvalidArgument, {},
                             "'" + standard +
                                 "' is not a field Gengbao maps (e.g. BSM, TBMJ, ZLDWDM)");
        const int index = findField(sourceNames, source);
        if (index < 0)
            return makeError(ErrorCode::InvalidArgument, {},
                             "the file has no field '" + source + "'");
        mapping.sourceIndex[f] = index;
    }
    return mapping;
}

MappedValues mapValues(const nlohmann::ordered_json &attributes, const FieldMapping &mapping)
{
    // Field values by source index, once, rather than a linear search per standard field.
    std::vector<const nlohmann::ordered_json *> byIndex;
    byIndex.reserve(attributes.size());
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        byIndex.push_back(&it.value());
    MappedValues values;
    for (std::size_t f = 0; f < kStandardFieldCount; ++f) {
        const int index = mapping.sourceIndex[f];
        if (index >= 0 && static_cast<std::size_t>(index) < byIndex.size())
            values.text[f] = textOf(*byIndex[static_cast<std::size_t>(index)]);
    }
    return values;
}

}  // namespace gengbao::core
