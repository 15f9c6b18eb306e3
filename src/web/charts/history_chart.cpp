// Each key's history as a line chart: a panel per country, currency and period, a line per
// statistic.
#include "web/charts/axis.hpp"
#include "web/charts/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace jobkb::web {
namespace {

constexpr double kWidth = 560;
constexpr double kHeight = 250;
constexpr double kLeft = 96;
constexpr double kRight = 540;
constexpr double kTop = 44;
constexpr double kBottom = 210;

struct Series {
    std::string statistic;
    std::vector<const SalaryFigure*> points; // by date, then import order
};

void draw_panel(Html& out, const std::string& title, const std::vector<Series>& series) {
    std::int64_t least = series.front().points.front()->amount_minor;
    std::int64_t most = least;
    double first = as_of_day(series.front().points.front()->as_of);
    double last = first;
    for (const auto& line : series) {
        for (const auto* point : line.points) {
            least = std::min(least, point->amount_minor);
            most = std::max(most, point->amount_minor);
            first = std::min(first, as_of_day(point->as_of));
            last = std::max(last, as_of_day(point->as_of));
        }
    }
    const Currency& currency = series.front().points.front()->currency;
    const MoneyScale y = money_scale(least, most, currency, kBottom, kTop, false, 4);
    const TimeScale x = time_scale(first, last, kLeft, kRight);
    Html svg;
    open_chart(svg, kWidth, kHeight, "history", title);
    svg.element("text", title, {{"class", "panel-title"}, {"x", "14"}, {"y", "18"}});
    double legend_x = kLeft;
    for (std::size_t i = 0; i < series.size(); ++i) {
        svg.empty("rect", {{"class", "swatch"},
                           {"x", coordinate(legend_x)},
                           {"y", "26"},
                           {"width", "12"},
                           {"height", "4"},
                           {"fill", series_colour(i)}})
            .element("text", series[i].statistic,
                     {{"class", "legend"}, {"x", coordinate(legend_x + 16)}, {"y", "32"}});
        legend_x += 36 + 7.2 * static_cast<double>(series[i].statistic.size());
    }
    draw_money_axis_y(svg, y, kLeft, kRight);
    draw_time_axis(svg, x, kTop, kBottom);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const std::string colour(series_colour(i));
        std::string path;
        for (const auto* point : series[i].points) {
            path += (path.empty() ? "M" : " L") + coordinate(x.at(as_of_day(point->as_of))) + " " +
                    coordinate(y.at(point->amount_minor));
        }
        svg.open("g", {{"class", "series"}, {"data-statistic", series[i].statistic}})
            .empty("path", {{"class", "line"}, {"d", path}, {"stroke", colour}, {"fill", "none"}});
        for (const auto* point : series[i].points) {
            const std::string amount = std::to_string(point->amount_minor);
            const std::string id = std::to_string(point->observation_id);
            const std::string batch = point->batch_id ? std::to_string(*point->batch_id) : "";
            std::string tooltip = fmt::format(
                "{} {}: {} (as of {}; {}", point->country_code, point->statistic,
                format_money(point->amount_minor, point->currency), point->as_of, point->source);
            tooltip += (batch.empty() ? "" : ", batch " + batch) +
                       (point->note.empty() ? "" : "; " + point->note) + ")";
            svg.open("circle", {{"class", "point"},
                                {"cx", coordinate(x.at(as_of_day(point->as_of)))},
                                {"cy", coordinate(y.at(point->amount_minor))},
                                {"r", "4.5"},
                                {"fill", colour},
                                {"data-country", point->country_code},
                                {"data-statistic", point->statistic},
                                {"data-period", point->period},
                                {"data-as-of", point->as_of},
                                {"data-currency", point->currency.code},
                                {"data-amount-minor", amount},
                                {"data-observation", id},
                                {batch.empty() ? "" : "data-batch", batch}})
                .element("title", tooltip)
                .close("circle");
        }
        svg.close("g");
    }
    svg.close("svg");
    out.open("figure", {{"class", "chart-figure"}}).append(svg).close("figure");
}

} // namespace

Html history_charts(const std::vector<SalaryFigure>& history) {
    // (country, currency, period) -> statistic -> points; the history comes ordered by country,
    // statistic, period, date and id.
    std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, Series>>
        panels;
    for (const auto& figure : history) {
        if (figure.statistic == "point") {
            continue;
        }
        auto& line =
            panels[{figure.country_code, figure.currency.code, figure.period}][figure.statistic];
        line.statistic = figure.statistic;
        line.points.push_back(&figure);
    }
    Html out;
    for (auto& [key, lines] : panels) {
        std::vector<Series> series;
        for (auto& [statistic, line] : lines) {
            std::stable_sort(line.points.begin(), line.points.end(),
                             [](const SalaryFigure* a, const SalaryFigure* b) {
                                 return as_of_day(a->as_of) < as_of_day(b->as_of);
                             });
            series.push_back(std::move(line));
        }
        const auto& [country, currency, period] = key;
        draw_panel(out, fmt::format("{} · {} per {} · history", country, currency, period), series);
    }
    return out;
}

} // namespace jobkb::web
