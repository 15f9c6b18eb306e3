#pragma once

#include "jobkb/database.hpp"

#include <string>
#include <vector>

namespace jobkb {

// One finding of `jobkb check`.
struct HealthProblem {
    std::string check;  // "integrity", "foreign keys", "migrations", "latest salaries"
    std::string detail; // what is wrong, in one line
};

// Runs SQLite's integrity and foreign-key checks, verifies the applied migrations against this
// binary, and that the maintained latest-salary table agrees with the observations.
// An empty result means the database is healthy.
std::vector<HealthProblem> check_health(Database& database);

} // namespace jobkb
