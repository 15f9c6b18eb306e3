// Usage errors say what to type: one line on stderr naming the command's --help, exit code 2,
// nothing on stdout, nothing written. One case per kind of CLI11 failure.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

struct UsageCase {
    std::vector<std::string> arguments; // after --db BASE
    std::string message;                // after "jobkb: ", before the help reference
    std::string command;                // whose --help the line names
};

const std::vector<UsageCase> kCases = {
    // A missing or unknown command: the closest commands, or the ones there are.
    {{},
     "missing command (expected init, migrate, roles, role, skills, industries, salaries, "
     "compare, gap, related, search, sql, import, imports, export, alias, title, merges, check, "
     "serve or completion)",
     "jobkb"},
    {{"rolse"}, "unknown command 'rolse' (did you mean 'roles' or 'role'?)", "jobkb"},
    {{"rolse", "--skill", "python"},
     "unknown command 'rolse' (did you mean 'roles' or 'role'?)",
     "jobkb"},
    {{"frobnicate", "x"},
     "unknown command 'frobnicate' (expected init, migrate, roles, role, skills, industries, "
     "salaries, compare, gap, related, search, sql, import, imports, export, alias, title, merges, "
     "check, serve or completion)",
     "jobkb"},
    {{"compar", "a", "b"}, "unknown command 'compar' (did you mean 'compare'?)", "jobkb"},
    {{"import"},
     "missing command after 'import' (expected salaries, rates, roles, onet or recipes)",
     "jobkb import"},
    {{"import", "salarie", "q3.csv"},
     "unknown command 'import salarie' (did you mean 'import salaries'?)",
     "jobkb import"},
    {{"alias"}, "missing command after 'alias' (expected add, list or remove)", "jobkb alias"},
    {{"migrate", "stats"},
     "unknown command 'migrate stats' (did you mean 'migrate status'?)",
     "jobkb migrate"},
    {{"completion", "fsh"},
     "unknown command 'completion fsh' (did you mean 'completion zsh'?)",
     "jobkb completion"},
    // Unknown options: the closest of that command's, global ones included.
    {{"roles", "--skil", "python"}, "unknown option --skil (did you mean --skill?)", "jobkb roles"},
    {{"roles", "--skil=python"}, "unknown option --skil (did you mean --skill?)", "jobkb roles"},
    {{"related", "--limt", "3"}, "unknown option --limt (did you mean --limit?)", "jobkb related"},
    {{"roles", "--dv", "x.db"}, "unknown option --dv (did you mean --db?)", "jobkb roles"},
    {{"salaries", "--hist"}, "unknown option --hist (did you mean --history?)", "jobkb salaries"},
    {{"roles", "--colour"}, "unknown option --colour", "jobkb roles"},
    {{"roles", "-x"}, "unknown option -x", "jobkb roles"},
    // Values: whole numbers and their ranges, choices in words, empty names.
    {{"related", "X", "--limit", "0"}, "--limit: must be at least 1", "jobkb related"},
    {{"related", "X", "--limit", "ten"},
     "--limit: must be a whole number, not 'ten'",
     "jobkb related"},
    {{"related", "X", "--limit", "99999999999999999999999"},
     "--limit: must be at most "
     "9223372036854775807",
     "jobkb related"},
    {{"sql", "SELECT 1", "--time-limit", "0"}, "--time-limit: must be at least 1", "jobkb sql"},
    {{"sql", "SELECT 1", "--max-rows", "-5"}, "--max-rows: must be at least 1", "jobkb sql"},
    {{"import", "salaries", "q3.csv", "--max-errors", "0"},
     "--max-errors: must be at least 1",
     "jobkb import salaries"},
    {{"imports", "undo", "three"}, "ID: must be a whole number, not 'three'", "jobkb imports undo"},
    {{"roles", "--format", "xml"},
     "--format: unknown format 'xml' (expected table, csv, tsv, json, nl or markdown)",
     "jobkb roles"},
    {{"roles", "--match", "some"},
     "--match: unknown match mode 'some' (expected any or all)",
     "jobkb roles"},
    {{"roles", "--sort", "price"},
     "--sort: unknown sort order 'price' (expected name or salary)",
     "jobkb roles"},
    {{"export", "salaries", "--format", "xlsx"},
     "--format: unknown format 'xlsx' (expected csv, json, ndjson, nl or tsv)",
     "jobkb export salaries"},
    {{"roles", "--skill", ""}, "--skill: an empty value (expected a name)", "jobkb roles"},
    {{"--db", "", "roles"}, "--db: an empty path names no file", "jobkb roles"},
    // Missing values and arguments, and too many.
    {{"roles", "--skill"}, "--skill needs a value (SKILL)", "jobkb roles"},
    {{"roles", "--skill", "python", "--industry"},
     "--industry needs a value (INDUSTRY)",
     "jobkb roles"},
    {{"sql", "SELECT :a", "-p", "a"}, "-p needs 2 values (NAME VALUE)", "jobkb sql"},
    {{"role"}, "missing ROLE (usage: jobkb role ROLE [options])", "jobkb role"},
    {{"gap", "Data Scientist"}, "missing TO (usage: jobkb gap FROM TO [options])", "jobkb gap"},
    {{"imports", "undo"}, "missing ID (usage: jobkb imports undo ID)", "jobkb imports undo"},
    {{"merges", "undo"}, "missing ID (usage: jobkb merges undo ID)", "jobkb merges undo"},
    {{"role", "rename", "Data Scientist"},
     "missing NEW (usage: jobkb role rename ROLE NEW [options])",
     "jobkb role rename"},
    {{"role", "merge", "NLP Engineer"},
     "missing INTO (usage: jobkb role merge FROM INTO)",
     "jobkb role merge"},
    {{"role", "delete"}, "missing ROLE (usage: jobkb role delete ROLE)", "jobkb role delete"},
    {{"title", "add", "Data Scientist"},
     "missing TITLE (usage: jobkb title add ROLE TITLE)",
     "jobkb title add"},
    {{"title"}, "missing command after 'title' (expected add, list or remove)", "jobkb title"},
    {{"import", "salaries", "a.csv", "--roles-from"},
     "--roles-from needs a value (FILE)",
     "jobkb import salaries"},
    {{"compare", "NLP Engineer"},
     "expected at least 2 ROLE arguments, got 1 (usage: jobkb compare ROLE ROLE... [options])",
     "jobkb compare"},
    {{"gap", "a", "b", "c"},
     "unexpected argument 'c' (usage: jobkb gap FROM TO [options])",
     "jobkb gap"},
    {{"roles", "python"},
     "unexpected argument 'python' (usage: jobkb roles [options])",
     "jobkb roles"},
    {{"check", "now"}, "unexpected argument 'now' (usage: jobkb check [options])", "jobkb check"},
    {{"search", "x", "--kind", "person"},
     "--kind: unknown kind 'person' (expected role, skill or industry)",
     "jobkb search"},
    {{"search", "x", "--limit", "0"}, "--limit: must be at least 1", "jobkb search"},
    // Options that exclude each other.
    {{"skills", "--json", "--format", "csv"},
     "--json cannot be used with --format",
     "jobkb skills"},
    {{"salaries", "--reports", "--history"},
     "--reports cannot be used with --history",
     "jobkb salaries"},
};

TEST(UsageErrors, SayWhatToTypeOnOneLineAndExitTwo) {
    test::TempDir dir;
    const auto base = test::make_seeded_database(dir);
    const std::string before = test::content_dump(base);
    for (const auto& usage : kCases) {
        std::vector<std::string> arguments = {"--db", base.string()};
        arguments.insert(arguments.end(), usage.arguments.begin(), usage.arguments.end());
        // "--db ''" must stay the only --db for its own case.
        if (!usage.arguments.empty() && usage.arguments.front() == "--db") {
            arguments = usage.arguments;
        }
        const auto result = test::run_cli(arguments);
        const std::string shown = testing::PrintToString(usage.arguments);
        EXPECT_EQ(result.exit_code, 2) << shown << "\n" << result.err;
        EXPECT_EQ(result.out, "") << shown;
        EXPECT_EQ(result.err, "jobkb: " + usage.message + " (see '" + usage.command + " --help')\n")
            << shown;
    }
    EXPECT_EQ(test::content_dump(base), before);
}

// The help each message names exists, and a usage error never creates the default base.
TEST(UsageErrors, TheNamedHelpExistsAndNothingIsCreated) {
    test::TempDir home;
    for (const auto& usage : kCases) {
        std::vector<std::string> help;
        std::string words = usage.command.substr(std::string("jobkb").size());
        for (std::size_t at = 0; at < words.size();) {
            const std::size_t space = std::min(words.find(' ', at + 1), words.size());
            const std::string word = words.substr(at + 1, space - at - 1);
            if (!word.empty()) {
                help.push_back(word);
            }
            at = space;
        }
        help.push_back("--help");
        const auto result = test::run_cli(help, {{"HOME", home.path().string()}});
        EXPECT_EQ(result.exit_code, 0) << usage.command;
        EXPECT_NE(result.out.find("Usage: " + usage.command), std::string::npos) << result.out;
        const auto failed = test::run_cli(usage.arguments, {{"HOME", home.path().string()}});
        EXPECT_EQ(failed.exit_code, 2) << testing::PrintToString(usage.arguments);
    }
    EXPECT_FALSE(test::fs::exists(home / ".local")) << "a usage error created the default base";
}

} // namespace
} // namespace jobkb
