#pragma once

#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace jobkb::cli {

// Exit codes of every jobkb command (also listed in `jobkb --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// What the CLI reads of its surroundings, passed in so tests can run it in-process.
struct Environment {
    std::map<std::string, std::string> variables;
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
    std::istream* input = nullptr; // what `-` reads; nullptr reads nothing
    std::optional<std::string> get(const std::string& name) const;
    static Environment from_process();
};

// Runs one jobkb command line (without the program name); output to out, notes and errors to err.
int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
        const Environment& environment);

int main(int argc, char** argv);

} // namespace jobkb::cli
