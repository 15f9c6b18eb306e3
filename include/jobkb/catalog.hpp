#pragma once

#include "jobkb/database.hpp"
#include "jobkb/money.hpp"
#include "jobkb/names.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jobkb {

namespace detail {
class CatalogStatements;
class Statement;
} // namespace detail

/// One salary figure with its provenance.
struct SalaryFigure {
    std::string role;                     ///< the role's name
    std::string country_code;             ///< ISO 3166-1 alpha-2
    Currency currency;                    ///< the currency the amount is in
    std::int64_t amount_minor = 0;        ///< the amount in the currency's minor unit
    std::string period;                   ///< year, month or hour
    std::string statistic;                ///< average, median, p25, point, ...
    std::string as_of;                    ///< YYYY-MM-DD, YYYY-MM or YYYY
    std::string source;                   ///< the source's title
    std::string note;                     ///< the source's note on the figure; empty when none
    std::int64_t observation_id = 0;      ///< the observation's id
    std::optional<std::int64_t> batch_id; ///< its import batch; none when seeded or by hand
};

/// A role with what the roles listing shows of it.
struct RoleOverview {
    std::string slug;                            ///< the role's slug
    std::string name;                            ///< the role's name
    std::string summary;                         ///< one paragraph; empty when none
    std::vector<std::string> key_skills;         ///< in the source's order
    std::vector<std::string> industries;         ///< in the source's order
    std::vector<SalaryFigure> headline_salaries; ///< latest yearly average per country, by code
};

/// Everything the base knows of one role.
struct RoleProfile {
    std::string slug;                          ///< the role's slug
    std::string name;                          ///< the role's name
    std::string summary;                       ///< one paragraph; empty when none
    std::vector<std::string> aliases;          ///< other names of the role, sorted
    std::vector<std::string> responsibilities; ///< in order
    std::vector<std::string> key_skills;       ///< in the source's order
    std::vector<std::string> mentioned_skills; ///< skills the source only mentions, in its order
    std::vector<std::string> industries;       ///< in the source's order
    std::vector<SalaryFigure> latest_salaries; ///< per country, statistic and period
};

/// How several skills of a RoleFilter combine.
enum class SkillMatch {
    kAny, ///< roles with any of the skills
    kAll, ///< roles with all of them
};

/// The order of the roles listing.
enum class RoleSort {
    kName,   ///< by name
    kSalary, ///< by the latest yearly average in the filter's country, highest first
};

/// What Catalog::roles() lists. Kinds of filter combine with AND.
struct RoleFilter {
    std::vector<std::string> skills;       ///< names, slugs or aliases
    SkillMatch match = SkillMatch::kAny;   ///< how several skills combine
    bool key_skills_only = false;          ///< ignore skills the source only mentions
    std::vector<std::string> industries;   ///< roles in any of them
    std::optional<std::string> country;    ///< code or name: only its salary is shown
    std::optional<std::string> min_salary; ///< in the country's currency; needs country
    RoleSort sort = RoleSort::kName;       ///< kSalary needs country
};

/// How many roles use a skill or an industry.
struct Usage {
    std::string name;           ///< the skill's or industry's name
    std::int64_t roles = 0;     ///< roles that have it
    std::int64_t key_roles = 0; ///< of which as a key skill (skills only)
    std::string relevance;      ///< with a role given: "key" or "mentioned" (skills only)
};

/// Individual reports (statistic "point") of one role, country, year, period and currency,
/// summarised, next to the latest published yearly average for the role and country.
struct ReportSummary {
    std::string role;                              ///< the role's name
    std::string country_code;                      ///< ISO 3166-1 alpha-2
    std::string year;                              ///< YYYY
    std::string period;                            ///< year, month or hour: not mixed
    Currency currency;                             ///< the reports' currency
    std::int64_t count = 0;                        ///< how many reports
    std::int64_t p25_minor = 0;                    ///< 25th percentile, in minor units
    std::int64_t median_minor = 0;                 ///< median, in minor units
    std::int64_t mean_minor = 0;                   ///< mean, rounded to the minor unit
    std::int64_t p75_minor = 0;                    ///< 75th percentile, in minor units
    std::optional<SalaryFigure> published_average; ///< the latest yearly average, if any
};

/// What Catalog::salaries() and Catalog::report_summaries() list.
struct SalaryQuery {
    std::optional<std::string> role;    ///< name, slug or alias; every role when absent
    std::optional<std::string> country; ///< code or name; every country when absent
    bool history = false;               ///< every observation, not only the latest per key
};

/// Typed read access to the knowledge base. Every statement is prepared on first use, once per
/// connection (the Database's statement cache), and takes user text only as bound parameters;
/// a Catalog prepares only what its calls run. Every function throws Error when SQLite fails
/// (naming the file and what was being done), Error(ErrorCode::kCorrupt) when the file turns out
/// damaged, and Error(ErrorCode::kNotFound), with suggestions, for a name that matches nothing.
class Catalog {
public:
    /// A catalog reading `database`, which must outlive it.
    explicit Catalog(Database& database);
    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    /// The resolver of role, skill, industry and country names the catalog uses.
    NameResolver& names() { return names_; }

    /// Roles matching the filter, by name or by salary. Throws Error(ErrorCode::kInvalidArgument)
    /// for a minimum salary or a salary order without a country, and for a minimum salary that
    /// is not an amount in the country's currency.
    std::vector<RoleOverview> roles(const RoleFilter& filter = {});

    /// Everything the base knows of one role (name, slug or alias).
    RoleProfile role_profile(std::string_view role);

    /// Skills with how many roles have them, most used first; or one role's, key first.
    std::vector<Usage> skills(const std::optional<std::string>& role = std::nullopt);
    /// Industries with how many roles are in them, most first; or one role's, in order.
    std::vector<Usage> industries(const std::optional<std::string>& role = std::nullopt);

    /// Latest figures (or the whole history) by role, country, statistic, period and date.
    std::vector<SalaryFigure> salaries(const SalaryQuery& query = {});

    /// Summaries of the current individual reports, by role, country, year and currency.
    /// Throws Error(ErrorCode::kInvalidArgument) when reports are too large to average.
    std::vector<ReportSummary> report_summaries(const SalaryQuery& query = {});

    /// Every observation, in import order (by id), one at a time: memory stays flat. What
    /// `visit` throws ends the reading and propagates.
    void each_observation(const std::function<void(const SalaryFigure&)>& visit);

    /// A role's skills, each once with its relevance ("key" first, then "mentioned").
    std::vector<std::pair<std::string, std::string>> role_skills(std::int64_t role_id);

    /// The country's main currency, as stored with it; nullopt for a country without one.
    std::optional<Currency> country_currency(const std::string& country_code);

    /// The database the catalog reads.
    Database& database() { return database_; }

private:
    detail::CatalogStatements& statements();
    std::vector<std::int64_t> roles_with_skills(const RoleFilter& filter);
    std::vector<std::int64_t> roles_in_industries(const std::vector<std::string>& industries);
    std::vector<RoleOverview> overviews(const std::optional<std::vector<std::int64_t>>& ids);
    std::vector<Usage> usage(detail::Statement& all, detail::Statement& of_role,
                             const std::optional<std::string>& role);
    std::vector<SalaryFigure> salaries_of(std::optional<std::int64_t> role_id,
                                          const std::optional<std::string>& country, bool history);

    Database& database_;
    NameResolver names_;
    std::unique_ptr<detail::CatalogStatements> statements_; // made on the first query
};

} // namespace jobkb
