#include "jobkb/conversion/calendar.hpp"

#include <fmt/format.h>

namespace jobkb::detail {
namespace {

// The number in text[first, first + length) when all of it is digits.
std::optional<int> digits_at(std::string_view text, std::size_t first, std::size_t length) {
    int value = 0;
    for (std::size_t i = first; i < first + length; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::optional<Day> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto year = digits_at(text, 0, 4);
    const auto month = digits_at(text, 5, 2);
    const auto day = digits_at(text, 8, 2);
    if (!year || !month || !day) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return Day(date);
}

std::string day_text(Day day) {
    const std::chrono::year_month_day date(day);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<Period> period_of(std::string_view as_of) {
    using std::chrono::year;
    using std::chrono::year_month_day_last;
    if (as_of.size() == 10) {
        const auto day = parse_day(as_of);
        if (!day) {
            return std::nullopt;
        }
        return Period{RateSpan::kDay, *day, *day, std::string(as_of)};
    }
    if (as_of.size() == 7 && as_of[4] == '-') {
        const auto y = digits_at(as_of, 0, 4);
        const auto m = digits_at(as_of, 5, 2);
        if (!y || !m || *m < 1 || *m > 12) {
            return std::nullopt;
        }
        const std::chrono::year_month month{year(*y),
                                            std::chrono::month(static_cast<unsigned>(*m))};
        return Period{RateSpan::kMonth, Day(month / 1),
                      Day(year_month_day_last(month / std::chrono::last)), std::string(as_of)};
    }
    if (as_of.size() == 4) {
        const auto y = digits_at(as_of, 0, 4);
        if (!y) {
            return std::nullopt;
        }
        return Period{RateSpan::kYear, Day(year(*y) / 1 / 1), Day(year(*y) / 12 / 31),
                      std::string(as_of)};
    }
    return std::nullopt;
}

} // namespace jobkb::detail
