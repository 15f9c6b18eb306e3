#include "jobkb/conversion/rate_rules.hpp"

#include <algorithm>

namespace jobkb::detail {
namespace {

// A day on which both legs have a rate, with each leg's rate (nullopt for the base).
struct CommonDay {
    Day day;
    std::optional<Decimal> from;
    std::optional<Decimal> to;
};

// The days both legs have a rate, in order, by a merge of the two sorted lists.
std::vector<CommonDay> common_days(Leg from, Leg to) {
    std::vector<CommonDay> days;
    if (from == nullptr || to == nullptr) {
        const Leg only = from == nullptr ? to : from;
        for (const auto& rate : *only) {
            days.push_back({rate.day, from ? std::optional(rate.rate) : std::nullopt,
                            to ? std::optional(rate.rate) : std::nullopt});
        }
        return days;
    }
    auto a = from->begin();
    auto b = to->begin();
    while (a != from->end() && b != to->end()) {
        if (a->day < b->day) {
            ++a;
        } else if (b->day < a->day) {
            ++b;
        } else {
            days.push_back({a->day, a->rate, b->rate});
            ++a;
            ++b;
        }
    }
    return days;
}

// The exact sum of decimals: each mantissa brought to the largest scale among them.
Rational sum_of(const std::vector<Decimal>& values) {
    int scale = 0;
    for (const auto& value : values) {
        scale = std::max(scale, value.scale());
    }
    Int128 sum = 0;
    for (const auto& value : values) {
        sum = checked_add(sum,
                          checked_multiply(value.mantissa(), power_of_ten(scale - value.scale())));
    }
    return Rational(sum, power_of_ten(scale));
}

// Σ of one leg over the common days; the base leg sums to the number of days.
Rational leg_sum(const std::vector<CommonDay>& days, bool from_leg) {
    std::vector<Decimal> values;
    for (const auto& day : days) {
        const auto& value = from_leg ? day.from : day.to;
        if (!value) {
            return Rational(static_cast<Int128>(days.size()), 1);
        }
        values.push_back(*value);
    }
    return sum_of(values);
}

Rational rate_of(const std::optional<Decimal>& leg) {
    return leg ? Rational::of(*leg) : Rational(1, 1);
}

} // namespace

RateFinding rate_for_day(Leg from, Leg to, Day day, int max_days_back) {
    const Day earliest = day - std::chrono::days(max_days_back);
    const auto days = common_days(from, to);
    for (auto it = days.rbegin(); it != days.rend(); ++it) {
        if (it->day <= day && it->day >= earliest) {
            return {FoundRate{rate_of(it->to) / rate_of(it->from), it->day, it->day, 1}, {}, {}};
        }
    }
    return {std::nullopt, earliest, day};
}

RateFinding average_rate(Leg from, Leg to, const Period& period, int max_days_back) {
    std::vector<CommonDay> days;
    for (auto& day : common_days(from, to)) {
        if (day.day >= period.first && day.day <= period.last) {
            days.push_back(std::move(day));
        }
    }
    const auto one_day = std::chrono::days(1);
    if (days.empty()) {
        return {std::nullopt, period.first, period.last};
    }
    // The stretches without a rate: before the first day, between two days, after the last.
    if (days_between(period.first, days.front().day) > max_days_back) {
        return {std::nullopt, period.first, days.front().day - one_day};
    }
    for (std::size_t i = 1; i < days.size(); ++i) {
        if (days_between(days[i - 1].day, days[i].day) - 1 > max_days_back) {
            return {std::nullopt, days[i - 1].day + one_day, days[i].day - one_day};
        }
    }
    if (days_between(days.back().day, period.last) > max_days_back) {
        return {std::nullopt, days.back().day + one_day, period.last};
    }
    const Rational rate = leg_sum(days, false) / leg_sum(days, true);
    return {
        FoundRate{rate, days.front().day, days.back().day, static_cast<std::int64_t>(days.size())},
        {},
        {}};
}

} // namespace jobkb::detail
