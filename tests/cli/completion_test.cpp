// Shell completion: the scripts come from the app's own command table (every command and option
// the app registers is in them), and they complete in a real bash and zsh, names read from the
// base.
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <sstream>

namespace jobkb {
namespace {

using test::lines_of;

std::string shell_word(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

bool have(const char* program) {
    return std::system(("command -v " + std::string(program) + " > /dev/null 2>&1").c_str()) == 0;
}

struct Walked {
    std::string path; // "import salaries"
    std::vector<std::string> commands;
    std::vector<std::string> options;
};

// Every visible command of the app as built for a command line, with its options' names.
void walk(const CLI::App& app, const std::string& path, std::vector<Walked>& out) {
    Walked walked{path, {}, {}};
    for (const auto* option : app.get_options()) {
        if (!option->get_positional() && !option->get_group().empty()) {
            for (const auto& name : option->get_lnames()) {
                walked.options.push_back("--" + name);
            }
            for (const auto& name : option->get_snames()) {
                walked.options.push_back("-" + name);
            }
        }
    }
    const auto subs = app.get_subcommands(
        [](const CLI::App* sub) { return !sub->get_group().empty() && !sub->get_name().empty(); });
    for (const auto* sub : subs) {
        walked.commands.push_back(sub->get_name());
    }
    out.push_back(walked);
    for (const auto* sub : subs) {
        walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
    }
}

std::vector<Walked> every_command() {
    std::ostringstream out;
    std::ostringstream err;
    const cli::Environment environment;
    cli::Context context(out, err, environment);
    const auto app = cli::make_app(context);
    std::vector<Walked> commands;
    walk(*app, "", commands);
    return commands;
}

// The three lines of the script's table for one command: jk_subs, jk_opts, jk_args.
std::string table_entry(const std::string& script, const std::string& path) {
    const std::string label = "    '" + path + "')\n";
    const auto at = script.find(label);
    if (at == std::string::npos) {
        return "";
    }
    const auto end = script.find(";;", at);
    return script.substr(at + label.size(), end - at - label.size());
}

// The words of one variable of an entry (jk_subs='a b c'); for jk_opts the names before ':'.
std::set<std::string> words_of(const std::string& entry, const std::string& variable) {
    const std::string start = variable + "='";
    const auto at = entry.find(start);
    std::set<std::string> words;
    if (at == std::string::npos) {
        return words;
    }
    std::istringstream list(
        entry.substr(at + start.size(), entry.find('\'', at + start.size()) - at - start.size()));
    for (std::string word; list >> word;) {
        words.insert(word.substr(0, word.find(':')));
    }
    return words;
}

TEST(CompletionScripts, NameEveryCommandAndOptionTheAppRegisters) {
    const auto commands = every_command();
    ASSERT_GT(commands.size(), 20u) << "the walk found too few commands";
    for (const char* shell : {"bash", "zsh"}) {
        const auto result = test::run_cli({"completion", shell});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        for (const auto& command : commands) {
            const std::string entry = table_entry(result.out, command.path);
            ASSERT_FALSE(entry.empty()) << shell << ": no entry for '" << command.path << "'";
            EXPECT_EQ(words_of(entry, "jk_subs"),
                      std::set<std::string>(command.commands.begin(), command.commands.end()))
                << shell << ": the commands of '" << command.path << "'";
            EXPECT_EQ(words_of(entry, "jk_opts"),
                      std::set<std::string>(command.options.begin(), command.options.end()))
                << shell << ": the options of '" << command.path << "'";
        }
        EXPECT_EQ(result.out.find("'completion names')"), std::string::npos)
            << "the hidden helper is no command for people";
    }
}

// The build writes the scripts cmake --install installs: they must be today's.
TEST(CompletionScripts, TheBuiltScriptsAreTheCurrentOnes) {
    const auto folder = test::binary_path().parent_path() / "completion";
    EXPECT_EQ(test::read_bytes(folder / "jobkb"), test::run_cli({"completion", "bash"}).out);
    EXPECT_EQ(test::read_bytes(folder / "_jobkb"), test::run_cli({"completion", "zsh"}).out);
}

class Completion : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path base_ = test::make_seeded_database(dir_);

    // What the shell offers for these words, the last being the one under the cursor, as the
    // installed script would: the bash script's COMPREPLY, or zsh's kind then its words.
    std::vector<std::string> complete(const char* shell, const std::vector<std::string>& words,
                                      const test::Variables& variables = {}) {
        const auto script = dir_ / (std::string("script.") + shell);
        test::write_bytes(script, test::run_cli({"completion", shell}).out);
        const auto driver = dir_ / "driver";
        test::write_bytes(
            driver, std::string(shell) == "bash"
                        ? "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 ));\n"
                          "_jobkb; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
                        : "compdef() { :; }; source \"$1\"; shift; words=(\"$@\"); "
                          "CURRENT=$#;\n_jobkb_candidates; print -r -- \"$REPLY\"; "
                          "print -rl -- \"${reply[@]}\"\n");
        std::string command =
            "cd " + shell_word(dir_.path().string()) +
            " && env -i PATH=/usr/bin:/bin HOME=" + shell_word(dir_.path().string());
        for (const auto& [name, value] : variables) {
            command += " " + name + "=" + shell_word(value);
        }
        command += std::string(" ") + shell + " " + shell_word(driver.string()) + " " +
                   shell_word(script.string()) + " " + shell_word(test::binary_path().string());
        for (const auto& word : words) {
            command += " " + shell_word(word);
        }
        command += " > " + shell_word((dir_ / "offered").string()) + " 2> " +
                   shell_word((dir_ / "errors").string());
        EXPECT_EQ(std::system(command.c_str()), 0) << command << "\n"
                                                   << test::read_bytes(dir_ / "errors");
        EXPECT_EQ(test::read_bytes(dir_ / "errors"), "") << command;
        auto offered = lines_of(test::read_bytes(dir_ / "offered"));
        while (!offered.empty() && offered.back().empty()) {
            offered.pop_back(); // printf and print give one empty line for no words
        }
        return offered;
    }

    using Offered = std::vector<std::string>;
};

TEST_F(Completion, BashCompletesCommandsOptionsChoicesFilesAndNames) {
    if (!have("bash")) {
        GTEST_SKIP() << "no bash";
    }
    const test::Variables with_base = {{"JOBKB_DB", base_.string()}};
    EXPECT_EQ(complete("bash", {"rol"}), (Offered{"roles", "role"}));
    EXPECT_EQ(complete("bash", {"import", ""}),
              (Offered{"salaries", "rates", "roles", "onet", "recipes"}));
    EXPECT_EQ(complete("bash", {"completion", ""}), (Offered{"bash", "zsh"}));
    EXPECT_EQ(complete("bash", {"roles", "--sk"}), (Offered{"--skill"}));
    EXPECT_EQ(complete("bash", {"roles", "--d"}), (Offered{"--db"})) << "global options too";
    EXPECT_EQ(complete("bash", {"roles", "--match", ""}), (Offered{"any", "all"}));
    EXPECT_EQ(complete("bash", {"roles", "--format", "j"}), (Offered{"json"}));
    // Names come from the base $JOBKB_DB or --db names, escaped for the shell.
    EXPECT_EQ(complete("bash", {"role", "Mach"}, with_base),
              (Offered{"Machine\\ Learning\\ Engineer"}));
    EXPECT_EQ(complete("bash", {"--db", base_.string(), "role", "ml"}),
              (Offered{"MLOps\\ Engineer"}));
    EXPECT_EQ(complete("bash", {"role", "\"Data"}, with_base), (Offered{"\"Data Scientist\""}));
    EXPECT_EQ(complete("bash", {"roles", "--skill", "py"}, with_base),
              (Offered{"Python", "PyTorch"}));
    EXPECT_EQ(complete("bash", {"roles", "--skill", "=", "Py"}, with_base),
              (Offered{"Python", "PyTorch"}))
        << "--skill=Py, which bash splits at the =";
    EXPECT_EQ(complete("bash", {"roles", "--industry", "health"}, with_base),
              (Offered{"Healthcare"}));
    EXPECT_EQ(complete("bash", {"roles", "--country", ""}, with_base), (Offered{"GB", "IN", "US"}));
    EXPECT_EQ(complete("bash", {"gap", "Data Scientist", "NLP"}, with_base),
              (Offered{"NLP\\ Engineer"}));
    EXPECT_EQ(complete("bash", {"compare", "a", "b", "Big"}, with_base),
              (Offered{"Big\\ Data\\ Engineer"}))
        << "compare takes any number of roles";
    EXPECT_EQ(complete("bash", {"roles", "--skill", "python", ""}, with_base), (Offered{}));
    // Files for --db and import's FILE.
    test::write_bytes(dir_ / "q3.csv", "");
    test::write_bytes(dir_ / "team.db", "");
    EXPECT_EQ(complete("bash", {"import", "salaries", "q3"}), (Offered{"q3.csv"}));
    EXPECT_EQ(complete("bash", {"--db", "te"}), (Offered{"team.db"}));
    // No base: no names, and no message in the middle of the command line.
    EXPECT_EQ(complete("bash", {"role", "M"}, {{"JOBKB_DB", (dir_ / "none.db").string()}}),
              (Offered{}));
}

TEST_F(Completion, ZshScriptParsesAndCompletesTheSame) {
    if (!have("zsh")) {
        GTEST_SKIP() << "no zsh (tools/install-deps installs it)";
    }
    const auto script = dir_ / "_jobkb";
    test::write_bytes(script, test::run_cli({"completion", "zsh"}).out);
    EXPECT_EQ(std::system(("zsh -n " + shell_word(script.string())).c_str()), 0);
    const test::Variables with_base = {{"JOBKB_DB", base_.string()}};
    // zsh filters the words itself (compadd), so the candidates are every command or option.
    auto offered = complete("zsh", {"rol"});
    ASSERT_FALSE(offered.empty());
    EXPECT_EQ(offered[0], "words");
    EXPECT_NE(std::find(offered.begin(), offered.end(), "roles"), offered.end());
    EXPECT_NE(std::find(offered.begin(), offered.end(), "completion"), offered.end());
    offered = complete("zsh", {"roles", "--"});
    EXPECT_NE(std::find(offered.begin(), offered.end(), "--skill"), offered.end());
    EXPECT_NE(std::find(offered.begin(), offered.end(), "--db"), offered.end());
    EXPECT_EQ(complete("zsh", {"roles", "--sort", ""}), (Offered{"words", "name", "salary"}));
    EXPECT_EQ(complete("zsh", {"role", "Mach"}, with_base),
              (Offered{"words", "Machine Learning Engineer"}));
    EXPECT_EQ(complete("zsh", {"--db", base_.string(), "roles", "--skill=py"}),
              (Offered{"words", "Python", "PyTorch"}));
    EXPECT_EQ(complete("zsh", {"import", "salaries", ""}), (Offered{"files"}));
}

TEST_F(Completion, NamesAreReadOnlyAndSilentOnAnyError) {
    const std::string before = test::read_bytes(base_);
    auto result = test::run_cli({"--db", base_.string(), "completion", "names", "role", "DATA"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, "Data Scientist\n");
    result = test::run_cli({"--db", base_.string(), "completion", "names", "skill"});
    EXPECT_GT(lines_of(result.out).size(), 40u);
    EXPECT_EQ(test::read_bytes(base_), before);

    // No base, not a base, no HOME: nothing at all, and no default base created.
    test::write_bytes(dir_ / "notes.txt", "not a database");
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {"--db", (dir_ / "none.db").string(), "completion", "names", "role"},
             {"--db", (dir_ / "notes.txt").string(), "completion", "names", "role"},
             {"--db", dir_.path().string(), "completion", "names", "role"},
             {"completion", "names", "industry"}}) {
        result = test::run_cli(arguments, {{"HOME", (dir_ / "home").string()}});
        EXPECT_EQ(result.exit_code, 0) << testing::PrintToString(arguments);
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(result.err, "");
    }
    EXPECT_FALSE(test::fs::exists(dir_ / "home"));
    EXPECT_FALSE(test::fs::exists(dir_ / "none.db"));
}

TEST_F(Completion, ScriptsNeedNoBase) {
    const auto result = test::run_cli({"completion", "bash"}, {{"HOME", (dir_ / "home").string()}});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.err, "");
    EXPECT_FALSE(test::fs::exists(dir_ / "home")) << "printing a script created the default base";
}

} // namespace
} // namespace jobkb
