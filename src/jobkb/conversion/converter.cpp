#include "jobkb/conversion.hpp"

#include "jobkb/conversion/calendar.hpp"
#include "jobkb/conversion/exact.hpp"
#include "jobkb/conversion/rate_finder.hpp"
#include "jobkb/conversion/rate_table.hpp"
#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <limits>

namespace jobkb {

using detail::Day;
using detail::Period;
using detail::Rational;

Currency international_dollar() {
    return Currency{std::string(kInternationalDollarCode), std::string(kInternationalDollarCode), 2,
                    DigitGrouping::kWestern};
}

std::string_view to_string(RateSpan span) {
    switch (span) {
    case RateSpan::kDay:
        return "day";
    case RateSpan::kMonth:
        return "month";
    case RateSpan::kYear:
        return "year";
    }
    return "day";
}

std::string_view to_string(NoConversion reason) {
    switch (reason) {
    case NoConversion::kNone:
        return "none";
    case NoConversion::kNoRates:
        return "no-rates";
    case NoConversion::kNoRateInWindow:
        return "no-rate-in-window";
    case NoConversion::kPeriodNotCovered:
        return "period-not-covered";
    case NoConversion::kNoPppFactor:
        return "no-ppp-factor";
    case NoConversion::kTooLarge:
        return "too-large";
    }
    return "none";
}

namespace {

// A PPP factor (exact, with what it is of) or why there is none.
struct FactorOutcome {
    std::optional<AppliedFactor> applied;
    Rational exact;
    std::string note;
};

std::string upper(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return result;
}

// The amount, an integer, if it fits one.
std::optional<std::int64_t> as_amount(detail::Int128 value) {
    if (value > std::numeric_limits<std::int64_t>::max()) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
}

} // namespace

struct CurrencyConverter::Impl {
    Impl(Database& db, ConversionOptions opts)
        : database(db), options(std::move(opts)), rate_table(db) {}

    Database& database;
    ConversionOptions options;
    detail::RateTable rate_table;
    // One snapshot for the reads of one call, begun by the first read it needs: a call that the
    // caches answer reads nothing, not even BEGIN and COMMIT.
    std::optional<ReadSnapshot> snapshot;

    // Ends the snapshot of a call's reads when the call returns or throws.
    struct CallScope {
        explicit CallScope(Impl& impl) : impl_(impl) {}
        CallScope(const CallScope&) = delete;
        CallScope& operator=(const CallScope&) = delete;
        ~CallScope() { impl_.snapshot.reset(); }
        Impl& impl_;
    };
    std::optional<Day> rate_on;
    std::optional<std::int64_t> ppp_source;
    detail::BoundedCache<Currency> currencies;
    detail::BoundedCache<FactorOutcome> factors;
    std::optional<detail::RateFinder> finder; // made once the sources are resolved

    detail::RateTable& table() {
        if (!snapshot) {
            snapshot.emplace(database);
        }
        return rate_table;
    }

    const Currency& currency(std::string_view code) {
        const std::string key = upper(code);
        if (const auto* known = currencies.find(key)) {
            return *known;
        }
        auto found = table().currency(key);
        if (!found) {
            throw Error(ErrorCode::kNotFound,
                        "unknown currency '" + std::string(code) +
                            "' (expected an ISO 4217 code such as USD, EUR or INR)");
        }
        return currencies.insert(key, std::move(*found));
    }

    Period period_for(std::string_view as_of) {
        if (rate_on) {
            return Period{RateSpan::kDay, *rate_on, *rate_on, detail::day_text(*rate_on)};
        }
        auto period = detail::period_of(as_of);
        if (!period) {
            throw Error(ErrorCode::kInvalidArgument,
                        "as_of '" + std::string(as_of) +
                            "' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
        }
        return std::move(*period);
    }

    CurrencyConversion convert(std::int64_t amount, std::string_view from_code,
                               std::string_view as_of, std::string_view to_code) {
        if (amount < 0) {
            throw Error(ErrorCode::kInvalidArgument, "amount " + std::to_string(amount) +
                                                         " is negative (expected an amount "
                                                         "in minor units, 0 or more)");
        }
        const Currency from = currency(from_code);
        CurrencyConversion result;
        result.currency = currency(to_code);
        const Period period = period_for(as_of);
        if (from.code == result.currency.code) {
            result.amount_minor = amount;
            return result;
        }
        const detail::RateOutcome& outcome = finder->rate(from.code, result.currency.code, period);
        if (!outcome.applied) {
            result.reason = outcome.reason;
            result.note = outcome.note;
            return result;
        }
        std::optional<std::int64_t> converted;
        try {
            converted = as_amount((Rational(amount, 1) * outcome.exact)
                                      .scaled(result.currency.minor_unit - from.minor_unit)
                                      .round_half_even());
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kInvalidArgument) {
                throw;
            }
        }
        if (!converted) {
            result.reason = NoConversion::kTooLarge;
            result.note = fmt::format("{} {} in {} is too large for an amount",
                                      format_money(amount, from), from.code, result.currency.code);
            return result;
        }
        result.amount_minor = converted;
        result.rate = outcome.applied;
        return result;
    }

    const FactorOutcome& factor(const std::string& country, int year) {
        const std::string key = country + "@" + std::to_string(year);
        if (const auto* known = factors.find(key)) {
            return *known;
        }
        FactorOutcome outcome;
        const int earliest = year - options.max_ppp_years_back;
        if (const auto row = table().factor(country, earliest, year, ppp_source)) {
            outcome.applied = AppliedFactor{country,       row->year,   row->factor.to_string(),
                                            row->currency, row->source, row->source_id};
            outcome.exact = Rational::of(row->factor);
        } else {
            outcome.note =
                fmt::format("no PPP factor for {} from {} to {}", country, earliest, year);
            if (const auto latest = table().latest_factor_year(country, year, ppp_source)) {
                outcome.note += fmt::format(": its latest is of {}", *latest);
            }
        }
        return factors.insert(key, std::move(outcome));
    }

    PppConversion to_international_dollars(std::int64_t amount, std::string_view currency_code,
                                           std::string_view country_code, std::string_view as_of) {
        const Currency from = currency(currency_code);
        const Period period = period_for(as_of);
        const int year = std::stoi(detail::day_text(period.first).substr(0, 4));
        PppConversion result;
        const FactorOutcome& found = factor(upper(country_code), year);
        if (!found.applied) {
            result.reason = NoConversion::kNoPppFactor;
            result.note = found.note;
            return result;
        }
        result.factor = found.applied;
        std::int64_t local_amount = amount;
        int local_unit = from.minor_unit;
        if (found.applied->currency != from.code) {
            auto local = convert(amount, from.code, as_of, found.applied->currency);
            result.local = local;
            if (!local.converted()) {
                result.reason = local.reason;
                result.note = fmt::format("the {} amount is needed in {} first: {}", from.code,
                                          found.applied->currency, local.note);
                return result;
            }
            local_amount = *local.amount_minor;
            local_unit = local.currency.minor_unit;
        }
        try {
            result.amount_minor = as_amount(
                (Rational(local_amount, 1) / found.exact).scaled(2 - local_unit).round_half_even());
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kInvalidArgument) {
                throw;
            }
        }
        if (!result.amount_minor) {
            result.reason = NoConversion::kTooLarge;
            result.note = "the amount is too large in international dollars";
        }
        return result;
    }

    detail::NamedSource resolve_source(const std::string& name, const char* content,
                                       const char* what) {
        const auto source = table().source_named(name);
        if (!source) {
            throw Error(ErrorCode::kNotFound,
                        fmt::format("no source '{}' (expected the title or slug of a source of {})",
                                    name, what));
        }
        if (!table().source_has(source->id, content)) {
            throw Error(ErrorCode::kNotFound,
                        fmt::format("source '{}' has no {}", source->title, what));
        }
        return *source;
    }
};

CurrencyConverter::CurrencyConverter(Database& database, ConversionOptions options)
    : impl_(std::make_unique<Impl>(database, std::move(options))) {
    const auto& opts = impl_->options;
    if (opts.max_days_back < 0 || opts.max_days_back > 366) {
        throw Error(
            ErrorCode::kInvalidArgument,
            fmt::format("the days a rate may be back: {} (expected 0 to 366)", opts.max_days_back));
    }
    if (opts.max_ppp_years_back < 0 || opts.max_ppp_years_back > 100) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("the years a PPP factor may be back: {} (expected 0 to 100)",
                                opts.max_ppp_years_back));
    }
    if (opts.rate_on) {
        impl_->rate_on = detail::parse_day(*opts.rate_on);
        if (!impl_->rate_on) {
            throw Error(ErrorCode::kInvalidArgument,
                        "rate date '" + *opts.rate_on + "' is not a date (expected YYYY-MM-DD)");
        }
    }
    const Impl::CallScope scope(*impl_);
    std::optional<std::int64_t> rate_source;
    std::string rate_source_title;
    if (opts.rate_source) {
        const auto source =
            impl_->resolve_source(*opts.rate_source, "exchange-rates", "exchange rates");
        rate_source = source.id;
        rate_source_title = source.title;
    }
    if (opts.ppp_source) {
        impl_->ppp_source =
            impl_->resolve_source(*opts.ppp_source, "ppp-factors", "PPP factors").id;
    }
    impl_->finder.emplace([impl = impl_.get()]() -> detail::RateTable& { return impl->table(); },
                          opts.max_days_back, rate_source, rate_source_title);
}

CurrencyConverter::~CurrencyConverter() = default;

const ConversionOptions& CurrencyConverter::options() const noexcept { return impl_->options; }

Currency CurrencyConverter::currency(std::string_view code) { return impl_->currency(code); }

CurrencyConversion CurrencyConverter::convert(std::int64_t amount_minor, std::string_view from,
                                              std::string_view as_of, std::string_view to) {
    const Impl::CallScope scope(*impl_);
    return impl_->convert(amount_minor, from, as_of, to);
}

CurrencyConversion CurrencyConverter::convert(const SalaryFigure& figure, std::string_view to) {
    return convert(figure.amount_minor, figure.currency.code, figure.as_of, to);
}

std::vector<CurrencyConversion>
CurrencyConverter::convert_all(const std::vector<SalaryFigure>& figures, std::string_view to) {
    const Impl::CallScope scope(*impl_);
    std::vector<CurrencyConversion> results;
    results.reserve(figures.size());
    for (const auto& figure : figures) {
        results.push_back(
            impl_->convert(figure.amount_minor, figure.currency.code, figure.as_of, to));
    }
    return results;
}

PppConversion CurrencyConverter::to_international_dollars(std::int64_t amount_minor,
                                                          std::string_view currency,
                                                          std::string_view country_code,
                                                          std::string_view as_of) {
    const Impl::CallScope scope(*impl_);
    return impl_->to_international_dollars(amount_minor, currency, country_code, as_of);
}

PppConversion CurrencyConverter::to_international_dollars(const SalaryFigure& figure) {
    return to_international_dollars(figure.amount_minor, figure.currency.code, figure.country_code,
                                    figure.as_of);
}

std::vector<PppConversion>
CurrencyConverter::to_international_dollars_all(const std::vector<SalaryFigure>& figures) {
    const Impl::CallScope scope(*impl_);
    std::vector<PppConversion> results;
    results.reserve(figures.size());
    for (const auto& figure : figures) {
        results.push_back(impl_->to_international_dollars(figure.amount_minor, figure.currency.code,
                                                          figure.country_code, figure.as_of));
    }
    return results;
}

std::optional<std::string> CurrencyConverter::latest_rate_day() {
    const Impl::CallScope scope(*impl_);
    const auto latest = impl_->finder->latest_day();
    if (!latest) {
        return std::nullopt;
    }
    return detail::day_text(*latest);
}

} // namespace jobkb
