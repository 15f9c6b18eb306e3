// parse_amount: the first byte picks the currency (its low five bits index kCurrencies, so '@'
// is INR, 'A' USD, 'B' GBP, ...), the rest is the amount as written.
#include "fuzz_support.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/money.hpp"

#include <array>

namespace {

using jobkb::Currency;
using jobkb::DigitGrouping;

constexpr auto kIndian = DigitGrouping::kIndian;
constexpr auto kWestern = DigitGrouping::kWestern;

// As seed/reference/currencies.tsv has them: every kind of symbol there (signs, letters, prefixed
// dollars, one with a space), no symbol, and minor units from 0 to 4. The last four are invented
// to reach what the parser allows but the seed does not use: Indian grouping for other
// currencies (with and without a minor unit) and a dollar sign with three decimals.
const std::array<Currency, 32> kCurrencies = {{
    {"INR", "₹", 2, kIndian},     {"USD", "$", 2, kWestern},     {"GBP", "£", 2, kWestern},
    {"EUR", "€", 2, kWestern},    {"JPY", "¥", 0, kWestern},     {"CNY", "CN¥", 2, kWestern},
    {"CAD", "CA$", 2, kWestern},  {"AUD", "A$", 2, kWestern},    {"HKD", "HK$", 2, kWestern},
    {"MXN", "MX$", 2, kWestern},  {"NZD", "NZ$", 2, kWestern},   {"TWD", "NT$", 2, kWestern},
    {"BRL", "R$", 2, kWestern},   {"XCD", "EC$", 2, kWestern},   {"KRW", "₩", 0, kWestern},
    {"ILS", "₪", 2, kWestern},    {"VND", "₫", 0, kWestern},     {"PHP", "₱", 2, kWestern},
    {"XAF", "FCFA", 0, kWestern}, {"XOF", "F CFA", 0, kWestern}, {"XPF", "CFPF", 0, kWestern},
    {"KWD", "", 3, kWestern},     {"CLF", "", 4, kWestern},      {"CHF", "", 2, kWestern},
    {"PKR", "", 2, kWestern},     {"LKR", "", 2, kWestern},      {"BIF", "", 0, kWestern},
    {"SGD", "", 2, kWestern},     {"NPR", "Rs", 2, kIndian},     {"XTS", "", 0, kIndian},
    {"BDT", "৳", 2, kIndian},     {"ZZD", "Z$", 3, kWestern},
}};

// Whatever jobkb writes for an amount, it reads back as the same amount.
void expect_round_trip(const std::string& written, std::int64_t amount, const Currency& currency,
                       std::string_view input) {
    std::int64_t reread = 0;
    const auto refusal = jobkb::fuzz::refusal_of(
        [&] {
            const auto parsed = jobkb::parse_amount(written, currency);
            if (parsed.implied_period) {
                jobkb::fuzz::fail("'" + written + "' reads with an implied period", input);
            }
            reread = parsed.amount_minor;
        },
        input);
    if (refusal) {
        jobkb::fuzz::fail("'" + written + "', written by jobkb for " + currency.code +
                              ", is refused: " + refusal->what(),
                          input);
    }
    if (reread != amount) {
        jobkb::fuzz::fail("'" + written + "' reads back as " + std::to_string(reread) + ", not " +
                              std::to_string(amount),
                          input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Currency& currency = kCurrencies[data[0] % kCurrencies.size()];
    const std::string_view text = input.substr(1);

    jobkb::ParsedAmount parsed;
    const auto refusal =
        jobkb::fuzz::refusal_of([&] { parsed = jobkb::parse_amount(text, currency); }, input);
    if (refusal) {
        if (refusal->code() != jobkb::ErrorCode::kInvalidArgument) {
            jobkb::fuzz::fail("refused with another code than kInvalidArgument", input);
        }
        // The message quotes the text, and what() ends at a NUL byte in it.
        if (text.find('\0') == std::string_view::npos &&
            std::string_view(refusal->what()).find("expected") == std::string_view::npos) {
            jobkb::fuzz::fail(std::string("the refusal does not say what was expected: ") +
                                  refusal->what(),
                              input);
        }
        return 0;
    }
    if (parsed.amount_minor <= 0 || parsed.amount_minor > jobkb::kMaxAmountMinor) {
        jobkb::fuzz::fail("accepted " + std::to_string(parsed.amount_minor) +
                              ", outside 1..kMaxAmountMinor",
                          input);
    }
    if (parsed.implied_period && *parsed.implied_period != "year") {
        jobkb::fuzz::fail("implied the period " + *parsed.implied_period, input);
    }
    expect_round_trip(jobkb::format_amount(parsed.amount_minor, currency), parsed.amount_minor,
                      currency, input);
    expect_round_trip(jobkb::format_money(parsed.amount_minor, currency), parsed.amount_minor,
                      currency, input);
    return 0;
}
