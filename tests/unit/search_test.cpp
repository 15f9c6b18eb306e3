// Full-text search through the library: the query parser, ranking and snippets, the triggers
// that keep the index current under hand-written SQL, check's findings and the repair.
#include "jobkb/check.hpp"
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/search.hpp"
#include "jobkb/text.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace jobkb {
namespace {

// The error's cause for malformed words, or "" when they parse.
std::string parse_error(std::string_view words) {
    try {
        fts_match_expression(words);
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(error.doing(), "search");
        return error.cause();
    }
    return "";
}

TEST(SearchQuery, QuotesEveryTermAndKeepsTheDocumentedSyntax) {
    EXPECT_EQ(fts_match_expression("chatbot"), R"("chatbot")");
    EXPECT_EQ(fts_match_expression("  data   science "), R"("data" "science")");
    EXPECT_EQ(fts_match_expression("pipe*"), R"("pipe"*)");
    EXPECT_EQ(fts_match_expression(R"("computer vision")"), R"("computer vision")");
    EXPECT_EQ(fts_match_expression(R"("computer vis"*)"), R"("computer vis"*)");
    EXPECT_EQ(fts_match_expression("python OR java"), R"("python" OR "java")");
    EXPECT_EQ(fts_match_expression("data NOT science AND sql"),
              R"("data" NOT "science" AND "sql")");
    // FTS5 syntax the user did not mean is a word: column filters, NEAR, groups, carets, SQL.
    EXPECT_EQ(fts_match_expression("name:x NEAR(a b) ^c or"),
              R"q("name:x" "NEAR(a" "b)" "^c" "or")q");
    EXPECT_EQ(fts_match_expression("'; DROP TABLE roles; --"),
              R"("';" "DROP" "TABLE" "roles;" "--")");
    EXPECT_EQ(fts_match_expression(R"("OR")"), R"("OR")");
    EXPECT_EQ(fts_match_expression(R"(a"b c"d)"), R"("a" "b c" "d")");
    // Control characters separate words, inside a phrase too: FTS5 stops reading at a NUL (a
    // web search's %00), which made an accepted query an FTS5 error (found by the fuzzer).
    EXPECT_EQ(fts_match_expression(std::string("\"comp\0\0er vision\"", 17)),
              R"("comp  er vision")");
    EXPECT_EQ(fts_match_expression(std::string("a\0b", 3)), R"("a" "b")");
}

TEST(SearchQuery, MalformedQueriesSayWhatWasExpected) {
    // The query is quoted with its controls escaped: a NUL would end the message (found by the
    // fuzzer).
    EXPECT_EQ(parse_error(std::string("\"a\0b", 4)),
              R"(unbalanced quote in '"a\x00b' (expected a closing " after the phrase))");
    EXPECT_EQ(parse_error(R"("computer vision)"),
              R"(unbalanced quote in '"computer vision' (expected a closing " after the phrase))");
    EXPECT_EQ(parse_error(""), "nothing to search for in '' (expected a word)");
    EXPECT_EQ(parse_error("   "), "nothing to search for in '   ' (expected a word)");
    EXPECT_EQ(parse_error("OR python"),
              "'OR' without a word on each side in 'OR python' (expected WORD OR WORD; quote it "
              "to search for the word: \"OR\")");
    EXPECT_NE(parse_error("python AND"), "");
    EXPECT_NE(parse_error("python AND OR java"), "");
    EXPECT_NE(parse_error("NOT java"), "");
    EXPECT_EQ(parse_error("*"),
              "a lone '*' in '*' (expected it at the end of a word, as in pipe*)");
    EXPECT_NE(parse_error("pipe**"), "");
    EXPECT_NE(parse_error(R"("" x)"), "");
    EXPECT_NE(parse_error(std::string(1001, 'a')), "");
    EXPECT_EQ(parse_error(std::string(1000, 'a')), "");
}

TEST(SearchQuery, SnippetTextMarksMatches) {
    const std::vector<SnippetPart> parts = {{"Create ", false}, {"chatbots", true}, {".", false}};
    EXPECT_EQ(snippet_text(parts, "**", "**"), "Create **chatbots**.");
    EXPECT_EQ(snippet_text(parts, "<b>", "</b>"), "Create <b>chatbots</b>.");
}

class Search : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);

    std::vector<SearchHit> find(const std::string& words, std::optional<NameKind> kind = {},
                                std::size_t limit = 20) {
        return search(*database_, SearchQuery{words, kind, limit});
    }
    std::vector<std::string> names(const std::string& words, std::optional<NameKind> kind = {}) {
        std::vector<std::string> result;
        for (const auto& hit : find(words, kind)) {
            result.push_back(hit.name);
        }
        return result;
    }
    void sql(const std::string& statement) { database_->execute("test", statement); }
    std::vector<std::string> stale() {
        std::vector<std::string> details;
        for (const auto& problem : check_knowledge_base(*database_)) {
            EXPECT_EQ(problem.check, "search index");
            EXPECT_EQ(problem.hint.kind, HintKind::kRepairSearch);
            details.push_back(problem.detail);
        }
        return details;
    }
};

TEST_F(Search, ChatbotFindsTheNlpEngineerFirstWithASnippet) {
    const auto hits = find("chatbot");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].name, "NLP Engineer");
    EXPECT_EQ(hits[0].kind, NameKind::kRole);
    EXPECT_GT(hits[0].score, 0);
    const std::string snippet = snippet_text(hits[0].snippet, "[", "]");
    EXPECT_NE(snippet.find("[chatbot"), std::string::npos) << snippet;
    for (std::size_t i = 1; i < hits.size(); ++i) {
        // Roles, then skills, then industries; best first within each kind.
        EXPECT_LE(hits[i - 1].kind, hits[i].kind);
        if (hits[i - 1].kind == hits[i].kind) {
            EXPECT_GE(hits[i - 1].score, hits[i].score);
        }
        EXPECT_NE(hits[i].name, "NLP Engineer") << "one hit per entity";
    }
    // The skill whose alias is "Chatbots" scores higher, but a search is for roles first.
    ASSERT_GE(hits.size(), 2u);
    EXPECT_EQ(hits[1].name, "Conversational AI");
    EXPECT_EQ(hits[1].field, "alias");
    EXPECT_GT(hits[1].score, hits[0].score);
    // Unless the words are exactly its alias.
    EXPECT_EQ(find("chatbots").at(0).name, "Conversational AI");
}

TEST_F(Search, NamesAndTitlesRankAboveTasks) {
    // "Python" is exactly a skill's name: the skill comes first, before any role.
    auto hits = find("python");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].kind, NameKind::kSkill);
    EXPECT_EQ(hits[0].name, "Python");
    EXPECT_EQ(hits[0].field, "name");
    // A title outranks a task with the same word.
    sql("INSERT INTO role_titles (title, role_id, kind) SELECT 'Quasar Wrangler', id, 'user' "
        "FROM roles WHERE name = 'Data Scientist'");
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 99, "
        "'Feed the quasar every morning before stand-up' FROM roles WHERE name = 'MLOps Engineer'");
    hits = find("quasar");
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].name, "Data Scientist");
    EXPECT_EQ(hits[0].field, "title");
    EXPECT_EQ(hits[1].name, "MLOps Engineer");
    EXPECT_EQ(hits[1].field, "task");
    EXPECT_GT(hits[0].score, hits[1].score);
}

// The README's order: an exact name first, then roles, skills, industries; within a kind, a
// match in a name or alias, then in a title, then only in a longer text, each best first. The
// ranking stops early when the limit is filled; any limit gives the first hits of a longer one.
TEST_F(Search, ACommonWordComesInTheDocumentedOrderAtAnyLimit) {
    // A task that says "data" four times: bm25 would rank it above a name, the group does not.
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 99, "
        "'Data, data, data and data' FROM roles WHERE name = 'MLOps Engineer'");
    sql("INSERT INTO role_titles (title, role_id, kind) SELECT 'Data Wrangler', id, 'user' "
        "FROM roles WHERE name = 'Computer Vision Engineer'");
    const auto group = [](const SearchHit& hit) {
        if (hit.field == "name" || hit.field == "alias") {
            return 0;
        }
        return hit.field == "title" || hit.field == "source title" ? 1 : 2;
    };
    for (const std::optional<NameKind> kind :
         {std::optional<NameKind>{}, std::optional<NameKind>{NameKind::kSkill}}) {
        const auto all = find("data", kind, 200);
        ASSERT_GE(all.size(), 4u);
        EXPECT_NE(all[0].name, "Data") << "no exact name here";
        std::set<int> role_groups;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].kind == NameKind::kRole) {
                role_groups.insert(group(all[i]));
            }
            if (kind) {
                EXPECT_EQ(all[i].kind, *kind);
            }
            if (i == 0) {
                continue;
            }
            const auto& before = all[i - 1];
            ASSERT_LE(before.kind, all[i].kind) << all[i].name;
            if (before.kind == all[i].kind) {
                ASSERT_LE(group(before), group(all[i])) << all[i].name;
                if (group(before) == group(all[i])) {
                    EXPECT_GE(before.score, all[i].score) << all[i].name;
                }
            }
        }
        if (!kind) {
            EXPECT_EQ(role_groups, (std::set<int>{0, 1, 2})) << "roles of every group";
            const auto mlops = std::find_if(all.begin(), all.end(), [](const SearchHit& hit) {
                return hit.name == "MLOps Engineer";
            });
            ASSERT_NE(mlops, all.end());
            EXPECT_EQ(mlops->field, "task");
            const auto vision = std::find_if(all.begin(), all.end(), [](const SearchHit& hit) {
                return hit.name == "Computer Vision Engineer";
            });
            ASSERT_NE(vision, all.end());
            EXPECT_EQ(vision->field, "title");
            EXPECT_LT(vision, mlops);
        }
        for (std::size_t limit = 1; limit <= all.size(); ++limit) {
            const auto first = find("data", kind, limit);
            ASSERT_EQ(first.size(), limit);
            for (std::size_t i = 0; i < limit; ++i) {
                ASSERT_EQ(first[i].name, all[i].name) << "limit " << limit;
                EXPECT_EQ(first[i].field, all[i].field) << "limit " << limit;
            }
        }
    }
    // An exact name still comes first, before every role.
    EXPECT_EQ(find("python", std::nullopt, 1).at(0).name, "Python");
}

TEST_F(Search, PrefixPhraseKindLimitAndOperators) {
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 99, "
        "'Maintain the vision for computer labs' FROM roles WHERE name = 'MLOps Engineer'");
    const auto phrase = names(R"("computer vision")");
    ASSERT_FALSE(phrase.empty());
    EXPECT_EQ(std::count(phrase.begin(), phrase.end(), "MLOps Engineer"), 0)
        << "the phrase needs the words in order";
    const auto words = names("computer vision");
    EXPECT_EQ(std::count(words.begin(), words.end(), "MLOps Engineer"), 1);

    EXPECT_GE(names("pipe*").size(), names("pipelines").size());
    EXPECT_FALSE(names("pipe*").empty());
    for (const auto& hit : find("pipe*")) {
        const std::string snippet = detail::ascii_lowered(snippet_text(hit.snippet, "[", "]"));
        EXPECT_NE(snippet.find("[pipe"), std::string::npos) << hit.name;
    }
    for (const auto& hit : find("data", NameKind::kSkill)) {
        EXPECT_EQ(hit.kind, NameKind::kSkill);
    }
    EXPECT_FALSE(find("e*", NameKind::kIndustry).empty());
    EXPECT_EQ(find("data", std::nullopt, 2).size(), 2u);
    EXPECT_THROW(find("data", std::nullopt, 0), Error);

    const auto either = names("chatbot OR kubernetes");
    const auto chatbot = names("chatbot");
    const auto kubernetes = names("kubernetes");
    EXPECT_GE(either.size(), std::max(chatbot.size(), kubernetes.size()));
    EXPECT_TRUE(names("chatbot NOT chatbot").empty());
}

TEST_F(Search, HostileWordsAreWordsAndNothingIsWritten) {
    const std::string before = test::content_dump(path_);
    for (const char* words :
         {"'; DROP TABLE roles; --", "name:python", "NEAR(python sql)", "\"x\" OR 1=1 --",
          "^python", "{name title}: python", ")(", "python\x01\x02", "\xff\xfe"}) {
        EXPECT_NO_THROW(find(words)) << words;
    }
    // A colon is no column filter: "name:python" is the phrase "name python".
    EXPECT_EQ(names("name:python"), names("\"name python\""));
    EXPECT_EQ(names("python)"), names("python"));
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(Search, HandWrittenSqlKeepsTheIndexCurrent) {
    sql("INSERT INTO roles (slug, name, summary) VALUES ('zephyr-smith', 'Zephyr Smith', "
        "'Tunes anemometers')");
    EXPECT_EQ(names("zephyr"), std::vector<std::string>{"Zephyr Smith"});
    EXPECT_EQ(names("anemometer"), std::vector<std::string>{"Zephyr Smith"});
    sql("UPDATE roles SET summary = 'Calibrates barometers' WHERE slug = 'zephyr-smith'");
    EXPECT_TRUE(names("anemometer").empty());
    EXPECT_EQ(names("barometer"), std::vector<std::string>{"Zephyr Smith"});
    sql("INSERT INTO role_aliases (alias, role_id) SELECT 'Wind Whisperer', id FROM roles "
        "WHERE slug = 'zephyr-smith'");
    EXPECT_EQ(names("whisperer"), std::vector<std::string>{"Zephyr Smith"});
    sql("INSERT INTO role_sources (role_id, source_id, title, description) SELECT r.id, s.id, "
        "'Gale Technician', 'Reads the sky for storms' FROM roles r, sources s WHERE r.slug = "
        "'zephyr-smith' LIMIT 1");
    EXPECT_EQ(find("gale")[0].field, "source title");
    EXPECT_EQ(find("storm")[0].field, "description");
    sql("INSERT INTO skill_categories (title) VALUES ('Meteorological instruments')");
    sql("UPDATE skills SET category_id = (SELECT id FROM skill_categories) WHERE name = 'Python'");
    EXPECT_EQ(names("meteorological"), std::vector<std::string>{"Python"});
    sql("UPDATE skill_categories SET title = 'Weather instruments'");
    EXPECT_TRUE(names("meteorological").empty());
    EXPECT_EQ(names("weather"), std::vector<std::string>{"Python"});
    sql("INSERT INTO industries (slug, name) VALUES ('aerology', 'Aerology')");
    sql("INSERT INTO industry_aliases (alias, industry_id) SELECT 'Sky Science', id FROM "
        "industries WHERE slug = 'aerology'");
    EXPECT_EQ(find("sky", NameKind::kIndustry).at(0).name, "Aerology");
    EXPECT_TRUE(stale().empty());

    // A merge as SQL: the tasks move, the role goes, its name becomes an alias of the other.
    sql("INSERT INTO responsibilities (role_id, position, description) SELECT id, 1, "
        "'Reset the weathervane' FROM roles WHERE slug = 'zephyr-smith'");
    sql("UPDATE responsibilities SET role_id = (SELECT id FROM roles WHERE name = 'MLOps "
        "Engineer'), position = 99 WHERE role_id = (SELECT id FROM roles WHERE slug = "
        "'zephyr-smith')");
    sql("DELETE FROM roles WHERE slug = 'zephyr-smith'");
    sql("INSERT INTO role_aliases (alias, role_id) SELECT 'Zephyr Smith', id FROM roles WHERE "
        "name = 'MLOps Engineer'");
    EXPECT_EQ(names("weathervane"), std::vector<std::string>{"MLOps Engineer"});
    EXPECT_EQ(names("zephyr"), std::vector<std::string>{"MLOps Engineer"});
    EXPECT_TRUE(names("whisperer").empty()) << "the cascade took the alias";
    EXPECT_TRUE(names("gale").empty());
    EXPECT_TRUE(stale().empty());
}

TEST_F(Search, CheckFindsAStaleIndexAndRepairFixesIt) {
    sql("DELETE FROM search_documents WHERE kind = 'role' AND field = 'task' AND ref = '3' AND "
        "entity_id = (SELECT id FROM roles WHERE name = 'NLP Engineer')");
    sql("UPDATE search_documents SET text = 'Haunted lighthouse keeper' WHERE kind = 'skill' AND "
        "field = 'name' AND text = 'Python'");
    auto details = stale();
    ASSERT_EQ(details.size(), 3u);
    EXPECT_NE(details[0].find("'Create virtual assistance and chatbots' is missing"),
              std::string::npos)
        << details[0];
    EXPECT_EQ(repair_search_index(*database_), 3);
    EXPECT_TRUE(stale().empty());
    EXPECT_TRUE(names("lighthouse").empty());

    // The full-text index emptied behind search_documents' back.
    sql("INSERT INTO search_index (search_index) VALUES ('delete-all')");
    details = stale();
    ASSERT_EQ(details.size(), 1u);
    EXPECT_NE(details[0].find("the full-text index has 0 entries"), std::string::npos);
    EXPECT_TRUE(names("chatbot").empty());
    EXPECT_EQ(repair_search_index(*database_), 0);
    EXPECT_TRUE(stale().empty());
    EXPECT_EQ(names("chatbot").at(0), "NLP Engineer");
    sql("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
}

TEST_F(Search, DidYouMeanCandidatesComeFromTheIndex) {
    const auto candidates = search_candidates(*database_, "chatbot engineer", NameKind::kRole, 3);
    ASSERT_FALSE(candidates.empty());
    EXPECT_LE(candidates.size(), 3u);
    EXPECT_EQ(candidates[0].name, "NLP Engineer");
    EXPECT_TRUE(search_candidates(*database_, "\" OR NOT *", NameKind::kRole).empty());
    EXPECT_TRUE(search_candidates(*database_, "", NameKind::kSkill).empty());
    for (const auto& candidate : search_candidates(*database_, "python", NameKind::kSkill, 5)) {
        EXPECT_NE(candidate.id, 0);
    }
}

TEST_F(Search, TheQueryReadsTheFullTextIndex) {
    std::string sql;
    for (const auto& statement :
         plan::statements_of(database_->native_handle(), [&] { find("chatbot"); })) {
        if (statement.find("search_index MATCH") != std::string::npos) {
            sql = statement;
        }
    }
    ASSERT_FALSE(sql.empty());
    SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
    SQLite::Statement plan(connection, "EXPLAIN QUERY PLAN " + sql);
    plan.bind(":match", "\"chatbot\"");
    std::string lines;
    while (plan.executeStep()) {
        lines += plan.getColumn(3).getString() + "\n";
    }
    EXPECT_NE(lines.find("SCAN search_index VIRTUAL TABLE INDEX"), std::string::npos) << lines;
    EXPECT_NE(lines.find("SEARCH d USING INTEGER PRIMARY KEY"), std::string::npos) << lines;
    EXPECT_EQ(lines.find("SCAN d"), std::string::npos) << lines;
    EXPECT_EQ(lines.find("SCAN r"), std::string::npos) << lines;

    // The triggers find a text to delete by its key.
    SQLite::Statement remove(connection,
                             "EXPLAIN QUERY PLAN DELETE FROM search_documents WHERE kind = "
                             "'role' AND entity_id = 1 AND field = 'task' AND ref = '3'");
    ASSERT_TRUE(remove.executeStep());
    EXPECT_NE(remove.getColumn(3).getString().find("USING INDEX"), std::string::npos);
}

} // namespace
} // namespace jobkb
