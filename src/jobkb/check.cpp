// `jobkb check`: what is wrong with a knowledge base, one finding a line.
#include "jobkb/check.hpp"

#include "jobkb/migrator.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <sstream>

namespace jobkb {
namespace {

constexpr std::size_t kMaxReported = 100;

// Keys (with their dimensions) whose salary_latest row is missing, extra, or not the newest
// current observation by the rule of as_of_key (migration 0010).
constexpr const char* kStaleLatest = R"sql(
WITH keys AS (
    SELECT role_id, country_code, statistic, period, dimensions FROM current_observations
    UNION SELECT role_id, country_code, statistic, period, dimensions FROM salary_latest),
expected AS (
    SELECT k.*,
           (SELECT observation_id FROM salary_latest l
            WHERE l.role_id = k.role_id AND l.country_code = k.country_code
              AND l.statistic = k.statistic AND l.period = k.period
              AND l.dimensions = k.dimensions) AS recorded,
           (SELECT id FROM current_observations o
            WHERE o.role_id = k.role_id AND o.country_code = k.country_code
              AND o.statistic = k.statistic AND o.period = k.period
              AND o.dimensions = k.dimensions
            ORDER BY as_of_key DESC, id DESC LIMIT 1) AS newest
    FROM keys k)
SELECT coalesce(r.name, 'role ' || e.role_id), e.country_code, e.statistic,
       e.period || CASE e.dimensions WHEN '' THEN '' ELSE ' / ' || e.dimensions END,
       e.recorded, e.newest
FROM expected e LEFT JOIN roles r ON r.id = e.role_id
WHERE e.recorded IS NOT e.newest
)sql";

// Observations whose area is in another country than theirs (migration 0011's trigger refuses
// them on insert; a file edited without triggers may still hold one).
constexpr const char* kAreasElsewhere = R"sql(
SELECT o.id, o.country_code, coalesce(a.code, a.name), a.country_code
FROM salary_observations o JOIN areas a ON a.id = o.area_id
WHERE o.area_id IS NOT NULL AND a.country_code <> o.country_code
LIMIT 100
)sql";

// Texts the sources have and search_documents lacks, or holds and no source has.
constexpr const char* kStaleSearch = R"sql(
SELECT 'missing', * FROM (SELECT kind, entity_id, field, ref, text FROM search_expected
                          EXCEPT SELECT kind, entity_id, field, ref, text FROM search_documents)
UNION ALL
SELECT 'stale', * FROM (SELECT kind, entity_id, field, ref, text FROM search_documents
                        EXCEPT SELECT kind, entity_id, field, ref, text FROM search_expected)
LIMIT 100
)sql";

// The full-text index holds one entry per text (its docsize row). FTS5's own 'integrity-check'
// is an INSERT, which a read-only check cannot run; a count finds an emptied or partial index.
constexpr const char* kSearchCounts =
    "SELECT (SELECT count(*) FROM search_documents), (SELECT count(*) FROM search_index_docsize)";

// Role merges whose record cannot be undone: a snapshot that is no JSON object, or a merge that
// stands while its merged role is back (the same id and slug: a half-done undo). A role that
// merely got the merged role's id since (ids are reused) is no problem: undo gives a new one.
// The CASEs are nested so that json_type() and json_extract() never see text that is no JSON.
constexpr const char* kBadMerges = R"sql(
SELECT m.id, m.from_name, m.bad
FROM (SELECT id, from_name, undone_at, from_role_id, snapshot,
             CASE WHEN json_valid(snapshot)
                  THEN CASE WHEN json_type(snapshot) = 'object' THEN 0 ELSE 1 END
                  ELSE 1 END AS bad
      FROM role_merges) m
WHERE CASE WHEN m.bad = 1 THEN 1
           ELSE m.undone_at IS NULL
                AND EXISTS (SELECT 1 FROM roles r WHERE r.id = m.from_role_id
                            AND r.slug = json_extract(m.snapshot, '$.role.slug')) END
)sql";

struct CheckStatements {
    explicit CheckStatements(Database& database)
        : integrity{database, "checking integrity", "PRAGMA integrity_check(100)"},
          foreign_keys{database, "checking foreign keys", "PRAGMA foreign_key_check"},
          stale_latest{database, "checking latest salaries", kStaleLatest},
          areas_elsewhere{database, "checking salary areas", kAreasElsewhere},
          stale_search{database, "checking the search index", kStaleSearch},
          search_counts{database, "checking the search index", kSearchCounts},
          bad_merges{database, "checking role merges", kBadMerges} {}

    detail::Statement integrity;       // SQLite's findings, or "ok"
    detail::Statement foreign_keys;    // rows whose reference has no row
    detail::Statement stale_latest;    // salary_latest rows that disagree with the observations
    detail::Statement areas_elsewhere; // observations whose area is of another country
    detail::Statement stale_search;    // search texts that disagree with their sources
    detail::Statement search_counts;   // texts, and entries of the full-text index
    detail::Statement bad_merges;      // role merges that undo could not take back
};

void check_integrity(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    auto row = statements.integrity.use();
    while (row.step()) {
        // One row may hold several lines ("*** in database main ***" and what it found).
        std::istringstream lines(row.text(0));
        for (std::string line; std::getline(lines, line);) {
            if (line != "ok" && !line.starts_with("*** in database ")) {
                problems.push_back({"integrity", line, {}});
            }
        }
    }
}

void check_foreign_keys(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    auto row = statements.foreign_keys.use();
    while (row.step() && problems.size() < kMaxReported) {
        // WITHOUT ROWID tables report no rowid.
        const std::string which = row.is_null(1) ? "a row" : "row " + row.text(1);
        problems.push_back(
            {"foreign keys",
             fmt::format("{}: {} refers to a missing {} row", row.text(0), which, row.text(2)),
             {}});
    }
}

void check_migrations(Migrator& migrator, std::vector<HealthProblem>& problems) {
    const int version = migrator.current_version();
    for (const auto& line : migrator.status()) {
        if (line.changed) {
            problems.push_back({"migrations", line.name + " was changed after it was applied", {}});
        } else if (line.unknown) {
            problems.push_back({"migrations", line.name + " is unknown to this jobkb", {}});
        } else if (line.applied_at && line.version > version) {
            problems.push_back(
                {"migrations",
                 line.name + " is recorded beyond user_version " + std::to_string(version),
                 {}});
        } else if (!line.applied_at && line.version <= version) {
            problems.push_back(
                {"migrations",
                 line.name + " is not recorded although user_version is " + std::to_string(version),
                 {}});
        } else if (!line.applied_at) {
            problems.push_back(
                {"migrations", line.name + " is pending", Hint{HintKind::kMigrate, {}, {}}});
        }
    }
}

void check_latest_salaries(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    auto row = statements.stale_latest.use();
    while (row.step() && problems.size() < kMaxReported) {
        problems.push_back(
            {"latest salaries",
             fmt::format(
                 "{} / {} / {} / {}: salary_latest names observation {} but the newest is {}",
                 row.text(0), row.text(1), row.text(2), row.text(3),
                 row.is_null(4) ? "none" : row.text(4), row.is_null(5) ? "none" : row.text(5)),
             {}});
    }
}

void check_salary_areas(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    auto row = statements.areas_elsewhere.use();
    while (row.step() && problems.size() < kMaxReported) {
        problems.push_back({"salary areas",
                            fmt::format("observation {} of {} is in area {} of {}", row.text(0),
                                        row.text(1), row.text(2), row.text(3)),
                            {}});
    }
}

// An import lists its batch in salary_latest_pending while it writes and takes it off before it
// commits (migration 0012): an entry in a committed base is a batch whose rows the insert trigger
// skipped and whose latest figures nobody maintained.
void check_pending_latest(Database& database, std::vector<HealthProblem>& problems) {
    detail::Statement pending(database, "checking latest salaries",
                              "SELECT batch_id FROM salary_latest_pending ORDER BY batch_id");
    auto row = pending.use();
    while (row.step() && problems.size() < kMaxReported) {
        problems.push_back({"latest salaries",
                            fmt::format("batch {} is still listed in salary_latest_pending (an "
                                        "import that never finished its latest figures)",
                                        row.text(0)),
                            {}});
    }
}

void check_search_index(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    const Hint repair{HintKind::kRepairSearch, {}, {}};
    {
        auto row = statements.stale_search.use();
        while (row.step() && problems.size() < kMaxReported) {
            problems.push_back(
                {"search index",
                 fmt::format("{} {} {} {} '{}' is {}", row.text(1), row.text(2), row.text(3),
                             row.text(4).empty() ? "" : "(" + row.text(4) + ")",
                             detail::elided(row.text(5), 60),
                             row.text(0) == "missing" ? "missing from the index"
                                                      : "indexed but in no table"),
                 repair});
        }
    }
    auto counts = statements.search_counts.use().single_row();
    if (counts.int64(0) != counts.int64(1)) {
        problems.push_back({"search index",
                            fmt::format("the full-text index has {} entries for {} texts",
                                        counts.int64(1), counts.int64(0)),
                            repair});
    }
}

void check_role_merges(CheckStatements& statements, std::vector<HealthProblem>& problems) {
    auto row = statements.bad_merges.use();
    while (row.step() && problems.size() < kMaxReported) {
        problems.push_back(
            {"role merges",
             row.integer(2) == 1
                 ? fmt::format("merge {} ({}): its snapshot is not a JSON object", row.text(0),
                               row.text(1))
                 : fmt::format("merge {} ({}) stands, but the merged role exists again",
                               row.text(0), row.text(1)),
             {}});
    }
}

} // namespace

std::vector<HealthProblem> check_knowledge_base(Database& database) {
    CheckStatements statements(database);
    std::vector<HealthProblem> problems;
    check_integrity(statements, problems);
    // The other checks read tables that a damaged file may not have readable.
    if (!problems.empty()) {
        return problems;
    }
    check_foreign_keys(statements, problems);
    Migrator migrator(database);
    const int version = migrator.current_version();
    if (version == 0) {
        problems.push_back(
            {"migrations", "no migration applied yet", Hint{HintKind::kMigrate, {}, {}}});
        return problems;
    }
    check_migrations(migrator, problems);
    if (version > latest_schema_version()) {
        problems.push_back({"migrations",
                            fmt::format("schema version {} is newer than this jobkb knows ({})",
                                        version, latest_schema_version()),
                            Hint{HintKind::kNewerJobkb, {}, {}}});
    }
    // The salary tables are this version's; another version's may differ.
    if (version == latest_schema_version()) {
        check_latest_salaries(statements, problems);
        check_pending_latest(database, problems);
        check_salary_areas(statements, problems);
        check_search_index(statements, problems);
        check_role_merges(statements, problems);
    }
    return problems;
}

} // namespace jobkb
