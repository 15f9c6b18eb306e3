// The kept answers of `jobkb serve`: the same question asked of the same content comes from
// memory with the same bytes; a commit by another connection retires what was kept.
#include "web/site_fixture.hpp"

#include "web/site.hpp"

#include "jobkb/knowledge_base.hpp"

#include <gtest/gtest.h>

namespace jobkb::test {
namespace {

TEST(ResponseCache, AnswersAgainFromMemoryUntilTheBaseChanges) {
    TempDir dir;
    const fs::path db = make_seeded_database(dir);
    auto database = open_knowledge_base(db, Access::kReadOnly);
    web::ResponseCache cache;
    const web::SiteOptions options{false, "kb.db"};
    const auto get = [&](const std::string& path, const web::Parameters& parameters = {}) {
        return web::answer(web::Request{"GET", path, parameters}, *database, options, &cache);
    };
    const web::Parameters python = {{"skill", "python"}};
    const auto first = get("/api/roles", python);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(get("/api/roles", python).body, first.body); // kept now
    EXPECT_EQ(cache.hits(), 0u);
    const auto again = get("/api/roles", python);
    EXPECT_EQ(cache.hits(), 1u);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.headers, first.headers);
    // Another question, or the same path with other parameters, is not the kept answer.
    EXPECT_NE(get("/api/roles", {{"skill", "sql"}}).body, first.body);
    EXPECT_NE(get("/api/roles").body, first.body);
    EXPECT_EQ(get("/role/nosuch").status, 404);
    EXPECT_EQ(get("/role/nosuch").status, 404); // failures are never kept
    EXPECT_EQ(cache.hits(), 1u);

    // An import through another connection: the next answer is the new content's.
    write_bytes(dir / "new.csv", "role,country,currency,amount,as_of\n"
                                 "Prompt Engineer,US,USD,130000,2026-01-01\n");
    const auto imported = run_cli({"--db", db.string(), "import", "salaries",
                                   (dir / "new.csv").string(), "--create-roles", "--quiet"},
                                  {{"JOBKB_TODAY", "2026-11-23"}});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto roles = get("/api/roles");
    EXPECT_NE(roles.body.find("Prompt Engineer"), std::string::npos);
    EXPECT_EQ(cache.hits(), 1u);
    EXPECT_EQ(roles.body, run_cli({"--db", db.string(), "roles", "--json"}).out);
    const auto page = get("/role/prompt-engineer");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(get("/role/prompt-engineer").body, page.body);
    EXPECT_EQ(get("/role/prompt-engineer").body, page.body);
    EXPECT_EQ(cache.hits(), 3u);
}

TEST(ResponseCache, KeepsNoSqlAnswers) {
    TempDir dir;
    const fs::path db = make_seeded_database(dir);
    auto database = open_knowledge_base(db, Access::kReadOnly);
    web::ResponseCache cache;
    const web::SiteOptions options{true, "kb.db"};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(web::answer(web::Request{"GET", "/api/sql", {{"q", "SELECT 1"}}}, *database,
                              options, &cache)
                      .status,
                  200);
    }
    EXPECT_EQ(cache.hits(), 0u);
}

} // namespace
} // namespace jobkb::test
