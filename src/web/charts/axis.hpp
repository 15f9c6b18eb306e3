#pragma once

// What every chart shares: money scales with ticks at round amounts, labelled as the CLI writes
// money (₹10,00,000), a time scale for as_of dates, the palette, and SVG numbers.

#include "web/html.hpp"

#include "jobkb/money.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb::web {

// Amounts (minor units) mapped to pixels between `from` and `to` (to may be less than from, for a
// vertical axis that grows upwards). Ticks are multiples of `step`.
struct MoneyScale {
    std::int64_t low = 0;
    std::int64_t high = 1;
    std::int64_t step = 1;
    Currency currency;
    double from = 0;
    double to = 1;

    double at(std::int64_t amount_minor) const;
    std::vector<std::int64_t> ticks() const;
};

// A scale covering [least, most] with about `ticks` round steps (1, 2, 2.5 or 5 times a power of
// ten, in whole major units once amounts are large); from zero when `from_zero`.
MoneyScale money_scale(std::int64_t least, std::int64_t most, const Currency& currency, double from,
                       double to, bool from_zero, int ticks = 5);

// A horizontal money axis: grid lines from `top` to `bottom`, labels below `bottom`. Each tick is
// <g class="tick" data-amount-minor="..." data-x="...">, so a test can read the scale back.
void draw_money_axis_x(Html& svg, const MoneyScale& scale, double top, double bottom);
// A vertical one: grid lines from `left` to `right`, labels left of `left`.
void draw_money_axis_y(Html& svg, const MoneyScale& scale, double left, double right);

// An as_of (YYYY, YYYY-MM or YYYY-MM-DD) as a day number, at the middle of a year or month.
double as_of_day(std::string_view as_of);

// Days mapped to pixels, with ticks at the first of a year (or of a month for short spans).
struct TimeScale {
    double first_day = 0;
    double last_day = 1;
    double from = 0;
    double to = 1;
    double at(double day) const;
};
TimeScale time_scale(double first_day, double last_day, double from, double to);
void draw_time_axis(Html& svg, const TimeScale& scale, double top, double bottom);

// An SVG coordinate: one decimal, no exponent.
std::string coordinate(double value);

// The n-th series colour (Okabe and Ito's palette, distinguishable with colour blindness).
std::string_view series_colour(std::size_t n);

// <svg> opening for a chart of this size that scales to its container, labelled for screen readers.
void open_chart(Html& svg, double width, double height, std::string_view kind,
                std::string_view label);

} // namespace jobkb::web
