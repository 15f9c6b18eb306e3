// The command table: every jobkb command, the file that registers it, and the global options.
// Help, the usage errors and the shell completion scripts are all read from the app built here.
#include "cli/commands.hpp"

#include "jobkb/version.hpp"

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>

#include <algorithm>
#include <array>

namespace jobkb::cli {
namespace {

constexpr const char* kFooter =
    R"(Database: --db PATH, else $JOBKB_DB, else $XDG_DATA_HOME/jobkb/jobkb.db,
else ~/.local/share/jobkb/jobkb.db. The default database is created and seeded
on first use; a path you name must exist (except for 'jobkb init').

Exit codes: 0 success, 1 error (bad data, file or database), 2 usage error.

Examples:
  jobkb roles --skill python --industry healthcare
  jobkb role "MLOps Engineer"
  jobkb search chatbot
  jobkb gap "Data Scientist" "Machine Learning Engineer"
  jobkb salaries --role "MLOps Engineer" --country IN --history
  jobkb sql "SELECT role, amount FROM latest_salaries WHERE country = 'US'" --csv
  jobkb import salaries q3.csv --dry-run
  jobkb serve                      browse it at http://127.0.0.1:8080/
  jobkb --db team.db init          create a knowledge base at team.db
  source <(jobkb completion bash)  complete commands, options and names in bash)";

// The command groups, by the words that name their commands (one file each, see README's
// Development section; import and imports share import_commands.cpp).
struct CommandGroup {
    std::array<std::string_view, 2> words; // an unused place is empty
    void (*add)(CLI::App&, Context&);
};
constexpr CommandGroup kCommandGroups[] = {
    {{"init"}, register_init_command},
    {{"migrate"}, register_migrate_command},
    {{"roles"}, register_roles_command},
    {{"role"}, register_role_commands},
    {{"skills"}, register_skills_command},
    {{"industries"}, register_industries_command},
    {{"salaries"}, register_salaries_command},
    {{"compare"}, register_compare_command},
    {{"gap"}, register_gap_command},
    {{"related"}, register_related_command},
    {{"search"}, register_search_command},
    {{"sql"}, register_sql_command},
    {{"import", "imports"}, register_import_commands},
    {{"export"}, register_export_command},
    {{"alias"}, register_alias_command},
    {{"title"}, register_title_command},
    {{"merges"}, register_merges_command},
    {{"check"}, register_check_command},
    {{"serve"}, register_serve_command},
    {{"completion"}, register_completion_command},
};

} // namespace

std::unique_ptr<CLI::App> make_app(Context& context, std::string_view command_word) {
    auto app = std::make_unique<CLI::App>(
        "jobkb: a knowledge base of job roles, their skills, industries and salaries, in one "
        "SQLite file.",
        "jobkb");
    app->set_version_flag("--version", "jobkb " JOBKB_VERSION);
    app->footer(kFooter);
    app->require_subcommand(1);
    app->add_option("--db", context.db_option, "The knowledge base file")
        ->option_text("PATH")
        ->check([](const std::string& path) {
            return path.empty() ? std::string("an empty path names no file") : std::string();
        });
    // Global options may follow the subcommand too: `jobkb roles --db team.db`.
    app->fallthrough();

    for (const auto& group : kCommandGroups) {
        if (!command_word.empty() &&
            std::find(group.words.begin(), group.words.end(), command_word) != group.words.end()) {
            group.add(*app, context);
            return app;
        }
    }
    for (const auto& group : kCommandGroups) {
        group.add(*app, context);
    }
    return app;
}

} // namespace jobkb::cli
