#include "jobkb/knowledge_base.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"
#include "support/fixtures.hpp"
#include "support/legacy_article.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

using test::content_dump;
using test::query;
using test::TempDir;

std::string count(const test::fs::path& path, const std::string& table) {
    return query(path, "SELECT count(*) FROM " + table)[0][0];
}

TEST(Seeder, LoadsTheWholeArticle) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    EXPECT_EQ(count(path, "roles"), "7");
    EXPECT_EQ(count(path, "responsibilities"), "30");
    EXPECT_EQ(count(path, "role_industries"), "25");
    EXPECT_EQ(count(path, "role_skills WHERE relevance = 'key'"), "30");
    EXPECT_EQ(count(path, "salary_observations"), "17"); // 14 table cells, 3 FAQ figures
    EXPECT_EQ(count(path, "roles WHERE summary IS NULL OR source_id IS NULL"), "0");
    // The skills the role texts mention but the table does not list.
    for (const char* skill : {"Kafka", "BERT", "GPT"}) {
        EXPECT_EQ(query(path, std::string("SELECT rs.relevance FROM role_skills rs JOIN skills s "
                                          "ON s.id = rs.skill_id WHERE s.name = '") +
                                  skill + "'"),
                  (std::vector<std::vector<std::string>>{{"mentioned"}}))
            << skill;
    }
    const auto source = query(path, "SELECT title, publisher, published_on FROM sources");
    ASSERT_EQ(source.size(), 1u);
    EXPECT_EQ(source[0],
              (std::vector<std::string>{"Machine Learning Engineer Jobs in India and USA",
                                        "igmGuru", "2026-04-06"}));
}

// Every link and responsibility names the article as its source, and every role has its
// O*NET-SOC code (seed/role_codes.tsv): the one it is, or the broader one it is within.
TEST(Seeder, GivesLinksTheirSourceAndRolesTheirCodes) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    for (const char* table : {"role_skills", "role_industries", "responsibilities"}) {
        EXPECT_EQ(count(path, std::string(table) + " WHERE source_id IS NULL"), "0") << table;
        EXPECT_EQ(count(path, std::string(table) + " t JOIN roles r ON r.id = t.role_id WHERE "
                                                   "t.source_id <> r.source_id"),
                  "0")
            << table;
    }
    EXPECT_EQ(query(path, "SELECT r.slug, c.code, c.relation FROM role_codes c JOIN roles r ON "
                          "r.id = c.role_id WHERE c.scheme = 'onet-soc-2019' ORDER BY r.slug"),
              (std::vector<std::vector<std::string>>{
                  {"ai-ml-research-scientist", "15-1221.00", "within"},
                  {"big-data-engineer", "15-1243.00", "within"},
                  {"computer-vision-engineer", "15-1221.00", "within"},
                  {"data-scientist", "15-2051.00", "is"},
                  {"machine-learning-engineer", "15-2051.00", "within"},
                  {"mlops-engineer", "15-1252.00", "within"},
                  {"nlp-engineer", "15-1221.00", "within"}}));
}

// A base that had the article before migration 0003 gets the sources of its links from the
// migration and its codes from the article's newer seed set; a new base gets both from the
// seeder. Both end the same.
TEST(Seeder, ABaseSeededBeforeOccupationsEndsAsANewOneDoes) {
    TempDir dir;
    const auto fresh = test::make_seeded_database(dir, "fresh.db");
    const auto old = dir / "old.db";
    test::make_article_base_before_occupations(old, 2);
    ASSERT_EQ(count(old, "role_skills"), count(fresh, "role_skills"));
    const auto report = initialize_knowledge_base(old, Content::kArticle);
    EXPECT_EQ(report.migrations.size(), known_migrations().size() - 2);
    // The times migrations and seed sets were applied differ; nothing else may.
    const auto content = [](const test::fs::path& path) {
        std::string dump = content_dump(path);
        for (const char* table : {"== schema_migrations\n", "== seed_sets\n"}) {
            const auto start = dump.find(table);
            const auto end = dump.find("\n== ", start + 1);
            dump.erase(start, end - start);
        }
        return dump;
    };
    EXPECT_EQ(content(old), content(fresh));
    EXPECT_EQ(count(old, "role_codes"), "7");
}

TEST(Seeder, ResponsibilitiesKeepTheArticleOrder) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const auto rows = query(path, "SELECT description FROM responsibilities p JOIN roles r ON "
                                  "r.id = p.role_id WHERE r.name = 'MLOps Engineer' "
                                  "ORDER BY position");
    const std::vector<std::vector<std::string>> expected = {
        {"Model management"},
        {"Building CI/CD pipelines"},
        {"Automating model deployment"},
        {"Collaborate with DevOps teams"},
        {"Model integration with cloud platforms"}};
    EXPECT_EQ(rows, expected);
}

TEST(Seeder, LoadsEveryCountryAndCurrency) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    EXPECT_GE(std::stoi(count(path, "countries")), 249);
    EXPECT_GE(std::stoi(count(path, "currencies")), 150);
    EXPECT_EQ(query(path, "SELECT symbol, minor_unit, digit_grouping FROM currencies "
                          "WHERE code IN ('INR', 'JPY', 'KWD') ORDER BY code"),
              (std::vector<std::vector<std::string>>{
                  {"₹", "2", "indian"}, {"¥", "0", "western"}, {"NULL", "3", "western"}}));
    EXPECT_EQ(query(path, "SELECT currency_code FROM countries WHERE code IN ('GB', 'IN', 'US') "
                          "ORDER BY code"),
              (std::vector<std::vector<std::string>>{{"GBP"}, {"INR"}, {"USD"}}));
}

TEST(Seeder, FaqFiguresAreHistoryNotHeadlines) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    EXPECT_EQ(query(path, "SELECT country, amount FROM latest_salaries WHERE role = "
                          "'Machine Learning Engineer' ORDER BY country"),
              (std::vector<std::vector<std::string>>{
                  {"GB", "62126.00"}, {"IN", "1088060.00"}, {"US", "161321.00"}}));
    EXPECT_EQ(count(path, "salary_observations o JOIN roles r ON r.id = o.role_id WHERE "
                          "r.name = 'Machine Learning Engineer' AND o.amount_minor IN "
                          "(16117400, 6212600, 107500000)"),
              "3");
}

// The FAQ quotes its figures as "around" an amount: approximate in a new base (the seed) and in a
// base seeded before qualifiers existed (migration 0010), and no other figure is.
TEST(Seeder, FaqFiguresAreApproximateInNewAndMigratedBases) {
    TempDir dir;
    const auto fresh = test::make_seeded_database(dir, "fresh.db");
    const auto old = dir / "old.db";
    test::make_article_base_before_occupations(old, 2);
    {
        Database database(old, Access::kReadWrite);
        Migrator(database).apply_pending();
    }
    const std::string qualifiers =
        "SELECT r.slug, o.country_code, o.amount_minor, o.qualifier FROM salary_observations o "
        "JOIN roles r ON r.id = o.role_id ORDER BY r.slug, o.country_code, o.amount_minor";
    EXPECT_EQ(query(old, qualifiers), query(fresh, qualifiers));
    for (const auto& path : {old, fresh}) {
        EXPECT_EQ(query(path, "SELECT group_concat(o.country_code, ' ') FROM (SELECT country_code "
                              "FROM salary_observations WHERE qualifier = 'approximate' ORDER BY "
                              "country_code) o"),
                  (std::vector<std::vector<std::string>>{{"GB IN US"}}))
            << path;
        EXPECT_EQ(count(path, "salary_observations WHERE qualifier = 'approximate' AND note NOT "
                              "LIKE 'FAQ%'"),
                  "0");
    }
}

TEST(Seeder, SeedingTwiceChangesNothing) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    const std::string before = content_dump(path);
    const auto bytes_before = test::read_bytes(path);
    const auto report = initialize_knowledge_base(path, Content::kArticle);
    EXPECT_TRUE(report.migrations.empty());
    for (const auto& seed : report.seeds) {
        EXPECT_TRUE(seed.already_applied) << seed.name;
    }
    EXPECT_EQ(content_dump(path), before);
    EXPECT_EQ(test::read_bytes(path), bytes_before) << "a no-op seed must not write at all";
}

TEST(Seeder, ReloadingAForgottenSeedAddsNoRowsAndKeepsUserEdits) {
    TempDir dir;
    const auto path = test::make_seeded_database(dir);
    {
        Database database(path, Access::kReadWrite);
        database.execute("editing", "UPDATE roles SET summary = 'edited by a user' "
                                    "WHERE slug = 'data-scientist'; DELETE FROM seed_sets;");
    }
    const std::string before = content_dump(path);
    Database database(path, Access::kReadWrite);
    for (auto set : {SeedSet::kReference, SeedSet::kArticle}) {
        const auto result = Seeder(database).apply({set}).front();
        EXPECT_FALSE(result.already_applied);
        EXPECT_EQ(result.rows_added, 0) << result.name;
    }
    EXPECT_EQ(query(path, "SELECT summary FROM roles WHERE slug = 'data-scientist'")[0][0],
              "edited by a user");
    // Only the bookkeeping of seed_sets differs.
    const auto without_seed_sets = [](const std::string& dump) {
        return dump.substr(0, dump.find("== seed_sets")) +
               dump.substr(dump.find("== skill_aliases"));
    };
    EXPECT_EQ(without_seed_sets(content_dump(path)), without_seed_sets(before));
}

// A base at an older schema version takes the seed files its tables can hold; the others (the
// country names of migration 5) load once it is migrated, as the set then counts as changed.
TEST(Seeder, FilesForTablesAnOlderSchemaLacksWaitForItsMigration) {
    TempDir dir;
    const auto path = dir / "old.db";
    Database database(path, Access::kReadWrite, OpenMode::kCreate);
    Migrator(database, known_migrations().first(1)).apply_pending();
    EXPECT_GE(Seeder(database).apply({SeedSet::kReference})[0].rows_added, 400);
    Migrator(database).apply_pending();
    const auto migrated = Seeder(database).apply({SeedSet::kReference})[0];
    EXPECT_FALSE(migrated.already_applied);
    EXPECT_GE(migrated.rows_added, 400) << "the other names of countries";
    EXPECT_TRUE(Seeder(database).apply({SeedSet::kReference})[0].already_applied);
}

TEST(Seeder, ReferenceOnlyLeavesTheArticleOut) {
    TempDir dir;
    const auto path = dir / "bare.db";
    initialize_knowledge_base(path, Content::kReferenceOnly);
    EXPECT_EQ(count(path, "roles"), "0");
    EXPECT_GE(std::stoi(count(path, "countries")), 249);
}

} // namespace
} // namespace jobkb
