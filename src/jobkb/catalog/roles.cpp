// `jobkb roles`: roles filtered by skills, industries and salary, with their key skills,
// industries and headline salaries.
#include "jobkb/amount.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"

#include <algorithm>
#include <unordered_map>

namespace jobkb {

namespace detail {
namespace {

// A list of every role, or of those whose ids are in :ids, a JSON array (json_each lets one
// prepared statement take any number of ids, each found by primary key).
std::string of_ids(std::string sql, const char* column, const char* join_word, const char* order) {
    return sql + join_word + column + " IN (SELECT value FROM json_each(:ids))" + order;
}

constexpr const char* kRoles = "SELECT id, slug, name, coalesce(summary, '') FROM roles";

constexpr const char* kKeySkills =
    "SELECT rs.role_id, s.name FROM role_skills rs JOIN skills s ON s.id = rs.skill_id "
    "WHERE rs.relevance = 'key'";
constexpr const char* kKeySkillsOrder = " ORDER BY rs.role_id, rs.position";

constexpr const char* kRoleIndustries =
    "SELECT ri.role_id, i.name FROM role_industries ri JOIN industries i ON i.id = ri.industry_id";
constexpr const char* kRoleIndustriesOrder = " ORDER BY ri.role_id, ri.position";

std::string headlines_sql() {
    return std::string("SELECT l.role_id, ") + kFigureColumns + kLatestJoins +
           " WHERE l.statistic = 'average' AND l.period = 'year' AND l.dimensions = ''";
}
constexpr const char* kHeadlinesOrder = " ORDER BY l.role_id, l.country_code";

constexpr const char* kListing = "listing roles";

} // namespace

RoleListingStatements::RoleListingStatements(Database& database)
    : with_skill{database, kListing, "SELECT role_id FROM role_skills WHERE skill_id = :skill"},
      with_key_skill{database, kListing,
                     "SELECT role_id FROM role_skills WHERE skill_id = :skill "
                     "AND relevance = 'key'"},
      skill_role_count{database, kListing,
                       "SELECT count(DISTINCT role_id) FROM role_skills WHERE skill_id = :skill"},
      // A role may have a skill twice (key or mentioned, and technology): the strongest first.
      role_has_skill{database, kListing,
                     "SELECT relevance FROM role_skills WHERE role_id = :role "
                     "AND skill_id = :skill ORDER BY relevance LIMIT 1"},
      in_industry{database, kListing,
                  "SELECT role_id FROM role_industries WHERE industry_id = :industry"},
      roles{database, kListing, std::string(kRoles) + " ORDER BY name"},
      roles_of_ids{database, kListing, of_ids(kRoles, "id", " WHERE ", " ORDER BY name")},
      key_skills{database, kListing, std::string(kKeySkills) + kKeySkillsOrder},
      key_skills_of_ids{database, kListing,
                        of_ids(kKeySkills, "rs.role_id", " AND ", kKeySkillsOrder)},
      industries{database, kListing, std::string(kRoleIndustries) + kRoleIndustriesOrder},
      industries_of_ids{database, kListing,
                        of_ids(kRoleIndustries, "ri.role_id", " WHERE ", kRoleIndustriesOrder)},
      headlines{database, kListing, headlines_sql() + kHeadlinesOrder},
      headlines_of_ids{database, kListing,
                       of_ids(headlines_sql(), "l.role_id", " AND ", kHeadlinesOrder)} {}

} // namespace detail

namespace {

using detail::Statement;

std::string json_array(const std::vector<std::int64_t>& ids) {
    std::string json = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        json += (i == 0 ? "" : ",") + std::to_string(ids[i]);
    }
    return json + "]";
}

void add_ids(Statement::Use&& row, std::vector<std::int64_t>& ids) {
    while (row.step()) {
        ids.push_back(row.int64(0));
    }
}

std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

constexpr const char* kSalariesNeedACountry = "salaries are compared in one country's currency";

} // namespace

std::vector<std::int64_t> Catalog::roles_with_skills(const RoleFilter& filter) {
    auto& statements = this->statements().listing();
    std::vector<std::int64_t> skill_ids;
    for (const auto& skill : filter.skills) {
        skill_ids.push_back(names_.resolve(NameKind::kSkill, skill).id);
    }
    Statement& with_skill =
        filter.key_skills_only ? statements.with_key_skill : statements.with_skill;
    std::vector<std::int64_t> roles;
    if (filter.match == SkillMatch::kAny) {
        for (auto skill_id : skill_ids) {
            add_ids(with_skill.use().bind(":skill", skill_id), roles);
        }
        return sorted_unique(std::move(roles));
    }
    // All of them: list the rarest skill's roles, then probe each for the others by primary key.
    // Starting anywhere else can cost hundreds of times more on a large base.
    std::vector<std::pair<std::int64_t, std::int64_t>> by_rarity; // (role count, skill)
    for (auto skill_id : skill_ids) {
        by_rarity.emplace_back(
            statements.skill_role_count.use().bind(":skill", skill_id).single_row().int64(0),
            skill_id);
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    std::vector<std::int64_t> candidates;
    add_ids(with_skill.use().bind(":skill", by_rarity.front().second), candidates);
    for (auto role_id : candidates) {
        const bool has_all = std::all_of(by_rarity.begin() + 1, by_rarity.end(), [&](auto entry) {
            auto probe =
                statements.role_has_skill.use().bind(":role", role_id).bind(":skill", entry.second);
            return probe.step() && (!filter.key_skills_only || probe.text(0) == "key");
        });
        if (has_all) {
            roles.push_back(role_id);
        }
    }
    return sorted_unique(std::move(roles));
}

std::vector<std::int64_t> Catalog::roles_in_industries(const std::vector<std::string>& industries) {
    std::vector<std::int64_t> roles;
    for (const auto& industry : industries) {
        const auto industry_id = names_.resolve(NameKind::kIndustry, industry).id;
        add_ids(statements().listing().in_industry.use().bind(":industry", industry_id), roles);
    }
    return sorted_unique(std::move(roles));
}

std::vector<RoleOverview> Catalog::overviews(const std::optional<std::vector<std::int64_t>>& ids) {
    auto& statements = this->statements().listing();
    const std::string ids_json = ids ? json_array(*ids) : "";
    // Every role's, or the ids' only.
    auto list = [&](Statement& all, Statement& of_ids) {
        return ids ? of_ids.use().bind_no_copy(":ids", ids_json) : all.use();
    };
    std::vector<RoleOverview> roles;
    std::unordered_map<std::int64_t, std::size_t> index_of;
    {
        auto row = list(statements.roles, statements.roles_of_ids);
        while (row.step()) {
            index_of.emplace(row.int64(0), roles.size());
            roles.push_back(RoleOverview{row.text(1), row.text(2), row.text(3), {}, {}, {}});
        }
    }
    // One query per kind of detail, joined here, rather than one query per role.
    {
        auto row = list(statements.key_skills, statements.key_skills_of_ids);
        while (row.step()) {
            roles[index_of.at(row.int64(0))].key_skills.push_back(row.text(1));
        }
    }
    {
        auto row = list(statements.industries, statements.industries_of_ids);
        while (row.step()) {
            roles[index_of.at(row.int64(0))].industries.push_back(row.text(1));
        }
    }
    auto row = list(statements.headlines, statements.headlines_of_ids);
    while (row.step()) {
        roles[index_of.at(row.int64(0))].headline_salaries.push_back(
            detail::read_salary_figure(row, 1));
    }
    return roles;
}

std::vector<RoleOverview> Catalog::roles(const RoleFilter& filter) {
    ReadSnapshot snapshot(database_);
    if (filter.min_salary && !filter.country) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string("a minimum salary needs a country: ") + kSalariesNeedACountry);
    }
    if (filter.sort == RoleSort::kSalary && !filter.country) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string("sorting by salary needs a country: ") + kSalariesNeedACountry);
    }
    std::optional<std::string> country;
    if (filter.country) {
        country = names_.resolve_country(*filter.country);
    }
    std::optional<std::int64_t> min_salary;
    std::optional<Currency> currency;
    if (filter.min_salary) {
        constexpr const char* kReading = "reading the minimum salary";
        currency = country_currency(*country);
        if (!currency) {
            throw Error(ErrorCode::kInvalidArgument, ErrorDetails{{},
                                                                  kReading,
                                                                  "country " + *country +
                                                                      " has no currency on "
                                                                      "record",
                                                                  {}});
        }
        try {
            min_salary = parse_amount(*filter.min_salary, *currency).amount_minor;
        } catch (const Error& error) {
            ErrorDetails details = error.details();
            details.doing = details.doing.empty() ? kReading : kReading + (": " + details.doing);
            throw Error(error.code(), std::move(details));
        }
    }

    std::optional<std::vector<std::int64_t>> ids;
    if (!filter.skills.empty()) {
        ids = roles_with_skills(filter);
    }
    if (!filter.industries.empty()) {
        auto in_industries = roles_in_industries(filter.industries);
        if (ids) {
            std::vector<std::int64_t> both;
            std::set_intersection(ids->begin(), ids->end(), in_industries.begin(),
                                  in_industries.end(), std::back_inserter(both));
            in_industries = std::move(both);
        }
        ids = std::move(in_industries);
    }
    auto roles = overviews(ids);
    if (country) {
        for (auto& role : roles) {
            std::erase_if(role.headline_salaries,
                          [&](const SalaryFigure& f) { return f.country_code != *country; });
        }
    }
    if (min_salary) {
        // Only a figure in the country's own currency can be compared with the amount.
        std::erase_if(roles, [&](const RoleOverview& role) {
            return role.headline_salaries.empty() ||
                   role.headline_salaries.front().currency.code != currency->code ||
                   role.headline_salaries.front().amount_minor < *min_salary;
        });
    }
    if (filter.sort == RoleSort::kSalary) {
        // Highest first, compared only in the country's own currency; roles with no figure in it
        // go last, by name.
        if (!currency) {
            currency = country_currency(*country);
        }
        const auto amount = [&](const RoleOverview& role) -> std::int64_t {
            const bool comparable = !role.headline_salaries.empty() && currency &&
                                    role.headline_salaries.front().currency.code == currency->code;
            return comparable ? role.headline_salaries.front().amount_minor : -1;
        };
        std::stable_sort(roles.begin(), roles.end(),
                         [&](const auto& a, const auto& b) { return amount(a) > amount(b); });
    }
    return roles;
}

} // namespace jobkb
