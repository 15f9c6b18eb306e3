#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/context.hpp"

#include "jobkb/error.hpp"

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>

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

    register_init_command(app, context);
    register_migrate_command(app, context);
    register_roles_command(app, context);
    register_role_command(app, context);
    register_usage_commands(app, context);
    register_salaries_command(app, context);
    register_comparison_commands(app, context);
    register_sql_command(app, context);
    register_import_commands(app, context);
    register_export_command(app, context);
    register_alias_commands(app, context);
    register_check_command(app, context);

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
        err << "jobkb: " << error.what() << '\n';
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
