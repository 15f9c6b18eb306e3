#pragma once
// Which rate applies, as pure functions of the rates read: a day's rate within the window, or a
// period's average when its rates cover it. The converter reads the rates and words the notes.

#include "jobkb/conversion/calendar.hpp"
#include "jobkb/conversion/exact.hpp"
#include "jobkb/conversion/rate_table.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace jobkb::detail {

// One leg of a conversion: the rates base→currency by day, or nullptr when the currency is the
// base itself (a rate of 1 every day the other leg has one).
using Leg = const std::vector<DatedRate>*;

struct FoundRate {
    Rational rate; // units of `to` per unit of `from`
    Day first;     // the first day of the rates used
    Day last;      // the last day (= first for a day's rate)
    std::int64_t days = 1;
};

// A rate, or the first stretch of days without one.
struct RateFinding {
    std::optional<FoundRate> found;
    Day gap_first; // when not found: the stretch without a rate
    Day gap_last;
};

// The latest day in [day - max_days_back, day] on which both legs have a rate, and to ÷ from on
// it. The legs hold at least the rates of those days.
RateFinding rate_for_day(Leg from, Leg to, Day day, int max_days_back);

// The average over the period's days on which both legs have a rate: Σ to ÷ Σ from (the ratio of
// the two legs' average rates), when no stretch of the period longer than max_days_back lacks a
// rate. The legs hold the rates of the period. Exact: sums of decimals as rationals.
RateFinding average_rate(Leg from, Leg to, const Period& period, int max_days_back);

} // namespace jobkb::detail
