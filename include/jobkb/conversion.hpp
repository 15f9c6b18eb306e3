#pragma once

#include "jobkb/catalog.hpp"
#include "jobkb/database.hpp"
#include "jobkb/money.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The code jobkb shows for international dollars, the unit of purchasing-power-adjusted
/// figures: what a US dollar buys in the United States. Not an ISO 4217 code.
inline constexpr std::string_view kInternationalDollarCode = "Int$";

/// The international dollar as a Currency, for formatting ("Int$52,638.62"): code and symbol
/// "Int$", two decimals, Western grouping. Machine-readable output should label it as a unit,
/// not as an ISO currency code.
Currency international_dollar();

/// How conversions choose their rates and factors (the rules are in the README, "Comparing
/// across currencies").
struct ConversionOptions {
    /// YYYY-MM-DD: convert every figure at this day's rate (or the last day before it with a
    /// rate) instead of at its own date or period; PPP factors are then of this day's year.
    std::optional<std::string> rate_on;
    /// How far back a day's rate may be: the rate of the day itself, else of the last day before
    /// it with a rate, at most this many days earlier. A month's or year's average accepts no
    /// longer stretch without a rate either. 0..366.
    int max_days_back = 7;
    /// How many years before the figure's year a PPP factor may be, when the year itself has
    /// none. 0..100.
    int max_ppp_years_back = 3;
    /// The source of exchange rates (its title or slug); nullopt: every source with rates, in the
    /// order the sources were added, the first that has a rate within the window.
    std::optional<std::string> rate_source;
    /// The source of PPP factors (title or slug); nullopt: as for rate_source.
    std::optional<std::string> ppp_source;
};

/// The span of time a rate covers.
enum class RateSpan {
    kDay,   ///< one day's published rate
    kMonth, ///< the average over the days of a calendar month with a rate
    kYear,  ///< the average over the days of a calendar year with a rate
};

/// "day", "month" or "year".
std::string_view to_string(RateSpan span);

/// The exchange rate a conversion used, with where it comes from.
struct AppliedRate {
    std::string from; ///< ISO 4217 code of the currency converted from
    std::string to;   ///< ISO 4217 code of the currency converted to
    /// The base of the source's rates that the rate goes through (EUR for the ECB): equal to
    /// `from` or `to` when the source has the pair itself.
    std::string base;
    bool cross = false;             ///< neither currency is the base: base→to ÷ base→from
    RateSpan span = RateSpan::kDay; ///< one day's rate, or a month's or year's average
    std::string
        applies_to; ///< the day of the rate (YYYY-MM-DD) or the period averaged (YYYY-MM, YYYY)
    std::string first_day; ///< the first day of the rates used (the day itself for a day's rate)
    std::string last_day;  ///< the last day of the rates used
    std::int64_t days = 1; ///< how many days' rates the average took (1 for a day's rate)
    /// Units of `to` per unit of `from`, rounded half to even to 6 significant digits for display
    /// ("1.32736"); the conversion itself uses exact_rate.
    std::string rate;
    /// The exact rate: decimal text when it ends ("0.8477"), else a reduced fraction
    /// ("11252/8477").
    std::string exact_rate;
    std::string source;         ///< the source's title
    std::int64_t source_id = 0; ///< the source's id (sources.id)
};

/// Why a figure stays unconverted. Never a guessed rate instead.
enum class NoConversion {
    kNone,             ///< it was converted
    kNoRates,          ///< no source has rates between the two currencies
    kNoRateInWindow,   ///< no rate on the day or in the days allowed before it
    kPeriodNotCovered, ///< the rates leave a stretch of the month or year to average uncovered
    kNoPppFactor,      ///< no PPP factor for the country in the year or the years allowed before
    kTooLarge,         ///< the exact result does not fit an amount
};

/// "none", "no-rates", "no-rate-in-window", "period-not-covered", "no-ppp-factor", "too-large".
std::string_view to_string(NoConversion reason);

/// An amount in another currency, or why it is not.
struct CurrencyConversion {
    /// In `currency`'s minor unit, rounded half to even from the exact product of the amount and
    /// the rate; nullopt when not converted.
    std::optional<std::int64_t> amount_minor;
    Currency currency; ///< the currency converted to
    /// The rate used; nullopt when not converted, and when the amount already was in `currency`.
    std::optional<AppliedRate> rate;
    NoConversion reason = NoConversion::kNone; ///< kNone when converted
    /// Why not converted, in the library's words ("no USD/INR rate of ECB within 7 days up to
    /// 2026-04-06: its INR rates end on 2025-05-09"); empty when converted.
    std::string note;

    /// Whether amount_minor holds the converted amount.
    bool converted() const noexcept { return amount_minor.has_value(); }
};

/// The PPP factor a conversion to international dollars used.
struct AppliedFactor {
    std::string country_code; ///< ISO 3166-1 alpha-2
    int year = 0;         ///< the factor's year: the figure's, or up to max_ppp_years_back before
    std::string factor;   ///< as stored: units of `currency` per international dollar
    std::string currency; ///< ISO code of the local currency the factor counts
    std::string source;   ///< the source's title
    std::int64_t source_id = 0; ///< the source's id (sources.id)
};

/// An amount in international dollars, or why it is not.
struct PppConversion {
    /// International dollars in cents (two decimals, see international_dollar()), rounded half to
    /// even from the exact quotient of the local amount and the factor; nullopt when not converted.
    std::optional<std::int64_t> amount_minor;
    /// The factor used; nullopt when there is none within the window.
    std::optional<AppliedFactor> factor;
    /// Set when the figure's currency is not the one the factor counts (a USD salary in India):
    /// the amount converted to that currency first, rounded at its minor unit, which the factor
    /// then divides. When this conversion failed, so did the PPP conversion.
    std::optional<CurrencyConversion> local;
    NoConversion reason = NoConversion::kNone; ///< kNone when converted
    std::string note; ///< why not converted, in the library's words; empty when converted

    /// Whether amount_minor holds the converted amount.
    bool converted() const noexcept { return amount_minor.has_value(); }
};

/// Converts amounts between currencies and into international dollars, exactly, with the rates
/// and factors of the knowledge base. Which rate applies: for a dated figure the rate of that day
/// or the last day before it with a rate, at most max_days_back earlier; for a year-month or a
/// year the average over that month or year, when its rates leave no stretch longer than
/// max_days_back uncovered; rate_on overrides the figure's date. Cross rates go through the
/// source's base (EUR for the ECB), both legs of the same source and day(s). An average rate is
/// the sum of the base→to rates over the sum of the base→from rates on the days both have one
/// (the ratio of the two average rates). Nothing goes through floating point: the amount in minor
/// units times the rate as an exact rational, rounded once, half to even, at the target's minor
/// unit.
///
/// One converter per Database, used by one thread. It keeps what it has looked up (a bounded
/// cache), so converting thousands of figures of a few currencies and dates runs a few queries;
/// it sees the rates as they were when it first read them: make a new one after importing rates.
class CurrencyConverter {
public:
    /// Checks the options; reads only the sources they name. Throws Error(kInvalidArgument) for a
    /// rate_on that is not a date or a window outside its range, Error(kNotFound) for a named
    /// source that does not exist or has no rates (factors), and Error for a database failure.
    explicit CurrencyConverter(Database& database, ConversionOptions options = {});
    ~CurrencyConverter();
    CurrencyConverter(const CurrencyConverter&) = delete;
    CurrencyConverter& operator=(const CurrencyConverter&) = delete;

    /// The options it was made with.
    const ConversionOptions& options() const noexcept;

    /// The currency an ISO 4217 code names (any letter case). Throws Error(kNotFound) for a code
    /// the base does not know.
    Currency currency(std::string_view code);

    /// `amount_minor` of currency `from`, for a figure of `as_of` (YYYY-MM-DD, YYYY-MM or YYYY),
    /// in currency `to`. Not converted (with the reason) when no rate applies. Throws
    /// Error(kNotFound) for an unknown currency, Error(kInvalidArgument) for a negative amount or
    /// an as_of of another shape, and Error for a database failure.
    CurrencyConversion convert(std::int64_t amount_minor, std::string_view from,
                               std::string_view as_of, std::string_view to);

    /// A salary figure's amount in currency `to`; throws as convert() above.
    CurrencyConversion convert(const SalaryFigure& figure, std::string_view to);

    /// Each figure's amount in `to`, in order, read in one snapshot of the base; throws as
    /// convert() above.
    std::vector<CurrencyConversion> convert_all(const std::vector<SalaryFigure>& figures,
                                                std::string_view to);

    /// `amount_minor` of `currency`, earned in `country_code` (ISO 3166-1 alpha-2) at `as_of`, in
    /// international dollars: the local amount divided by the country's PPP factor of the
    /// figure's year (or rate_on's), else of the latest year before it within
    /// max_ppp_years_back. Not converted (with the reason) when no factor applies or, for a
    /// figure in another currency than the factor's, no exchange rate does. Throws as convert().
    PppConversion to_international_dollars(std::int64_t amount_minor, std::string_view currency,
                                           std::string_view country_code, std::string_view as_of);

    /// A salary figure in international dollars; throws as convert().
    PppConversion to_international_dollars(const SalaryFigure& figure);

    /// Each figure in international dollars, in order, read in one snapshot; throws as convert().
    std::vector<PppConversion>
    to_international_dollars_all(const std::vector<SalaryFigure>& figures);

    /// The latest day with an exchange rate (of rate_source when one is named), for a front end
    /// that offers "at the latest rates"; nullopt when the base has none. Throws Error for a
    /// database failure.
    std::optional<std::string> latest_rate_day();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace jobkb
