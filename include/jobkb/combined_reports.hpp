#pragma once

#include "jobkb/catalog.hpp"
#include "jobkb/conversion.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jobkb {

/// Individual reports (statistic "point") of one role, country, year and period, whatever
/// currency each was reported in, each converted into one unit before they are summarised: a
/// survey's Canadian reports in CAD and in USD become one group in USD.
struct CombinedReportSummary {
    std::string role;         ///< the role's name
    std::string country_code; ///< ISO 3166-1 alpha-2
    std::string year;         ///< YYYY, the reports' as_of year
    std::string period;       ///< year, month or hour: reports of different periods are not mixed
    std::string employment;   ///< the reports' employment type (never mixed); empty: not said
    /// The unit the figures below are in: the currency asked for, or international_dollar().
    Currency unit;
    std::int64_t count = 0; ///< reports in the figures below
    /// Of those, how many went through an exchange rate or a PPP factor (for international
    /// dollars every report does).
    std::int64_t converted = 0;
    /// Reports by the currency they were reported in, by code: {{"CAD", 1}, {"USD", 14}};
    /// includes the reports left out.
    std::vector<std::pair<std::string, std::int64_t>> reported_in;
    /// Reports that had no rate or factor within the window: not in the figures below.
    std::int64_t left_out = 0;
    /// Why they were left out, each distinct note once, in the order met.
    std::vector<std::string> notes;
    /// Each distinct exchange rate used, in the order first used.
    std::vector<AppliedRate> rates;
    /// The PPP factor used (international dollars only; one per country and year).
    std::optional<AppliedFactor> factor;
    std::int64_t p25_minor = 0;    ///< 25th percentile in the unit's minor unit; 0 when count is 0
    std::int64_t median_minor = 0; ///< median, likewise
    std::int64_t mean_minor = 0;   ///< mean, rounded to the minor unit, likewise
    std::int64_t p75_minor = 0;    ///< 75th percentile, likewise
    /// The latest published yearly average of the role and country, as published.
    std::optional<SalaryFigure> published_average;
    /// That average in the unit; nullopt when there is none or it has no rate.
    std::optional<std::int64_t> published_average_minor;
};

/// The current individual reports matching the query (role and country, resolved as the catalog
/// does, and the dimension filters level, employment, work_setting and company_size; not an area,
/// and no grouping by a dimension besides the employment type), by role, country, year and period,
/// each converted to `currency` with the converter's rules before the percentiles and the mean are
/// taken. Reports already in `currency` count as not converted. The percentiles and mean are those
/// of Catalog::report_summaries (linear interpolation between closest ranks), so a group reported
/// in one currency only, combined in that currency, gives the same figures. Throws Error(kNotFound)
/// for an unknown role, country or currency, and Error for a database failure.
std::vector<CombinedReportSummary> report_summaries_in(Catalog& catalog,
                                                       CurrencyConverter& converter,
                                                       const SalaryQuery& query,
                                                       std::string_view currency);

/// The same in international dollars: each report divided by its country's PPP factor (after
/// converting it to the factor's currency when it was reported in another). Throws as above.
std::vector<CombinedReportSummary>
report_summaries_in_international_dollars(Catalog& catalog, CurrencyConverter& converter,
                                          const SalaryQuery& query);

} // namespace jobkb
