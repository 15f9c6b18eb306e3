// `jobkb salaries`: the latest figures or their history, and summaries of individual reports;
// `jobkb export`'s reading of every observation.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"
#include "jobkb/report_statistics.hpp"

#include <array>
#include <map>

namespace jobkb {

namespace detail {
namespace {

// One SQL text per combination of filters, so each uses its index: the latest figures by
// salary_latest's key or its country index, the history by salary_observations_by_key.
// The dimension filters of SalaryQuery, each NULL when not asked: a condition on the row found
// by the key's index, not a key of its own.
constexpr const char* kDimensionFilters =
    " AND (:level IS NULL OR o.level = :level) AND (:employment IS NULL OR o.employment = "
    ":employment) AND (:work_setting IS NULL OR o.work_setting = :work_setting) AND "
    "(:company_size IS NULL OR o.company_size = :company_size)";

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
    where += kDimensionFilters;
    if (!where.empty()) {
        sql += " WHERE" + where.substr(4);
    }
    return sql + (history ? " ORDER BY r.name, o.country_code, o.statistic, o.period, o.as_of, o.id"
                          : " ORDER BY r.name, l.country_code, l.statistic, l.period");
}

std::string reports_sql(bool by_role, bool by_country) {
    std::string sql =
        "SELECT o.role_id, r.name, o.country_code, substr(o.as_of, 1, 4), o.currency_code, "
        "o.amount_minor, o.period, coalesce(o.employment, ''), coalesce(o.level, ''), "
        "coalesce(o.work_setting, ''), coalesce(o.company_size, ''), coalesce(et.position, 0), "
        "coalesce(el.position, 0), coalesce(ws.position, 0), coalesce(cs.position, 0) "
        "FROM current_observations o JOIN roles r ON r.id = o.role_id "
        "LEFT JOIN employment_types et ON et.code = o.employment "
        "LEFT JOIN experience_levels el ON el.code = o.level "
        "LEFT JOIN work_settings ws ON ws.code = o.work_setting "
        "LEFT JOIN company_sizes cs ON cs.code = o.company_size "
        "WHERE o.statistic = 'point'";
    sql += kDimensionFilters;
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
                    "l.statistic = 'average' AND l.period = 'year' AND l.dimensions = ''"},
      currency{database, kSummarising,
               std::string("SELECT ") + kCurrencyColumns +
                   " FROM currencies c WHERE c.code = :code"},
      all_observations{database, "reading observations",
                       std::string("SELECT ") + kFigureColumns + kHistoryJoins + " ORDER BY o.id"} {
}

} // namespace detail

namespace {

// Binds the filters a statement of ByFilters takes; the dimensions' NULL when not asked.
detail::Statement::Use filtered(detail::ByFilters& statements, std::optional<std::int64_t> role_id,
                                const std::optional<std::string>& country,
                                const SalaryQuery* dimensions = nullptr) {
    auto use = statements(role_id.has_value(), country.has_value()).use();
    if (role_id) {
        use.bind(":role", *role_id);
    }
    if (country) {
        use.bind(":country", *country);
    }
    const std::pair<const char*, const std::optional<std::string>*> filters[] = {
        {":level", dimensions ? &dimensions->level : nullptr},
        {":employment", dimensions ? &dimensions->employment : nullptr},
        {":work_setting", dimensions ? &dimensions->work_setting : nullptr},
        {":company_size", dimensions ? &dimensions->company_size : nullptr}};
    for (const auto& [name, value] : filters) {
        if (value != nullptr && *value) {
            use.bind(name, **value);
        } else {
            use.bind_null(name);
        }
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
    auto& statements = this->statements().salaries();
    auto row = filtered(request.history ? statements.history : statements.latest, role_id, country,
                        &request);
    std::vector<SalaryFigure> figures;
    while (row.step()) {
        figures.push_back(detail::read_salary_figure(row));
    }
    return figures;
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
    // The rows come by role, country, year, period and currency (a run); within a run, one group
    // per employment type and per grouped dimension, in the vocabularies' order (entry first).
    struct Group {
        ReportSummary summary;
        std::vector<std::int64_t> amounts;
    };
    std::map<std::array<std::int64_t, 4>, Group> run;
    std::vector<ReportSummary> summaries;
    std::int64_t run_role = 0;
    auto finish = [&] {
        for (auto& [position, group] : run) {
            ReportSummary& summary = group.summary;
            detail::summarise_amounts(group.amounts, summary);
            auto published = statements.published.use()
                                 .bind(":role", run_role)
                                 .bind(":country", summary.country_code);
            if (published.step()) {
                summary.published_average = detail::read_salary_figure(published);
            }
            summaries.push_back(std::move(summary));
        }
        run.clear();
    };
    ReportSummary last; // the run's key
    auto row = filtered(statements.reports, role_id, country, &request);
    while (row.step()) {
        const std::string role = row.text(1);
        const std::string country_code = row.text(2);
        const std::string year = row.text(3);
        const std::string currency = row.text(4);
        const std::string period = row.text(6);
        const bool same = !run.empty() && last.role == role && last.country_code == country_code &&
                          last.year == year && last.period == period &&
                          last.currency.code == currency;
        if (!same) {
            finish();
            last.role = role;
            last.country_code = country_code;
            last.year = year;
            last.period = period;
            last.currency = detail::read_currency(
                statements.currency.use().bind(":code", currency).single_row());
            run_role = row.int64(0);
        }
        const std::array<std::int64_t, 4> position = {row.int64(11),
                                                      request.by_level ? row.int64(12) : 0,
                                                      request.by_work_setting ? row.int64(13) : 0,
                                                      request.by_company_size ? row.int64(14) : 0};
        auto [group, added] = run.try_emplace(position);
        if (added) {
            group->second.summary = last;
            group->second.summary.employment = row.text(7);
            group->second.summary.level = request.by_level ? row.text(8) : "";
            group->second.summary.work_setting = request.by_work_setting ? row.text(9) : "";
            group->second.summary.company_size = request.by_company_size ? row.text(10) : "";
        }
        group->second.amounts.push_back(row.int64(5));
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
