// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace gengbao::core {

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string today()
{
    if (const char *fixed = std::getenv("GENGBAO_TODAY"); fixed && isIsoDate(fixed))
        return fixed;
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

bool isIsoDate(const std::string &text)
{
    int year = 0, month = 0, day = 0;
    char tail = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return year > 1900 && month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

std::string loginName()
{
    for (const char *variable : {"GENGBAO_USER", "USER", "LOGNAME", "USERNAME"}) {
        if (const char *value = std::getenv(variable); value && *value)
            return value;
    }
    return "unknown";
}

}  // namespace gengbao::core
