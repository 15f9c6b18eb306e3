#include "jobkb/conversion/rate_finder.hpp"

#include "jobkb/conversion/rate_rules.hpp"
#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::detail {
namespace {

constexpr int kDisplayDigits = 6; // of a rate shown for reading

} // namespace

RateFinder::RateFinder(std::function<RateTable&()> read, int max_days_back,
                       std::optional<std::int64_t> source, std::string source_title)
    : read_(std::move(read)), max_days_back_(max_days_back), source_(source),
      source_title_(std::move(source_title)) {}

const std::vector<RateSeries>& RateFinder::all_series() {
    if (!series_) {
        series_ = read_().series();
    }
    return *series_;
}

// Routes in the order they are tried: sources by id (or the named one); within a source the
// pair itself (either way round) before crosses through another base.
const std::vector<RateFinder::Route>& RateFinder::routes_for(const std::string& from,
                                                             const std::string& to) {
    const std::string key = from + ">" + to;
    if (const auto* known = routes_.find(key)) {
        return *known;
    }
    std::vector<Route> direct;
    std::vector<Route> crossed;
    std::vector<Route> found;
    const auto& list = all_series();
    auto flush = [&] {
        found.insert(found.end(), direct.begin(), direct.end());
        found.insert(found.end(), crossed.begin(), crossed.end());
        direct.clear();
        crossed.clear();
    };
    std::vector<std::string> bases_seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& first = list[i];
        if (source_ && first.source_id != *source_) {
            continue;
        }
        if (i > 0 && list[i - 1].source_id != first.source_id) {
            flush();
            bases_seen.clear();
        }
        if (std::find(bases_seen.begin(), bases_seen.end(), first.base) != bases_seen.end()) {
            continue;
        }
        bases_seen.push_back(first.base);
        // The series of this source and base for each currency.
        Route route{first.source_id, first.source, first.base, std::nullopt, std::nullopt};
        for (std::size_t j = i; j < list.size() && list[j].source_id == first.source_id; ++j) {
            if (list[j].base == first.base && list[j].quote == from) {
                route.from_series = list[j].id;
            }
            if (list[j].base == first.base && list[j].quote == to) {
                route.to_series = list[j].id;
            }
        }
        const bool from_ok = route.from_series || route.base == from;
        const bool to_ok = route.to_series || route.base == to;
        if (from_ok && to_ok) {
            (route.base == from || route.base == to ? direct : crossed).push_back(route);
        }
    }
    flush();
    return routes_.insert(key, std::move(found));
}

std::vector<DatedRate> RateFinder::leg_rates(const std::optional<std::int64_t>& series, Day first,
                                             Day last) {
    return series ? read_().rates(*series, first, last) : std::vector<DatedRate>{};
}

// Why a day has no rate: the last earlier rate of the leg(s) that lack one.
std::string RateFinder::day_note(const Route& route, const std::string& from, const std::string& to,
                                 Day day) {
    std::string note = fmt::format("no {}/{} rate of {} within {} days up to {}", from, to,
                                   route.source, max_days_back_, day_text(day));
    std::optional<Day> oldest;
    std::string oldest_code;
    const std::pair<std::optional<std::int64_t>, std::string> legs[] = {{route.from_series, from},
                                                                        {route.to_series, to}};
    for (const auto& [series, code] : legs) {
        if (!series) {
            continue;
        }
        const auto last = read_().last_day(*series, day);
        if (!last) {
            return note + fmt::format(": it has no {} rate before then", code);
        }
        if (!oldest || *last < *oldest) {
            oldest = last;
            oldest_code = code;
        }
    }
    if (oldest) {
        note += fmt::format(": its latest {} rate before then is of {}", oldest_code,
                            day_text(*oldest));
    }
    return note;
}

RateOutcome RateFinder::find_rate(const Route& route, const std::string& from,
                                  const std::string& to, const Period& period) {
    const int window = max_days_back_;
    const bool by_day = period.span == RateSpan::kDay;
    const Day first = by_day ? period.first - std::chrono::days(window) : period.first;
    const auto from_rates = leg_rates(route.from_series, first, period.last);
    const auto to_rates = leg_rates(route.to_series, first, period.last);
    const Leg from_leg = route.from_series ? &from_rates : nullptr;
    const Leg to_leg = route.to_series ? &to_rates : nullptr;
    const auto finding = by_day ? rate_for_day(from_leg, to_leg, period.first, window)
                                : average_rate(from_leg, to_leg, period, window);
    RateOutcome outcome;
    if (!finding.found) {
        if (by_day) {
            outcome.reason = NoConversion::kNoRateInWindow;
            outcome.note = day_note(route, from, to, period.first);
        } else {
            outcome.reason = NoConversion::kPeriodNotCovered;
            outcome.note = fmt::format(
                "no average {}/{} rate of {} for {}: no rate from {} to {} (an average needs "
                "a rate at least every {} days)",
                from, to, route.source, period.label, day_text(finding.gap_first),
                day_text(finding.gap_last), window + 1);
        }
        return outcome;
    }
    const auto& found = *finding.found;
    AppliedRate applied;
    applied.from = from;
    applied.to = to;
    applied.base = route.base;
    applied.cross = route.base != from && route.base != to;
    applied.span = period.span;
    applied.applies_to = by_day ? day_text(found.first) : period.label;
    applied.first_day = day_text(found.first);
    applied.last_day = day_text(found.last);
    applied.days = found.days;
    applied.rate = found.rate.to_significant(kDisplayDigits);
    applied.exact_rate = found.rate.to_exact();
    applied.source = route.source;
    applied.source_id = route.source_id;
    outcome.applied = std::move(applied);
    outcome.exact = found.rate;
    return outcome;
}

const RateOutcome& RateFinder::rate(const std::string& from, const std::string& to,
                                    const Period& period) {
    const std::string key = from + ">" + to + "@" + period.label;
    if (const auto* known = rates_.find(key)) {
        return *known;
    }
    const auto& candidates = routes_for(from, to);
    if (candidates.empty()) {
        RateOutcome none;
        none.reason = NoConversion::kNoRates;
        none.note = fmt::format("{} has exchange rates between {} and {}",
                                source_ ? source_title_ : "no source", from, to);
        return rates_.insert(key, std::move(none));
    }
    std::optional<RateOutcome> first_failure;
    for (const auto& route : candidates) {
        RateOutcome outcome;
        try {
            outcome = find_rate(route, from, to, period);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kInvalidArgument) {
                throw;
            }
            outcome.reason = NoConversion::kTooLarge;
            outcome.note = fmt::format("the {}/{} average of {} is too large to compute "
                                       "exactly",
                                       from, to, period.label);
        }
        if (outcome.applied) {
            return rates_.insert(key, std::move(outcome));
        }
        if (!first_failure) {
            first_failure = std::move(outcome);
        }
    }
    return rates_.insert(key, std::move(*first_failure));
}

std::optional<Day> RateFinder::latest_day() {
    const Day far_future = *parse_day("9999-12-31");
    std::optional<Day> latest;
    for (const auto& series : all_series()) {
        if (source_ && series.source_id != *source_) {
            continue;
        }
        const auto last = read_().last_day(series.id, far_future);
        if (last && (!latest || *last > *latest)) {
            latest = last;
        }
    }
    return latest;
}

} // namespace jobkb::detail
