#include "jobkb/decimal.hpp"

#include "jobkb/error.hpp"
#include "jobkb/text.hpp"

namespace jobkb {
namespace {

constexpr std::int64_t kMantissaLimit = 1'000'000'000'000'000'000; // 10^kMaxDigits

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Why text is no plain decimal; empty when it is one. Sets the canonical parts.
std::string refusal(std::string_view text, std::int64_t& mantissa, int& scale) {
    if (text.empty()) {
        return "empty";
    }
    const auto point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    for (const std::string_view part : {whole, fraction}) {
        for (const char c : part) {
            if (!is_digit(c)) {
                return "not a plain decimal";
            }
        }
    }
    if (whole.empty() || (point != std::string_view::npos && fraction.empty())) {
        return "not a plain decimal";
    }
    while (!fraction.empty() && fraction.back() == '0') {
        fraction.remove_suffix(1);
    }
    if (fraction.size() > static_cast<std::size_t>(Decimal::kMaxScale)) {
        return "more than " + std::to_string(Decimal::kMaxScale) + " decimals";
    }
    std::int64_t value = 0;
    for (const std::string_view part : {whole, fraction}) {
        for (const char c : part) {
            if (value >= kMantissaLimit / 10) { // one more digit would reach 10^kMaxDigits
                return "more than " + std::to_string(Decimal::kMaxDigits) + " significant digits";
            }
            value = value * 10 + (c - '0');
        }
    }
    mantissa = value;
    scale = value == 0 ? 0 : static_cast<int>(fraction.size());
    return "";
}

} // namespace

Decimal Decimal::parse(std::string_view text, std::string_view what) {
    Decimal decimal;
    const std::string why = refusal(text, decimal.mantissa_, decimal.scale_);
    if (!why.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(what) + ": '" + detail::elided(text, 64) + "' is " + why +
                        " (expected digits with at most one decimal point, such as 96.0755)");
    }
    return decimal;
}

std::optional<Decimal> Decimal::try_parse(std::string_view text) noexcept {
    Decimal decimal;
    try {
        if (refusal(text, decimal.mantissa_, decimal.scale_).empty()) {
            return decimal;
        }
    } catch (...) { // only an allocation failure in the reason's text
    }
    return std::nullopt;
}

Decimal Decimal::from_parts(std::int64_t mantissa, int scale) {
    if (mantissa < 0 || mantissa >= kMantissaLimit || scale < 0 || scale > kMaxScale) {
        throw Error(ErrorCode::kInvalidArgument,
                    "decimal " + std::to_string(mantissa) + "e-" + std::to_string(scale) +
                        ": out of range (expected a mantissa of at most " +
                        std::to_string(kMaxDigits) + " digits and at most " +
                        std::to_string(kMaxScale) + " decimals)");
    }
    while (scale > 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
    Decimal decimal;
    decimal.mantissa_ = mantissa;
    decimal.scale_ = mantissa == 0 ? 0 : scale;
    return decimal;
}

std::string Decimal::to_string() const {
    std::string digits = std::to_string(mantissa_);
    if (scale_ == 0) {
        return digits;
    }
    const auto scale = static_cast<std::size_t>(scale_);
    if (digits.size() <= scale) {
        digits.insert(0, scale - digits.size() + 1, '0');
    }
    digits.insert(digits.size() - scale, 1, '.');
    return digits;
}

} // namespace jobkb
