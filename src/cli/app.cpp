#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/hints.hpp"
#include "cli/usage_errors.hpp"

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

} // namespace

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
        const Environment& environment) {
    Context context(out, err, environment);
    const auto app = make_app(context, command_word(arguments));
    // CLI11 wants argv order reversed in a vector.
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    try {
        // Subcommand callbacks run inside parse(), so domain errors surface here too.
        app->parse(reversed);
        return kExitOk;
    } catch (const CLI::Success& request) {
        return app->exit(request, out, err); // --help, --version
    } catch (const CLI::ParseError& error) {
        err << "jobkb: " << usage_message(*app, error, arguments) << '\n';
        return kExitUsage;
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
