#include "cli/commands.hpp"

#include "jobkb/error.hpp"
#include "jobkb/health.hpp"

namespace jobkb::cli {

void register_check_command(CLI::App& app, Context& context) {
    auto* check = app.add_subcommand(
        "check", "Verify the database: integrity, foreign keys, migration checksums");
    check->footer("Prints each problem on a line and exits 1 if there is any; prints 'ok' and "
                  "exits 0 otherwise. Never changes the file.\n\nExample:\n  jobkb check");
    check->callback([&context] {
        auto database = context.open(Access::kReadOnly, SchemaPolicy::kInspect);
        const auto problems = check_health(*database);
        for (const auto& problem : problems) {
            context.out << database->path().string() << ": " << problem.check << ": "
                        << problem.detail << '\n';
        }
        if (!problems.empty()) {
            throw Error(ErrorCode::kSqlite, database->path().string() + ": check found " +
                                                std::to_string(problems.size()) + " problem(s)");
        }
        context.out << "ok\n";
    });
}

} // namespace jobkb::cli
