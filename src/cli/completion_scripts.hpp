#pragma once

#include <CLI/App.hpp>

#include <string>
#include <vector>

namespace jobkb::cli {

// What a word on the command line is, for completion. Read from what --help shows for it: the
// option text (ROLE, SKILL, INDUSTRY, CC, FILE or PATH, or choices a|b|c), else a positional
// argument's name (FILE). So a new option gets completion by being documented the usual way.
enum class ValueKind { kNone, kRole, kSkill, kIndustry, kCountry, kFile, kChoice };

struct CompletedValue {
    ValueKind kind = ValueKind::kNone;
    std::vector<std::string> choices; // kChoice
};

struct CompletedOption {
    std::vector<std::string> names; // "-p", "--param"
    int values = 0;                 // words that follow it (0: a flag)
    CompletedValue value;
};

struct CompletedArgument {
    CompletedValue value;
    bool repeats = false; // compare ROLE...: the last one again and again
};

// One command of the table: "" is jobkb itself, "import salaries" a subcommand.
struct CompletedCommand {
    std::string path;
    std::vector<std::string> commands; // visible subcommands
    std::vector<CompletedOption> options;
    std::vector<CompletedArgument> arguments;
};

// Every visible command of the app with its options and arguments, parents before children.
std::vector<CompletedCommand> completion_table(const CLI::App& app);

// Scripts that complete commands, options, choices, files, and role, skill, industry and
// country names (asked of `jobkb completion names KIND PREFIX`, so they come from the base the
// command line names with --db, or the default one).
std::string bash_script(const std::vector<CompletedCommand>& table);
std::string zsh_script(const std::vector<CompletedCommand>& table);

} // namespace jobkb::cli
