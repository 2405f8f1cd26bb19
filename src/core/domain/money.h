// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

// Money in integer fen (分), as payment documents count it (architecture.md "Areas and money").
namespace gengbao::core {

// The amount for an area at a rate: centiMu (0.01 mu, the printed area) × fenPerMu / 100, rounded
// half up to the fen. Areas and rates are never negative.
std::int64_t amountFen(std::int64_t centiMu, std::int64_t fenPerMu);

// "123456.78"
std::string formatYuan(std::int64_t fen);

// The amount in Chinese capital numerals (大写) as payment documents require, by the rules of
// 《会计基础工作规范》: 壹拾贰万叁仟肆佰伍拾陆元柒角捌分; "整" after 元 or 角 when there are no
// fen; one 零 for any run of zeros inside the number and at a 万 or 亿 boundary (壹亿零壹元整,
// 壹佰万零壹佰元整); 零元整 for nothing.
std::string chineseCapitalAmount(std::int64_t fen);

}  // namespace gengbao::core
