#include "jobkb/health.hpp"

#include "jobkb/error.hpp"
#include "jobkb/migrator.hpp"

#include <fmt/format.h>

#include <sstream>

namespace jobkb {
namespace {

constexpr std::size_t kMaxReported = 100;

// Keys whose salary_latest row is missing, extra, or not the newest current observation.
constexpr const char* kStaleLatest = R"sql(
WITH keys AS (
    SELECT role_id, country_code, statistic, period FROM current_observations
    UNION SELECT role_id, country_code, statistic, period FROM salary_latest),
expected AS (
    SELECT k.*,
           (SELECT observation_id FROM salary_latest l
            WHERE l.role_id = k.role_id AND l.country_code = k.country_code
              AND l.statistic = k.statistic AND l.period = k.period) AS recorded,
           (SELECT id FROM current_observations o
            WHERE o.role_id = k.role_id AND o.country_code = k.country_code
              AND o.statistic = k.statistic AND o.period = k.period
            ORDER BY as_of DESC, id DESC LIMIT 1) AS newest
    FROM keys k)
SELECT coalesce(r.name, 'role ' || e.role_id), e.country_code, e.statistic, e.period,
       e.recorded, e.newest
FROM expected e LEFT JOIN roles r ON r.id = e.role_id
WHERE e.recorded IS NOT e.newest
)sql";

void check_integrity(Database& database, std::vector<HealthProblem>& problems) {
    auto& query = database.statement("PRAGMA integrity_check(100)");
    while (query.executeStep()) {
        // One row may hold several lines ("*** in database main ***" and what it found).
        std::istringstream lines(query.getColumn(0).getString());
        for (std::string line; std::getline(lines, line);) {
            if (line != "ok" && !line.starts_with("*** in database ")) {
                problems.push_back({"integrity", line});
            }
        }
    }
}

void check_foreign_keys(Database& database, std::vector<HealthProblem>& problems) {
    auto& query = database.statement("PRAGMA foreign_key_check");
    while (query.executeStep() && problems.size() < kMaxReported) {
        // WITHOUT ROWID tables report no rowid.
        const std::string row =
            query.getColumn(1).isNull() ? "a row" : "row " + query.getColumn(1).getString();
        problems.push_back({"foreign keys", fmt::format("{}: {} refers to a missing {} row",
                                                        query.getColumn(0).getString(), row,
                                                        query.getColumn(2).getString())});
    }
}

void check_migrations(Database& database, std::vector<HealthProblem>& problems) {
    Migrator migrator(database);
    const int version = migrator.current_version();
    for (const auto& line : migrator.status()) {
        if (line.changed) {
            problems.push_back({"migrations", line.name + " was changed after it was applied"});
        } else if (line.unknown) {
            problems.push_back({"migrations", line.name + " is unknown to this jobkb"});
        } else if (line.applied_at && line.version > version) {
            problems.push_back({"migrations", line.name + " is recorded beyond user_version " +
                                                  std::to_string(version)});
        } else if (!line.applied_at && line.version <= version) {
            problems.push_back({"migrations", line.name +
                                                  " is not recorded although user_version is " +
                                                  std::to_string(version)});
        } else if (!line.applied_at) {
            problems.push_back({"migrations", line.name + " is pending: run 'jobkb migrate'"});
        }
    }
}

void check_latest_salaries(Database& database, std::vector<HealthProblem>& problems) {
    auto& query = database.statement(kStaleLatest);
    while (query.executeStep() && problems.size() < kMaxReported) {
        problems.push_back(
            {"latest salaries",
             fmt::format(
                 "{} / {} / {} / {}: salary_latest names observation {} but the newest is {}",
                 query.getColumn(0).getString(), query.getColumn(1).getString(),
                 query.getColumn(2).getString(), query.getColumn(3).getString(),
                 query.getColumn(4).isNull() ? "none" : query.getColumn(4).getString(),
                 query.getColumn(5).isNull() ? "none" : query.getColumn(5).getString())});
    }
}

} // namespace

std::vector<HealthProblem> check_health(Database& database) {
    std::vector<HealthProblem> problems;
    database.guard("checking integrity", [&] { check_integrity(database, problems); });
    // The other checks read tables that a damaged file may not have readable.
    if (!problems.empty()) {
        return problems;
    }
    database.guard("checking foreign keys", [&] { check_foreign_keys(database, problems); });
    const int version = Migrator(database).current_version();
    if (version == 0) {
        problems.push_back({"migrations", "no migration applied yet: run 'jobkb migrate'"});
        return problems;
    }
    database.guard("checking migrations", [&] { check_migrations(database, problems); });
    if (version > latest_schema_version()) {
        problems.push_back({"migrations", fmt::format("schema version {} is newer than this jobkb "
                                                      "knows ({}): use a newer jobkb",
                                                      version, latest_schema_version())});
    }
    // The salary tables are this version's; another version's may differ.
    if (version == latest_schema_version()) {
        database.guard("checking latest salaries",
                       [&] { check_latest_salaries(database, problems); });
    }
    return problems;
}

} // namespace jobkb
