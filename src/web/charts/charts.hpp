#pragma once

// The charts of the pages, drawn by jobkb as SVG inside the page: no script, so they show
// without JavaScript, under a CSP that allows none, and in a static site opened from disk. Every
// mark carries its figure as data attributes (data-amount-minor, data-currency, data-as-of,
// data-observation), and every axis tick its amount and position, so a test can check that what
// is drawn is what the base holds.

#include "web/html.hpp"

#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"

#include <set>
#include <vector>

namespace jobkb::web {

// A role's latest figures: one panel per country, currency and period (amounts in different
// currencies never share an axis), a bar per statistic, from zero.
Html latest_salaries_chart(const std::vector<SalaryFigure>& latest);

// Each key's history: one line chart per country, currency and period, a line per statistic,
// over time. Individual reports (statistic point) are the distribution's, not lines.
Html history_charts(const std::vector<SalaryFigure>& history);

// Individual reports per country, year and currency: the box from the 25th to the 75th
// percentile with the median and the mean (the summaries' own figures), whiskers to the least and
// greatest report, each report as a dot, and the published yearly average as a dashed line.
// `points` are the role's current reports (statistic point).
Html distribution_chart(const std::vector<ReportSummary>& summaries,
                        const std::vector<SalaryFigure>& points);

// Compared roles' salaries: a panel per country, statistic, period and currency, a bar per role.
Html comparison_chart(const Comparison& comparison);

} // namespace jobkb::web
