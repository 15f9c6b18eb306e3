// jobkb migrate, jobkb migrate status: schema migrations.
#include "cli/commands.hpp"
#include "cli/table.hpp"

#include "jobkb/knowledge_base.hpp"
#include "jobkb/migrator.hpp"

#include <fmt/format.h>

namespace jobkb::cli {

void register_migrate_command(CLI::App& app, Context& context) {
    auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
    migrate->footer("Each migration runs in its own transaction with its record; newer reference "
                    "data (countries, currencies) is loaded after. A database whose applied "
                    "migrations changed, or that a newer jobkb made, is refused.\n\n"
                    "Examples:\n  jobkb migrate\n  jobkb migrate status");
    auto* status = migrate->add_subcommand("status", "List applied and pending migrations");
    status->footer("Example:\n  jobkb migrate status");
    status->callback([&context] {
        auto database = context.open(Access::kReadOnly, SchemaPolicy::kInspect);
        Migrator migrator(*database);
        if (const int version = migrator.current_version(); version > latest_schema_version()) {
            context.note(fmt::format("{}: schema version {} is newer than this jobkb knows ({})",
                                     database->path().string(), version, latest_schema_version()));
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& line : migrator.status()) {
            std::string state = line.unknown      ? "applied by a newer jobkb"
                                : line.changed    ? "CHANGED since applied"
                                : line.applied_at ? "applied " + *line.applied_at
                                                  : "pending";
            rows.push_back({std::to_string(line.version), line.name, state});
        }
        write_table(context.out,
                    {{"Version", Align::kRight, 0},
                     {"Migration", Align::kLeft, 0},
                     {"Status", Align::kLeft, 0}},
                    rows);
    });
    migrate->callback([&context, status] {
        if (status->parsed()) {
            return;
        }
        const auto location = context.create_default_if_missing();
        const SetupReport report = migrate_knowledge_base(location.path);
        context.note(fmt::format("{}: {}", location.path.string(), describe_setup(report)));
    });
}

} // namespace jobkb::cli
