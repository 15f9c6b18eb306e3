#pragma once

#include "jobkb/database.hpp"
#include "jobkb/money.hpp"
#include "jobkb/names.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jobkb {

struct SalaryFigure {
    std::string role;         // the role's name
    std::string country_code; // ISO 3166-1 alpha-2
    Currency currency;
    std::int64_t amount_minor = 0;
    std::string period;    // year, month, hour
    std::string statistic; // average, median, p25, point, ...
    std::string as_of;     // YYYY-MM-DD, YYYY-MM or YYYY
    std::string source;    // the source's title
    std::string note;
    std::int64_t observation_id = 0;
};

// A role with what the roles listing shows of it.
struct RoleOverview {
    std::string slug;
    std::string name;
    std::string summary;
    std::vector<std::string> key_skills;         // in the source's order
    std::vector<std::string> industries;         // in the source's order
    std::vector<SalaryFigure> headline_salaries; // latest yearly average per country, by code
};

// Everything the base knows of one role.
struct RoleProfile {
    std::string slug;
    std::string name;
    std::string summary;
    std::vector<std::string> aliases;
    std::vector<std::string> responsibilities; // in order
    std::vector<std::string> key_skills;
    std::vector<std::string> mentioned_skills;
    std::vector<std::string> industries;
    std::vector<SalaryFigure> latest_salaries; // per country, statistic and period
};

enum class SkillMatch { kAny, kAll };
enum class RoleSort { kName, kSalary };

struct RoleFilter {
    std::vector<std::string> skills; // names, slugs or aliases
    SkillMatch match = SkillMatch::kAny;
    bool key_skills_only = false;          // ignore skills the source only mentions
    std::vector<std::string> industries;   // any of them
    std::optional<std::string> country;    // code or name: only its salary is shown
    std::optional<std::string> min_salary; // in the country's currency; needs country
    RoleSort sort = RoleSort::kName;       // kSalary needs country
};

// How many roles use a skill or an industry.
struct Usage {
    std::string name;
    std::int64_t roles = 0;     // roles that have it
    std::int64_t key_roles = 0; // of which as a key skill (skills only)
    std::string relevance;      // with a role given: "key" or "mentioned" (skills only)
};

// Individual reports (statistic "point") of one role, country, year, period and currency,
// summarised, next to the latest published yearly average for the role and country.
struct ReportSummary {
    std::string role;
    std::string country_code;
    std::string year;
    std::string period; // year, month or hour: reports of different periods are not mixed
    Currency currency;
    std::int64_t count = 0;
    std::int64_t p25_minor = 0;
    std::int64_t median_minor = 0;
    std::int64_t mean_minor = 0; // rounded to the minor unit
    std::int64_t p75_minor = 0;
    std::optional<SalaryFigure> published_average;
};

struct SalaryQuery {
    std::optional<std::string> role;
    std::optional<std::string> country;
    bool history = false; // every observation, not only the latest per key
};

// Typed read access to the knowledge base. Every statement is prepared once per connection
// (Database's statement cache) and takes user text only as bound parameters.
class Catalog {
public:
    explicit Catalog(Database& database) : database_(database), names_(database) {}

    NameResolver& names() { return names_; }

    // Roles matching the filter; throws Error(kNotFound) for an unknown name, with suggestions,
    // and Error(kInvalidArgument) for a filter that needs a country and has none.
    std::vector<RoleOverview> roles(const RoleFilter& filter = {});

    RoleProfile role_profile(std::string_view role);

    std::vector<Usage> skills(const std::optional<std::string>& role = std::nullopt);
    std::vector<Usage> industries(const std::optional<std::string>& role = std::nullopt);

    // Latest figures (or the whole history) by role, country, statistic, period and date.
    std::vector<SalaryFigure> salaries(const SalaryQuery& query = {});

    // Summaries of the current individual reports, by role, country, year and currency.
    std::vector<ReportSummary> report_summaries(const SalaryQuery& query = {});

    // Every observation, in import order (by id), one at a time: memory stays flat.
    void each_observation(const std::function<void(const SalaryFigure&)>& visit);

    // A role's skills by relevance ("key" first), each once.
    std::vector<std::pair<std::string, std::string>> role_skills(std::int64_t role_id);

    // The country's main currency, as stored with it.
    std::optional<Currency> country_currency(const std::string& country_code);

    Database& database() { return database_; }

private:
    std::vector<std::int64_t> roles_with_skills(const RoleFilter& filter);
    std::vector<std::int64_t> roles_in_industries(const std::vector<std::string>& industries);
    std::vector<RoleOverview> overviews(const std::optional<std::vector<std::int64_t>>& ids);
    std::vector<SalaryFigure> salaries_of(std::optional<std::int64_t> role_id,
                                          const std::optional<std::string>& country, bool history);

    Database& database_;
    NameResolver names_;
};

// Reads a Currency from four columns starting at `first`: code, symbol ('' for none),
// minor unit, digit grouping (the order the queries select them in).
Currency read_currency(SQLite::Statement& statement, int first = 0);

// Reads a SalaryFigure from a statement whose columns are, from `first`: role, country, currency
// code, symbol, minor unit, grouping, amount, period, statistic, as_of, source, note, id.
SalaryFigure read_salary_figure(SQLite::Statement& statement, int first = 0);

} // namespace jobkb
