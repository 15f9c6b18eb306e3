// Checks every cell of the article's salary table against the seeded database. The cells below are
// copied as the article prints them, and parsed here independently of seed/, so a slip in the
// seed files (or in how they load) shows up as a mismatch.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

namespace jobkb {
namespace {

using test::query;

struct ArticleRow {
    const char* role;
    const char* key_skills;
    const char* india;
    const char* usa;
    const char* industries;
};

constexpr ArticleRow kArticleTable[] = {
    {"Machine Learning Engineer", "Model Deployment, Python, PyTorch, TensorFlow and Scikit-learn.",
     "₹ 10,88,060", "$161,321", "IT, Finance, Healthcare and E-commerce."},
    {"Data Scientist", "Python, SQL, R, ML Algorithms and Data Visualization.", "₹ 10,00,000",
     "$117,212", "Telecom, Finance and E-commerce, Retail."},
    {"AI/ML Research Scientist", "NLP, Deep Learning, Research Methodologies and Computer Vision.",
     "₹ 4,68,000", "$1,27,564", "Academia, R&D Labs and Big Tech"},
    {"NLP Engineer", "Python, Linguistics, NLP Frameworks, and Transformers.", "₹ 8,50,000",
     "$150,000", "Customer Service, Healthcare and Fintech."},
    {"Computer Vision Engineer", "CNNs, OpenCV, TensorFlow, and Real-Time Image Processing.",
     "₹ 650,000", "$130,000", "Automotive, Surveillance and Healthcare."},
    {"MLOps Engineer", "CI/CD, Cloud Platforms, Docker and Kubernetes.", "₹ 13,30,539", "$110,190",
     "E-commerce, IT, SaaS and Fintech."},
    {"Big Data Engineer for ML", "Data Pipelines, Hadoop, Spark and Distributed Systems",
     "₹ 16,00,000", "$148,216", "Finance, E-commerce, IT and Telecom."},
};

// "A, B and C." -> {A, B, C}: the article ends lists with "and X" (sometimes ", and X") and
// sometimes a period.
std::vector<std::string> parse_list(std::string text) {
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    text = std::regex_replace(text, std::regex(",? and "), ", ");
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(", ", start), text.size());
        items.push_back(text.substr(start, comma - start));
        start = comma + 2;
    }
    return items;
}

// "₹ 10,88,060" or "$1,27,564": whatever the digit grouping, the digits are the amount.
std::string whole_amount(const std::string& cell) {
    std::string digits;
    std::copy_if(cell.begin(), cell.end(), std::back_inserter(digits),
                 [](char c) { return c >= '0' && c <= '9'; });
    return digits;
}

// Resolves a name as the article writes it through the role's name or an alias.
std::string role_id(const test::fs::path& path, const std::string& name) {
    const auto rows =
        query(path, "SELECT id FROM roles WHERE name = '" + name +
                        "' UNION SELECT role_id FROM role_aliases WHERE alias = '" + name + "'");
    return rows.size() == 1 ? rows[0][0] : "unresolved";
}

std::vector<std::string> column(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::string> values;
    for (const auto& row : rows) {
        values.push_back(row.at(0));
    }
    return values;
}

class ArticleTable : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
};

TEST_F(ArticleTable, EveryRoleIsThere) {
    for (const auto& row : kArticleTable) {
        EXPECT_NE(role_id(path_, row.role), "unresolved") << row.role;
    }
    EXPECT_EQ(query(path_, "SELECT count(*) FROM roles")[0][0], "7");
}

TEST_F(ArticleTable, KeySkillsInOrder) {
    for (const auto& row : kArticleTable) {
        const auto skills = query(path_, "SELECT s.name FROM role_skills rs JOIN skills s ON s.id "
                                         "= rs.skill_id WHERE rs.relevance = 'key' AND "
                                         "rs.role_id = " +
                                             role_id(path_, row.role) + " ORDER BY rs.position");
        EXPECT_EQ(column(skills), parse_list(row.key_skills)) << row.role;
    }
}

TEST_F(ArticleTable, IndustriesInOrder) {
    for (const auto& row : kArticleTable) {
        const auto industries =
            query(path_, "SELECT i.name FROM role_industries ri JOIN industries i ON i.id = "
                         "ri.industry_id WHERE ri.role_id = " +
                             role_id(path_, row.role) + " ORDER BY ri.position");
        EXPECT_EQ(column(industries), parse_list(row.industries)) << row.role;
    }
}

TEST_F(ArticleTable, SalariesAreTheLatestYearlyAveragesAsOfTheArticle) {
    for (const auto& row : kArticleTable) {
        for (const auto& [country, currency, cell] :
             {std::tuple{"IN", "INR", row.india}, std::tuple{"US", "USD", row.usa}}) {
            const auto figures = query(
                path_, "SELECT currency, amount, as_of, source FROM latest_salaries WHERE "
                       "statistic = 'average' AND period = 'year' AND country = '" +
                           std::string(country) + "' AND role_id = " + role_id(path_, row.role));
            ASSERT_EQ(figures.size(), 1u) << row.role << " " << country;
            EXPECT_EQ(figures[0][0], currency) << row.role;
            EXPECT_EQ(figures[0][1], whole_amount(cell) + ".00") << row.role << " " << cell;
            EXPECT_EQ(figures[0][2], "2026-04-06");
            EXPECT_EQ(figures[0][3], "Machine Learning Engineer Jobs in India and USA");
        }
    }
}

TEST(ArticleListParsing, HandlesTheArticlesListForms) {
    EXPECT_EQ(
        parse_list("Python, Linguistics, NLP Frameworks, and Transformers."),
        (std::vector<std::string>{"Python", "Linguistics", "NLP Frameworks", "Transformers"}));
    EXPECT_EQ(parse_list("Telecom, Finance and E-commerce, Retail."),
              (std::vector<std::string>{"Telecom", "Finance", "E-commerce", "Retail"}));
    EXPECT_EQ(whole_amount("$1,27,564"), "127564");
    EXPECT_EQ(whole_amount("₹ 650,000"), "650000");
}

} // namespace
} // namespace jobkb
