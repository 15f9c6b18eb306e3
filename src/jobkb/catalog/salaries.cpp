// `jobkb salaries`: the latest figures or their history, and summaries of individual reports;
// `jobkb export`'s reading of every observation.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"
#include "jobkb/report_statistics.hpp"
#include "jobkb/text.hpp"

#include "jobkb/name_matching.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <tuple>

namespace jobkb {

namespace detail {
namespace {

// One SQL text per combination of filters, so each uses its index: the latest figures by
// salary_latest's key or its country index, the history by salary_observations_by_key.

// The areas a text names: by code (US-AL, 10180, in any case), by name, or by the part of a code
// after the country (AL, with :country), each by its index.
constexpr const char* kAreasNamed =
    "SELECT id, country_code, coalesce(code, ''), name FROM areas WHERE code = :text "
    "UNION SELECT id, country_code, coalesce(code, ''), name FROM areas "
    "WHERE name = :text COLLATE NOCASE "
    "UNION SELECT id, country_code, coalesce(code, ''), name FROM areas "
    "WHERE code = :country || '-' || :text ORDER BY 2, 3";
// Every area's name and code (of :country, or all), for suggestions: read only for a miss.
constexpr const char* kAreaSpellings = "SELECT name, coalesce(code, ''), country_code FROM areas "
                                       "WHERE :country IS NULL OR country_code = :country";

std::string figures_sql(bool history, bool by_role, bool by_country, bool by_area) {
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
    if (by_area) {
        // A key of its own, not a NULL-or condition: the history of an area reads its index.
        where += " AND o.area_id = :area";
    }
    if (!where.empty()) {
        sql += " WHERE" + where.substr(4);
    }
    return sql + (history ? " ORDER BY r.name, o.country_code, o.statistic, o.period, o.as_of, o.id"
                          : " ORDER BY r.name, l.country_code, l.statistic, l.period");
}

std::string reports_sql(bool by_role, bool by_country, bool by_area) {
    std::string sql =
        "SELECT o.role_id, r.name, o.country_code, substr(o.as_of, 1, 4), o.currency_code, "
        "o.amount_minor, o.period, coalesce(o.employment, ''), coalesce(o.level, ''), "
        "coalesce(o.work_setting, ''), coalesce(o.company_size, ''), coalesce(et.position, 0), "
        "coalesce(el.position, 0), coalesce(ws.position, 0), coalesce(cs.position, 0), "
        "coalesce(o.area_id, 0), coalesce(ar.code, ''), coalesce(ar.name, '') "
        "FROM current_observations o JOIN roles r ON r.id = o.role_id "
        "LEFT JOIN areas ar ON ar.id = o.area_id "
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
    if (by_area) {
        sql += " AND o.area_id = :area";
    }
    return sql + " ORDER BY r.name, o.country_code, 4, o.period, o.currency_code, o.amount_minor";
}

constexpr const char* kListing = "listing salaries";
constexpr const char* kSummarising = "summarising individual reports";

} // namespace

SalaryStatements::SalaryStatements(Database& database)
    : latest(database, kListing,
             [](bool role, bool country, bool area) {
                 return figures_sql(false, role, country, area);
             }),
      history(database, kListing,
              [](bool role, bool country, bool area) {
                  return figures_sql(true, role, country, area);
              }),
      reports(database, kSummarising, reports_sql),
      published{database, kSummarising,
                std::string("SELECT ") + kFigureColumns + kLatestJoins +
                    " WHERE l.role_id = :role AND l.country_code = :country AND "
                    "l.statistic = 'average' AND l.period = 'year' AND l.dimensions = :dimensions"},
      areas_named{database, kListing, kAreasNamed}, area_spellings{database, kListing,
                                                                   kAreaSpellings},
      currency{database, kSummarising,
               std::string("SELECT ") + kCurrencyColumns +
                   " FROM currencies c WHERE c.code = :code"},
      all_observations{database, "reading observations",
                       std::string("SELECT ") + kFigureColumns + kHistoryJoins + " ORDER BY o.id"},
      counting_observations{database, "reading observations",
                            std::string("SELECT ") + kFigureColumns + kHistoryJoins +
                                " WHERE o.batch_id IS NULL OR o.batch_id IN (SELECT id FROM "
                                "import_batches WHERE superseded_by IS NULL) ORDER BY o.id"} {}

} // namespace detail

namespace {

// Binds the filters a statement of ByFilters takes; the dimensions' and the area's NULL when not
// asked.
detail::Statement::Use filtered(detail::ByFilters& statements, std::optional<std::int64_t> role_id,
                                const std::optional<std::string>& country,
                                const SalaryQuery* dimensions = nullptr,
                                std::optional<std::int64_t> area_id = std::nullopt) {
    auto use = statements(role_id.has_value(), country.has_value(), area_id.has_value()).use();
    if (area_id) {
        use.bind(":area", *area_id);
    }
    if (role_id) {
        use.bind(":role", *role_id);
    }
    if (country) {
        use.bind(":country", *country);
    }
    detail::bind_dimension_filters(use, dimensions);
    return use;
}

// The area a query names, in its country if it names one. Throws Error(kNotFound) with the
// closest areas for a text that names none, Error(kAmbiguous) for a name of several areas, and
// Error(kInvalidArgument) for an area of another country only.
std::int64_t find_area(detail::SalaryStatements& statements, const std::string& text,
                       std::optional<std::string>& country) {
    struct Match {
        std::int64_t id;
        std::string country;
        std::string shown; // "Alabama (US-AL)"
    };
    std::vector<Match> all;
    {
        auto row = statements.areas_named.use().bind(":text", text);
        if (country) {
            row.bind(":country", *country);
        } else {
            row.bind_null(":country");
        }
        while (row.step()) {
            const std::string code = row.text(2);
            all.push_back({row.int64(0), row.text(1),
                           row.text(3) + " (" + (code.empty() ? row.text(1) : code) + ")"});
        }
    }
    std::vector<Match> matches;
    for (const Match& match : all) {
        if (!country || match.country == *country) {
            matches.push_back(match);
        }
    }
    if (matches.size() == 1) {
        country = matches.front().country;
        return matches.front().id;
    }
    if (matches.size() > 1) {
        std::vector<std::string> shown;
        for (const Match& match : matches) {
            shown.push_back(match.shown);
        }
        throw Error(ErrorCode::kAmbiguous,
                    fmt::format("area '{}' names {} areas: {}; give its "
                                "code, or its country",
                                text, matches.size(), detail::or_list(shown)));
    }
    if (!all.empty()) {
        throw Error(ErrorCode::kInvalidArgument, fmt::format("area '{}' is in {}, not in {}", text,
                                                             all.front().country, *country));
    }
    detail::SpellingIndex index(detail::WordRules::kPlaces);
    std::vector<std::string> shown;
    {
        auto row = statements.area_spellings.use();
        if (country) {
            row.bind(":country", *country);
        } else {
            row.bind_null(":country");
        }
        while (row.step()) {
            const std::string code = row.text(1);
            const auto target = static_cast<std::uint32_t>(shown.size());
            index.add(row.text(0), target);
            if (!code.empty()) {
                index.add(code, target);
            }
            shown.push_back(row.text(0) + " (" + (code.empty() ? row.text(2) : code) + ")");
        }
    }
    std::string message =
        fmt::format("unknown area '{}'{} (expected the name or code of an area, such as Alabama "
                    "or US-AL)",
                    text, country ? " in " + *country : std::string());
    std::vector<std::string> near;
    for (const std::uint32_t target : index.closest(text, 3)) {
        near.push_back(shown[target]);
    }
    if (!near.empty()) {
        message += ": did you mean " + detail::or_list(near) + "?";
    }
    throw Error(ErrorCode::kNotFound, message);
}

// What a query names: the role's id, the country's code, the area's id (an area sets the
// country, so the query reads the country's index).
struct Resolved {
    std::optional<std::int64_t> role_id;
    std::optional<std::string> country;
    std::optional<std::int64_t> area_id;
};

Resolved resolved(NameResolver& names, detail::SalaryStatements& statements,
                  const SalaryQuery& request) {
    Resolved found;
    if (request.role) {
        found.role_id = names.resolve(NameKind::kRole, *request.role).id;
    }
    if (request.country) {
        found.country = names.resolve_country(*request.country);
    }
    if (request.area) {
        found.area_id = find_area(statements, *request.area, found.country);
    }
    return found;
}

} // namespace

std::vector<SalaryFigure> Catalog::salaries(const SalaryQuery& request) {
    ReadSnapshot snapshot(database_);
    auto& statements = this->statements().salaries();
    const auto [role_id, country, area_id] = resolved(names_, statements, request);
    auto row = filtered(request.history ? statements.history : statements.latest, role_id, country,
                        &request, area_id);
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
    auto& statements = this->statements().salaries();
    const auto [role_id, country, area_id] = resolved(names_, statements, request);
    // The rows come by role, country, year, period and currency (a run); within a run, one group
    // per employment type and per grouped dimension, in the vocabularies' order (entry first), and
    // per area (by name, the country's own first).
    struct Group {
        ReportSummary summary;
        std::int64_t area_id = 0; // the group's area: of the filter, or grouped by; 0 for none
        std::vector<std::int64_t> amounts;
    };
    using Position = std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t, std::int64_t,
                                std::int64_t>;
    std::map<Position, Group> run;
    std::vector<ReportSummary> summaries;
    std::int64_t run_role = 0;
    auto finish = [&] {
        for (auto& [position, group] : run) {
            ReportSummary& summary = group.summary;
            detail::summarise_amounts(group.amounts, summary);
            // The published average of the group's area, or of the whole country.
            const std::string dimensions =
                group.area_id == 0 ? std::string() : fmt::format("area={};", group.area_id);
            auto published = statements.published.use()
                                 .bind(":role", run_role)
                                 .bind(":country", summary.country_code)
                                 .bind(":dimensions", dimensions);
            if (published.step()) {
                summary.published_average = detail::read_salary_figure(published);
            }
            summaries.push_back(std::move(summary));
        }
        run.clear();
    };
    ReportSummary last; // the run's key
    auto row = filtered(statements.reports, role_id, country, &request, area_id);
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
        const bool by_area = request.by_area;
        const Position position = {row.int64(11),
                                   by_area ? row.text(17) : std::string(),
                                   by_area ? row.int64(15) : 0,
                                   request.by_level ? row.int64(12) : 0,
                                   request.by_work_setting ? row.int64(13) : 0,
                                   request.by_company_size ? row.int64(14) : 0};
        auto [group, added] = run.try_emplace(position);
        if (added) {
            group->second.summary = last;
            group->second.area_id = by_area ? row.int64(15) : area_id.value_or(0);
            group->second.summary.area_code = by_area || area_id ? row.text(16) : "";
            group->second.summary.area = by_area || area_id ? row.text(17) : "";
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

void Catalog::each_observation(const std::function<void(const SalaryFigure&)>& visit,
                               Observations which) {
    auto& statements = this->statements().salaries();
    auto row = (which == Observations::kAll ? statements.all_observations
                                            : statements.counting_observations)
                   .use();
    while (row.step()) {
        visit(detail::read_salary_figure(row));
    }
}

} // namespace jobkb
