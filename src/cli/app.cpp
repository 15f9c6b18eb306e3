#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/hints.hpp"

#include "jobkb/error.hpp"
#include "jobkb/version.hpp"

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>

#include <algorithm>
#include <array>
#include <iostream>

#include <unistd.h>

extern char** environ;

namespace jobkb::cli {

std::optional<std::string> Environment::get(const std::string& name) const {
    const auto found = variables.find(name);
    if (found == variables.end()) {
        return std::nullopt;
    }
    return found->second;
}

Environment Environment::from_process() {
    Environment environment;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text = *entry;
        const auto equals = text.find('=');
        if (equals != std::string::npos) {
            environment.variables.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    environment.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
    environment.input = &std::cin;
    return environment;
}

namespace {

constexpr const char* kFooter =
    R"(Database: --db PATH, else $JOBKB_DB, else $XDG_DATA_HOME/jobkb/jobkb.db,
else ~/.local/share/jobkb/jobkb.db. The default database is created and seeded
on first use; a path you name must exist (except for 'jobkb init').

Exit codes: 0 success, 1 error (bad data, file or database), 2 usage error.

Examples:
  jobkb roles --skill python --industry healthcare
  jobkb role "MLOps Engineer"
  jobkb gap "Data Scientist" "Machine Learning Engineer"
  jobkb salaries --role "MLOps Engineer" --country IN --history
  jobkb sql "SELECT role, amount FROM latest_salaries WHERE country = 'US'" --csv
  jobkb import salaries q3.csv --dry-run
  jobkb --db team.db init          create a knowledge base at team.db)";

// The command groups, by the words that name their commands.
struct CommandGroup {
    std::array<std::string_view, 3> words; // unused places are empty
    void (*add)(CLI::App&, Context&);
};
constexpr CommandGroup kCommandGroups[] = {
    {{"init"}, register_init_command},
    {{"migrate"}, register_migrate_command},
    {{"roles"}, register_roles_command},
    {{"role"}, register_role_command},
    {{"skills", "industries"}, register_usage_commands},
    {{"salaries"}, register_salaries_command},
    {{"compare", "gap", "related"}, register_comparison_commands},
    {{"sql"}, register_sql_command},
    {{"import", "imports"}, register_import_commands},
    {{"export"}, register_export_command},
    {{"alias"}, register_alias_commands},
    {{"check"}, register_check_command},
};

// The first argument that is not a global option: the command, if it is one.
std::string_view command_word(const std::vector<std::string>& arguments) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--db") {
            ++i; // its value
        } else if (!arguments[i].starts_with("-")) {
            return arguments[i];
        }
    }
    return {};
}

// A command line naming a command needs only that command's group: every call pays for what it
// registers (CLI11 builds each option), and start-up is most of a CLI call. Help, version and
// unknown words get them all.
void register_commands(CLI::App& app, Context& context, std::string_view word) {
    for (const auto& group : kCommandGroups) {
        if (!word.empty() &&
            std::find(group.words.begin(), group.words.end(), word) != group.words.end()) {
            group.add(app, context);
            return;
        }
    }
    for (const auto& group : kCommandGroups) {
        group.add(app, context);
    }
}

std::string one_line_failure(const CLI::App* app, const CLI::Error& error) {
    std::string command = app->get_name();
    return "jobkb: " + std::string(error.what()) + " (see '" + command + " --help')\n";
}

} // namespace

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
        const Environment& environment) {
    Context context(out, err, environment);
    CLI::App app("jobkb: a knowledge base of job roles, their skills, industries and salaries, "
                 "in one SQLite file.",
                 "jobkb");
    app.set_version_flag("--version", "jobkb " JOBKB_VERSION);
    app.footer(kFooter);
    app.require_subcommand(1);
    app.failure_message(one_line_failure);
    app.add_option("--db", context.db_option, "The knowledge base file")
        ->option_text("PATH")
        ->check([](const std::string& path) {
            return path.empty() ? std::string("an empty path names no file") : std::string();
        });
    // Global options may follow the subcommand too: `jobkb roles --db team.db`.
    app.fallthrough();

    register_commands(app, context, command_word(arguments));

    // CLI11 wants argv order reversed in a vector.
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    try {
        // Subcommand callbacks run inside parse(), so domain errors surface here too.
        app.parse(reversed);
        return kExitOk;
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const Error& error) {
        err << "jobkb: " << cli_message(error) << '\n';
        return kExitError;
    } catch (const std::exception& error) {
        err << "jobkb: unexpected error: " << error.what() << '\n';
        return kExitError;
    }
}

int main(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    return run(arguments, std::cout, std::cerr, Environment::from_process());
}

} // namespace jobkb::cli
