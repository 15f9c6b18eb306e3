// Library queries against the best hand-written SQL for the same answer, on the generated base.
//
//     JOBKB_BENCH_DATA=DIR jobkb-query-bench [Google Benchmark flags]
//
// With JOBKB_BENCH_ONET=FILE, the search questions of search_bench.cpp run too.
//
// DIR is tools/gen-bench-data's output (full.db and manifest.json). Each question runs twice:
// "lib/<question>" through jobkb's Catalog and comparison functions, "sql/<question>" as one
// prepared statement on the SQLite C API whose rows are read in full. Both connections are
// read-only on the same file. Counters: p50_us and p99_us of single calls, rows returned, scans:
// plan lines that read a whole table of roles, role links or salaries (should be 0), and
// statements: how many different SQL statements a call runs (a library call's BEGIN and COMMIT
// of its read snapshot included).
#include "jobkb/catalog.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/knowledge_base.hpp"
#include "measure.hpp"
#include "support/query_plan.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using jobkb::bench::measure;

struct Data {
    std::string path;
    nlohmann::json manifest;
};

const Data& data() {
    static const Data loaded = [] {
        const char* dir = std::getenv("JOBKB_BENCH_DATA");
        if (!dir) {
            std::cerr << "jobkb-query-bench: set JOBKB_BENCH_DATA to tools/gen-bench-data's "
                         "output folder\n";
            std::exit(2);
        }
        Data d;
        d.path = std::string(dir) + "/full.db";
        std::ifstream manifest(std::string(dir) + "/manifest.json");
        d.manifest = nlohmann::json::parse(manifest);
        return d;
    }();
    return loaded;
}

std::string manifest_text(const char* section, const char* key = nullptr) {
    const auto& value = key ? data().manifest.at(section).at(key) : data().manifest.at(section);
    return value.get<std::string>();
}

// The library, as an embedding program uses it: one read-only base, its catalog.
struct Library {
    std::unique_ptr<jobkb::Database> database =
        jobkb::open_knowledge_base(data().path, jobkb::Access::kReadOnly);
    jobkb::Catalog catalog{*database};
};

Library& library() {
    static Library shared;
    return shared;
}

sqlite3* raw_connection() {
    static sqlite3* connection = [] {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(data().path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            std::cerr << "jobkb-query-bench: cannot open " << data().path << "\n";
            std::exit(1);
        }
        return db;
    }();
    return connection;
}

std::size_t count_scans(const std::set<std::string>& statements) {
    SQLite::Database connection(data().path, SQLite::OPEN_READONLY);
    std::size_t scans = 0;
    for (const auto& sql : statements) {
        for (const auto& line : jobkb::plan::full_scans(connection, sql)) {
            std::cerr << "full scan: " << line << "\n    in: " << sql << "\n";
            ++scans;
        }
    }
    return scans;
}

void run_library(benchmark::State& state, const std::function<std::size_t(jobkb::Catalog&)>& call) {
    auto& lib = library();
    const auto statements =
        jobkb::plan::statements_of(lib.database->native_handle(), [&] { call(lib.catalog); });
    const auto scans = count_scans(statements);
    measure(state, [&] { return call(lib.catalog); });
    state.counters["scans"] = static_cast<double>(scans);
    state.counters["statements"] = static_cast<double>(statements.size());
}

// One statement, its parameters bound as text by position, every column of every row read.
void run_sql(benchmark::State& state, const std::string& sql,
             const std::vector<std::string>& parameters) {
    sqlite3* db = raw_connection();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
        state.SkipWithError(sqlite3_errmsg(db));
        return;
    }
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].c_str(), -1,
                          SQLITE_STATIC);
    }
    const auto scans = count_scans({sql});
    measure(state, [&] {
        std::size_t rows = 0;
        std::size_t bytes = 0;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            ++rows;
            for (int column = 0, n = sqlite3_column_count(statement); column < n; ++column) {
                const unsigned char* text = sqlite3_column_text(statement, column);
                bytes +=
                    text ? static_cast<std::size_t>(sqlite3_column_bytes(statement, column)) : 0;
            }
        }
        sqlite3_reset(statement);
        benchmark::DoNotOptimize(bytes);
        return rows;
    });
    state.counters["scans"] = static_cast<double>(scans);
    state.counters["statements"] = 1;
    sqlite3_finalize(statement);
}

// ---- The questions -------------------------------------------------------------------------

// What the roles listing shows of each role, for the roles whose ids `chosen` selects.
std::string overview_sql(const std::string& chosen) {
    return R"sql(
SELECT r.id, r.slug, r.name, coalesce(r.summary, ''),
       (SELECT group_concat(name, char(31)) FROM (
            SELECT s.name FROM role_skills k JOIN skills s ON s.id = k.skill_id
            WHERE k.role_id = r.id AND k.relevance = 'key' ORDER BY k.position)),
       (SELECT group_concat(name, char(31)) FROM (
            SELECT i.name FROM role_industries ri JOIN industries i ON i.id = ri.industry_id
            WHERE ri.role_id = r.id ORDER BY ri.position)),
       (SELECT group_concat(figure, char(31)) FROM (
            SELECT l.country_code || ' ' || c.code || ' ' || coalesce(c.symbol, '') || ' ' ||
                   c.minor_unit || ' ' || c.digit_grouping || ' ' || o.amount_minor || ' ' ||
                   o.as_of || ' ' || src.title || ' ' || coalesce(o.note, '') || ' ' || o.id
                       AS figure
            FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id
            JOIN currencies c ON c.code = o.currency_code JOIN sources src ON src.id = o.source_id
            WHERE l.role_id = r.id AND l.statistic = 'average' AND l.period = 'year'
            ORDER BY l.country_code))
FROM roles r
WHERE r.id IN ()sql" +
           chosen + R"sql()
ORDER BY r.name)sql";
}

const char* kRolesWithSkill =
    "SELECT rs.role_id FROM role_skills rs JOIN skills s ON s.id = rs.skill_id WHERE s.name = ?1";

std::size_t roles_with_skills(jobkb::Catalog& catalog, std::vector<std::string> skills,
                              jobkb::SkillMatch match) {
    jobkb::RoleFilter filter;
    filter.skills = std::move(skills);
    filter.match = match;
    return catalog.roles(filter).size();
}

void lib_roles_common_skill(benchmark::State& state) {
    const auto skill = manifest_text("skills_by_use", "common");
    run_library(state, [&](jobkb::Catalog& c) {
        return roles_with_skills(c, {skill}, jobkb::SkillMatch::kAny);
    });
}
void sql_roles_common_skill(benchmark::State& state) {
    run_sql(state, overview_sql(kRolesWithSkill), {manifest_text("skills_by_use", "common")});
}
void lib_roles_rare_skill(benchmark::State& state) {
    const auto skill = manifest_text("skills_by_use", "rare");
    run_library(state, [&](jobkb::Catalog& c) {
        return roles_with_skills(c, {skill}, jobkb::SkillMatch::kAny);
    });
}
void sql_roles_rare_skill(benchmark::State& state) {
    run_sql(state, overview_sql(kRolesWithSkill), {manifest_text("skills_by_use", "rare")});
}

// Three skills, rarest first as a hand-writer who knows the data would order them.
std::vector<std::string> three_skills() {
    return data().manifest.at("skills_by_use").at("three").get<std::vector<std::string>>();
}
void lib_roles_all_three_skills(benchmark::State& state) {
    const auto skills = three_skills();
    run_library(state, [&](jobkb::Catalog& c) {
        return roles_with_skills(c, skills, jobkb::SkillMatch::kAll);
    });
}
void sql_roles_all_three_skills(benchmark::State& state) {
    run_sql(state,
            overview_sql("SELECT a.role_id FROM skills sa CROSS JOIN role_skills a "
                         "CROSS JOIN role_skills b CROSS JOIN role_skills c "
                         "WHERE sa.name = ?1 AND a.skill_id = sa.id "
                         "AND b.role_id = a.role_id AND b.skill_id = (SELECT id FROM skills "
                         "WHERE name = ?2) AND c.role_id = a.role_id "
                         "AND c.skill_id = (SELECT id FROM skills WHERE name = ?3)"),
            three_skills());
}

void lib_roles_in_industry(benchmark::State& state) {
    const auto industry = manifest_text("industry", "big");
    run_library(state, [&](jobkb::Catalog& c) {
        jobkb::RoleFilter filter;
        filter.industries = {industry};
        return c.roles(filter).size();
    });
}
void sql_roles_in_industry(benchmark::State& state) {
    run_sql(state,
            overview_sql("SELECT ri.role_id FROM role_industries ri JOIN industries i "
                         "ON i.id = ri.industry_id WHERE i.name = ?1"),
            {manifest_text("industry", "big")});
}

// What a SalaryFigure holds: the amount with its currency, what it is of, its source and batch,
// its qualifier, dimensions and area.
const char* kLatestFigures = R"sql(
SELECT r.name, o.country_code, c.code, coalesce(c.symbol, ''), c.minor_unit, c.digit_grouping,
       o.amount_minor, o.period, o.statistic, o.as_of, src.title, coalesce(o.note, ''), o.id,
       o.batch_id, o.qualifier, coalesce(o.level, ''), coalesce(o.employment, ''),
       coalesce(o.work_setting, ''), coalesce(o.company_size, ''), coalesce(ar.code, ''),
       coalesce(ar.name, '')
FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id
JOIN roles r ON r.id = l.role_id JOIN currencies c ON c.code = o.currency_code
JOIN sources src ON src.id = o.source_id LEFT JOIN areas ar ON ar.id = o.area_id
)sql";

// A query of a role and country (either may be absent), the latest figures or all.
jobkb::SalaryQuery salary_query(std::optional<std::string> role, std::optional<std::string> country,
                                bool history) {
    jobkb::SalaryQuery query;
    query.role = std::move(role);
    query.country = std::move(country);
    query.history = history;
    return query;
}

void lib_latest_salary_in_country(benchmark::State& state) {
    const auto country = manifest_text("country");
    run_library(state, [&](jobkb::Catalog& c) {
        return c.salaries(salary_query(std::nullopt, country, false)).size();
    });
}
void sql_latest_salary_in_country(benchmark::State& state) {
    run_sql(state,
            std::string(kLatestFigures) + "WHERE l.country_code = ?1 AND l.statistic <> 'point' "
                                          "ORDER BY r.name, l.country_code, l.statistic, l.period",
            {manifest_text("country")});
}
void lib_latest_salary_of_role(benchmark::State& state) {
    const auto role = manifest_text("role");
    run_library(state, [&](jobkb::Catalog& c) {
        return c.salaries(salary_query(role, std::nullopt, false)).size();
    });
}
void sql_latest_salary_of_role(benchmark::State& state) {
    run_sql(state,
            std::string(kLatestFigures) +
                "WHERE l.role_id = (SELECT id FROM roles WHERE name = ?1) "
                "AND l.statistic <> 'point' ORDER BY l.country_code, l.statistic, l.period",
            {manifest_text("role")});
}

void lib_role_profile(benchmark::State& state) {
    const auto role = manifest_text("role");
    run_library(state, [&](jobkb::Catalog& c) {
        const auto profile = c.role_profile(role);
        return profile.key_skills.size() + profile.latest_salaries.size();
    });
}
void sql_role_profile(benchmark::State& state) {
    run_sql(state, std::string(R"sql(
WITH role AS (SELECT id FROM roles WHERE name = ?1)
SELECT r.slug, r.name, coalesce(r.summary, ''),
       (SELECT group_concat(alias, char(31)) FROM (
            SELECT alias FROM role_aliases WHERE role_id = r.id ORDER BY alias)),
       (SELECT group_concat(description, char(31)) FROM (
            SELECT description FROM responsibilities WHERE role_id = r.id ORDER BY position)),
       (SELECT group_concat(relevance || ' ' || name, char(31)) FROM (
            SELECT k.relevance, s.name FROM role_skills k JOIN skills s ON s.id = k.skill_id
            WHERE k.role_id = r.id ORDER BY k.relevance, k.position)),
       (SELECT group_concat(name, char(31)) FROM (
            SELECT i.name FROM role_industries ri JOIN industries i ON i.id = ri.industry_id
            WHERE ri.role_id = r.id ORDER BY ri.position)),
       (SELECT group_concat(figure, char(31)) FROM (
            SELECT l.country_code || ' ' || l.statistic || ' ' || l.period || ' ' || c.code ||
                   ' ' || coalesce(c.symbol, '') || ' ' || c.minor_unit || ' ' ||
                   c.digit_grouping || ' ' || o.amount_minor || ' ' || o.as_of || ' ' ||
                   src.title || ' ' || coalesce(o.note, '') || ' ' || o.id AS figure
            FROM salary_latest l JOIN salary_observations o ON o.id = l.observation_id
            JOIN currencies c ON c.code = o.currency_code JOIN sources src ON src.id = o.source_id
            WHERE l.role_id = r.id AND l.statistic <> 'point'
            ORDER BY l.country_code, l.statistic, l.period))
FROM roles r WHERE r.id = (SELECT id FROM role))sql"),
            {manifest_text("role")});
}

void lib_related_roles(benchmark::State& state) {
    const auto role = manifest_text("role");
    run_library(state, [&](jobkb::Catalog& c) { return jobkb::related_roles(c, role, 10).size(); });
}
void sql_related_roles(benchmark::State& state) {
    run_sql(state, R"sql(
WITH me AS (SELECT id, (SELECT count(*) FROM role_skills WHERE role_id = roles.id) AS size
            FROM roles WHERE name = ?1),
overlap AS (
    SELECT other.role_id, count(*) AS shared, me.size AS my_size
    FROM me JOIN role_skills mine ON mine.role_id = me.id
    JOIN role_skills other ON other.skill_id = mine.skill_id AND other.role_id <> me.id
    GROUP BY other.role_id),
ranked AS (
    SELECT o.role_id, o.shared,
           o.my_size + (SELECT count(*) FROM role_skills t WHERE t.role_id = o.role_id)
               - o.shared AS union_size
    FROM overlap o),
best AS (
    SELECT k.role_id, k.shared, k.union_size, r.name FROM ranked k JOIN roles r ON r.id = k.role_id
    ORDER BY k.shared * 1.0 / k.union_size DESC, k.shared DESC, r.name LIMIT 10)
SELECT b.name, b.shared, b.union_size,
       (SELECT group_concat(s.name, char(31)) FROM me JOIN role_skills a ON a.role_id = me.id
        JOIN role_skills theirs ON theirs.role_id = b.role_id AND theirs.skill_id = a.skill_id
        JOIN skills s ON s.id = a.skill_id)
FROM best b)sql",
            {manifest_text("role")});
}

void lib_skill_gap(benchmark::State& state) {
    const auto from = manifest_text("other_role");
    const auto to = manifest_text("role");
    run_library(state, [&](jobkb::Catalog& c) {
        const auto gap = jobkb::skill_gap(c, from, to);
        return gap.to_learn.size() + gap.carries_over.size();
    });
}
void sql_skill_gap(benchmark::State& state) {
    run_sql(state, R"sql(
SELECT s.name, t.relevance, coalesce(f.relevance, '')
FROM role_skills t JOIN skills s ON s.id = t.skill_id
LEFT JOIN role_skills f ON f.role_id = (SELECT id FROM roles WHERE name = ?1)
                       AND f.skill_id = t.skill_id
WHERE t.role_id = (SELECT id FROM roles WHERE name = ?2)
ORDER BY f.relevance IS NOT NULL, t.relevance, t.position)sql",
            {manifest_text("other_role"), manifest_text("role")});
}

// What a CLI call pays before its query: opening a base that is current. The counter lists how
// many statements the open leaves prepared (each one it ran).
void lib_open_current_base(benchmark::State& state) {
    std::size_t statements = 0;
    measure(state, [&] {
        const auto database = jobkb::open_knowledge_base(data().path, jobkb::Access::kReadOnly);
        statements = 0;
        for (sqlite3_stmt* s = sqlite3_next_stmt(database->native_handle(), nullptr); s;
             s = sqlite3_next_stmt(database->native_handle(), s)) {
            ++statements;
        }
        return statements;
    });
    state.counters["statements"] = static_cast<double>(statements);
    state.counters["scans"] = 0;
}
BENCHMARK(lib_open_current_base)->Unit(benchmark::kMicrosecond)->Name("lib/open_current_base");

#define JOBKB_QUESTION(name)                                                                       \
    BENCHMARK(lib_##name)->Unit(benchmark::kMicrosecond)->Name("lib/" #name);                      \
    BENCHMARK(sql_##name)->Unit(benchmark::kMicrosecond)->Name("sql/" #name)

JOBKB_QUESTION(roles_common_skill);
JOBKB_QUESTION(roles_rare_skill);
JOBKB_QUESTION(roles_all_three_skills);
JOBKB_QUESTION(roles_in_industry);
JOBKB_QUESTION(latest_salary_in_country);
JOBKB_QUESTION(latest_salary_of_role);
JOBKB_QUESTION(role_profile);
JOBKB_QUESTION(related_roles);
JOBKB_QUESTION(skill_gap);

} // namespace

BENCHMARK_MAIN();
