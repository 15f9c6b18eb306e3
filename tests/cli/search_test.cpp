// `jobkb search` and `jobkb check --repair` through the CLI on real database files.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jobkb {
namespace {

using Json = nlohmann::json;

class SearchCli : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, {{"JOBKB_TODAY", "2026-11-23"}});
    }
    Json json(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), "search");
        arguments.push_back("--json");
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }
};

TEST_F(SearchCli, ChatbotFindsTheNlpEngineerFirstWithASnippet) {
    const auto result = run({"search", "chatbot"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = test::lines_of(result.out);
    ASSERT_GE(lines.size(), 4u) << result.out;
    EXPECT_NE(lines[1].find("Why it matched"), std::string::npos) << result.out;
    EXPECT_NE(lines[3].find("NLP Engineer"), std::string::npos) << result.out;
    EXPECT_NE(lines[3].find("**chatbot"), std::string::npos) << result.out;

    const Json hits = json({"chatbot"});
    ASSERT_TRUE(hits.is_array());
    EXPECT_EQ(hits[0]["kind"], "role");
    EXPECT_EQ(hits[0]["name"], "NLP Engineer");
    EXPECT_NE(hits[0]["snippet"].get<std::string>().find("**chatbot"), std::string::npos);
    EXPECT_GT(hits[0]["score"].get<double>(), 0);
}

TEST_F(SearchCli, EveryFormatHasTheSameHits) {
    const Json hits = json({"data", "--limit", "4"});
    ASSERT_EQ(hits.size(), 4u);
    auto result = run({"search", "data", "--limit", "4", "--csv"});
    ASSERT_EQ(result.exit_code, 0);
    auto lines = test::lines_of(result.out);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0], "kind,name,field,snippet,score\r");
    EXPECT_EQ(lines[1].rfind("role,", 0), 0u) << lines[1];
    EXPECT_NE(lines[1].find("**Data**"), std::string::npos) << lines[1];
    EXPECT_EQ(test::lines_of(run({"search", "python", "--csv"}).out).at(1),
              "skill,Python,name,**Python**,9.692\r");
    result = run({"search", "data", "--limit", "4", "--tsv"});
    EXPECT_EQ(test::lines_of(result.out).size(), 5u);
    EXPECT_EQ(test::lines_of(result.out)[0], "kind\tname\tfield\tsnippet\tscore");
    result = run({"search", "data", "--limit", "4", "--nl"});
    lines = test::lines_of(result.out);
    ASSERT_EQ(lines.size(), 4u);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_EQ(Json::parse(lines[i]), hits[i]);
    }
    result = run({"search", "data", "--limit", "4", "--format", "markdown"});
    EXPECT_EQ(test::lines_of(result.out).size(), 6u) << result.out;
    EXPECT_NE(result.out.find("| role"), std::string::npos) << result.out;
}

TEST_F(SearchCli, KindLimitPrefixAndPhrase) {
    for (const auto& hit : json({"data", "--kind", "skill"})) {
        EXPECT_EQ(hit["kind"], "skill");
    }
    for (const auto& hit : json({"e*", "--kind", "industry"})) {
        EXPECT_EQ(hit["kind"], "industry");
    }
    EXPECT_EQ(json({"data", "--limit", "3"}).size(), 3u);
    EXPECT_FALSE(json({"pipe*"}).empty());
    EXPECT_FALSE(json({"\"computer vision\""}).empty());
    EXPECT_TRUE(json({"\"vision computer\""}).empty());
    // Words given as separate arguments are one query.
    EXPECT_EQ(json({"computer", "vision"}), json({"computer vision"}));
    EXPECT_EQ(run({"search", "chatbot", "--kind", "person"}).exit_code, 2);
    EXPECT_EQ(run({"search", "chatbot", "--limit", "0"}).exit_code, 2);
    EXPECT_EQ(run({"search"}).exit_code, 2);
}

TEST_F(SearchCli, MalformedQueriesAreOneLineErrors) {
    const std::string before = test::content_dump(path_);
    auto result = run({"search", "\"computer vision"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "jobkb: search: unbalanced quote in '\"computer vision' (expected a "
                          "closing \" after the phrase)\n");
    for (const char* words : {"OR", "python AND", "*", "NOT python", "\"\"", "a\"\"b"}) {
        result = run({"search", words});
        EXPECT_EQ(result.exit_code, 1) << words;
        EXPECT_EQ(test::lines_of(result.err).size(), 1u) << result.err;
        EXPECT_EQ(result.err.rfind("jobkb: search: ", 0), 0u) << result.err;
        EXPECT_EQ(result.err.find("fts5"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("syntax error"), std::string::npos) << result.err;
    }
    // FTS5 syntax and SQL quotes are words; nothing is written.
    for (const char* words : {"'; DROP TABLE roles; --", "name:chatbot", "NEAR(chatbot)",
                              "chatbot) OR (1", "{name}: x", "a\"b c\"d"}) {
        result = run({"search", words});
        EXPECT_EQ(result.exit_code, 0) << words << ": " << result.err;
    }
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(SearchCli, ImportAndUndoKeepTheIndexCurrent) {
    const auto input = dir_ / "new-role.csv";
    test::write_bytes(input, "role,country,currency,amount,period,statistic,as_of,source,note\n"
                             "Quantum Gardener,US,USD,150000,,,2026,,\n");
    auto result = run({"import", "salaries", input.string(), "--create-roles"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json({"gardener"}).at(0)["name"], "Quantum Gardener");
    EXPECT_EQ(run({"check"}).out, "ok\n");
    result = run({"imports", "undo", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const bool role_left =
        test::query(path_, "SELECT count(*) FROM roles WHERE name = 'Quantum Gardener'")[0][0] ==
        "1";
    EXPECT_EQ(json({"gardener"}).size(), role_left ? 1u : 0u);
    EXPECT_EQ(run({"check"}).out, "ok\n");
}

TEST_F(SearchCli, HandWrittenSqlAndCheckRepair) {
    auto result =
        run({"sql", "--write",
             "INSERT INTO responsibilities (role_id, position, description) SELECT id, "
             "99, 'Tame the sourdough starter' FROM roles WHERE name = 'MLOps Engineer'"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json({"sourdough"}).at(0)["name"], "MLOps Engineer");
    EXPECT_EQ(json({"sourdough"}).at(0)["field"], "task");

    result =
        run({"sql", "--write", "INSERT INTO search_index (search_index) VALUES ('delete-all')"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string stale = test::content_dump(path_);
    result = run({"check"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("search index: the full-text index has 0 entries"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("run 'jobkb check --repair' to rebuild it"), std::string::npos);
    EXPECT_EQ(test::content_dump(path_), stale) << "check without --repair writes nothing";
    EXPECT_TRUE(json({"sourdough"}).empty());

    result = run({"check", "--repair"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("search index rebuilt"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("ok\n"), std::string::npos);
    EXPECT_EQ(json({"sourdough"}).at(0)["name"], "MLOps Engineer");
    EXPECT_EQ(run({"check"}).out, "ok\n");
    EXPECT_NE(run({"check", "--help"}).out.find("--repair"), std::string::npos);
}

} // namespace
} // namespace jobkb
