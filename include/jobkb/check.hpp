#pragma once

#include "jobkb/database.hpp"
#include "jobkb/error.hpp"

#include <string>
#include <vector>

namespace jobkb {

/// One finding of check_knowledge_base(): a report line, not an error.
struct HealthProblem {
    std::string check;  ///< "integrity", "foreign keys", "migrations", "latest salaries",
                        ///< "role merges"
    std::string detail; ///< what is wrong, in one line
    Hint hint;          ///< what the user could do about it; HintKind::kNone for most
};

/// The work of `jobkb check`: runs SQLite's integrity and foreign-key checks, verifies the
/// applied migrations against this library, that the maintained latest-salary table agrees with
/// the observations, and that every role merge can be undone (its snapshot is a JSON object, and
/// a standing merge's role is not back). Reads only. An empty result means the database is healthy.
/// Throws Error(ErrorCode::kCorrupt) when SQLite cannot read far enough to check (the damage is
/// then the finding), and Error when SQLite fails otherwise.
std::vector<HealthProblem> check_knowledge_base(Database& database);

} // namespace jobkb
