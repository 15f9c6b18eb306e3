#include "jobkb/health.hpp"

#include "jobkb/error.hpp"
#include "jobkb/migrator.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

constexpr std::size_t kMaxReported = 100;

// salary_latest rows whose observation is not the newest of its key, and keys with no row.
constexpr const char* kStaleLatest = R"sql(
SELECT r.name, k.country_code, k.statistic, k.period,
       (SELECT observation_id FROM salary_latest l
        WHERE l.role_id = k.role_id AND l.country_code = k.country_code
          AND l.statistic = k.statistic AND l.period = k.period),
       (SELECT id FROM salary_observations o
        WHERE o.role_id = k.role_id AND o.country_code = k.country_code
          AND o.statistic = k.statistic AND o.period = k.period
        ORDER BY as_of DESC, id DESC LIMIT 1) AS newest
FROM (SELECT DISTINCT role_id, country_code, statistic, period FROM salary_observations
      UNION SELECT role_id, country_code, statistic, period FROM salary_latest) k
JOIN roles r ON r.id = k.role_id
WHERE (SELECT observation_id FROM salary_latest l
       WHERE l.role_id = k.role_id AND l.country_code = k.country_code
         AND l.statistic = k.statistic AND l.period = k.period) IS NOT newest
)sql";

void check_integrity(Database& database, std::vector<HealthProblem>& problems) {
    auto& query = database.statement("PRAGMA integrity_check(100)");
    while (query.executeStep()) {
        const std::string line = query.getColumn(0).getString();
        if (line != "ok") {
            problems.push_back({"integrity", line});
        }
    }
}

void check_foreign_keys(Database& database, std::vector<HealthProblem>& problems) {
    auto& query = database.statement("PRAGMA foreign_key_check");
    while (query.executeStep() && problems.size() < kMaxReported) {
        problems.push_back(
            {"foreign keys",
             fmt::format("{} row {} refers to a missing {} row", query.getColumn(0).getString(),
                         query.getColumn(1).getString(), query.getColumn(2).getString())});
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
    database.guard("checking migrations", [&] { check_migrations(database, problems); });
    database.guard("checking latest salaries", [&] { check_latest_salaries(database, problems); });
    return problems;
}

} // namespace jobkb
