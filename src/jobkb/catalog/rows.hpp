#pragma once

// Reading currencies and salary figures from rows, with the columns every salary query selects
// in the same order. Internal: shared by the catalog's files and the importer.

#include "jobkb/catalog.hpp"
#include "jobkb/statement.hpp"

#include <optional>
#include <string>
#include <utility>

namespace SQLite {
class Statement;
} // namespace SQLite

namespace jobkb::detail {

// A currency's columns in the order read_currency() reads them, from currencies c.
inline constexpr const char* kCurrencyColumns =
    "c.code, coalesce(c.symbol, ''), c.minor_unit, c.digit_grouping";

// Salary figure columns in the order read_salary_figure() reads them.
inline constexpr const char* kFigureColumns =
    "r.name, o.country_code, c.code, coalesce(c.symbol, ''), c.minor_unit, c.digit_grouping, "
    "o.amount_minor, o.period, o.statistic, o.as_of, src.title, coalesce(o.note, ''), o.id, "
    "o.batch_id, o.qualifier, coalesce(o.level, ''), coalesce(o.employment, ''), "
    "coalesce(o.work_setting, ''), coalesce(o.company_size, ''), coalesce(ar.code, ''), "
    "coalesce(ar.name, '')";

// The dimension filters of SalaryQuery on observations o, each NULL when not asked (bound by
// bind_dimension_filters()): a condition on the row found by the key's index, not a key of its
// own.
inline constexpr const char* kDimensionFilters =
    " AND (:level IS NULL OR o.level = :level) AND (:employment IS NULL OR o.employment = "
    ":employment) AND (:work_setting IS NULL OR o.work_setting = :work_setting) AND "
    "(:company_size IS NULL OR o.company_size = :company_size)";

// Binds kDimensionFilters' parameters: the query's level, employment, work setting and company
// size, NULL for those it does not ask (or for no query).
inline void bind_dimension_filters(Statement::Use& use, const SalaryQuery* query) {
    const std::pair<const char*, const std::optional<std::string>*> filters[] = {
        {":level", query ? &query->level : nullptr},
        {":employment", query ? &query->employment : nullptr},
        {":work_setting", query ? &query->work_setting : nullptr},
        {":company_size", query ? &query->company_size : nullptr}};
    for (const auto& [name, value] : filters) {
        if (value != nullptr && *value) {
            use.bind(name, **value);
        } else {
            use.bind_null(name);
        }
    }
}

// The latest figures (salary_latest l) with what kFigureColumns reads.
inline constexpr const char* kLatestJoins =
    " FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id "
    "JOIN roles r ON r.id = l.role_id JOIN currencies c ON c.code = o.currency_code "
    "JOIN sources src ON src.id = o.source_id LEFT JOIN areas ar ON ar.id = o.area_id";

// Every observation (salary_observations o) with what kFigureColumns reads.
inline constexpr const char* kHistoryJoins =
    " FROM salary_observations o JOIN roles r ON r.id = o.role_id "
    "JOIN currencies c ON c.code = o.currency_code JOIN sources src ON src.id = o.source_id "
    "LEFT JOIN areas ar ON ar.id = o.area_id";

// A role may have a skill twice, as a source's key or mentioned skill and as an occupation's
// technology skill (migration 0008): this condition keeps the row of role_skills `alias` only
// when it is the strongest of them (key, then mentioned, then technology), by primary key.
inline std::string strongest_link(const char* alias) {
    return std::string("NOT EXISTS (SELECT 1 FROM role_skills stronger WHERE stronger.role_id = ") +
           alias + ".role_id AND stronger.skill_id = " + alias +
           ".skill_id AND stronger.relevance < " + alias + ".relevance)";
}

// A Currency from four columns starting at `first`: code, symbol ('' for none), minor unit,
// digit grouping (kCurrencyColumns). Throws Error when a column cannot be read.
Currency read_currency(const Statement::Use& row, int first = 0);

// A SalaryFigure from the columns of kFigureColumns, starting at `first`. Throws Error when a
// column cannot be read.
SalaryFigure read_salary_figure(const Statement::Use& row, int first = 0);

} // namespace jobkb::detail
