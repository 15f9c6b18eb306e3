// Whole outputs of the CLI on the seeded base (and on one with the three occupations of
// tests/data/onet/29.2-mini imported), compared with files in tests/cli/expected/.
// After a deliberate change, rewrite them with JOBKB_UPDATE_EXPECTED=1 and review the diff.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace jobkb {
namespace {

struct Case {
    const char* file;
    std::vector<std::string> arguments;
    bool onet = false; // on the base with the O*NET release imported
};

const std::vector<Case> kCases = {
    {"roles.txt", {"roles"}},
    {"roles-python-healthcare.csv",
     {"roles", "--skill", "python", "--industry", "healthcare", "--csv"}},
    {"roles-in-by-salary.md",
     {"roles", "--country", "IN", "--sort", "salary", "--format", "markdown"}},
    {"role-mlops.txt", {"role", "MLOps Engineer"}},
    {"role-mlops.md", {"role", "mlops engineer", "--format", "markdown"}},
    {"role-mlops.json", {"role", "mlops-engineer", "--json"}},
    {"skills-nlp.txt", {"skills", "--role", "NLP Engineer"}},
    {"industries.txt", {"industries"}},
    {"salaries-mle-history.txt", {"salaries", "--role", "Machine Learning Engineer", "--history"}},
    {"salaries-in.nl", {"salaries", "--country", "IN", "--nl"}},
    {"compare-ds-mle.txt", {"compare", "Data Scientist", "Machine Learning Engineer"}},
    {"gap-ds-mle.txt", {"gap", "Data Scientist", "Machine Learning Engineer"}},
    {"related-mle.txt", {"related", "Machine Learning Engineer", "--limit", "3"}},
    {"search-chatbot.txt", {"search", "chatbot", "--limit", "5"}},
    {"sql-latest-us.tsv",
     {"sql",
      "SELECT role, amount, currency FROM latest_salaries WHERE country = 'US' ORDER BY "
      "amount_minor DESC",
      "--tsv"}},
    {"onet-role-ds.txt", {"role", "Data Scientist"}, true},
    {"onet-role-ds-all.md", {"role", "data-scientist", "--all", "--format", "markdown"}, true},
    {"onet-role-15-1221.json", {"role", "15-1221.00", "--json"}, true},
    {"onet-role-nlp.txt", {"role", "NLP Engineer"}, true},
    {"onet-role-ds.csv", {"role", "Data Scientist", "--csv"}, true},
    {"onet-roles-spark.csv", {"roles", "--skill", "Apache Spark", "--csv"}, true},
    {"onet-gap-ds-mle.txt", {"gap", "Data Scientist", "Machine Learning Engineer"}, true},
};

TEST(ExpectedOutput, MatchesTheFiles) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto onet = test::make_seeded_database(dir, "onet.db");
    const auto imported =
        test::run_cli({"--db", onet.string(), "import", "onet",
                       (test::source_dir() / "tests" / "data" / "onet" / "29.2-mini").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const char* update_variable = std::getenv("JOBKB_UPDATE_EXPECTED");
    const bool update = update_variable != nullptr && std::string(update_variable) == "1";
    const auto folder = test::source_dir() / "tests" / "cli" / "expected";
    for (const auto& [file, arguments, on_onet] : kCases) {
        std::vector<std::string> with_db = {"--db", (on_onet ? onet : path).string()};
        with_db.insert(with_db.end(), arguments.begin(), arguments.end());
        const auto result = test::run_cli(with_db);
        EXPECT_EQ(result.exit_code, 0) << file << ": " << result.err;
        // Notes on stderr are expected output too, in FILE.stderr when there are any.
        const auto err_file = folder / (std::string(file) + ".stderr");
        if (update) {
            test::write_bytes(folder / file, result.out);
            if (!result.err.empty()) {
                test::write_bytes(err_file, result.err);
            }
            continue;
        }
        EXPECT_EQ(result.err, test::fs::exists(err_file) ? test::read_bytes(err_file) : "") << file;
        ASSERT_TRUE(test::fs::exists(folder / file))
            << file << " is missing: run the tests with JOBKB_UPDATE_EXPECTED=1";
        EXPECT_EQ(result.out, test::read_bytes(folder / file))
            << file << " differs: if the change is deliberate, run with JOBKB_UPDATE_EXPECTED=1";
    }
    if (update) {
        GTEST_SKIP() << "rewrote the expected outputs in " << folder << ": review the diff";
    }
}

} // namespace
} // namespace jobkb
