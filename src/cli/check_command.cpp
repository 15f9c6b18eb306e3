#include "cli/commands.hpp"
#include "cli/hints.hpp"

#include "jobkb/check.hpp"
#include "jobkb/error.hpp"
#include "jobkb/search.hpp"

#include <memory>

namespace jobkb::cli {
namespace {

// What SQLite said when it could not read the file, without the path (each line names it) and
// without the hint to check the file (this is check): "reading the database header: the file is
// damaged (...)".
std::string damage_of(const Error& error) {
    return error.doing().empty() ? error.cause() : error.doing() + ": " + error.cause();
}

// A finding's line after "PATH: ": "migrations: 0002_x is pending: run 'jobkb migrate' first".
std::string finding(const HealthProblem& problem) {
    std::string line = problem.check + ": " + problem.detail;
    if (const std::string hint = cli_hint(problem.hint); !hint.empty()) {
        line += ": " + hint;
    }
    return line;
}

// --repair: rebuilds what jobkb maintains and can derive again (the search index), then checks.
void repair(Context& context) {
    auto database = context.open(Access::kReadWrite);
    const std::int64_t changed = repair_search_index(*database);
    context.out << database->path().string() << ": search index rebuilt (" << changed
                << " text(s) added or removed)\n";
}

} // namespace

void register_check_command(CLI::App& app, Context& context) {
    auto repair_requested = std::make_shared<bool>(false);
    auto* check = app.add_subcommand(
        "check",
        "Verify the database: integrity, foreign keys, migration checksums, derived tables");
    check->add_flag("--repair", *repair_requested,
                    "First rebuild the search index from the tables it indexes (the one mode "
                    "that writes)");
    check->footer("Prints each problem on a line and exits 1 if there is any; prints 'ok' and "
                  "exits 0 otherwise. Without --repair, never changes the file.\n\nExamples:\n"
                  "  jobkb check\n  jobkb check --repair    when check reports the search index "
                  "stale (SQL that wrote to the index's own tables)");
    check->callback([&context, repair_requested] {
        if (*repair_requested) {
            repair(context);
        }
        std::string path;
        std::vector<HealthProblem> problems;
        try {
            auto database = context.open(Access::kReadOnly, SchemaPolicy::kInspect);
            path = database->path().string();
            problems = check_knowledge_base(*database);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kCorrupt) {
                throw;
            }
            // SQLite could not read on: that is what check has to report.
            path = context.locate_database().path.string();
            problems.push_back({"integrity", damage_of(error), {}});
        }
        for (const auto& problem : problems) {
            context.out << path << ": " << finding(problem) << '\n';
        }
        if (!problems.empty()) {
            throw Error(
                ErrorCode::kSqlite,
                ErrorDetails{path,
                             {},
                             "check found " + std::to_string(problems.size()) + " problem(s)",
                             {}});
        }
        context.out << "ok\n";
    });
}

} // namespace jobkb::cli
