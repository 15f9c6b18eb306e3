// Decimal::parse and the exact conversion arithmetic. The first byte picks the minor units of the
// two currencies (low nibble: from, high nibble: to, each modulo 5); the rest is
// RATE_FROM|RATE_TO|AMOUNT (rates as published, base->currency; the amount in minor units).
// Whatever parses must print back canonically; a conversion either refuses (overflow, a zero
// rate) or lies within half a minor unit of the exact value, a tie going to the even neighbour.
#include "fuzz_support.hpp"

#include "jobkb/conversion/exact.hpp"
#include "jobkb/decimal.hpp"

#include <string>
#include <vector>

namespace {

using jobkb::Decimal;
using jobkb::detail::Int128;
using jobkb::detail::Rational;

std::vector<std::string_view> parts_of(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t bar; parts.size() < 2 && (bar = text.find('|', start)) != text.npos;) {
        parts.push_back(text.substr(start, bar - start));
        start = bar + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

// The text's number in canonical form, by string work alone: leading zeros before the point
// and trailing zeros after it dropped.
std::string canonical(std::string_view text) {
    std::string whole(text.substr(0, text.find('.')));
    std::string fraction(text.find('.') == text.npos ? "" : text.substr(text.find('.') + 1));
    while (whole.size() > 1 && whole[0] == '0') {
        whole.erase(0, 1);
    }
    while (!fraction.empty() && fraction.back() == '0') {
        fraction.pop_back();
    }
    return fraction.empty() ? whole : whole + "." + fraction;
}

void check_decimal(std::string_view text, std::string_view input) {
    const auto parsed = Decimal::try_parse(text);
    const auto refusal = jobkb::fuzz::refusal_of([&] { Decimal::parse(text); }, input);
    if (parsed.has_value() == refusal.has_value()) {
        jobkb::fuzz::fail("try_parse and parse disagree", input);
    }
    if (!parsed) {
        return;
    }
    const std::string printed = parsed->to_string();
    if (printed != canonical(text)) {
        jobkb::fuzz::fail("'" + std::string(text) + "' prints as " + printed, input);
    }
    if (Decimal::try_parse(printed) != parsed) {
        jobkb::fuzz::fail(printed + " does not read back as itself", input);
    }
}

// Whether the checked products fit; the bound check is skipped where they do not.
bool within_half(Int128 rounded, const Rational& exact) {
    Int128 twice_n = 0;
    Int128 twice_rd = 0;
    if (__builtin_mul_overflow(exact.numerator(), 2, &twice_n) ||
        __builtin_mul_overflow(rounded, exact.denominator(), &twice_rd) ||
        __builtin_mul_overflow(twice_rd, 2, &twice_rd)) {
        return true;
    }
    const Int128 distance = twice_n > twice_rd ? twice_n - twice_rd : twice_rd - twice_n;
    if (distance > exact.denominator()) {
        return false;
    }
    return distance < exact.denominator() || rounded % 2 == 0; // a tie goes to the even one
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const int from_unit = (data[0] & 0x0f) % 5;
    const int to_unit = (data[0] >> 4) % 5;
    const auto parts = parts_of(input.substr(1));
    for (const auto part : parts) {
        check_decimal(part, input);
    }
    if (parts.size() < 3) {
        return 0;
    }
    const auto from_rate = Decimal::try_parse(parts[0]);
    const auto to_rate = Decimal::try_parse(parts[1]);
    const auto amount = Decimal::try_parse(parts[2]);
    if (!from_rate || !to_rate || !amount || amount->scale() != 0) {
        return 0;
    }
    Rational exact;
    Int128 rounded = 0;
    const auto refusal = jobkb::fuzz::refusal_of(
        [&] {
            exact = (Rational(amount->mantissa(), 1) * Rational::of(*to_rate) /
                     Rational::of(*from_rate))
                        .scaled(to_unit - from_unit);
            rounded = exact.round_half_even();
            const Rational rate = Rational::of(*to_rate) / Rational::of(*from_rate);
            if (rate.to_significant(6).size() > 80 || rate.to_exact().empty()) {
                jobkb::fuzz::fail("a rate prints oddly", input);
            }
        },
        input);
    if (refusal) {
        if (refusal->code() != jobkb::ErrorCode::kInvalidArgument) {
            jobkb::fuzz::fail("refused with another code than kInvalidArgument", input);
        }
        return 0;
    }
    if (!within_half(rounded, exact)) {
        jobkb::fuzz::fail("the rounded amount " + jobkb::detail::to_string(rounded) +
                              " is not the nearest to " + exact.to_exact(),
                          input);
    }
    return 0;
}
