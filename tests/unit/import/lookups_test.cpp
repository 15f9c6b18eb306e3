// Lookups: bounded caches, slugs, and names, countries and sources found or created.
#include "jobkb/import/lookups.hpp"

#include "support.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

namespace jobkb::detail {
namespace {

int value_of(const BoundedCache<int>& cache, const std::string& key) {
    const int* value = cache.find(key);
    return value == nullptr ? -1 : *value;
}

TEST(BoundedCache, ForgetsEverythingWhenFullAndSkipsLongKeys) {
    BoundedCache<int> cache(3, 8);
    for (int i = 0; i < 3; ++i) {
        cache.remember("k" + std::to_string(i), i);
    }
    EXPECT_EQ(cache.size(), 3u);
    EXPECT_EQ(value_of(cache, "k1"), 1);
    cache.remember("k3", 3);
    EXPECT_EQ(cache.size(), 1u) << "full: forgot the rest, kept the new one";
    EXPECT_EQ(cache.find("k1"), nullptr);
    cache.remember("a-long-key", 9);
    EXPECT_EQ(cache.find("a-long-key"), nullptr);
    EXPECT_EQ(cache.size(), 1u);
    cache.remember("k3", 4);
    EXPECT_EQ(value_of(cache, "k3"), 4);
}

TEST(Slugs, FromNames) {
    EXPECT_EQ(slug_of("Machine Learning Engineer"), "machine-learning-engineer");
    EXPECT_EQ(slug_of("  AI/ML -- Research (Sr.) "), "ai-ml-research-sr");
    EXPECT_EQ(slug_of("C++"), "c");
    EXPECT_EQ(slug_of("日本"), "item");
    EXPECT_EQ(slug_of(""), "item");
}

class Lookups : public test::SeededBase {};

TEST_F(Lookups, UniqueSlugsCountUpPastTakenOnes) {
    Statement taken(*database_, "testing", "SELECT 1 FROM roles WHERE slug = :slug");
    EXPECT_EQ(unique_slug(taken, "Data Scientist"), "data-scientist-2");
    EXPECT_EQ(unique_slug(taken, "Brand New"), "brand-new");
    NameLookup roles(*database_, NameKind::kRole, "testing", true, 1);
    std::vector<Diagnostic> problems;
    roles.id("role", "Data-Scientist!", problems); // a new name with a taken slug
    roles.id("role", "data scientist?", problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(scalar("SELECT group_concat(slug, ' ') FROM (SELECT slug FROM roles WHERE slug "
                     "GLOB 'data-scientist*' ORDER BY slug)"),
              "data-scientist data-scientist-2 data-scientist-3");
    EXPECT_EQ(unique_slug(taken, "Data Scientist"), "data-scientist-4");
}

TEST_F(Lookups, KnownNamesByNameSlugOrAliasInAnyCase) {
    NameLookup roles(*database_, NameKind::kRole, "testing", false, 1);
    std::vector<Diagnostic> problems;
    const auto id = roles.id("role", "Data Scientist", problems);
    EXPECT_GT(id, 0);
    EXPECT_EQ(roles.id("role", "DATA SCIENTIST", problems), id);
    EXPECT_EQ(roles.id("role", "data-scientist", problems), id);
    EXPECT_TRUE(problems.empty());
    EXPECT_TRUE(roles.created().empty());
}

TEST_F(Lookups, AnUnknownRoleIsAProblemWithAHint) {
    NameLookup roles(*database_, NameKind::kRole, "testing", false, 1);
    std::vector<Diagnostic> problems;
    EXPECT_EQ(roles.id("role", "Data Scientis", problems), 0);
    EXPECT_EQ(roles.id("role", "data scientis", problems), 0) << "remembered, same answer";
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].field, "role");
    EXPECT_EQ(problems[0].problem, "unknown role 'Data Scientis': did you mean Data Scientist?");
    EXPECT_EQ(problems[0].expected, "a known role, title or occupation code");
    EXPECT_EQ(problems[0].hint.kind, HintKind::kCreateRoles);
    EXPECT_EQ(problems[1].problem, problems[0].problem);
    EXPECT_EQ(count("SELECT count(*) FROM roles WHERE name = 'Data Scientis'"), 0);
}

TEST_F(Lookups, CreatesRolesSkillsAndIndustriesWhenAllowed) {
    const auto source = count("SELECT min(id) FROM sources");
    NameLookup roles(*database_, NameKind::kRole, "testing", true, source);
    std::vector<Diagnostic> problems;
    const auto id = roles.id("role", "Prompt Engineer", problems);
    EXPECT_EQ(roles.id("role", "prompt engineer", problems), id);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(roles.created(), (std::vector<std::string>{"Prompt Engineer"}));
    EXPECT_EQ(scalar(fmt::format("SELECT slug || ' ' || source_id FROM roles WHERE id = {}", id)),
              "prompt-engineer " + std::to_string(source));
    NameLookup skills(*database_, NameKind::kSkill, "testing", true, 0);
    const auto skill = skills.id("skill", "Prompt Design", problems);
    EXPECT_EQ(scalar(fmt::format("SELECT slug FROM skills WHERE id = {}", skill)), "prompt-design");
    NameLookup industries(*database_, NameKind::kIndustry, "testing", false, 0);
    EXPECT_EQ(industries.id("industry", "Nowhere", problems), 0);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].expected, "a known industry");
    EXPECT_EQ(problems[0].hint.kind, HintKind::kNone) << "the create-roles hint is for roles";
}

// A file of many distinct unknown names keeps the memory bounded.
TEST_F(Lookups, TensOfThousandsOfUnknownNamesStayBounded) {
    NameLookup roles(*database_, NameKind::kRole, "testing", false, 1);
    CountryLookup countries(*database_);
    std::vector<Diagnostic> problems;
    std::size_t most = 0;
    for (int i = 0; i < 12'000; ++i) {
        roles.id("role", fmt::format("Nobody {}", i), problems);
        countries.code("country", fmt::format("Nowhere {}", i), problems);
        most = std::max({most, roles.remembered(), countries.remembered()});
    }
    EXPECT_EQ(problems.size(), 24'000u);
    EXPECT_LE(most, kMaxUnknownNames);
    EXPECT_GE(most, kMaxUnknownNames - 1) << "the cache is used up to its bound";
    // Long names are not remembered at all.
    const std::size_t before = roles.remembered();
    roles.id("role", std::string(kMaxRememberedNameBytes + 1, 'x'), problems);
    EXPECT_EQ(roles.remembered(), before);
}

TEST_F(Lookups, CountriesByCodeOrName) {
    CountryLookup countries(*database_);
    std::vector<Diagnostic> problems;
    EXPECT_EQ(countries.code("country", "in", problems), "IN");
    EXPECT_EQ(countries.code("country", "United Kingdom", problems), "GB");
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(countries.code("country", "XX", problems), std::nullopt);
    EXPECT_EQ(countries.code("country", "XX", problems), std::nullopt);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].problem, problems[1].problem);
    EXPECT_EQ(problems[0].problem.rfind("unknown country 'XX' (expected an ISO 3166-1 code", 0), 0u)
        << problems[0].problem;
}

TEST_F(Lookups, SourcesBySlugOrTitleOrCreated) {
    SourceLookup sources(*database_, "testing", "2026-11-23");
    const auto seeded = count("SELECT min(id) FROM sources");
    const std::string slug =
        scalar("SELECT slug FROM sources WHERE id = " + std::to_string(seeded));
    const std::string title =
        scalar("SELECT title FROM sources WHERE id = " + std::to_string(seeded));
    EXPECT_EQ(sources.id(slug), seeded);
    EXPECT_EQ(sources.id(detail::ascii_lowered(title)), seeded);
    const auto before = count("SELECT count(*) FROM sources");
    const auto created = sources.id("My Survey 2026");
    EXPECT_EQ(sources.id("MY SURVEY 2026"), created);
    EXPECT_EQ(count("SELECT count(*) FROM sources"), before + 1);
    EXPECT_EQ(scalar(fmt::format("SELECT slug || ' ' || retrieved_on || ' ' || note FROM sources "
                                 "WHERE id = {}",
                                 created)),
              "my-survey-2026 2026-11-23 added by jobkb import");
}

} // namespace
} // namespace jobkb::detail
