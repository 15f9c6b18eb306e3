// `jobkb salaries`: the latest figures or their history, and summaries of individual reports;
// `jobkb export`'s reading of every observation.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"
#include "jobkb/report_statistics.hpp"

namespace jobkb {

namespace detail {
namespace {

// One SQL text per combination of filters, so each uses its index: the latest figures by
// salary_latest's key or its country index, the history by salary_observations_by_key.
std::string figures_sql(bool history, bool by_role, bool by_country) {
    const char* alias = history ? "o" : "l";
    std::string sql =
        std::string("SELECT ") + kFigureColumns + (history ? kHistoryJoins : kLatestJoins);
    std::string where;
    if (by_role) {
        where += std::string(" AND ") + alias + ".role_id = :role";
    }
    if (by_country) {
        where += std::string(" AND ") + alias + ".country_code = :country";
    }
    if (!history) {
        // Single reports are summarised by report_summaries(), not listed as "latest".
        where += " AND l.statistic <> 'point'";
    }
    if (!where.empty()) {
        sql += " WHERE" + where.substr(4);
    }
    return sql + (history ? " ORDER BY r.name, o.country_code, o.statistic, o.period, o.as_of, o.id"
                          : " ORDER BY r.name, l.country_code, l.statistic, l.period");
}

std::string reports_sql(bool by_role, bool by_country) {
    std::string sql =
        "SELECT o.role_id, r.name, o.country_code, substr(o.as_of, 1, 4), o.currency_code, "
        "o.amount_minor, o.period FROM current_observations o JOIN roles r ON r.id = o.role_id "
        "WHERE o.statistic = 'point'";
    if (by_role) {
        sql += " AND o.role_id = :role";
    }
    if (by_country) {
        sql += " AND o.country_code = :country";
    }
    return sql + " ORDER BY r.name, o.country_code, 4, o.period, o.currency_code, o.amount_minor";
}

constexpr const char* kListing = "listing salaries";
constexpr const char* kSummarising = "summarising individual reports";

} // namespace

SalaryStatements::SalaryStatements(Database& database)
    : latest(database, kListing,
             [](bool role, bool country) { return figures_sql(false, role, country); }),
      history(database, kListing,
              [](bool role, bool country) { return figures_sql(true, role, country); }),
      reports(database, kSummarising, reports_sql),
      published{database, kSummarising,
                std::string("SELECT ") + kFigureColumns + kLatestJoins +
                    " WHERE l.role_id = :role AND l.country_code = :country AND "
                    "l.statistic = 'average' AND l.period = 'year'"},
      currency{database, kSummarising,
               std::string("SELECT ") + kCurrencyColumns +
                   " FROM currencies c WHERE c.code = :code"},
      all_observations{database, "reading observations",
                       std::string("SELECT ") + kFigureColumns + kHistoryJoins + " ORDER BY o.id"} {
}

} // namespace detail

namespace {

// Binds the filters a statement of ByFilters takes.
detail::Statement::Use filtered(detail::ByFilters& statements, std::optional<std::int64_t> role_id,
                                const std::optional<std::string>& country) {
    auto use = statements(role_id.has_value(), country.has_value()).use();
    if (role_id) {
        use.bind(":role", *role_id);
    }
    if (country) {
        use.bind(":country", *country);
    }
    return use;
}

// The role's id and the country's code a query names, if it names them.
std::pair<std::optional<std::int64_t>, std::optional<std::string>>
resolved(NameResolver& names, const SalaryQuery& request) {
    std::pair<std::optional<std::int64_t>, std::optional<std::string>> found;
    if (request.role) {
        found.first = names.resolve(NameKind::kRole, *request.role).id;
    }
    if (request.country) {
        found.second = names.resolve_country(*request.country);
    }
    return found;
}

} // namespace

std::vector<SalaryFigure> Catalog::salaries(const SalaryQuery& request) {
    ReadSnapshot snapshot(database_);
    const auto [role_id, country] = resolved(names_, request);
    return salaries_of(role_id, country, request.history);
}

std::vector<SalaryFigure> Catalog::salaries_of(std::optional<std::int64_t> role_id,
                                               const std::optional<std::string>& country,
                                               bool history) {
    auto& statements = this->statements().salaries();
    auto row = filtered(history ? statements.history : statements.latest, role_id, country);
    std::vector<SalaryFigure> figures;
    while (row.step()) {
        figures.push_back(detail::read_salary_figure(row));
    }
    return figures;
}

std::vector<ReportSummary> Catalog::report_summaries(const SalaryQuery& request) {
    ReadSnapshot snapshot(database_);
    const auto [role_id, country] = resolved(names_, request);
    auto& statements = this->statements().salaries();
    std::vector<ReportSummary> summaries;
    std::vector<std::int64_t> amounts;
    std::int64_t group_role = 0;
    auto finish = [&] {
        if (amounts.empty()) {
            return;
        }
        auto& summary = summaries.back();
        summary.count = static_cast<std::int64_t>(amounts.size());
        summary.p25_minor = detail::percentile(amounts, 25);
        summary.median_minor = detail::percentile(amounts, 50);
        summary.p75_minor = detail::percentile(amounts, 75);
        summary.mean_minor = detail::rounded_mean(amounts);
        auto published = statements.published.use()
                             .bind(":role", group_role)
                             .bind(":country", summary.country_code);
        if (published.step()) {
            summary.published_average = detail::read_salary_figure(published);
        }
        amounts.clear();
    };
    auto row = filtered(statements.reports, role_id, country);
    while (row.step()) {
        const std::string role = row.text(1);
        const std::string country_code = row.text(2);
        const std::string year = row.text(3);
        const std::string currency = row.text(4);
        const std::string period = row.text(6);
        const bool same = !summaries.empty() && summaries.back().role == role &&
                          summaries.back().country_code == country_code &&
                          summaries.back().year == year && summaries.back().period == period &&
                          summaries.back().currency.code == currency;
        if (!same) {
            finish();
            ReportSummary summary;
            summary.role = role;
            summary.country_code = country_code;
            summary.year = year;
            summary.period = period;
            summary.currency = detail::read_currency(
                statements.currency.use().bind(":code", currency).single_row());
            summaries.push_back(std::move(summary));
            group_role = row.int64(0);
        }
        amounts.push_back(row.int64(5));
    }
    finish();
    return summaries;
}

void Catalog::each_observation(const std::function<void(const SalaryFigure&)>& visit) {
    auto row = statements().salaries().all_observations.use();
    while (row.step()) {
        visit(detail::read_salary_figure(row));
    }
}

} // namespace jobkb
