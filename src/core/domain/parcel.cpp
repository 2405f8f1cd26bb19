// SPDX-License-Identifier: GPL-3.0-or-later
#include "parcel.h"

namespace gengbao::core {

std::string_view sourceName(ParcelSource source)
{
    return source == ParcelSource::Village ? "village" : "county";
}

std::optional<ParcelSource> parseSource(std::string_view name)
{
    if (name == "county")
        return ParcelSource::County;
    if (name == "village")
        return ParcelSource::Village;
    return std::nullopt;
}

}  // namespace gengbao::core
