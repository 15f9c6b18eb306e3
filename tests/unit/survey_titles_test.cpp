// The job titles of a real salary survey (tests/data/ds_salaries_2022.csv, 50 distinct titles)
// against the article's seven roles: which role each finds or is suggested, printed as a table
// for review, with the titles that have one obvious answer asserted.
#include "jobkb/error.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/names.hpp"
#include "jobkb/record_reader.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

namespace jobkb {
namespace {

std::set<std::string> survey_titles() {
    std::ifstream file(test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv",
                       std::ios::binary);
    InputSource input(file, "ds_salaries_2022.csv");
    std::set<std::string> titles;
    read_records(input, InputFormat::kCsv, [&](const Record& record) {
        for (std::size_t i = 0; i < record.names->size(); ++i) {
            if ((*record.names)[i] == "job_title" && record.values[i]) {
                titles.insert(*record.values[i]);
            }
        }
    });
    return titles;
}

TEST(SurveyTitles, FindOrSuggestTheRoleTheyName) {
    test::TempDir dir;
    const auto database = open_knowledge_base(test::make_seeded_database(dir), Access::kReadOnly);
    NameResolver names(*database);
    std::map<std::string, std::string> top; // title -> the role it names, or the first suggestion
    for (const std::string& title : survey_titles()) {
        try {
            top[title] = "= " + names.resolve(NameKind::kRole, title).name;
        } catch (const Error& error) {
            ASSERT_EQ(error.code(), ErrorCode::kNotFound) << error.what();
            const auto near = names.suggestions(NameKind::kRole, title, 1);
            top[title] = near.empty() ? "-" : near[0];
        }
    }
    ASSERT_EQ(top.size(), 50u);
    for (const auto& [title, role] : top) {
        std::cout << "[          ] " << std::left << std::setw(42) << title << role << '\n';
    }
    const std::map<std::string, std::string> obvious = {
        {"Data Scientist", "= Data Scientist"},
        {"Machine Learning Engineer", "= Machine Learning Engineer"},
        {"Big Data Engineer", "= Big Data Engineer"},
        {"Computer Vision Engineer", "= Computer Vision Engineer"},
        {"NLP Engineer", "= NLP Engineer"},
        {"ML Engineer", "Machine Learning Engineer"},
        {"Lead Machine Learning Engineer", "Machine Learning Engineer"},
        {"Machine Learning Developer", "Machine Learning Engineer"},
        {"Machine Learning Infrastructure Engineer", "Machine Learning Engineer"},
        {"Lead Data Scientist", "Data Scientist"},
        {"Principal Data Scientist", "Data Scientist"},
        {"Staff Data Scientist", "Data Scientist"},
        {"Applied Data Scientist", "Data Scientist"},
        {"Head of Data Science", "Data Scientist"},
        {"Director of Data Science", "Data Scientist"},
        {"Research Scientist", "AI/ML Research Scientist"},
        {"AI Scientist", "AI/ML Research Scientist"},
        {"Machine Learning Scientist", "AI/ML Research Scientist"},
        {"Applied Machine Learning Scientist", "AI/ML Research Scientist"},
        {"Computer Vision Software Engineer", "Computer Vision Engineer"},
        {"3D Computer Vision Researcher", "Computer Vision Engineer"},
        {"Big Data Architect", "Big Data Engineer"},
    };
    for (const auto& [title, role] : obvious) {
        EXPECT_EQ(top.at(title), role) << title;
    }
    // Analysts are none of the article's roles: better no suggestion than a wrong one.
    for (const char* title :
         {"Data Analyst", "Business Data Analyst", "Financial Data Analyst", "ETL Developer"}) {
        EXPECT_EQ(top.at(title), "-") << title;
    }
}

} // namespace
} // namespace jobkb
