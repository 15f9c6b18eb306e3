#include "cli/commands.hpp"

#include "jobkb/error.hpp"
#include "jobkb/health.hpp"

namespace jobkb::cli {
namespace {

// What SQLite said when it could not read the file, without the path in front and without the
// advice to run check (this is check): "reading the database header: the file is damaged (...)".
std::string damage_of(const Error& error, const std::string& path) {
    std::string detail = error.what();
    if (detail.starts_with(path + ": ")) {
        detail.erase(0, path.size() + 2);
    }
    constexpr std::string_view kAdvice = ": see 'jobkb check'";
    if (detail.ends_with(kAdvice)) {
        detail.erase(detail.size() - kAdvice.size());
    }
    return detail;
}

} // namespace

void register_check_command(CLI::App& app, Context& context) {
    auto* check = app.add_subcommand(
        "check", "Verify the database: integrity, foreign keys, migration checksums");
    check->footer("Prints each problem on a line and exits 1 if there is any; prints 'ok' and "
                  "exits 0 otherwise. Never changes the file.\n\nExample:\n  jobkb check");
    check->callback([&context] {
        std::string path;
        std::vector<HealthProblem> problems;
        try {
            auto database = context.open(Access::kReadOnly, SchemaPolicy::kInspect);
            path = database->path().string();
            problems = check_health(*database);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kCorrupt) {
                throw;
            }
            // SQLite could not read on: that is what check has to report.
            path = context.locate_database().path.string();
            problems.push_back({"integrity", damage_of(error, path)});
        }
        for (const auto& problem : problems) {
            context.out << path << ": " << problem.check << ": " << problem.detail << '\n';
        }
        if (!problems.empty()) {
            throw Error(ErrorCode::kSqlite,
                        path + ": check found " + std::to_string(problems.size()) + " problem(s)");
        }
        context.out << "ok\n";
    });
}

} // namespace jobkb::cli
