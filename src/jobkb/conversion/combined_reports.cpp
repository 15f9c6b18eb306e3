#include "jobkb/combined_reports.hpp"

#include "jobkb/catalog/rows.hpp"

#include "jobkb/error.hpp"
#include "jobkb/report_statistics.hpp"
#include "jobkb/statement.hpp"

#include <algorithm>

namespace jobkb {
namespace {

using detail::Statement;

constexpr const char* kReports =
    "SELECT o.role_id, r.name, o.country_code, substr(o.as_of, 1, 4), o.currency_code, "
    "o.amount_minor, o.period, o.as_of, coalesce(o.employment, '') FROM current_observations o "
    "JOIN roles r ON r.id = o.role_id WHERE o.statistic = 'point'";
// Reports of different employment types are never summarised together (a part-time salary is no
// sample of full-time pay).
constexpr const char* kReportsOrder = " ORDER BY r.name, o.country_code, 4, o.period, 9, o.id";

// The latest published yearly average of a role and country, as read_salary_figure() reads it.
const std::string kPublishedAverage =
    std::string("SELECT ") + detail::kFigureColumns + detail::kLatestJoins +
    " WHERE l.role_id = :role AND l.country_code = :country AND l.statistic = 'average' AND "
    "l.period = 'year' AND l.dimensions = ''";

// One SQL text per combination of filters, so that each reads its index; the dimension filters
// (--level, --employment, ...) are conditions on the rows found.
struct ReportStatements {
    explicit ReportStatements(Database& database)
        : all{database, "summarising individual reports",
              std::string(kReports) + detail::kDimensionFilters + kReportsOrder},
          of_role{database, "summarising individual reports",
                  std::string(kReports) + " AND o.role_id = :role" + detail::kDimensionFilters +
                      kReportsOrder},
          of_country{database, "summarising individual reports",
                     std::string(kReports) + " AND o.country_code = :country" +
                         detail::kDimensionFilters + kReportsOrder},
          of_both{database, "summarising individual reports",
                  std::string(kReports) + " AND o.role_id = :role AND o.country_code = :country" +
                      detail::kDimensionFilters + kReportsOrder},
          published{database, "summarising individual reports", kPublishedAverage} {}

    Statement all;
    Statement of_role;
    Statement of_country;
    Statement of_both;
    Statement published; // the latest published yearly average of a role and country
};

// A report in the unit, or why it is not.
struct Converted {
    std::optional<std::int64_t> amount;
    bool went_through = false; // an exchange rate or factor was applied
    std::optional<AppliedRate> rate;
    std::optional<AppliedFactor> factor;
    std::string note;
};

bool same_rate(const AppliedRate& a, const AppliedRate& b) {
    return a.from == b.from && a.to == b.to && a.applies_to == b.applies_to &&
           a.source_id == b.source_id;
}

void count_currency(CombinedReportSummary& summary, const std::string& code) {
    for (auto& [known, count] : summary.reported_in) {
        if (known == code) {
            ++count;
            return;
        }
    }
    summary.reported_in.emplace_back(code, 1);
    std::sort(summary.reported_in.begin(), summary.reported_in.end());
}

std::vector<CombinedReportSummary> combine(Catalog& catalog, CurrencyConverter& converter,
                                           const SalaryQuery& query,
                                           const std::optional<std::string>& currency) {
    Database& database = catalog.database();
    ReadSnapshot snapshot(database);
    std::optional<std::int64_t> role_id;
    if (query.role) {
        role_id = catalog.names().resolve(NameKind::kRole, *query.role).id;
    }
    std::optional<std::string> country;
    if (query.country) {
        country = catalog.names().resolve_country(*query.country);
    }
    const Currency unit = currency ? converter.currency(*currency) : international_dollar();

    auto convert = [&](std::int64_t amount, const std::string& code, const std::string& in,
                       const std::string& as_of) {
        Converted result;
        if (currency) {
            const auto conversion = converter.convert(amount, code, as_of, unit.code);
            result.amount = conversion.amount_minor;
            result.went_through = conversion.rate.has_value();
            result.rate = conversion.rate;
            result.note = conversion.note;
        } else {
            const auto conversion = converter.to_international_dollars(amount, code, in, as_of);
            result.amount = conversion.amount_minor;
            result.went_through = conversion.converted();
            result.factor = conversion.factor;
            if (conversion.local && conversion.local->rate) {
                result.rate = conversion.local->rate;
            }
            result.note = conversion.note;
        }
        return result;
    };

    ReportStatements statements(database);
    std::vector<CombinedReportSummary> summaries;
    std::vector<std::int64_t> amounts;
    std::int64_t group_role = 0;
    auto finish = [&] {
        if (summaries.empty()) {
            return;
        }
        auto& summary = summaries.back();
        detail::summarise_amounts(amounts, summary);
        auto published = statements.published.use()
                             .bind(":role", group_role)
                             .bind(":country", summary.country_code);
        if (published.step()) {
            summary.published_average = detail::read_salary_figure(published);
        }
        if (summary.published_average) {
            summary.published_average_minor =
                convert(summary.published_average->amount_minor,
                        summary.published_average->currency.code, summary.country_code,
                        summary.published_average->as_of)
                    .amount;
        }
        amounts.clear();
    };

    auto reports = role_id && country ? statements.of_both.use()
                   : role_id          ? statements.of_role.use()
                   : country          ? statements.of_country.use()
                                      : statements.all.use();
    if (role_id) {
        reports.bind(":role", *role_id);
    }
    if (country) {
        reports.bind(":country", *country);
    }
    detail::bind_dimension_filters(reports, &query);
    while (reports.step()) {
        const std::string role = reports.text(1);
        const std::string country_code = reports.text(2);
        const std::string year = reports.text(3);
        const std::string period = reports.text(6);
        const std::string employment = reports.text(8);
        const bool same = !summaries.empty() && summaries.back().role == role &&
                          summaries.back().country_code == country_code &&
                          summaries.back().year == year && summaries.back().period == period &&
                          summaries.back().employment == employment;
        if (!same) {
            finish();
            CombinedReportSummary summary;
            summary.role = role;
            summary.country_code = country_code;
            summary.year = year;
            summary.period = period;
            summary.employment = employment;
            summary.unit = unit;
            summaries.push_back(std::move(summary));
            group_role = reports.int64(0);
        }
        auto& summary = summaries.back();
        const std::string code = reports.text(4);
        count_currency(summary, code);
        const Converted converted = convert(reports.int64(5), code, country_code, reports.text(7));
        if (!converted.amount) {
            ++summary.left_out;
            if (std::find(summary.notes.begin(), summary.notes.end(), converted.note) ==
                summary.notes.end()) {
                summary.notes.push_back(converted.note);
            }
            continue;
        }
        amounts.push_back(*converted.amount);
        summary.converted += converted.went_through ? 1 : 0;
        if (converted.rate &&
            std::none_of(summary.rates.begin(), summary.rates.end(), [&](const AppliedRate& known) {
                return same_rate(known, *converted.rate);
            })) {
            summary.rates.push_back(*converted.rate);
        }
        if (converted.factor && !summary.factor) {
            summary.factor = converted.factor;
        }
    }
    finish();
    return summaries;
}

} // namespace

std::vector<CombinedReportSummary> report_summaries_in(Catalog& catalog,
                                                       CurrencyConverter& converter,
                                                       const SalaryQuery& query,
                                                       std::string_view currency) {
    return combine(catalog, converter, query, std::string(currency));
}

std::vector<CombinedReportSummary>
report_summaries_in_international_dollars(Catalog& catalog, CurrencyConverter& converter,
                                          const SalaryQuery& query) {
    return combine(catalog, converter, query, std::nullopt);
}

} // namespace jobkb
