#include "web/charts/axis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace jobkb::web {
namespace {

std::int64_t power_of_ten(int exponent) {
    std::int64_t value = 1;
    for (int i = 0; i < exponent; ++i) {
        value *= 10;
    }
    return value;
}

// The smallest round step that covers `span` in at most `ticks` steps.
std::int64_t round_step(std::int64_t span, int ticks, std::int64_t smallest) {
    for (int exponent = 0; exponent <= 17; ++exponent) {
        const std::int64_t unit = power_of_ten(exponent);
        // 1, 2, 2.5 (as 25 of the unit below), 5 times the power of ten.
        const std::array<std::int64_t, 4> steps = {unit, 2 * unit,
                                                   exponent > 0 ? 25 * unit / 10 : 0, 5 * unit};
        for (const std::int64_t step : steps) {
            if (step >= smallest && step > 0 && (span + step - 1) / step <= ticks) {
                return step;
            }
        }
    }
    return power_of_ten(18);
}

std::int64_t floor_to(std::int64_t value, std::int64_t step) {
    const std::int64_t q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

std::int64_t ceil_to(std::int64_t value, std::int64_t step) {
    const std::int64_t q = value / step;
    return (value % step != 0 && value > 0 ? q + 1 : q) * step;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long days_from_civil(long year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const long era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, long& year, unsigned& month) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<long>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

double MoneyScale::at(std::int64_t amount_minor) const {
    const double share = static_cast<double>(amount_minor - low) /
                         static_cast<double>(std::max<std::int64_t>(high - low, 1));
    return from + (to - from) * share;
}

std::vector<std::int64_t> MoneyScale::ticks() const {
    std::vector<std::int64_t> values;
    for (std::int64_t value = low; value <= high && values.size() < 50; value += step) {
        values.push_back(value);
    }
    return values;
}

MoneyScale money_scale(std::int64_t least, std::int64_t most, const Currency& currency, double from,
                       double to, bool from_zero, int ticks) {
    if (from_zero) {
        least = std::min<std::int64_t>(least, 0);
        most = std::max<std::int64_t>(most, 0);
    }
    if (most == least) {
        // One value: a range around it, a tenth of it each way (or one major unit).
        const std::int64_t pad =
            std::max<std::int64_t>(std::llabs(most) / 10, power_of_ten(currency.minor_unit));
        least = from_zero && least >= 0 ? least : least - pad;
        most += pad;
    }
    const std::int64_t major = power_of_ten(currency.minor_unit);
    const std::int64_t span = most - least;
    const std::int64_t step = round_step(span, ticks, span >= major * ticks ? major : 1);
    MoneyScale scale;
    scale.low = floor_to(least, step);
    scale.high = ceil_to(most, step);
    scale.step = step;
    scale.currency = currency;
    scale.from = from;
    scale.to = to;
    return scale;
}

void draw_money_axis_x(Html& svg, const MoneyScale& scale, double top, double bottom) {
    for (const std::int64_t tick : scale.ticks()) {
        const std::string x = coordinate(scale.at(tick));
        const std::string amount = std::to_string(tick);
        svg.open("g", {{"class", "tick"}, {"data-amount-minor", amount}, {"data-x", x}})
            .empty("line", {{"class", tick == 0 ? "axis" : "grid"},
                            {"x1", x},
                            {"x2", x},
                            {"y1", coordinate(top)},
                            {"y2", coordinate(bottom)}})
            .element("text", format_money(tick, scale.currency),
                     {{"x", x}, {"y", coordinate(bottom + 16)}, {"text-anchor", "middle"}})
            .close("g");
    }
}

void draw_money_axis_y(Html& svg, const MoneyScale& scale, double left, double right) {
    for (const std::int64_t tick : scale.ticks()) {
        const std::string y = coordinate(scale.at(tick));
        const std::string amount = std::to_string(tick);
        svg.open("g", {{"class", "tick"}, {"data-amount-minor", amount}, {"data-y", y}})
            .empty("line", {{"class", "grid"},
                            {"x1", coordinate(left)},
                            {"x2", coordinate(right)},
                            {"y1", y},
                            {"y2", y}})
            .element("text", format_money(tick, scale.currency),
                     {{"x", coordinate(left - 8)},
                      {"y", coordinate(scale.at(tick) + 4)},
                      {"text-anchor", "end"}})
            .close("g");
    }
}

double as_of_day(std::string_view as_of) {
    auto number = [&](std::size_t at, std::size_t length) {
        return as_of.size() >= at + length
                   ? std::atol(std::string(as_of.substr(at, length)).c_str())
                   : 0L;
    };
    const long year = number(0, 4);
    if (as_of.size() >= 10) {
        return static_cast<double>(days_from_civil(year, static_cast<unsigned>(number(5, 2)),
                                                   static_cast<unsigned>(number(8, 2))));
    }
    if (as_of.size() >= 7) {
        return static_cast<double>(days_from_civil(year, static_cast<unsigned>(number(5, 2)), 15));
    }
    return static_cast<double>(days_from_civil(year, 7, 2)); // the middle of the year
}

double TimeScale::at(double day) const {
    return from + (to - from) * (day - first_day) / std::max(last_day - first_day, 1.0);
}

TimeScale time_scale(double first_day, double last_day, double from, double to) {
    if (last_day - first_day < 60) {
        // One date (or a few close ones): half a year either side.
        first_day -= 183;
        last_day += 183;
    } else {
        const double pad = (last_day - first_day) * 0.06;
        first_day -= pad;
        last_day += pad;
    }
    return TimeScale{first_day, last_day, from, to};
}

void draw_time_axis(Html& svg, const TimeScale& scale, double top, double bottom) {
    long first_year = 0;
    unsigned first_month = 0;
    civil_from_days(static_cast<long>(std::floor(scale.first_day)), first_year, first_month);
    const double span_years = (scale.last_day - scale.first_day) / 365.25;
    // Years (every 2nd or 5th for long spans), or quarters for spans under two years.
    const bool quarters = span_years < 2;
    const long year_step = span_years > 12 ? 5 : span_years > 6 ? 2 : 1;
    const long step_months = quarters ? 3 : 12 * year_step;
    long months = first_year * 12; // months since year 0, from January of the first year
    if (!quarters) {
        months = (first_year / year_step) * year_step * 12;
    }
    for (int guard = 0; guard < 400; ++guard, months += step_months) {
        const long year = months / 12;
        const auto month = static_cast<unsigned>(months % 12 + 1);
        const double day = static_cast<double>(days_from_civil(year, month, 1));
        if (day > scale.last_day) {
            break;
        }
        if (day < scale.first_day) {
            continue;
        }
        const std::string x = coordinate(scale.at(day));
        const std::string label =
            quarters ? fmt::format("{}-{:02}", year, month) : std::to_string(year);
        svg.open("g", {{"class", "tick time"}, {"data-day", fmt::format("{}", day)}, {"data-x", x}})
            .empty("line", {{"class", "grid"},
                            {"x1", x},
                            {"x2", x},
                            {"y1", coordinate(top)},
                            {"y2", coordinate(bottom)}})
            .element("text", label,
                     {{"x", x}, {"y", coordinate(bottom + 16)}, {"text-anchor", "middle"}})
            .close("g");
    }
}

std::string coordinate(double value) { return fmt::format("{:.1f}", value); }

std::string_view series_colour(std::size_t n) {
    static constexpr std::array<std::string_view, 7> kPalette = {
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a6a00"};
    return kPalette[n % kPalette.size()];
}

void open_chart(Html& svg, double width, double height, std::string_view kind,
                std::string_view label) {
    const std::string box = "0 0 " + coordinate(width) + " " + coordinate(height);
    svg.open("svg", {{"class", "chart " + std::string(kind)},
                     {"viewBox", box},
                     {"role", "img"},
                     {"aria-label", label},
                     {"xmlns", "http://www.w3.org/2000/svg"}})
        .element("title", label);
}

} // namespace jobkb::web
