// Horizontal bars in panels: a role's latest salaries, and compared roles' salaries.
#include "web/charts/axis.hpp"
#include "web/charts/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace jobkb::web {
namespace {

constexpr double kWidth = 560;
constexpr double kLeft = 24;
constexpr double kRight = 120; // room for the value after the longest bar
constexpr double kBarHeight = 16;
constexpr double kRowHeight = 40; // label line, bar, gap

struct Bar {
    std::string label;
    std::string colour;
    std::string tooltip;
    const SalaryFigure* figure = nullptr;
};

struct Panel {
    std::string title;
    Currency currency;
    std::vector<Bar> bars;
};

std::vector<Attribute> figure_data(const SalaryFigure& figure, const std::string& x,
                                   const std::string& y, const std::string& width,
                                   const std::string& colour, std::vector<std::string>& texts) {
    texts = {std::to_string(figure.amount_minor), std::to_string(figure.observation_id),
             figure.batch_id ? std::to_string(*figure.batch_id) : std::string()};
    return {{"class", "bar"},
            {"x", x},
            {"y", y},
            {"width", width},
            {"height", coordinate(kBarHeight)},
            {"rx", "2"},
            {"fill", colour},
            {"data-role", figure.role},
            {"data-country", figure.country_code},
            {"data-statistic", figure.statistic},
            {"data-period", figure.period},
            {"data-as-of", figure.as_of},
            {"data-currency", figure.currency.code},
            {"data-amount-minor", texts[0]},
            {"data-observation", texts[1]},
            {texts[2].empty() ? "" : "data-batch", texts[2]}};
}

Html bar_panels(std::string_view kind, std::string_view label, const std::vector<Panel>& panels,
                const std::vector<std::string>& legend) {
    double height = 8 + (legend.empty() ? 0 : 26);
    for (const auto& panel : panels) {
        height += 30 + static_cast<double>(panel.bars.size()) * kRowHeight + 34;
    }
    Html svg;
    open_chart(svg, kWidth, height, kind, label);
    double y = 8;
    if (!legend.empty()) {
        double x = kLeft;
        for (std::size_t i = 0; i < legend.size(); ++i) {
            svg.empty("rect", {{"class", "swatch"},
                               {"x", coordinate(x)},
                               {"y", coordinate(y + 2)},
                               {"width", "12"},
                               {"height", "12"},
                               {"fill", series_colour(i)}})
                .element(
                    "text", legend[i],
                    {{"class", "legend"}, {"x", coordinate(x + 18)}, {"y", coordinate(y + 12)}});
            x += 30 + 7.2 * static_cast<double>(legend[i].size());
        }
        y += 26;
    }
    for (const auto& panel : panels) {
        std::int64_t most = 0;
        for (const auto& bar : panel.bars) {
            most = std::max(most, bar.figure->amount_minor);
        }
        const MoneyScale scale =
            money_scale(0, most, panel.currency, kLeft, kWidth - kRight, true, 4);
        svg.open("g", {{"class", "panel"}, {"data-currency", panel.currency.code}})
            .element(
                "text", panel.title,
                {{"class", "panel-title"}, {"x", coordinate(kLeft)}, {"y", coordinate(y + 16)}});
        const double top = y + 26;
        const double bottom = top + static_cast<double>(panel.bars.size()) * kRowHeight;
        draw_money_axis_x(svg, scale, top, bottom);
        double row = top;
        for (const auto& bar : panel.bars) {
            const SalaryFigure& figure = *bar.figure;
            const double x0 = scale.at(0);
            const double x1 = scale.at(figure.amount_minor);
            std::vector<std::string> texts;
            svg.element(
                   "text", bar.label,
                   {{"class", "bar-label"}, {"x", coordinate(kLeft)}, {"y", coordinate(row + 13)}})
                .open("rect", figure_data(figure, coordinate(x0), coordinate(row + 18),
                                          coordinate(std::max(x1 - x0, 0.0)), bar.colour, texts))
                .element("title", bar.tooltip)
                .close("rect")
                .element("text", format_money(figure.amount_minor, figure.currency),
                         {{"class", "bar-value"},
                          {"x", coordinate(x1 + 6)},
                          {"y", coordinate(row + 31)}});
            row += kRowHeight;
        }
        svg.close("g");
        y = bottom + 34;
    }
    svg.close("svg");
    return svg;
}

std::string period_words(const std::string& period) {
    return period == "year" ? "per year" : period == "month" ? "per month" : "per " + period;
}

std::string figure_tooltip(const SalaryFigure& figure) {
    std::string text = fmt::format(
        "{} {} {} {}: {} (as of {}; {}", figure.role, figure.country_code, figure.statistic,
        period_words(figure.period), format_money(figure.amount_minor, figure.currency),
        figure.as_of, figure.source);
    if (figure.batch_id) {
        text += fmt::format(", batch {}", *figure.batch_id);
    }
    if (!figure.note.empty()) {
        text += "; " + figure.note;
    }
    return text + ")";
}

} // namespace

Html latest_salaries_chart(const std::vector<SalaryFigure>& latest) {
    // Panels by country, currency and period, in that order; bars in the figures' order.
    std::map<std::tuple<std::string, std::string, std::string>, Panel> panels;
    for (const auto& figure : latest) {
        auto& panel = panels[{figure.country_code, figure.currency.code, figure.period}];
        panel.title = fmt::format("{} · {} {}", figure.country_code, figure.currency.code,
                                  period_words(figure.period));
        panel.currency = figure.currency;
        panel.bars.push_back(Bar{fmt::format("{} · as of {}", figure.statistic, figure.as_of),
                                 std::string(series_colour(0)), figure_tooltip(figure), &figure});
    }
    std::vector<Panel> ordered;
    for (auto& [key, panel] : panels) {
        ordered.push_back(std::move(panel));
    }
    if (ordered.empty()) {
        return {};
    }
    return bar_panels("latest-salaries", "Latest salaries by country, each in its own currency",
                      ordered, {});
}

Html comparison_chart(const Comparison& comparison) {
    std::vector<Panel> panels;
    for (const auto& salary : comparison.salaries) {
        // A country's figures are normally in one currency; any other gets its own panel.
        std::map<std::string, Panel> by_currency;
        for (std::size_t i = 0; i < salary.per_role.size(); ++i) {
            if (!salary.per_role[i]) {
                continue;
            }
            const SalaryFigure& figure = *salary.per_role[i];
            auto& panel = by_currency[figure.currency.code];
            panel.title = fmt::format("{} · {} · {} {}", salary.country_code, salary.statistic,
                                      figure.currency.code, period_words(salary.period));
            panel.currency = figure.currency;
            panel.bars.push_back(Bar{comparison.roles[i] + " · as of " + figure.as_of,
                                     std::string(series_colour(i)), figure_tooltip(figure),
                                     &figure});
        }
        for (auto& [code, panel] : by_currency) {
            panels.push_back(std::move(panel));
        }
    }
    if (panels.empty()) {
        return {};
    }
    return bar_panels("comparison", "Salaries of the compared roles by country", panels,
                      comparison.roles);
}

} // namespace jobkb::web
