// The site answered in-process (no socket): pages, escaping, limits, the API against the CLI.
#include "web/site_fixture.hpp"

#include "web/html.hpp"
#include "web/site.hpp"

#include "jobkb/knowledge_base.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

namespace jobkb::test {
namespace {

using SiteTest = WebBaseTest;

// The CLI's stdout for the same question.
std::string cli_out(const std::vector<std::string>& arguments) {
    const auto result = run_cli(arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
}

TEST_F(SiteTest, EveryApiEndpointAnswersWhatTheCliPrints) {
    struct Case {
        std::string path;
        web::Parameters parameters;
        std::vector<std::string> cli;
    };
    const std::vector<Case> cases = {
        {"/api/roles", {{"skill", "python"}}, {"roles", "--skill", "python", "--json"}},
        {"/api/roles.csv", {{"skill", "python"}}, {"roles", "--skill", "python", "--csv"}},
        {"/api/roles",
         {{"skill", "python"}, {"format", "csv"}},
         {"roles", "--skill", "python", "--csv"}},
        {"/api/roles",
         {{"skill", "python"}, {"skill", "sql"}, {"match", "all"}, {"industry", "healthcare"}},
         {"roles", "--skill", "python", "--skill", "sql", "--match", "all", "--industry",
          "healthcare", "--json"}},
        {"/api/roles.tsv",
         {{"country", "IN"}, {"min_salary", "10,00,000"}, {"sort", "salary"}},
         {"roles", "--country", "IN", "--min-salary", "10,00,000", "--sort", "salary", "--tsv"}},
        {"/api/roles.md",
         {{"key_only", "1"}, {"skill", "python"}},
         {"roles", "--key-only", "--skill", "python", "--format", "markdown"}},
        {"/api/role", {{"name", "MLOps Engineer"}}, {"role", "MLOps Engineer", "--json"}},
        {"/api/role.csv", {{"name", "mlops-engineer"}}, {"role", "mlops-engineer", "--csv"}},
        {"/api/role.md", {{"name", kScriptRole}}, {"role", kScriptRole, "--format", "markdown"}},
        {"/api/salaries",
         {{"role", "Machine Learning Engineer"}, {"history", "1"}},
         {"salaries", "--role", "Machine Learning Engineer", "--history", "--json"}},
        {"/api/salaries.csv", {{"country", "IN"}}, {"salaries", "--country", "IN", "--csv"}},
        {"/api/salaries",
         {{"reports", "1"}, {"country", "US"}},
         {"salaries", "--reports", "--country", "US", "--json"}},
        {"/api/skills", {}, {"skills", "--json"}},
        {"/api/skills.nl",
         {{"role", "NLP Engineer"}},
         {"skills", "--role", "NLP Engineer", "--nl"}},
        {"/api/industries",
         {{"role", "Data Scientist"}},
         {"industries", "--role", "Data Scientist", "--json"}},
        {"/api/compare",
         {{"roles", "Data Scientist"}, {"roles", "Machine Learning Engineer"}},
         {"compare", "Data Scientist", "Machine Learning Engineer", "--json"}},
        {"/api/compare.csv",
         {{"roles", "Data Scientist"}, {"roles", "Machine Learning Engineer"}},
         {"compare", "Data Scientist", "Machine Learning Engineer", "--csv"}},
        {"/api/gap",
         {{"from", "Data Scientist"}, {"to", "Machine Learning Engineer"}},
         {"gap", "Data Scientist", "Machine Learning Engineer", "--json"}},
        {"/api/related",
         {{"role", "Machine Learning Engineer"}, {"limit", "3"}},
         {"related", "Machine Learning Engineer", "--limit", "3", "--json"}},
        {"/api/imports", {}, {"imports", "--json"}},
        {"/api/imports.csv", {}, {"imports", "--csv"}},
        {"/api/search", {{"q", "chatbot"}}, {"search", "chatbot", "--json"}},
        {"/api/search.csv", {{"q", "chatbot"}}, {"search", "chatbot", "--csv"}},
        {"/api/search",
         {{"q", "engineer"}, {"kind", "role"}, {"limit", "5"}},
         {"search", "engineer", "--kind", "role", "--limit", "5", "--json"}},
        {"/api/search.tsv",
         {{"q", "\"computer vision\" OR pipe*"}},
         {"search", "\"computer vision\" OR pipe*", "--tsv"}},
        {"/api/search.md", {{"q", kScriptRole}}, {"search", kScriptRole, "--format", "markdown"}},
        // O*NET's content (codes, tasks, technology skills, titles, relations, attribution).
        {"/api/role", {{"name", "Data Scientist"}}, {"role", "Data Scientist", "--json"}},
        {"/api/role.md",
         {{"name", "Machine Learning Engineer"}},
         {"role", "Machine Learning Engineer", "--format", "markdown"}},
        // Converted: ?in=, ?ppp=1 and ?rate_on= as --in, --ppp and --rate-on.
        {"/api/role",
         {{"name", "Machine Learning Engineer"}, {"in", "EUR"}},
         {"role", "Machine Learning Engineer", "--in", "EUR", "--json"}},
        {"/api/role",
         {{"name", "Machine Learning Engineer"}, {"in", "usd"}, {"rate_on", "2025-05-09"}},
         {"role", "Machine Learning Engineer", "--in", "usd", "--rate-on", "2025-05-09", "--json"}},
        {"/api/role.csv",
         {{"name", "Data Scientist"}, {"ppp", "1"}},
         {"role", "Data Scientist", "--ppp", "--csv"}},
        {"/api/roles",
         {{"country", "IN"}, {"in", "EUR"}, {"rate_on", "latest"}},
         {"roles", "--country", "IN", "--in", "EUR", "--rate-on", "latest", "--json"}},
        {"/api/roles.csv", {{"ppp", "1"}}, {"roles", "--ppp", "--csv"}},
        {"/api/roles.md",
         {{"skill", "python"}, {"in", "GBP"}, {"rate_on", "2025-05-09"}},
         {"roles", "--skill", "python", "--in", "GBP", "--rate-on", "2025-05-09", "--format",
          "markdown"}},
        {"/api/compare",
         {{"roles", "Data Scientist"},
          {"roles", "Machine Learning Engineer"},
          {"in", "INR"},
          {"rate_on", "2025-05-09"}},
         {"compare", "Data Scientist", "Machine Learning Engineer", "--in", "INR", "--rate-on",
          "2025-05-09", "--json"}},
        {"/api/compare.csv",
         {{"roles", "Data Scientist"}, {"roles", "Machine Learning Engineer"}, {"ppp", "1"}},
         {"compare", "Data Scientist", "Machine Learning Engineer", "--ppp", "--csv"}},
        {"/api/compare.md",
         {{"roles", "Data Scientist"}, {"roles", "Machine Learning Engineer"}, {"in", "USD"}},
         {"compare", "Data Scientist", "Machine Learning Engineer", "--in", "USD", "--format",
          "markdown"}},
    };
    for (const auto& item : cases) {
        const auto response = get(item.path, item.parameters);
        std::vector<std::string> arguments = {"--db", db()};
        arguments.insert(arguments.end(), item.cli.begin(), item.cli.end());
        EXPECT_EQ(response.status, 200) << item.path << ": " << response.body;
        EXPECT_EQ(response.body, cli_out(arguments)) << item.path;
    }
}

TEST_F(SiteTest, ApiContentTypesAndDownloadNames) {
    EXPECT_EQ(get("/api/roles").content_type, "application/json; charset=utf-8");
    const auto csv = get("/api/roles.csv");
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    ASSERT_FALSE(csv.headers.empty());
    EXPECT_NE(std::find(csv.headers.begin(), csv.headers.end(),
                        std::pair<std::string, std::string>("Content-Disposition",
                                                            "attachment; filename=\"roles.csv\"")),
              csv.headers.end());
}

TEST_F(SiteTest, ApiErrorsAreJsonWithTheLibrarysMessage) {
    auto response = get("/api/role", {{"name", "Astronaut"}});
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body.find("\"error\": \"unknown role 'Astronaut'"), std::string::npos)
        << response.body;
    response = get("/api/roles", {{"skill", "pyton"}});
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body.find("did you mean Python?"), std::string::npos) << response.body;
    response = get("/api/roles", {{"skil", "python"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("unknown parameter 'skil'"), std::string::npos);
    EXPECT_EQ(get("/api/roles.xml").status, 400);
    EXPECT_EQ(get("/api/roles", {{"sort", "salary"}}).status, 400); // needs a country
    EXPECT_EQ(get("/api/related", {{"role", "NLP Engineer"}, {"limit", "0"}}).status, 400);
    EXPECT_EQ(get("/api/nothing").status, 404);
    EXPECT_EQ(get("/api/search").status, 400); // no words
    EXPECT_EQ(get("/api/search", {{"q", "x"}, {"kind", "person"}}).status, 400);
    EXPECT_EQ(get("/api/search", {{"q", "x"}, {"limit", "0"}}).status, 400);
    EXPECT_EQ(get("/api/search", {{"q", "x"}, {"limit", "1001"}}).status, 400);
    response = get("/api/search", {{"q", "\"computer vision"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("unbalanced quote"), std::string::npos) << response.body;
}

// Each hit's snippet on the page is its parts as text, the matched ones in <mark>: the parts are
// the base's text, so a role named <script> shows its name, marked, and never runs.
TEST_F(SiteTest, SearchPageMarksMatchedWordsAndEscapesTheRest) {
    auto response = get("/search", {{"q", "chatbot"}});
    EXPECT_EQ(response.status, 200);
    const auto hits = run_cli({"--db", db(), "search", "chatbot", "--csv"});
    ASSERT_EQ(hits.exit_code, 0) << hits.err;
    // A header line and one line per hit: as many results on the page, each with its snippet.
    const auto lines = std::count(hits.out.begin(), hits.out.end(), '\n');
    ASSERT_GE(lines, 2) << hits.out;
    std::size_t items = 0;
    for (std::size_t at = response.body.find("<p class=\"snippet\">"); at != std::string::npos;
         at = response.body.find("<p class=\"snippet\">", at + 1)) {
        ++items;
    }
    EXPECT_EQ(static_cast<std::ptrdiff_t>(items), lines - 1) << response.body;
    EXPECT_NE(response.body.find("<mark>chatbots</mark>"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("href=\"/role/NLP%20Engineer\""), std::string::npos);

    response = get("/search", {{"q", "script"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"),
              std::string::npos)
        << response.body;
    EXPECT_EQ(response.body.find("<script"), std::string::npos);

    response = get("/search", {{"q", "\"computer vision"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("unbalanced quote"), std::string::npos);
    EXPECT_NE(response.body.find("value=\"&quot;computer vision\""), std::string::npos)
        << "the search box keeps the words";
    EXPECT_EQ(get("/search", {{"q", "x"}, {"kind", "person"}}).status, 400);
    EXPECT_EQ(get("/search").status, 200);
}

TEST_F(SiteTest, SqlEndpointOnlyWithAllowSqlAndNeverWrites) {
    EXPECT_EQ(get("/api/sql", {{"q", "SELECT 1"}}).status, 404);
    options_.allow_sql = true;
    const std::string sql = "SELECT name FROM roles ORDER BY name LIMIT 3";
    auto response = get("/api/sql", {{"q", sql}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, cli_out({"--db", db(), "sql", sql, "--json"}));
    const std::string before = content_dump(*db_path_);
    for (const std::string write :
         {"DELETE FROM roles", "INSERT INTO sources (title) VALUES ('x')",
          "WITH x AS (SELECT 1) UPDATE roles SET name = 'x'", "ATTACH 'other.db' AS o",
          "PRAGMA writable_schema = ON", "SELECT 1; DELETE FROM roles"}) {
        response = get("/api/sql", {{"q", write}});
        EXPECT_EQ(response.status, 400) << write << ": " << response.body;
        EXPECT_NE(response.body.find("\"error\""), std::string::npos);
        EXPECT_EQ(response.body.find("--write"), std::string::npos) << response.body;
    }
    EXPECT_EQ(content_dump(*db_path_), before);
}

TEST_F(SiteTest, AMarkupNameIsTextOnEveryPage) {
    const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (const auto& [path, parameters] : std::vector<std::pair<std::string, web::Parameters>>{
             {"/roles", {}},
             {"/role/" + kScriptRole, {}},
             {"/role/script-alert-1-script", {}},
             {"/compare", {{"roles", kScriptRole}, {"roles", "Data Scientist"}}},
             {"/gap", {{"from", kScriptRole}, {"to", "Data Scientist"}}},
             {"/search", {{"q", kScriptRole}}},
             {"/role/<img src=x onerror=alert(1)>", {}},
             {"/roles", {{"skill", "<b>x</b>"}}}}) {
        const auto response = get(path, parameters);
        EXPECT_EQ(response.body.find("<script"), std::string::npos) << path;
        EXPECT_EQ(response.body.find("<img"), std::string::npos) << path;
        EXPECT_EQ(response.body.find("<b>x"), std::string::npos) << path;
        if (path != "/role/<img src=x onerror=alert(1)>" && parameters.size() != 1) {
            EXPECT_NE(response.body.find(escaped), std::string::npos) << path;
        }
    }
}

// O*NET's technology skills make two roles share dozens of skills; the role page names the first
// eight in `jobkb related`'s order and says how many more, where the CLI lists them all.
TEST_F(SiteTest, RelatedRolesNameTheirFirstSharedSkillsAndCountTheRest) {
    const auto related = nlohmann::json::parse(
        cli_out({"--db", db(), "related", "Data Scientist", "--limit", "5", "--json"}));
    const std::string page = get("/role/data-scientist").body;
    std::size_t long_lists = 0;
    for (const auto& role : related) {
        const auto& shared = role["shared_skills"];
        std::string cell;
        for (std::size_t i = 0; i < std::min<std::size_t>(shared.size(), 8); ++i) {
            cell += (i == 0 ? "" : ", ") + web::escape_html(shared[i].get<std::string>());
        }
        if (shared.size() > 8) {
            ++long_lists;
            cell += ", and " + std::to_string(shared.size() - 8) + " more";
            EXPECT_EQ(page.find(cell + ", " + web::escape_html(shared[8].get<std::string>())),
                      std::string::npos);
        }
        EXPECT_NE(page.find(cell + "<"), std::string::npos) << role["role"];
    }
    EXPECT_GT(long_lists, 0U); // the base must exercise the cut
}

TEST_F(SiteTest, PagesAnswerWithTheirStatus) {
    EXPECT_EQ(get("/").status, 200);
    EXPECT_EQ(get("/roles", {{"skill", "python"}, {"industry", "healthcare"}}).status, 200);
    EXPECT_EQ(get("/role/machine-learning-engineer").status, 200);
    EXPECT_EQ(get("/role/Machine Learning Engineers").status, 200); // an alias
    EXPECT_EQ(get("/compare", {{"roles", "Data Scientist"}, {"roles", "NLP Engineer"}}).status,
              200);
    EXPECT_EQ(get("/gap", {{"from", "Data Scientist"}, {"to", "NLP Engineer"}}).status, 200);
    EXPECT_EQ(get("/imports").status, 200);
    EXPECT_EQ(get("/search", {{"q", "python"}}).status, 200);
    EXPECT_EQ(get("/role/Astronaut").status, 404);
    EXPECT_EQ(get("/roles", {{"skill", "pyton"}}).status, 404);
    EXPECT_EQ(get("/compare", {{"roles", "Data Scientist"}, {"roles", "Data Scientist"}}).status,
              400);
    EXPECT_EQ(get("/nowhere").status, 404);
    EXPECT_EQ(get("/nowhere").content_type, "text/html; charset=utf-8");
}

TEST_F(SiteTest, OnlyGetAndHeadAreAnswered) {
    for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
        const auto response = get("/roles", {}, method);
        EXPECT_EQ(response.status, 405) << method;
        EXPECT_NE(std::find(response.headers.begin(), response.headers.end(),
                            std::pair<std::string, std::string>("Allow", "GET, HEAD")),
                  response.headers.end());
    }
    EXPECT_EQ(get("/roles", {}, "HEAD").status, 200);
}

TEST_F(SiteTest, QueryParametersAreBounded) {
    web::Parameters many;
    for (std::size_t i = 0; i <= web::kMaxParameters; ++i) {
        many.emplace_back("skill", "python");
    }
    auto response = get("/roles", many);
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("too many query parameters"), std::string::npos);
    response = get("/api/roles", {{"skill", std::string(web::kMaxParameterValue + 1, 'x')}});
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("query parameter 'skill' is 4097 bytes long (at most 4096)"),
              std::string::npos)
        << response.body;
    EXPECT_EQ(get("/roles", {{std::string(100, 'n'), "1"}}).status, 400);
    EXPECT_EQ(get("/role/x", {{"anything", "1"}}).status, 400);
}

TEST_F(SiteTest, StaticFilesComeFromMemoryOnly) {
    const auto page = get("/roles").body;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(page, match, std::regex(R"(/static/style\.[0-9a-f]{12}\.css)")));
    const auto css = get(match[0]);
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
    EXPECT_NE(std::find(css.headers.begin(), css.headers.end(),
                        std::pair<std::string, std::string>("Cache-Control",
                                                            "public, max-age=31536000, immutable")),
              css.headers.end());
    for (const std::string& path : std::vector<std::string>{
             "/static/style.css", "/static/../../etc/passwd", "/static/../CMakeLists.txt",
             "/static//etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/",
             std::string("/static/style.css\0.png", 22), "/static/assets/style.css"}) {
        EXPECT_EQ(get(path).status, 404) << path;
    }
}

// The numbers a chart draws are the base's.
TEST_F(SiteTest, ChartMarksCarryTheBasesFigures) {
    const std::string page = get("/role/machine-learning-engineer").body;
    const auto latest = query(*db_path_, "SELECT o.amount_minor, o.id FROM salary_latest l "
                                         "JOIN salary_observations o ON o.id = l.observation_id "
                                         "JOIN roles r ON r.id = l.role_id WHERE r.slug = "
                                         "'machine-learning-engineer' AND l.statistic <> 'point'");
    ASSERT_FALSE(latest.empty());
    for (const auto& row : latest) {
        EXPECT_NE(page.find("class=\"bar\""), std::string::npos);
        EXPECT_NE(
            page.find("data-amount-minor=\"" + row[0] + "\" data-observation=\"" + row[1] + "\""),
            std::string::npos)
            << row[1];
    }
    const auto history =
        query(*db_path_, "SELECT count(*) FROM salary_observations o JOIN roles r ON "
                         "r.id = o.role_id WHERE r.slug = 'machine-learning-engineer' AND "
                         "o.statistic <> 'point'");
    std::size_t points = 0;
    for (auto at = page.find("<circle class=\"point\""); at != std::string::npos;
         at = page.find("<circle class=\"point\"", at + 1)) {
        ++points;
    }
    EXPECT_EQ(std::to_string(points), history[0][0]);
}

} // namespace
} // namespace jobkb::test
