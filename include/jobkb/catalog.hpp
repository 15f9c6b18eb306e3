#pragma once

#include "jobkb/database.hpp"
#include "jobkb/money.hpp"
#include "jobkb/names.hpp"
#include "jobkb/titles.hpp"

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
    /// What the amount is: "exact", "at_least" (a top code: the figure is this or more),
    /// "at_most" or "approximate".
    std::string qualifier = "exact";
    std::string level;        ///< experience level: entry, mid, senior, executive; empty: not said
    std::string employment;   ///< full-time, part-time, contract, freelance; empty: not said
    std::string work_setting; ///< on-site, hybrid, remote; empty: not said
    std::string company_size; ///< small, medium, large; empty: not said
    std::string area_code;    ///< the area's code (US-AL, 10180); empty: none, or no area
    std::string area;         ///< the area's name (a state, metro area, ...); empty: the country's
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

/// An occupation code of a role.
struct RoleCode {
    std::string scheme;      ///< "onet-soc-2019", "soc-2018", "isco-08", "esco"
    std::string scheme_name; ///< for people: "O*NET-SOC 2019"
    std::string code;        ///< "15-2051.00"
    std::string relation;    ///< "is" (the role is the occupation) or "within" (a specialisation)
    std::string occupation;  ///< the occupation's title as a source gives it; empty when unknown
    std::string source;      ///< the source that gave the code; empty for jobkb's own mapping
};

/// The broader occupation of a role that is a specialisation of one ("within" a code).
struct BroaderOccupation {
    RoleCode code;    ///< the code the role is within
    std::string role; ///< the role that is that occupation; empty when the base has none
    std::string slug; ///< its slug; empty when none
    std::vector<SalaryFigure> latest_salaries; ///< that occupation's own figures, not the role's
};

/// What one source says of a role.
struct SourceDescription {
    std::string source;          ///< the source's title: "O*NET 29.2 Database"
    std::string title;           ///< the source's own title for the role; empty when none
    std::string description;     ///< its description; empty when none
    std::optional<int> job_zone; ///< O*NET's job zone, 1 to 5 (preparation needed)
};

/// A task a source lists for the role's occupation (O*NET's task statements).
struct RoleTask {
    std::string description;  ///< the task
    std::string type;         ///< "core", "supplemental", or empty when the source gives none
    std::int64_t task_id = 0; ///< the source's id of the task
    std::string source;       ///< the source's title
};

/// A technology skill a source lists for the role's occupation.
struct TechnologySkill {
    std::string name;            ///< the skill's name in the base
    std::string category;        ///< its category ("Spreadsheet software"); empty when none
    bool hot_technology = false; ///< O*NET's Hot Technology flag: often asked for in job postings
    bool in_demand = false;      ///< O*NET's In Demand flag: much asked for in this occupation
    std::string source;          ///< the source's title
};

/// A related role as a source states it (O*NET's related occupations), not jobkb's ranking.
struct StatedRelation {
    std::string role;          ///< the related role's name
    std::string slug;          ///< its slug
    std::string tier;          ///< the source's tier: "Primary-Short", ...
    std::int64_t position = 0; ///< the source's index, 1 first
    std::string source;        ///< the source's title
};

/// A source of something a profile shows, with what its licence asks to be shown.
struct ProfileSource {
    std::string title;        ///< "O*NET 29.2 Database"
    std::string publisher;    ///< empty when unknown
    std::string version;      ///< "29.2"; empty when none
    std::string licence;      ///< "CC BY 4.0"; empty when unknown
    std::string attribution;  ///< the text the licence asks to show; empty when none
    std::string url;          ///< empty when unknown
    std::string published_on; ///< YYYY-MM-DD; empty when unknown
    std::string note;         ///< empty when none
};

/// Everything the base knows of one role.
struct RoleProfile {
    std::string slug;                            ///< the role's slug
    std::string name;                            ///< the role's name
    std::string summary;                         ///< one paragraph; empty when none
    std::vector<std::string> aliases;            ///< other names of the role, sorted
    std::vector<RoleCode> codes;                 ///< occupation codes: those it is, then within
    std::vector<BroaderOccupation> broader;      ///< for each code it is within
    std::vector<std::string> specialisations;    ///< roles within an occupation this role is
    std::vector<SourceDescription> descriptions; ///< what sources say of it, by source
    std::vector<std::string> responsibilities;   ///< in order (a source's tasks are in tasks)
    std::vector<RoleTask> tasks;                 ///< core, then supplemental, each in order
    std::vector<std::string> key_skills;         ///< in the source's order
    std::vector<std::string> mentioned_skills;   ///< skills the source only mentions, in its order
    std::vector<TechnologySkill> technology_skills; ///< in the source's order
    std::vector<std::string> industries;            ///< in the source's order
    std::vector<RoleTitle> titles;                ///< occupation and taught titles first, then A-Z
    std::vector<StatedRelation> stated_relations; ///< by source, in its order
    std::vector<SalaryFigure> latest_salaries;    ///< per country, statistic and period
    std::vector<ProfileSource> sources;           ///< of everything above, in the order added
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

/// Individual reports (statistic "point") of one role, country, year, period, currency and
/// employment type, and of the dimensions SalaryQuery groups by, summarised, next to the latest
/// published yearly average (of no dimensions) for the role and country.
struct ReportSummary {
    std::string role;              ///< the role's name
    std::string country_code;      ///< ISO 3166-1 alpha-2
    std::string year;              ///< YYYY
    std::string period;            ///< year, month or hour: not mixed
    Currency currency;             ///< the reports' currency
    std::string employment;        ///< the reports' employment type (never mixed); empty: not said
    std::string level;             ///< with SalaryQuery::by_level, the level; else empty
    std::string work_setting;      ///< with SalaryQuery::by_work_setting, the setting; else empty
    std::string company_size;      ///< with SalaryQuery::by_company_size, the size; else empty
    std::string area_code;         ///< with SalaryQuery::by_area, the area's code; else empty
    std::string area;              ///< with SalaryQuery::by_area, the area's name; else empty
    std::int64_t count = 0;        ///< how many reports
    std::int64_t p25_minor = 0;    ///< 25th percentile, in minor units
    std::int64_t median_minor = 0; ///< median, in minor units
    std::int64_t mean_minor = 0;   ///< mean, rounded to the minor unit
    std::int64_t p75_minor = 0;    ///< 75th percentile, in minor units
    std::optional<SalaryFigure> published_average; ///< the latest yearly average, if any
};

/// What Catalog::salaries() and Catalog::report_summaries() list.
struct SalaryQuery {
    std::optional<std::string> role;         ///< name, slug or alias; every role when absent
    std::optional<std::string> country;      ///< code or name; every country when absent
    bool history = false;                    ///< every observation, not only the latest per key
    std::optional<std::string> level;        ///< only figures of this experience level (a code)
    std::optional<std::string> employment;   ///< only this employment type (a code)
    std::optional<std::string> work_setting; ///< only this work setting (a code)
    std::optional<std::string> company_size; ///< only this company size (a code)
    bool by_level = false;                   ///< report_summaries(): a group per experience level
    bool by_work_setting = false;            ///< report_summaries(): a group per work setting
    bool by_company_size = false;            ///< report_summaries(): a group per company size
    /// Only figures of this area (a state, metro area, ...): its code (US-AL, 10180; within the
    /// country, also the part after the country: AL) or name, in any letter case; within
    /// `country` when that is given, else in any country (the area then sets the country).
    std::optional<std::string> area;
    bool by_area = false; ///< report_summaries(): a group per area (and one of no area)
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

    /// Everything the base knows of one role: by name, slug or alias, or by an occupation code
    /// it is (`15-2051.00`, `onet-soc-2019:15-2051.00`). Throws Error(ErrorCode::kNotFound) for
    /// a code no role is (naming the roles within it, if any).
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

    /// Which observations each_observation() visits.
    enum class Observations {
        kAll,     ///< every one, those of superseded batches too
        kCounting ///< those that count: none of a batch a later snapshot superseded
    };

    /// Every observation (or every one that counts), in import order (by id), one at a time:
    /// memory stays flat. What `visit` throws ends the reading and propagates.
    void each_observation(const std::function<void(const SalaryFigure&)>& visit,
                          Observations which = Observations::kAll);

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
