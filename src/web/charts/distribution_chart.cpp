// Individual reports as a distribution: a box plot with every report as a dot.
#include "web/charts/axis.hpp"
#include "web/charts/charts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::web {
namespace {

constexpr double kWidth = 560;
constexpr double kLeft = 50;
constexpr double kRight = 510;
constexpr double kPanelHeight = 160;
constexpr std::size_t kMaxDots = 400; // beyond this, an even sample of the reports is drawn

bool in_group(const SalaryFigure& point, const ReportSummary& summary) {
    return point.country_code == summary.country_code && point.period == summary.period &&
           point.currency.code == summary.currency.code && point.as_of.starts_with(summary.year);
}

// A fixed jitter per report, so that the page is the same on every load.
double jitter(std::int64_t id) {
    const auto mixed = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL;
    return static_cast<double>((mixed >> 40) % 1000) / 1000.0;
}

void draw_group(Html& svg, double top, const ReportSummary& summary,
                const std::vector<const SalaryFigure*>& points) {
    std::int64_t least = summary.p25_minor;
    std::int64_t most = summary.p75_minor;
    for (const auto* point : points) {
        least = std::min(least, point->amount_minor);
        most = std::max(most, point->amount_minor);
    }
    const auto& published = summary.published_average;
    const bool show_published = published && published->currency.code == summary.currency.code &&
                                published->period == summary.period;
    if (show_published) {
        least = std::min(least, published->amount_minor);
        most = std::max(most, published->amount_minor);
    }
    const MoneyScale x = money_scale(least, most, summary.currency, kLeft, kRight, false, 5);
    const std::string count = std::to_string(summary.count);
    const std::vector<std::string> values = {std::to_string(summary.p25_minor),
                                             std::to_string(summary.median_minor),
                                             std::to_string(summary.mean_minor),
                                             std::to_string(summary.p75_minor),
                                             std::to_string(least),
                                             std::to_string(most)};
    svg.open("g", {{"class", "panel group"},
                   {"data-country", summary.country_code},
                   {"data-year", summary.year},
                   {"data-period", summary.period},
                   {"data-currency", summary.currency.code},
                   {"data-count", count},
                   {"data-p25-minor", values[0]},
                   {"data-median-minor", values[1]},
                   {"data-mean-minor", values[2]},
                   {"data-p75-minor", values[3]}})
        .element("text",
                 fmt::format("{} · {} · {} per {} · {} report{}", summary.country_code,
                             summary.year, summary.currency.code, summary.period, summary.count,
                             summary.count == 1 ? "" : "s"),
                 {{"class", "panel-title"}, {"x", "14"}, {"y", coordinate(top + 14)}});
    const double band_top = top + 46;
    const double band_bottom = top + 114;
    const double middle = (band_top + band_bottom) / 2;
    draw_money_axis_x(svg, x, band_top - 6, band_bottom + 6);
    // Whiskers to the least and greatest report, then the box, the median and the mean.
    svg.empty("line", {{"class", "whisker"},
                       {"x1", coordinate(x.at(least))},
                       {"x2", coordinate(x.at(most))},
                       {"y1", coordinate(middle)},
                       {"y2", coordinate(middle)}});
    for (const std::int64_t end : {least, most}) {
        svg.empty("line", {{"class", "whisker"},
                           {"x1", coordinate(x.at(end))},
                           {"x2", coordinate(x.at(end))},
                           {"y1", coordinate(middle - 10)},
                           {"y2", coordinate(middle + 10)}});
    }
    svg.open("rect", {{"class", "box"},
                      {"x", coordinate(x.at(summary.p25_minor))},
                      {"y", coordinate(middle - 18)},
                      {"width", coordinate(x.at(summary.p75_minor) - x.at(summary.p25_minor))},
                      {"height", "36"},
                      {"data-p25-minor", values[0]},
                      {"data-p75-minor", values[3]}})
        .element("title", fmt::format("25th to 75th percentile: {} to {}",
                                      format_money(summary.p25_minor, summary.currency),
                                      format_money(summary.p75_minor, summary.currency)))
        .close("rect");
    const std::string median_x = coordinate(x.at(summary.median_minor));
    svg.open("line", {{"class", "median"},
                      {"x1", median_x},
                      {"x2", median_x},
                      {"y1", coordinate(middle - 18)},
                      {"y2", coordinate(middle + 18)},
                      {"data-amount-minor", values[1]}})
        .element("title", "median " + format_money(summary.median_minor, summary.currency))
        .close("line");
    // Every report (or an even sample of many), jittered across the band.
    const std::size_t stride =
        points.size() > kMaxDots ? (points.size() + kMaxDots - 1) / kMaxDots : 1;
    for (std::size_t i = 0; i < points.size(); i += stride) {
        const auto* point = points[i];
        const std::string amount = std::to_string(point->amount_minor);
        const std::string id = std::to_string(point->observation_id);
        svg.open("circle",
                 {{"class", "report"},
                  {"cx", coordinate(x.at(point->amount_minor))},
                  {"cy", coordinate(band_top + 4 +
                                    jitter(point->observation_id) * (band_bottom - band_top - 8))},
                  {"r", "3"},
                  {"data-amount-minor", amount},
                  {"data-observation", id}})
            .element("title", format_money(point->amount_minor, point->currency) + " · " +
                                  point->as_of + " · " + point->source)
            .close("circle");
    }
    const double mean_x = x.at(summary.mean_minor);
    svg.open("path", {{"class", "mean"},
                      {"d", fmt::format("M{} {} l6 6 l-6 6 l-6 -6 z", coordinate(mean_x),
                                        coordinate(middle - 6))},
                      {"data-amount-minor", values[2]}})
        .element("title", "mean " + format_money(summary.mean_minor, summary.currency))
        .close("path");
    if (show_published) {
        const std::string published_x = coordinate(x.at(published->amount_minor));
        const std::string amount = std::to_string(published->amount_minor);
        svg.open("line", {{"class", "published"},
                          {"x1", published_x},
                          {"x2", published_x},
                          {"y1", coordinate(band_top - 10)},
                          {"y2", coordinate(band_bottom + 6)},
                          {"data-amount-minor", amount}})
            .element("title",
                     fmt::format("published yearly average {} (as of {}; {})",
                                 format_money(published->amount_minor, published->currency),
                                 published->as_of, published->source))
            .close("line")
            .element("text", "published avg",
                     {{"class", "published-label"},
                      {"x", published_x},
                      {"y", coordinate(band_top - 13)},
                      {"text-anchor", "middle"}});
    }
    svg.close("g");
}

} // namespace

Html distribution_chart(const std::vector<ReportSummary>& summaries,
                        const std::vector<SalaryFigure>& points) {
    if (summaries.empty()) {
        return {};
    }
    Html svg;
    open_chart(svg, kWidth, static_cast<double>(summaries.size()) * kPanelHeight + 30,
               "distribution",
               "Individual reports: the box spans the 25th to the 75th percentile, the line in it "
               "is the median, the diamond the mean, the whiskers reach the least and greatest "
               "report");
    svg.open("g", {{"class", "key"}})
        .element("text", "box: 25th–75th percentile · line: median · ◆ mean · dots: reports",
                 {{"class", "legend"}, {"x", "14"}, {"y", "16"}})
        .close("g");
    double top = 30;
    for (const auto& summary : summaries) {
        std::vector<const SalaryFigure*> group;
        for (const auto& point : points) {
            if (in_group(point, summary)) {
                group.push_back(&point);
            }
        }
        draw_group(svg, top, summary, group);
        top += kPanelHeight;
    }
    svg.close("svg");
    return svg;
}

} // namespace jobkb::web
