#include "jobkb/catalog.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace jobkb {
namespace {

// The role lists below come in two forms: for every role, or for the ids in :ids, a JSON array
// (json_each lets one prepared statement take any number of ids, each found by primary key).
constexpr const char* kIdsFilter = " IN (SELECT value FROM json_each(:ids))";

constexpr const char* kRoles = "SELECT id, slug, name, coalesce(summary, '') FROM roles";

constexpr const char* kKeySkills =
    "SELECT rs.role_id, s.name FROM role_skills rs JOIN skills s ON s.id = rs.skill_id "
    "WHERE rs.relevance = 'key'";
constexpr const char* kKeySkillsOrder = " ORDER BY rs.role_id, rs.position";

constexpr const char* kRoleIndustries =
    "SELECT ri.role_id, i.name FROM role_industries ri JOIN industries i ON i.id = ri.industry_id";
constexpr const char* kRoleIndustriesOrder = " ORDER BY ri.role_id, ri.position";

// Salary figure columns in the order read_salary_figure() expects.
constexpr const char* kFigureColumns =
    "r.name, o.country_code, c.code, coalesce(c.symbol, ''), c.minor_unit, c.digit_grouping, "
    "o.amount_minor, o.period, o.statistic, o.as_of, src.title, coalesce(o.note, ''), o.id";

constexpr const char* kLatestJoins =
    " FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id "
    "JOIN roles r ON r.id = l.role_id JOIN currencies c ON c.code = o.currency_code "
    "JOIN sources src ON src.id = o.source_id";

constexpr const char* kHistoryJoins =
    " FROM salary_observations o JOIN roles r ON r.id = o.role_id "
    "JOIN currencies c ON c.code = o.currency_code JOIN sources src ON src.id = o.source_id";

constexpr const char* kRolesWithSkill = "SELECT role_id FROM role_skills WHERE skill_id = :skill";
constexpr const char* kRolesWithKeySkill =
    "SELECT role_id FROM role_skills WHERE skill_id = :skill AND relevance = 'key'";
constexpr const char* kSkillRoleCount = "SELECT count(*) FROM role_skills WHERE skill_id = :skill";
constexpr const char* kRoleHasSkill =
    "SELECT relevance FROM role_skills WHERE role_id = :role AND skill_id = :skill";
constexpr const char* kRolesInIndustry =
    "SELECT role_id FROM role_industries WHERE industry_id = :industry";

std::string json_array(const std::vector<std::int64_t>& ids) {
    std::string json = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        json += (i == 0 ? "" : ",") + std::to_string(ids[i]);
    }
    return json + "]";
}

std::vector<std::int64_t> read_ids(SQLite::Statement& statement) {
    std::vector<std::int64_t> ids;
    while (statement.executeStep()) {
        ids.push_back(statement.getColumn(0).getInt64());
    }
    return ids;
}

std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::vector<std::string> read_names(SQLite::Statement& statement) {
    std::vector<std::string> names;
    while (statement.executeStep()) {
        names.push_back(statement.getColumn(0).getString());
    }
    return names;
}

constexpr const char* kCurrencyByCode =
    "SELECT code, coalesce(symbol, ''), minor_unit, digit_grouping FROM currencies "
    "WHERE code = :code";

} // namespace

Currency read_currency(SQLite::Statement& statement, int first) {
    return Currency{statement.getColumn(first).getString(),
                    statement.getColumn(first + 1).getString(),
                    statement.getColumn(first + 2).getInt(),
                    parse_digit_grouping(statement.getColumn(first + 3).getString())};
}

SalaryFigure read_salary_figure(SQLite::Statement& statement, int first) {
    SalaryFigure figure;
    figure.role = statement.getColumn(first).getString();
    figure.country_code = statement.getColumn(first + 1).getString();
    figure.currency = read_currency(statement, first + 2);
    figure.amount_minor = statement.getColumn(first + 6).getInt64();
    figure.period = statement.getColumn(first + 7).getString();
    figure.statistic = statement.getColumn(first + 8).getString();
    figure.as_of = statement.getColumn(first + 9).getString();
    figure.source = statement.getColumn(first + 10).getString();
    figure.note = statement.getColumn(first + 11).getString();
    figure.observation_id = statement.getColumn(first + 12).getInt64();
    return figure;
}

std::vector<std::int64_t> Catalog::roles_with_skills(const RoleFilter& filter) {
    std::vector<std::int64_t> skill_ids;
    for (const auto& skill : filter.skills) {
        skill_ids.push_back(names_.resolve(NameKind::kSkill, skill).id);
    }
    const char* with_skill = filter.key_skills_only ? kRolesWithKeySkill : kRolesWithSkill;
    if (filter.match == SkillMatch::kAny) {
        std::vector<std::int64_t> roles;
        for (auto skill_id : skill_ids) {
            auto& query = database_.statement(with_skill);
            query.bind(":skill", skill_id);
            const auto found = read_ids(query);
            roles.insert(roles.end(), found.begin(), found.end());
        }
        return sorted_unique(std::move(roles));
    }
    // All of them: list the rarest skill's roles, then probe each for the others by primary key.
    // Starting anywhere else can cost hundreds of times more on a large base.
    std::vector<std::pair<std::int64_t, std::int64_t>> by_rarity; // (role count, skill)
    for (auto skill_id : skill_ids) {
        auto& count = database_.statement(kSkillRoleCount);
        count.bind(":skill", skill_id);
        count.executeStep();
        by_rarity.emplace_back(count.getColumn(0).getInt64(), skill_id);
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    auto& rarest = database_.statement(with_skill);
    rarest.bind(":skill", by_rarity.front().second);
    std::vector<std::int64_t> roles;
    for (auto role_id : read_ids(rarest)) {
        const bool has_all = std::all_of(by_rarity.begin() + 1, by_rarity.end(), [&](auto entry) {
            auto& probe = database_.statement(kRoleHasSkill);
            probe.bind(":role", role_id);
            probe.bind(":skill", entry.second);
            return probe.executeStep() &&
                   (!filter.key_skills_only || probe.getColumn(0).getString() == "key");
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
        auto& query = database_.statement(kRolesInIndustry);
        query.bind(":industry", industry_id);
        const auto found = read_ids(query);
        roles.insert(roles.end(), found.begin(), found.end());
    }
    return sorted_unique(std::move(roles));
}

std::vector<RoleOverview> Catalog::overviews(const std::optional<std::vector<std::int64_t>>& ids) {
    const std::string ids_json = ids ? json_array(*ids) : "";
    // Prepares the SQL for all roles, or restricted to the ids by `column`.
    auto prepare = [&](std::string sql, const char* column, const char* order,
                       const char* join_word) -> SQLite::Statement& {
        if (ids) {
            sql += std::string(join_word) + column + kIdsFilter;
        }
        auto& statement = database_.statement(sql + order);
        if (ids) {
            statement.bind(":ids", ids_json);
        }
        return statement;
    };
    std::vector<RoleOverview> roles;
    std::unordered_map<std::int64_t, std::size_t> index_of;
    auto& role_query = prepare(kRoles, "id", " ORDER BY name", " WHERE ");
    while (role_query.executeStep()) {
        index_of.emplace(role_query.getColumn(0).getInt64(), roles.size());
        RoleOverview role;
        role.slug = role_query.getColumn(1).getString();
        role.name = role_query.getColumn(2).getString();
        role.summary = role_query.getColumn(3).getString();
        roles.push_back(std::move(role));
    }
    // One query per kind of detail, joined here, rather than one query per role.
    auto& skills = prepare(kKeySkills, "rs.role_id", kKeySkillsOrder, " AND ");
    while (skills.executeStep()) {
        roles[index_of.at(skills.getColumn(0).getInt64())].key_skills.push_back(
            skills.getColumn(1).getString());
    }
    auto& industries = prepare(kRoleIndustries, "ri.role_id", kRoleIndustriesOrder, " WHERE ");
    while (industries.executeStep()) {
        roles[index_of.at(industries.getColumn(0).getInt64())].industries.push_back(
            industries.getColumn(1).getString());
    }
    auto& salaries = prepare(std::string("SELECT l.role_id, ") + kFigureColumns + kLatestJoins +
                                 " WHERE l.statistic = 'average' AND l.period = 'year'",
                             "l.role_id", " ORDER BY l.role_id, l.country_code", " AND ");
    while (salaries.executeStep()) {
        roles[index_of.at(salaries.getColumn(0).getInt64())].headline_salaries.push_back(
            read_salary_figure(salaries, 1));
    }
    return roles;
}

std::optional<Currency> Catalog::country_currency(const std::string& country_code) {
    auto& query = database_.statement(
        "SELECT c.code, coalesce(c.symbol, ''), c.minor_unit, c.digit_grouping FROM countries k "
        "JOIN currencies c ON c.code = k.currency_code WHERE k.code = :country");
    query.bind(":country", country_code);
    return database_.guard("reading a country's currency", [&]() -> std::optional<Currency> {
        if (!query.executeStep()) {
            return std::nullopt;
        }
        return read_currency(query);
    });
}

std::vector<RoleOverview> Catalog::roles(const RoleFilter& filter) {
    ReadSnapshot snapshot(database_);
    return database_.guard("listing roles", [&] {
        if ((filter.min_salary || filter.sort == RoleSort::kSalary) && !filter.country) {
            throw Error(ErrorCode::kInvalidArgument,
                        filter.min_salary ? "--min-salary needs --country: salaries are compared "
                                            "in one country's currency"
                                          : "--sort salary needs --country: salaries are "
                                            "compared in one country's currency");
        }
        std::optional<std::string> country;
        if (filter.country) {
            country = names_.resolve_country(*filter.country);
        }
        std::optional<std::int64_t> min_salary;
        std::optional<Currency> currency;
        if (filter.min_salary) {
            currency = country_currency(*country);
            if (!currency) {
                throw Error(ErrorCode::kInvalidArgument,
                            "--min-salary: country " + *country + " has no currency on record");
            }
            try {
                min_salary = parse_amount(*filter.min_salary, *currency).amount_minor;
            } catch (const Error& error) {
                throw Error(error.code(), std::string("--min-salary: ") + error.what());
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
            // Highest first, compared only in the country's own currency; roles with no figure
            // in it go last, by name.
            if (!currency) {
                currency = country_currency(*country);
            }
            const auto amount = [&](const RoleOverview& role) -> std::int64_t {
                const bool comparable =
                    !role.headline_salaries.empty() && currency &&
                    role.headline_salaries.front().currency.code == currency->code;
                return comparable ? role.headline_salaries.front().amount_minor : -1;
            };
            std::stable_sort(roles.begin(), roles.end(),
                             [&](const auto& a, const auto& b) { return amount(a) > amount(b); });
        }
        return roles;
    });
}

RoleProfile Catalog::role_profile(std::string_view role) {
    ReadSnapshot snapshot(database_);
    const NamedId found = names_.resolve(NameKind::kRole, role);
    return database_.guard("reading a role", [&] {
        RoleProfile profile;
        auto& basics = database_.statement(
            "SELECT slug, name, coalesce(summary, '') FROM roles WHERE id = :role");
        basics.bind(":role", found.id);
        if (!basics.executeStep()) {
            throw Error(ErrorCode::kCorrupt,
                        fmt::format("{}: reading a role: the file is damaged ({} is named in an "
                                    "index but has no row): see 'jobkb check'",
                                    database_.path().string(), found.name));
        }
        profile.slug = basics.getColumn(0).getString();
        profile.name = basics.getColumn(1).getString();
        profile.summary = basics.getColumn(2).getString();
        auto names_of = [&](const char* sql) {
            auto& query = database_.statement(sql);
            query.bind(":role", found.id);
            return read_names(query);
        };
        profile.aliases =
            names_of("SELECT alias FROM role_aliases WHERE role_id = :role ORDER BY alias");
        profile.responsibilities = names_of("SELECT description FROM responsibilities WHERE "
                                            "role_id = :role ORDER BY position");
        for (const auto& [skill, relevance] : role_skills(found.id)) {
            (relevance == "key" ? profile.key_skills : profile.mentioned_skills).push_back(skill);
        }
        profile.industries = names_of("SELECT i.name FROM role_industries ri JOIN industries i ON "
                                      "i.id = ri.industry_id WHERE ri.role_id = :role "
                                      "ORDER BY ri.position");
        profile.latest_salaries = salaries_of(found.id, std::nullopt, false);
        return profile;
    });
}

std::vector<std::pair<std::string, std::string>> Catalog::role_skills(std::int64_t role_id) {
    auto& query = database_.statement(
        "SELECT s.name, rs.relevance FROM role_skills rs JOIN skills s ON s.id = rs.skill_id "
        "WHERE rs.role_id = :role ORDER BY rs.relevance, rs.position");
    query.bind(":role", role_id);
    std::vector<std::pair<std::string, std::string>> skills;
    database_.guard("reading a role's skills", [&] {
        while (query.executeStep()) {
            skills.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getString());
        }
    });
    return skills;
}

std::vector<Usage> Catalog::skills(const std::optional<std::string>& role) {
    ReadSnapshot snapshot(database_);
    std::optional<std::int64_t> role_id;
    if (role) {
        role_id = names_.resolve(NameKind::kRole, *role).id;
    }
    return database_.guard("listing skills", [&] {
        auto& query = database_.statement(
            role_id
                ? "SELECT s.name, (SELECT count(*) FROM role_skills x WHERE x.skill_id = s.id), "
                  "(SELECT count(*) FROM role_skills x WHERE x.skill_id = s.id "
                  "AND x.relevance = 'key'), mine.relevance "
                  "FROM role_skills mine JOIN skills s ON s.id = mine.skill_id "
                  "WHERE mine.role_id = :role ORDER BY mine.relevance, mine.position"
                : "SELECT s.name, count(rs.role_id), "
                  "count(CASE WHEN rs.relevance = 'key' THEN 1 END), '' "
                  "FROM skills s LEFT JOIN role_skills rs ON rs.skill_id = s.id "
                  "GROUP BY s.id ORDER BY 2 DESC, 3 DESC, s.name");
        if (role_id) {
            query.bind(":role", *role_id);
        }
        std::vector<Usage> usage;
        while (query.executeStep()) {
            usage.push_back(Usage{query.getColumn(0).getString(), query.getColumn(1).getInt64(),
                                  query.getColumn(2).getInt64(), query.getColumn(3).getString()});
        }
        return usage;
    });
}

std::vector<Usage> Catalog::industries(const std::optional<std::string>& role) {
    ReadSnapshot snapshot(database_);
    std::optional<std::int64_t> role_id;
    if (role) {
        role_id = names_.resolve(NameKind::kRole, *role).id;
    }
    return database_.guard("listing industries", [&] {
        auto& query = database_.statement(
            role_id ? "SELECT i.name, (SELECT count(*) FROM role_industries x "
                      "WHERE x.industry_id = i.id) "
                      "FROM role_industries mine JOIN industries i ON i.id = mine.industry_id "
                      "WHERE mine.role_id = :role ORDER BY mine.position"
                    : "SELECT i.name, count(ri.role_id) FROM industries i "
                      "LEFT JOIN role_industries ri ON ri.industry_id = i.id "
                      "GROUP BY i.id ORDER BY 2 DESC, i.name");
        if (role_id) {
            query.bind(":role", *role_id);
        }
        std::vector<Usage> usage;
        while (query.executeStep()) {
            usage.push_back(
                Usage{query.getColumn(0).getString(), query.getColumn(1).getInt64(), 0, ""});
        }
        return usage;
    });
}

namespace {

// The p-th percentile of sorted values by linear interpolation between closest ranks (the
// common "type 7" definition), rounded half away from zero, in integers.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, std::int64_t p) {
    const auto n = static_cast<std::int64_t>(sorted.size());
    const std::int64_t position = (n - 1) * p; // in hundredths of a rank
    const auto low = static_cast<std::size_t>(position / 100);
    const std::int64_t fraction = position % 100;
    if (fraction == 0 || low + 1 >= sorted.size()) {
        return sorted[low];
    }
    const std::int64_t step = (sorted[low + 1] - sorted[low]) * fraction;
    return sorted[low] + (step + 50) / 100;
}

std::int64_t rounded_mean(const std::vector<std::int64_t>& values) {
    std::int64_t sum = 0;
    for (const auto value : values) {
        if (__builtin_add_overflow(sum, value, &sum)) {
            throw Error(ErrorCode::kInvalidArgument, "the reports are too large to average");
        }
    }
    const auto n = static_cast<std::int64_t>(values.size());
    return (sum + n / 2) / n;
}

} // namespace

std::vector<ReportSummary> Catalog::report_summaries(const SalaryQuery& request) {
    ReadSnapshot snapshot(database_);
    std::optional<std::int64_t> role_id;
    if (request.role) {
        role_id = names_.resolve(NameKind::kRole, *request.role).id;
    }
    std::optional<std::string> country;
    if (request.country) {
        country = names_.resolve_country(*request.country);
    }
    std::string sql =
        "SELECT o.role_id, r.name, o.country_code, substr(o.as_of, 1, 4), o.currency_code, "
        "o.amount_minor, o.period FROM current_observations o JOIN roles r ON r.id = o.role_id "
        "WHERE o.statistic = 'point'";
    if (role_id) {
        sql += " AND o.role_id = :role";
    }
    if (country) {
        sql += " AND o.country_code = :country";
    }
    sql += " ORDER BY r.name, o.country_code, 4, o.period, o.currency_code, o.amount_minor";
    return database_.guard("summarising individual reports", [&] {
        std::vector<ReportSummary> summaries;
        std::vector<std::int64_t> amounts;
        std::int64_t group_role = 0;
        auto finish = [&] {
            if (amounts.empty()) {
                return;
            }
            auto& summary = summaries.back();
            summary.count = static_cast<std::int64_t>(amounts.size());
            summary.p25_minor = percentile(amounts, 25);
            summary.median_minor = percentile(amounts, 50);
            summary.p75_minor = percentile(amounts, 75);
            summary.mean_minor = rounded_mean(amounts);
            auto& published =
                database_.statement(std::string("SELECT ") + kFigureColumns + kLatestJoins +
                                    " WHERE l.role_id = :role AND l.country_code = :country AND "
                                    "l.statistic = 'average' AND l.period = 'year'");
            published.bind(":role", group_role);
            published.bind(":country", summary.country_code);
            if (published.executeStep()) {
                summary.published_average = read_salary_figure(published);
            }
            published.reset();
            amounts.clear();
        };
        auto& query = database_.statement(sql);
        if (role_id) {
            query.bind(":role", *role_id);
        }
        if (country) {
            query.bind(":country", *country);
        }
        auto currency_of = [&](const std::string& code) {
            auto& lookup = database_.statement(kCurrencyByCode);
            lookup.bind(":code", code);
            lookup.executeStep();
            Currency currency = read_currency(lookup);
            lookup.reset();
            return currency;
        };
        while (query.executeStep()) {
            const std::string role = query.getColumn(1).getString();
            const std::string country_code = query.getColumn(2).getString();
            const std::string year = query.getColumn(3).getString();
            const std::string currency = query.getColumn(4).getString();
            const std::string period = query.getColumn(6).getString();
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
                summary.currency = currency_of(currency);
                summaries.push_back(std::move(summary));
                group_role = query.getColumn(0).getInt64();
            }
            amounts.push_back(query.getColumn(5).getInt64());
        }
        finish();
        return summaries;
    });
}

void Catalog::each_observation(const std::function<void(const SalaryFigure&)>& visit) {
    auto& query = database_.statement(std::string("SELECT ") + kFigureColumns + kHistoryJoins +
                                      " ORDER BY o.id");
    database_.guard("reading observations", [&] {
        while (query.executeStep()) {
            visit(read_salary_figure(query));
        }
    });
}

std::vector<SalaryFigure> Catalog::salaries(const SalaryQuery& request) {
    ReadSnapshot snapshot(database_);
    std::optional<std::int64_t> role_id;
    if (request.role) {
        role_id = names_.resolve(NameKind::kRole, *request.role).id;
    }
    std::optional<std::string> country;
    if (request.country) {
        country = names_.resolve_country(*request.country);
    }
    return salaries_of(role_id, country, request.history);
}

std::vector<SalaryFigure> Catalog::salaries_of(std::optional<std::int64_t> role_id,
                                               const std::optional<std::string>& country,
                                               bool history) {
    // One SQL text per combination of filters, so each uses its index: the latest figures by
    // salary_latest's key or its country index, the history by salary_observations_by_key.
    const char* alias = history ? "o" : "l";
    std::string sql =
        std::string("SELECT ") + kFigureColumns + (history ? kHistoryJoins : kLatestJoins);
    std::string where;
    if (role_id) {
        where += std::string(" AND ") + alias + ".role_id = :role";
    }
    if (country) {
        where += std::string(" AND ") + alias + ".country_code = :country";
    }
    if (!history) {
        // Single reports are summarised by report_summaries(), not listed as "latest".
        where += " AND l.statistic <> 'point'";
    }
    if (!where.empty()) {
        sql += " WHERE" + where.substr(4);
    }
    sql += history ? " ORDER BY r.name, o.country_code, o.statistic, o.period, o.as_of, o.id"
                   : " ORDER BY r.name, l.country_code, l.statistic, l.period";
    return database_.guard("listing salaries", [&] {
        auto& query = database_.statement(sql);
        if (role_id) {
            query.bind(":role", *role_id);
        }
        if (country) {
            query.bind(":country", *country);
        }
        std::vector<SalaryFigure> figures;
        while (query.executeStep()) {
            figures.push_back(read_salary_figure(query));
        }
        return figures;
    });
}

} // namespace jobkb
