// The everyday questions, asked through the CLI of a seeded base.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

namespace jobkb {
namespace {

using Names = std::set<std::string>;

class Query : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments);
    }

    // The role names a `roles ... --json` listing returns.
    Names roles(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), "roles");
        arguments.push_back("--json");
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        Names names;
        for (const auto& role : nlohmann::json::parse(result.out)) {
            names.insert(role.at("role").get<std::string>());
        }
        return names;
    }
};

TEST_F(Query, RolesBySkill) {
    EXPECT_EQ(roles({"--skill", "python"}),
              (Names{"Machine Learning Engineer", "Data Scientist", "NLP Engineer"}));
}

TEST_F(Query, RolesByIndustry) {
    EXPECT_EQ(roles({"--industry", "healthcare"}),
              (Names{"Machine Learning Engineer", "NLP Engineer", "Computer Vision Engineer"}));
}

TEST_F(Query, SkillAndIndustryCombineWithAnd) {
    EXPECT_EQ(roles({"--skill", "python", "--industry", "healthcare"}),
              (Names{"Machine Learning Engineer", "NLP Engineer"}));
}

TEST_F(Query, RepeatedSkillsMeanAnyUnlessMatchAll) {
    EXPECT_EQ(roles({"--skill", "python", "--skill", "sql", "--match", "all"}),
              (Names{"Data Scientist"}));
    EXPECT_EQ(roles({"--skill", "sql", "--skill", "docker"}),
              (Names{"Data Scientist", "MLOps Engineer"}));
    EXPECT_EQ(roles({"--industry", "fintech", "--industry", "academia"}),
              (Names{"NLP Engineer", "MLOps Engineer", "AI/ML Research Scientist"}));
}

TEST_F(Query, AliasesAndLetterCaseWork) {
    EXPECT_EQ(roles({"--skill", "PYTHON"}), roles({"--skill", "python"}));
    EXPECT_EQ(roles({"--skill", "sklearn"}), (Names{"Machine Learning Engineer"}));
    EXPECT_EQ(roles({"--skill", "k8s", "--industry", "information technology"}),
              (Names{"MLOps Engineer"}));
    EXPECT_EQ(roles({"--skill", "Apache Kafka"}), (Names{"Big Data Engineer"}));
    EXPECT_EQ(roles({"--skill", "Apache Kafka", "--key-only"}), Names{});
    const auto profile = run({"role", "big data engineer for ml", "--json"});
    ASSERT_EQ(profile.exit_code, 0) << profile.err;
    EXPECT_EQ(nlohmann::json::parse(profile.out).at("role"), "Big Data Engineer");
}

TEST_F(Query, SqlTextInAFilterIsJustAValue) {
    const std::string before = test::read_bytes(path_);
    for (const char* option : {"--skill", "--industry"}) {
        const auto result = run({"roles", option, "'; DROP TABLE roles; --"});
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_NE(result.err.find("unknown"), std::string::npos) << result.err;
    }
    EXPECT_EQ(run({"role", "x' OR '1'='1"}).exit_code, 1);
    EXPECT_EQ(test::read_bytes(path_), before);
    EXPECT_EQ(test::query(path_, "SELECT count(*) FROM roles")[0][0], "7");
}

TEST_F(Query, UnknownNamesOfferTheClosest) {
    auto result = run({"roles", "--skill", "pyton"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "jobkb: unknown skill 'pyton': did you mean Python?\n");
    result = run({"roles", "--industry", "helthcare"});
    EXPECT_EQ(result.err, "jobkb: unknown industry 'helthcare': did you mean Healthcare?\n");
    result = run({"role", "Data Scientis"});
    EXPECT_NE(result.err.find("did you mean Data Scientist"), std::string::npos) << result.err;
    result = run({"roles", "--country", "Indai"});
    EXPECT_NE(result.err.find("did you mean India (IN)?"), std::string::npos) << result.err;
    result = run({"roles", "--country", "USA", "--csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find(",US,"), std::string::npos) << result.out;
    result = run({"role", "ML Engineer"});
    EXPECT_EQ(result.err, "jobkb: unknown role 'ML Engineer': did you mean Machine Learning "
                          "Engineer or Big Data Engineer?\n");
}

TEST_F(Query, MinSalaryComparesTheLatestFigureInTheCountrysCurrency) {
    EXPECT_EQ(roles({"--country", "IN", "--min-salary", "12,00,000"}),
              (Names{"MLOps Engineer", "Big Data Engineer"}));
    EXPECT_EQ(roles({"--country", "india", "--min-salary", "₹13,30,539"}),
              (Names{"MLOps Engineer", "Big Data Engineer"}));
    EXPECT_EQ(roles({"--country", "US", "--min-salary", "150000", "--skill", "python"}),
              (Names{"Machine Learning Engineer", "NLP Engineer"}));
    // Without a country there is no currency to compare in: a usage error, one line.
    for (const auto& [arguments, refusal] :
         std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"roles", "--min-salary", "100"}, "--min-salary needs --country"},
             {{"roles", "--sort", "salary"}, "--sort salary needs --country"}}) {
        const auto refused = run(arguments);
        EXPECT_EQ(refused.exit_code, 2) << refused.err;
        EXPECT_EQ(refused.err.rfind("jobkb: " + refusal +
                                        ": salaries are compared in one country's currency (see '",
                                    0),
                  0u)
            << refused.err;
        EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
    }
    auto result = run({"roles", "--country", "US", "--min-salary", "£100"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("reading the minimum salary: '£100' has the sign £, which does not "
                              "agree"),
              std::string::npos)
        << result.err;
    result = run({"roles", "--country", "IN", "--min-salary", "1,0,0"});
    EXPECT_NE(result.err.find("has irregular digit groups"), std::string::npos) << result.err;
}

TEST_F(Query, SortBySalaryInACountry) {
    const auto result = run({"roles", "--country", "US", "--sort", "salary", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> order;
    for (const auto& role : nlohmann::json::parse(result.out)) {
        order.push_back(role.at("role"));
        EXPECT_EQ(role.at("country"), "US") << "--country shows only that country";
        EXPECT_EQ(role.at("avg_yearly").at("currency"), "USD");
    }
    EXPECT_EQ(order.front(), "Machine Learning Engineer"); // $161,321
    EXPECT_EQ(order.back(), "MLOps Engineer");             // $110,190
}

TEST_F(Query, RoleProfileInFull) {
    const auto result = run({"role", "MLOps Engineer"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const char* expected :
         {"MLOps Engineer", "1. Model management", "5. Model integration with cloud platforms",
          "Key skills", "- Kubernetes", "Also mentioned", "- DevOps", "Industries", "- SaaS",
          "₹13,30,539", "$110,190", "2026-04-06", "Machine Learning Engineer Jobs"}) {
        EXPECT_NE(result.out.find(expected), std::string::npos) << expected;
    }
    const auto json = nlohmann::json::parse(run({"role", "mlops-engineer", "--json"}).out);
    EXPECT_EQ(json.at("responsibilities").size(), 5u);
    EXPECT_EQ(json.at("latest_salaries").size(), 2u);
    EXPECT_EQ(json.at("latest_salaries")[0].at("amount").at("amount_minor"), 133053900);
    EXPECT_EQ(json.at("latest_salaries")[0].at("amount").at("currency"), "INR");
}

TEST_F(Query, SkillsAndIndustriesCountTheirRoles) {
    const auto skills = nlohmann::json::parse(run({"skills", "--json"}).out);
    EXPECT_EQ(skills[0].at("skill"), "Python");
    EXPECT_EQ(skills[0].at("roles"), 3);
    const auto industries = nlohmann::json::parse(run({"industries", "--json"}).out);
    EXPECT_EQ(industries[0].at("industry"), "E-commerce");
    EXPECT_EQ(industries[0].at("roles"), 4);
    const auto of_role =
        nlohmann::json::parse(run({"skills", "--role", "nlp engineer", "--json"}).out);
    EXPECT_EQ(of_role.size(), 10u);
    EXPECT_EQ(of_role[0].at("relevance"), "key");
    EXPECT_EQ(of_role.back().at("relevance"), "mentioned");
}

TEST_F(Query, SalariesLatestAndHistory) {
    auto latest = nlohmann::json::parse(
        run({"salaries", "--role", "Machine Learning Engineer", "--country", "US", "--json"}).out);
    ASSERT_EQ(latest.size(), 1u);
    EXPECT_EQ(latest[0].at("amount").at("amount_minor"), 16132100);
    auto history = nlohmann::json::parse(run({"salaries", "--role", "Machine Learning Engineer",
                                              "--country", "US", "--history", "--json"})
                                             .out);
    EXPECT_EQ(history.size(), 2u);
    EXPECT_EQ(nlohmann::json::parse(run({"salaries", "--country", "GB", "--json"}).out).size(), 1u);
}

TEST_F(Query, CompareGapAndRelated) {
    const auto compare = nlohmann::json::parse(
        run({"compare", "Data Scientist", "Machine Learning Engineer", "--json"}).out);
    std::set<std::string> shared;
    for (const auto& row : compare) {
        if (row.at("shared_by") == "all" && row.at("aspect") == "skill") {
            shared.insert(row.at("item"));
        }
    }
    EXPECT_EQ(shared, (std::set<std::string>{"Python", "ML Algorithms"}));

    const auto gap = nlohmann::json::parse(
        run({"gap", "Data Scientist", "Machine Learning Engineer", "--json"}).out);
    std::vector<std::string> to_learn;
    for (const auto& row : gap) {
        if (row.at("status") == "to learn" && row.at("in_target") == "key") {
            to_learn.push_back(row.at("skill"));
        }
    }
    EXPECT_EQ(to_learn, (std::vector<std::string>{"Model Deployment", "PyTorch", "TensorFlow",
                                                  "Scikit-learn"}));

    const auto related = nlohmann::json::parse(
        run({"related", "Computer Vision Engineer", "--limit", "2", "--json"}).out);
    ASSERT_EQ(related.size(), 2u);
    // TensorFlow is shared with the MLE; Computer Vision with the research scientist.
    EXPECT_EQ(related[0].at("shared"), 1);
    EXPECT_GT(related[0].at("similarity").get<double>(), 0.0);
    EXPECT_EQ(run({"compare", "NLP Engineer"}).exit_code, 2);
    EXPECT_EQ(run({"compare", "NLP Engineer", "nlp engineers"}).exit_code, 1);
}

} // namespace
} // namespace jobkb
