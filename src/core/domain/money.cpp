// SPDX-License-Identifier: GPL-3.0-or-later
#include "money.h"

#include <array>
#include <cstdio>

namespace gengbao::core {

namespace {

constexpr std::array<const char *, 10> kDigits = {"零", "壹", "贰", "叁", "肆",
                                                  "伍", "陆", "柒", "捌", "玖"};
constexpr std::array<const char *, 4> kPlaces = {"", "拾", "佰", "仟"};
constexpr std::array<const char *, 4> kGroups = {"", "万", "亿", "万亿"};

// A group of four digits (1..9999): one 零 for zeros between digits, none at the end.
std::string groupText(int group)
{
    std::string text;
    bool zero = false;
    bool started = false;
    for (int place = 3; place >= 0; --place) {
        int divisor = 1;
        for (int i = 0; i < place; ++i)
            divisor *= 10;
        const int digit = group / divisor % 10;
        if (digit == 0) {
            zero = started;
            continue;
        }
        if (zero)
            text += kDigits[0];
        text += kDigits[std::size_t(digit)];
        text += kPlaces[std::size_t(place)];
        zero = false;
        started = true;
    }
    return text;
}

}  // namespace

std::int64_t amountFen(std::int64_t centiMu, std::int64_t fenPerMu)
{
    // centiMu × fenPerMu is in hundredths of a fen; half up to the fen.
    return (centiMu * fenPerMu + 50) / 100;
}

std::string formatYuan(std::int64_t fen)
{
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(fen / 100),
                  static_cast<long long>(fen % 100));
    return text;
}

std::string chineseCapitalAmount(std::int64_t fen)
{
    if (fen <= 0)
        return "零元整";
    const std::int64_t yuan = fen / 100;
    const int jiao = static_cast<int>(fen / 10 % 10);
    const int cents = static_cast<int>(fen % 10);
    std::string text;
    if (yuan > 0) {
        std::array<int, 4> groups{};
        std::int64_t rest = yuan;
        for (int &group : groups) {
            group = static_cast<int>(rest % 10000);
            rest /= 10000;
        }
        bool zeroPending = false;
        for (int i = 3; i >= 0; --i) {
            const int group = groups[std::size_t(i)];
            if (group == 0) {
                zeroPending = !text.empty();
                continue;
            }
            // A zero between groups: a skipped group, or a group under a thousand.
            if (!text.empty() && (zeroPending || group < 1000))
                text += kDigits[0];
            text += groupText(group);
            text += kGroups[std::size_t(i)];
            zeroPending = false;
        }
        text += "元";
    }
    if (jiao == 0 && cents == 0)
        return text + "整";
    if (jiao > 0) {
        text += kDigits[std::size_t(jiao)];
        text += "角";
    } else if (yuan > 0) {
        text += kDigits[0];  // 壹元零伍分
    }
    if (cents > 0) {
        text += kDigits[std::size_t(cents)];
        text += "分";
    } else {
        text += "整";
    }
    return text;
}

}  // namespace gengbao::core
