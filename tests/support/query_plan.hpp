#pragma once
// What SQL a piece of library work runs, and whether its plans read whole tables. Shared by the
// query-plan test and the benchmark, which checks the same plans on the large base.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace jobkb::plan {

// The SQL texts `work` runs on the connection, each once.
inline std::set<std::string> statements_of(sqlite3* connection, const std::function<void()>& work) {
    std::set<std::string> seen;
    const auto remember = [](unsigned, void* context, void* statement, void*) {
        static_cast<std::set<std::string>*>(context)->insert(
            sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
        return 0;
    };
    sqlite3_trace_v2(connection, SQLITE_TRACE_STMT, remember, &seen);
    work();
    sqlite3_trace_v2(connection, 0, nullptr, nullptr);
    return seen;
}

// Plan lines of `sql` that scan a whole table of roles, role links or salaries. Plans name tables
// by the alias the query gives them, so the check is on the table behind each alias.
inline std::vector<std::string> full_scans(SQLite::Database& connection, const std::string& sql) {
    static const std::set<std::string> kGuarded = {
        "roles",        "role_skills", "role_industries", "salary_observations", "salary_latest",
        "role_aliases", "role_titles", "role_codes",      "country_names"};
    static const std::regex kAlias(
        R"(\b(roles|role_skills|role_industries|salary_observations|salary_latest|role_aliases|role_titles|role_codes|country_names)\s+(?:AS\s+)?([a-z_]+)\b)",
        std::regex::icase);
    static const std::regex kScan(R"(^SCAN (\w+))");
    std::map<std::string, std::string> table_of; // alias -> table
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kAlias);
         it != std::sregex_iterator(); ++it) {
        table_of[(*it)[2]] = (*it)[1];
    }
    SQLite::Statement plan(connection, "EXPLAIN QUERY PLAN " + sql);
    std::vector<std::string> scans;
    while (plan.executeStep()) {
        const std::string detail = plan.getColumn(3).getString();
        std::smatch match;
        if (std::regex_search(detail, match, kScan)) {
            const std::string name = match[1];
            const std::string table = table_of.count(name) ? table_of[name] : name;
            if (kGuarded.count(table)) {
                scans.push_back(detail);
            }
        }
    }
    return scans;
}

} // namespace jobkb::plan
