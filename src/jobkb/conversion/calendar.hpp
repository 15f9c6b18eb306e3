#pragma once
// Days, months and years as the rate rules need them: a figure's as_of as a day or a period,
// days counted exactly (std::chrono's civil calendar), and ISO text back.

#include "jobkb/conversion.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jobkb::detail {

using Day = std::chrono::sys_days;

// A day from exactly YYYY-MM-DD (a real calendar day); nullopt otherwise.
std::optional<Day> parse_day(std::string_view text);

// YYYY-MM-DD.
std::string day_text(Day day);

// The days a figure's as_of covers: one day, a calendar month (YYYY-MM) or a year (YYYY).
struct Period {
    RateSpan span = RateSpan::kDay;
    Day first;
    Day last;
    std::string label; // as_of itself: "2025-05-09", "2025-04", "2022"
};

// The period of an as_of; nullopt when it is none of the three shapes or no real date.
std::optional<Period> period_of(std::string_view as_of);

// Whole days from `from` to `to` (negative when `to` is earlier).
inline long long days_between(Day from, Day to) { return (to - from).count(); }

} // namespace jobkb::detail
