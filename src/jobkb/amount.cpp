#include "jobkb/amount.hpp"

#include "jobkb/error.hpp"
#include "jobkb/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace jobkb {
namespace {

using detail::equals_ignoring_case;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces, including the no-break and thin spaces that word processors put in numbers.
std::string_view trim(std::string_view text) {
    constexpr std::array<std::string_view, 4> kSpaces = {" ", "\t", "\u00a0", "\u2009"};
    bool trimmed = true;
    while (trimmed) {
        trimmed = false;
        for (auto space : kSpaces) {
            if (text.starts_with(space)) {
                text.remove_prefix(space.size());
                trimmed = true;
            }
            if (text.ends_with(space)) {
                text.remove_suffix(space.size());
                trimmed = true;
            }
        }
    }
    return text;
}

// Currency signs and the currencies they can stand for.
struct Sign {
    std::string_view text;
    bool (*agrees)(const Currency&);
};

constexpr Sign kSigns[] = {
    {"₹", [](const Currency& c) { return c.code == "INR"; }},
    {"€", [](const Currency& c) { return c.code == "EUR"; }},
    {"£", [](const Currency& c) { return c.symbol == "£" || c.code == "GBP"; }},
    {"¥", [](const Currency& c) { return c.code == "JPY" || c.code == "CNY"; }},
    // Qualified dollars before the bare sign, which is every dollar's.
    {"US$", [](const Currency& c) { return c.code == "USD"; }},
    {"CA$", [](const Currency& c) { return c.code == "CAD"; }},
    {"NZ$", [](const Currency& c) { return c.code == "NZD"; }},
    {"HK$", [](const Currency& c) { return c.code == "HKD"; }},
    {"MX$", [](const Currency& c) { return c.code == "MXN"; }},
    {"NT$", [](const Currency& c) { return c.code == "TWD"; }},
    {"A$", [](const Currency& c) { return c.code == "AUD"; }},
    {"S$", [](const Currency& c) { return c.code == "SGD"; }},
    {"R$", [](const Currency& c) { return c.code == "BRL"; }},
    {"$", [](const Currency& c) { return c.symbol.find('$') != std::string::npos; }},
    {"Rs.", [](const Currency& c) { return c.code == "INR"; }},
    {"Rs",
     [](const Currency& c) {
         return c.code == "INR" || c.code == "PKR" || c.code == "NPR" || c.code == "LKR";
     }},
};

// Multipliers written after the number, as powers of ten.
struct Shorthand {
    std::string_view word;
    int power;
    bool per_year;
    bool indian; // lakh and crore: only for currencies written in Indian digit groups
};

constexpr std::array<Shorthand, 9> kShorthands = {{
    {"lpa", 5, true, true},
    {"lakhs", 5, false, true},
    {"lakh", 5, false, true},
    {"lacs", 5, false, true},
    {"lac", 5, false, true},
    {"crores", 7, false, true},
    {"crore", 7, false, true},
    {"cr", 7, false, true},
    {"k", 3, false, false},
}};

[[noreturn]] void reject(std::string_view text, const std::string& why) {
    throw Error(ErrorCode::kInvalidArgument, "'" + std::string(text) + "' " + why);
}

// The text without `marker` at its start or end (letters compared without case), or nullopt.
std::optional<std::string_view> without(std::string_view text, std::string_view marker) {
    if (text.size() > marker.size()) {
        if (equals_ignoring_case(text.substr(0, marker.size()), marker)) {
            return trim(text.substr(marker.size()));
        }
        if (equals_ignoring_case(text.substr(text.size() - marker.size()), marker)) {
            return trim(text.substr(0, text.size() - marker.size()));
        }
    }
    return std::nullopt;
}

bool is_currency_code(std::string_view part) {
    return part.size() == 3 &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Removes a leading or trailing currency symbol, sign or code, checking that it agrees.
std::string_view strip_currency(std::string_view original, std::string_view rest,
                                const Currency& currency) {
    for (std::string_view own :
         {std::string_view(currency.symbol), std::string_view(currency.code)}) {
        if (!own.empty()) {
            if (auto stripped = without(rest, own)) {
                return *stripped;
            }
        }
    }
    for (const auto& sign : kSigns) {
        if (auto stripped = without(rest, sign.text)) {
            if (!sign.agrees(currency)) {
                reject(original, "has the sign " + std::string(sign.text) +
                                     ", which does not agree with the currency " + currency.code +
                                     " (expected " +
                                     (currency.symbol.empty() ? currency.code : currency.symbol) +
                                     " or no sign)");
            }
            return *stripped;
        }
    }
    return rest;
}

// "10,88,060" or "1,088,060" -> "1088060"; rejects commas not at group boundaries.
std::string ungroup(std::string_view original, std::string_view whole) {
    if (whole.find(',') == std::string_view::npos) {
        return std::string(whole);
    }
    std::vector<std::size_t> sizes;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = whole.find(',', start);
        sizes.push_back((comma == std::string_view::npos ? whole.size() : comma) - start);
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    const auto middle_all = [&](std::size_t size) {
        return std::all_of(sizes.begin() + 1, sizes.end() - 1,
                           [size](std::size_t s) { return s == size; });
    };
    const std::size_t first = sizes.front();
    const bool western = first >= 1 && first <= 3 && sizes.back() == 3 && middle_all(3);
    const bool indian = first >= 1 && first <= 2 && sizes.back() == 3 && middle_all(2);
    if (!western && !indian) {
        reject(original, "has irregular digit groups (expected 1,234,567 or 12,34,567; a decimal "
                         "comma is not accepted, write 1234.50)");
    }
    std::string digits(whole);
    std::erase(digits, ',');
    return digits;
}

} // namespace

ParsedAmount parse_amount(std::string_view text, const Currency& currency, int scale_power) {
    std::string_view rest = trim(text);
    if (rest.empty()) {
        reject(text, "is empty (expected an amount such as 1088060, 10,88,060 or 12 LPA)");
    }
    if (rest.front() == '-' || rest.front() == '(') {
        reject(text, "is negative (expected a positive amount)");
    }
    rest = strip_currency(text, rest, currency);

    ParsedAmount parsed;
    int power = 0;
    for (const auto& shorthand : kShorthands) {
        if (rest.size() > shorthand.word.size() &&
            equals_ignoring_case(rest.substr(rest.size() - shorthand.word.size()),
                                 shorthand.word) &&
            is_digit(trim(rest.substr(0, rest.size() - shorthand.word.size())).back())) {
            if (shorthand.indian && currency.grouping != DigitGrouping::kIndian) {
                reject(text, "uses " + std::string(shorthand.word) + ", an Indian unit, for " +
                                 currency.code + " (expected a plain amount, or k for thousands)");
            }
            rest = trim(rest.substr(0, rest.size() - shorthand.word.size()));
            power = shorthand.power;
            if (shorthand.per_year) {
                parsed.implied_period = "year";
            }
            break;
        }
    }
    if (rest.size() > 3 &&
        (is_currency_code(rest.substr(0, 3)) || is_currency_code(rest.substr(rest.size() - 3)))) {
        reject(text, "names another currency than " + currency.code + " (expected " +
                         currency.code + " or no currency)");
    }
    if (rest.empty() || !is_digit(rest.front())) {
        reject(text, "is not a number (expected digits, optionally grouped, with a currency sign "
                     "or a shorthand such as 12 LPA, 10.5 lakh, 1.2 crore or 150k)");
    }
    const std::size_t point = rest.find('.');
    if (point != std::string_view::npos &&
        rest.find_first_of(",.", point + 1) != std::string_view::npos) {
        reject(text, "is ambiguous: separators after the decimal point (expected 1,234.50)");
    }
    const std::string whole = ungroup(text, rest.substr(0, point));
    const std::string fraction =
        point == std::string_view::npos ? "" : std::string(rest.substr(point + 1));
    const auto all_digits = [](const std::string& part) {
        return std::all_of(part.begin(), part.end(), is_digit);
    };
    if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
        (point != std::string_view::npos && fraction.empty())) {
        reject(text, "is not a number (expected digits such as 1088060 or 1088060.50)");
    }
    // Without a shorthand, more decimals than the currency has is a guess waiting to happen:
    // "1.000" may be one dollar or a thousand written the European way.
    if (power == 0 && scale_power == 0 &&
        fraction.size() > static_cast<std::size_t>(currency.minor_unit)) {
        reject(text, "has more decimals than " + currency.code + " has (expected at most " +
                         std::to_string(currency.minor_unit) +
                         "; for thousands write 1,000 or 1000)");
    }
    // amount_minor = digits * 10^(power + scale + minor_unit - decimals), exactly.
    std::string digits = whole + fraction;
    int exponent = power + std::clamp(scale_power, 0, 18) + currency.minor_unit -
                   static_cast<int>(fraction.size());
    while (exponent < 0) {
        if (digits.back() != '0') {
            reject(text,
                   "is more precise than " + currency.code + "'s minor unit (expected at most " +
                       std::to_string(currency.minor_unit) + " decimal(s) after any shorthand)");
        }
        digits.pop_back();
        ++exponent;
    }
    digits.append(static_cast<std::size_t>(exponent), '0');
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    const std::string limit = std::to_string(kMaxAmountMinor);
    if (digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit)) {
        reject(text, "is out of range (expected at most " + std::to_string(kMaxAmountMinor) +
                         " in minor units)");
    }
    if (digits.empty()) {
        reject(text, "is zero (expected a positive amount)");
    }
    parsed.amount_minor = std::stoll(digits);
    return parsed;
}

std::optional<std::pair<std::string, std::string>> split_amount_range(std::string_view text) {
    const std::string_view rest = trim(text);
    // The separator: the first '-' or en dash after a digit or shorthand letter (so "-5" and
    // "(5)" stay single amounts for parse_amount to refuse).
    std::size_t at = std::string_view::npos;
    std::size_t width = 0;
    for (std::size_t i = 1; i < rest.size(); ++i) {
        if (rest[i] == '-') {
            at = i;
            width = 1;
            break;
        }
        if (rest.substr(i).starts_with("\u2013")) {
            at = i;
            width = std::string_view("\u2013").size();
            break;
        }
    }
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view low = trim(rest.substr(0, at));
    const std::string_view high = trim(rest.substr(at + width));
    // An end without a digit ("$-5") makes no range: the text is one (bad) amount.
    const auto has_digit = [](std::string_view end) {
        return std::any_of(end.begin(), end.end(), is_digit);
    };
    if (!has_digit(low) || !has_digit(high)) {
        return std::nullopt;
    }
    std::string low_text(low);
    if (is_digit(low.back())) {
        for (const auto& shorthand : kShorthands) {
            if (high.size() > shorthand.word.size() &&
                equals_ignoring_case(high.substr(high.size() - shorthand.word.size()),
                                     shorthand.word) &&
                is_digit(trim(high.substr(0, high.size() - shorthand.word.size())).back())) {
                low_text += " " + std::string(high.substr(high.size() - shorthand.word.size()));
                break;
            }
        }
    }
    return std::pair{low_text, std::string(high)};
}

} // namespace jobkb
