#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/statement.hpp"
#include "support/errors.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jobkb {
namespace {

// The message of the error a lookup throws (with this code).
template <typename Fn> std::string failure(Fn&& fn, ErrorCode code = ErrorCode::kNotFound) {
    return test::error_of(fn, code).what();
}

template <typename Fn> std::string not_found(Fn&& fn) { return failure(fn); }

TEST(NameResolver, SuggestsCloseNames) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    EXPECT_NE(not_found([&] { names.resolve_country("Indai"); }).find("did you mean India (IN)?"),
              std::string::npos);
    EXPECT_NE(not_found([&] {
                  names.resolve(NameKind::kRole, "Data Scientis");
              }).find("did you mean Data Scientist?"),
              std::string::npos);
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kSkill, "learning"); }).find("Learning"),
              std::string::npos);
    EXPECT_EQ(not_found([&] { names.resolve(NameKind::kRole, "xyzzy plugh"); }).find("did you"),
              std::string::npos);
}

// What the issue asked for: abbreviations, seniority words and word order, where the letters
// alone pointed at NLP Engineer or MLOps Engineer.
TEST(NameResolver, SuggestionsUnderstandAbbreviationsSeniorityAndWordOrder) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    using Names = std::vector<std::string>;
    EXPECT_EQ(names.suggestions(NameKind::kRole, "ML Engineer").at(0), "Machine Learning Engineer");
    EXPECT_EQ(names.suggestions(NameKind::kRole, "Senior Data Scientist"), Names{"Data Scientist"});
    EXPECT_EQ(names.suggestions(NameKind::kRole, "Engineer, Machine Learning").at(0),
              "Machine Learning Engineer");
    EXPECT_EQ(names.suggestions(NameKind::kRole, "Lead Machine Learning Engineers").at(0),
              "Machine Learning Engineer");
    EXPECT_EQ(names.suggestions(NameKind::kRole, "Sr. CV Engineer").at(0),
              "Computer Vision Engineer");
    EXPECT_EQ(names.suggestions(NameKind::kSkill, "pyton"), Names{"Python"});
    EXPECT_EQ(names.country_suggestions("Untied States").at(0), "United States (US)");
    EXPECT_EQ(names.country_suggestions("Indai"), Names{"India (IN)"});
}

// A megabyte-long unknown name, which an import file may hold in every row, took 14 s to compare
// letter by letter with every country's name.
TEST(NameResolver, ALongUnknownNameIsRefusedQuickly) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    const std::string long_name(1 << 20, 'x');
    const auto started = std::chrono::steady_clock::now();
    EXPECT_NE(not_found([&] { names.resolve_country(long_name); }), "");
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kRole, long_name); }), "");
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kSkill, "Pytho" + long_name); }), "");
    std::string words;
    for (int i = 0; i < 100'000; ++i) {
        words += "Data Engineer ";
    }
    EXPECT_NE(not_found([&] { names.resolve(NameKind::kRole, words); }), "");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(NameResolver, CountriesByCodeAlpha3OfficialAndCommonNamesInAnyCase) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"us", "US"},
        {"USA", "US"},
        {"usa", "US"},
        {"United States", "US"},
        {"United States of America", "US"},
        {"U.S.", "US"},
        {"UK", "GB"},
        {"uk", "GB"},
        {"GBR", "GB"},
        {"Great Britain", "GB"},
        {"England", "GB"},
        {"United Kingdom of Great Britain and Northern Ireland", "GB"},
        {"South Korea", "KR"},
        {"Korea, Republic of", "KR"},
        {"KOR", "KR"},
        {"Russia", "RU"},
        {"Iran", "IR"},
        {"Vietnam", "VN"},
        {"Viet Nam", "VN"},
        {"Czech Republic", "CZ"},
        {"Czechia", "CZ"},
        {"Turkey", "TR"},
        {"Türkiye", "TR"},
        {"IND", "IN"},
        {"india", "IN"},
        {"the netherlands", "NL"},
        {"Ivory Coast", "CI"},
    };
    for (const auto& [name, code] : cases) {
        EXPECT_EQ(names.resolve_country(name), code) << name;
    }
    EXPECT_NE(not_found([&] { names.resolve_country("Atlantis"); }).find("unknown country"),
              std::string::npos);
}

// The reference data's other names load whole: a name that named two countries, or that another
// country uses as its code or name, would be refused by the schema (or skipped by the seeder).
TEST(NameResolver, EveryOtherCountryNameLoadsAndNamesOneCountry) {
    test::TempDir dir;
    const auto path = test::make_seeded_database(dir);
    std::size_t lines = 0;
    for (const char* file : {"country_names.tsv", "country_common_names.tsv"}) {
        for (const auto& line :
             test::lines_of(test::read_bytes(test::source_dir() / "seed" / "reference" / file))) {
            lines += !line.empty() && !line.starts_with("#") && !line.starts_with("name\t");
        }
    }
    EXPECT_GT(lines, 400u);
    EXPECT_EQ(test::query(path, "SELECT count(*) FROM country_names")[0][0], std::to_string(lines));
    EXPECT_EQ(test::query(path,
                          "SELECT count(*) FROM countries c JOIN country_names n "
                          "ON n.name = c.name COLLATE NOCASE AND n.country_code <> c.code")[0][0],
              "0");
    const auto database = open_knowledge_base(path, Access::kReadWrite);
    const std::string refused = failure(
        [&] {
            database->execute("testing",
                              "INSERT INTO country_names VALUES ('India', 'US', 'common')");
        },
        ErrorCode::kSqlite);
    EXPECT_NE(refused.find("another country"), std::string::npos) << refused;
}

class Codes : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    std::unique_ptr<Database> database_ = open_knowledge_base(path_, Access::kReadWrite);
    NameResolver names_{*database_};

    void SetUp() override {
        // The codes of this test's own, not the seeded ones (seed/article/role_codes.tsv).
        database_->execute("adding codes and titles", R"sql(
DELETE FROM role_codes;
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-2051.00', 'is' FROM roles WHERE slug = 'data-scientist';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-1221.00', 'is' FROM roles WHERE slug = 'ai-ml-research-scientist';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-1221.00', 'within' FROM roles WHERE slug = 'nlp-engineer';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-1299.08', 'is' FROM roles WHERE slug = 'big-data-engineer';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-1299.09', 'is' FROM roles WHERE slug = 'mlops-engineer';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'onet-soc-2019', '15-1252.01', 'is' FROM roles WHERE slug = 'computer-vision-engineer';
INSERT INTO role_codes (role_id, scheme, code, relation)
SELECT id, 'isco-08', '2512', 'is' FROM roles WHERE slug = 'machine-learning-engineer';
INSERT INTO role_titles (title, role_id, kind)
SELECT 'Quant', id, 'user' FROM roles WHERE slug = 'data-scientist';
INSERT INTO role_titles (title, role_id, kind)
SELECT 'Data Analyst', id, 'alternate' FROM roles
WHERE slug IN ('data-scientist', 'big-data-engineer', 'ai-ml-research-scientist');
INSERT INTO role_titles (title, role_id, kind)
SELECT 'MLOps Engineer', id, 'alternate' FROM roles WHERE slug = 'machine-learning-engineer';
)sql");
    }

    std::string name_of(const std::string& text) {
        return names_.resolve(NameKind::kRole, text).name;
    }
};

TEST_F(Codes, ARoleIsFoundByAnOccupationCodeItIs) {
    EXPECT_EQ(name_of("15-2051.00"), "Data Scientist");
    EXPECT_EQ(name_of("15-2051"), "Data Scientist") << "SOC 2018: the O*NET .00 occupation";
    EXPECT_EQ(name_of("15-1221.00"), "AI/ML Research Scientist") << "not the role within it";
    EXPECT_EQ(name_of("15-1252"), "Computer Vision Engineer") << "the one O*NET role under it";
    EXPECT_EQ(name_of("2512"), "Machine Learning Engineer");
    const std::string ambiguous = failure([&] { name_of("15-1299"); }, ErrorCode::kAmbiguous);
    EXPECT_NE(ambiguous.find("ambiguous role '15-1299': it names 2 roles: Big Data Engineer, "
                             "MLOps Engineer"),
              std::string::npos)
        << ambiguous;
    EXPECT_NE(not_found([&] { name_of("15-9999.00"); }), "");
    EXPECT_NE(not_found([&] { name_of("15-9999"); }), "");
}

TEST_F(Codes, ATitleFindsARoleOnlyWhenItNamesOne) {
    EXPECT_EQ(name_of("quant"), "Data Scientist");
    const std::string ambiguous = failure([&] { name_of("data analyst"); }, ErrorCode::kAmbiguous);
    EXPECT_NE(ambiguous.find("it names 3 roles: AI/ML Research Scientist, Big Data Engineer, Data "
                             "Scientist"),
              std::string::npos)
        << ambiguous;
    std::size_t count = 0;
    EXPECT_EQ(names_.ambiguous_roles("Data Analyst", 2, &count).size(), 2u);
    EXPECT_EQ(count, 3u);
    EXPECT_TRUE(names_.ambiguous_roles("Quant").empty()) << "one role is no ambiguity";
    // A role's own name comes before another role's title.
    EXPECT_EQ(name_of("MLOps Engineer"), "MLOps Engineer");
    // Titles are suggested too.
    EXPECT_EQ(names_.suggestions(NameKind::kRole, "Quants").at(0), "Data Scientist");
}

} // namespace
} // namespace jobkb
