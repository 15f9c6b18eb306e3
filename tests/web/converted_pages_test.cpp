// The pages with salary figures in another unit (?in=, ?ppp=1, ?rate_on=, as the CLI's --in,
// --ppp and --rate-on), refused as the CLI refuses, and the role page's O*NET content.
#include "web/site_fixture.hpp"

#include "web/html.hpp"
#include "web/site.hpp"

#include "jobkb/knowledge_base.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jobkb::test {
namespace {

class ConvertedPages : public WebBaseTest {
protected:
    // The CLI's one-line usage message for the same choice ("jobkb: --in: unknown ...").
    std::string cli_refusal(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", db()});
        const auto result = run_cli(arguments);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        return result.err;
    }
};

TEST_F(ConvertedPages, EachPageShowsTheConvertedColumnWithItsRate) {
    const web::Parameters eur = {{"in", "EUR"}, {"rate_on", "2025-05-09"}};
    auto with = [](web::Parameters parameters, const web::Parameters& more) {
        parameters.insert(parameters.end(), more.begin(), more.end());
        return parameters;
    };
    for (const auto& [path, parameters] : std::vector<std::pair<std::string, web::Parameters>>{
             {"/role/machine-learning-engineer", eur},
             {"/roles", eur},
             {"/compare",
              with({{"roles", "Data Scientist"}, {"roles", "Machine Learning Engineer"}}, eur)}}) {
        const auto page = get(path, parameters);
        EXPECT_EQ(page.status, 200) << path << page.body;
        // The role's table has a column "In EUR", the others one per country or salary row.
        EXPECT_TRUE(page.body.find("In EUR") != std::string::npos ||
                    page.body.find(" in EUR") != std::string::npos)
            << path;
        // The ECB's USD rate of that day, its date and its source, under the table.
        EXPECT_NE(page.body.find("USD→EUR"), std::string::npos) << path;
        EXPECT_NE(page.body.find("2025-05-09"), std::string::npos) << path;
        EXPECT_NE(page.body.find("ECB"), std::string::npos) << path;
        // The selector keeps the choice.
        EXPECT_NE(page.body.find("<option value=\"EUR\" selected=\"selected\">"), std::string::npos)
            << path;
        EXPECT_NE(page.body.find("name=\"rate_on\" value=\"2025-05-09\""), std::string::npos)
            << path;
    }
    const auto ppp = get("/role/machine-learning-engineer", {{"ppp", "1"}});
    EXPECT_EQ(ppp.status, 200);
    EXPECT_NE(ppp.body.find("In Int$"), std::string::npos);
    EXPECT_NE(ppp.body.find("PPP factor: "), std::string::npos);
    const auto plain = get("/role/machine-learning-engineer");
    EXPECT_EQ(plain.body.find("In EUR"), std::string::npos);
    EXPECT_NE(plain.body.find("(as reported only)"), std::string::npos);
}

TEST_F(ConvertedPages, AChoiceTheCliRefusesIsA400WithItsMessage) {
    struct Case {
        std::string path;
        web::Parameters parameters;
        std::vector<std::string> cli;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"/api/role",
         {{"name", "Data Scientist"}, {"in", "UDS"}},
         {"role", "Data Scientist", "--in", "UDS"},
         "--in: unknown currency 'UDS' (did you mean USD?)"},
        {"/api/roles", {{"in", "EURO"}}, {"roles", "--in", "EURO"}, "'EURO' is not a currency"},
        {"/api/compare",
         {{"roles", "Data Scientist"}, {"roles", "NLP Engineer"}, {"in", "USD"}, {"ppp", "1"}},
         {"compare", "Data Scientist", "NLP Engineer", "--in", "USD", "--ppp"},
         "--in cannot be used with --ppp"},
        {"/api/role",
         {{"name", "Data Scientist"}, {"rate_on", "2025-05-09"}},
         {"role", "Data Scientist", "--rate-on", "2025-05-09"},
         "--rate-on: needs --in CUR or --ppp"},
        {"/role/data-scientist",
         {{"in", "USD"}, {"rate_on", "May 9"}},
         {"role", "Data Scientist", "--in", "USD", "--rate-on", "May 9"},
         "--rate-on: 'May 9' is not a date"},
        {"/roles", {{"in", "ABC"}}, {"roles", "--in", "ABC"}, "--in: unknown currency 'ABC'"},
        {"/compare",
         {{"roles", "Data Scientist"}, {"roles", "NLP Engineer"}, {"ppp", "maybe"}},
         {},
         "parameter 'ppp'"},
    };
    for (const auto& item : cases) {
        const auto response = get(item.path, item.parameters);
        EXPECT_EQ(response.status, 400) << item.path << ": " << response.body;
        // JSON under /api/, escaped text on a page.
        const std::string shown =
            item.path.starts_with("/api/") ? item.message : web::escape_html(item.message);
        EXPECT_NE(response.body.find(shown), std::string::npos)
            << item.path << ": " << response.body;
        if (!item.cli.empty()) {
            EXPECT_NE(cli_refusal(item.cli).find(item.message), std::string::npos) << item.path;
        }
    }
}

TEST_F(ConvertedPages, TheRolePageShowsWhatJobkbRoleShowsOfOnet) {
    const auto page = get("/role/data-scientist");
    ASSERT_EQ(page.status, 200);
    const auto role = run_cli({"--db", db(), "role", "Data Scientist", "--json"});
    ASSERT_EQ(role.exit_code, 0) << role.err;
    const auto profile = nlohmann::json::parse(role.out);
    ASSERT_FALSE(profile.at("codes").empty());
    ASSERT_FALSE(profile.at("tasks").empty());
    ASSERT_FALSE(profile.at("technology_skills").empty());
    // Every code, task, technology skill, title and stated relation, and the attribution.
    auto shown = [&](const std::string& text) {
        return page.body.find(web::escape_html(text)) != std::string::npos;
    };
    for (const auto& code : profile.at("codes")) {
        EXPECT_TRUE(shown(code.at("code").get<std::string>())) << code.dump();
    }
    for (const auto& task : profile.at("tasks")) {
        EXPECT_TRUE(shown(task.at("description").get<std::string>())) << task.dump();
    }
    bool hot = false;
    for (const auto& skill : profile.at("technology_skills")) {
        EXPECT_TRUE(shown(skill.at("name").get<std::string>())) << skill.dump();
        hot = hot || skill.at("hot_technology").get<bool>();
    }
    EXPECT_EQ(hot, page.body.find("badge hot") != std::string::npos);
    for (const auto& title : profile.at("titles")) {
        EXPECT_TRUE(shown(title.at("title").get<std::string>())) << title.dump();
    }
    for (const auto& relation : profile.at("stated_relations")) {
        EXPECT_TRUE(shown(relation.at("role").get<std::string>())) << relation.dump();
    }
    bool attributed = false;
    for (const auto& source : profile.at("sources")) {
        if (!source.at("attribution").get<std::string>().empty()) {
            attributed = true;
            EXPECT_TRUE(shown(source.at("attribution").get<std::string>())) << source.dump();
        }
    }
    EXPECT_TRUE(attributed);
    // A role within an occupation names it, with a link to the role that is it.
    const auto within = run_cli({"--db", db(), "role", "Machine Learning Engineer", "--json"});
    const auto broader = nlohmann::json::parse(within.out).at("broader_occupations");
    if (!broader.empty()) {
        const auto mle = get("/role/machine-learning-engineer");
        EXPECT_NE(mle.body.find("Broader occupation: "), std::string::npos);
        EXPECT_NE(
            mle.body.find(web::escape_html(broader[0].at("code").at("code").get<std::string>())),
            std::string::npos);
    }
}

} // namespace
} // namespace jobkb::test
