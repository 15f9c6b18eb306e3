// jobkb init: create the knowledge base, or bring it up to date.
#include "cli/commands.hpp"

#include "jobkb/knowledge_base.hpp"

#include <fmt/format.h>

namespace jobkb::cli {
std::string describe_setup(const SetupReport& report) {
    std::string text = fmt::format("{} migration(s) applied", report.migrations.size());
    for (const auto& seed : report.seeds) {
        text += seed.already_applied
                    ? fmt::format("; {} data already loaded", seed.name)
                    : fmt::format("; {} data: {} row(s) added", seed.name, seed.rows_added);
    }
    return text;
}

void register_init_command(CLI::App& app, Context& context) {
    auto* init = app.add_subcommand(
        "init", "Create the knowledge base, or bring an existing one up to date");
    auto no_seed = std::make_shared<bool>(false);
    init->add_flag("--no-seed", *no_seed,
                   "Load only reference data (countries, currencies), not the article's roles "
                   "and salaries");
    init->footer("Creates the file if it does not exist (also at a path named with --db), applies "
                 "pending migrations and loads the seed data. Safe to run again: nothing already "
                 "there is changed.\n\nExamples:\n  jobkb init\n  jobkb --db team.db init "
                 "--no-seed");
    init->callback([&context, no_seed] {
        const auto location = context.locate_database();
        const SetupReport report = initialize_knowledge_base(
            location.path, *no_seed ? Content::kReferenceOnly : Content::kArticle);
        context.note(fmt::format("{} {}: {}", report.created ? "created" : "updated",
                                 location.path.string(), describe_setup(report)));
    });
}

} // namespace jobkb::cli
