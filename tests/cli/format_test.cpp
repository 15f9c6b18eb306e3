// Every output format parses with a standard parser: nlohmann's for JSON, Python's csv module for
// CSV and TSV; tables line up; markdown rows have one cell per column.
#include "cli/text_width.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace jobkb {
namespace {

using test::lines_of;

using Json = nlohmann::json;

// Rows of a CSV or TSV file as Python's csv module reads them.
Json parse_with_python_csv(const std::string& text, bool tabs) {
    test::TempDir dir;
    test::write_bytes(dir / "data", text);
    const std::string script =
        "import csv, json, sys; "
        "print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')" +
        std::string(tabs ? ", delimiter='\\t'" : "") + "))))";
    const std::string command = "python3 -c \"" + script + "\" '" + (dir / "data").string() +
                                "' > '" + (dir / "rows.json").string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return Json::parse(test::read_bytes(dir / "rows.json"));
}

class Formats : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    std::string output(std::vector<std::string> arguments, const std::string& format) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        arguments.insert(arguments.end(), {"--format", format});
        const auto result = test::run_cli(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
};

// Values that break naive writers: separators, quotes, line breaks, non-ASCII, NULL, numbers.
const std::vector<std::string> kTricky = {
    "sql", "SELECT 'a,b' AS comma, 'say \"hi\"' AS quote, 'one' || char(10) || 'two' AS newline, "
           "'x' || char(9) || 'y' AS tab, '₹10,88,060 café' AS unicode, NULL AS missing, "
           "3.5 AS real, 7 AS integer"};

TEST_F(Formats, JsonAndNlParse) {
    const auto rows = Json::parse(output(kTricky, "json"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("quote"), "say \"hi\"");
    EXPECT_EQ(rows[0].at("newline"), "one\ntwo");
    EXPECT_EQ(rows[0].at("unicode"), "₹10,88,060 café");
    EXPECT_TRUE(rows[0].at("missing").is_null());
    EXPECT_EQ(rows[0].at("real"), 3.5);
    EXPECT_EQ(rows[0].at("integer"), 7);
    for (const auto& command :
         std::vector<std::vector<std::string>>{{"roles"},
                                               {"salaries", "--history"},
                                               {"skills"},
                                               {"industries"},
                                               {"compare", "NLP Engineer", "Data Scientist"},
                                               {"gap", "NLP Engineer", "Data Scientist"},
                                               {"related", "NLP Engineer"}}) {
        const auto array = Json::parse(output(command, "json"));
        const auto lines = lines_of(output(command, "nl"));
        ASSERT_EQ(array.size(), lines.size()) << command[0];
        for (std::size_t i = 0; i < lines.size(); ++i) {
            EXPECT_EQ(Json::parse(lines[i]), array[i]) << command[0];
        }
    }
}

TEST_F(Formats, CsvAndTsvParseWithPythonsCsvModule) {
    for (const bool tabs : {false, true}) {
        const auto rows = parse_with_python_csv(output(kTricky, tabs ? "tsv" : "csv"), tabs);
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0], Json({"comma", "quote", "newline", "tab", "unicode", "missing", "real",
                                 "integer"}));
        EXPECT_EQ(rows[1], Json({"a,b", "say \"hi\"", "one\ntwo", "x\ty", "₹10,88,060 café", "",
                                 "3.5", "7"}));
    }
    // Lists join with "; "; the headline salaries are one list of "CC amount currency".
    const auto roles = parse_with_python_csv(output({"roles", "--skill", "docker"}, "csv"), false);
    ASSERT_EQ(roles.size(), 2u);
    EXPECT_EQ(roles[0], Json({"role", "slug", "key_skills", "industries", "headline_salaries"}));
    EXPECT_EQ(roles[1], Json({"MLOps Engineer", "mlops-engineer",
                              "CI/CD; Cloud Platforms; Docker; Kubernetes",
                              "E-commerce; IT; SaaS; Fintech", "IN 1330539 INR; US 110190 USD"}));
    // Money splits into a plain amount and its currency.
    const auto in_india = parse_with_python_csv(
        output({"roles", "--skill", "docker", "--country", "IN"}, "csv"), false);
    ASSERT_EQ(in_india.size(), 2u);
    EXPECT_EQ(in_india[0], Json({"role", "slug", "key_skills", "industries", "country",
                                 "avg_yearly", "avg_yearly_currency", "avg_yearly_qualifier"}));
    EXPECT_EQ(in_india[1][4], "IN");
    EXPECT_EQ(in_india[1][5], "1330539");
    EXPECT_EQ(in_india[1][6], "INR");
    EXPECT_EQ(in_india[1][7], "exact");
}

// A published figure's qualifier reaches CSV as a column of its own beside the money: the
// article's FAQ figure for the UK is "around" £62,126, a BLS top code "at least" $239,200.
TEST_F(Formats, QualifiersOfPublishedFiguresHaveTheirOwnCsvColumn) {
    const auto uk = parse_with_python_csv(output({"roles", "--country", "GB"}, "csv"), false);
    Json engineer;
    for (const auto& row : uk) {
        engineer = row[0] == "Machine Learning Engineer" ? row : engineer;
    }
    ASSERT_FALSE(engineer.is_null()) << uk;
    EXPECT_EQ(engineer[5], "62126");
    EXPECT_EQ(engineer[6], "GBP");
    EXPECT_EQ(engineer[7], "approximate");
    const auto compared = parse_with_python_csv(
        output({"compare", "Machine Learning Engineer", "Data Scientist"}, "csv"), false);
    bool found = false;
    for (const auto& row : compared) {
        if (row[0] == "salary" && row[1] == "GB average/year") {
            found = true;
            EXPECT_EQ(row[2], "62126");
            EXPECT_EQ(row[3], "GBP");
            EXPECT_EQ(row[4], "approximate");
            EXPECT_EQ(row[5], "") << "no figure, no currency, no qualifier";
            EXPECT_EQ(row[7], "");
        }
    }
    EXPECT_TRUE(found) << compared;
}

TEST_F(Formats, RolesJsonCarriesEveryHeadlineFigureWithItsDateAndSource) {
    const auto roles = Json::parse(output({"roles", "--skill", "docker"}, "json"));
    ASSERT_EQ(roles.size(), 1u);
    const auto& salaries = roles[0].at("headline_salaries");
    ASSERT_EQ(salaries.size(), 2u);
    EXPECT_EQ(salaries[0].at("country"), "IN");
    EXPECT_EQ(salaries[0].at("amount"), Json({{"amount_minor", 133053900}, {"currency", "INR"}}));
    EXPECT_EQ(salaries[0].at("as_of"), "2026-04-06");
    EXPECT_EQ(salaries[0].at("qualifier"), "exact");
    EXPECT_NE(salaries[0].at("source").get<std::string>().find("Machine Learning Engineer Jobs"),
              std::string::npos);
    const auto in_us =
        Json::parse(output({"roles", "--skill", "docker", "--country", "us"}, "json"));
    EXPECT_EQ(in_us[0].at("country"), "US");
    // A figure's money says what the amount is (a top code is "at_least"): here the figure itself.
    EXPECT_EQ(in_us[0].at("avg_yearly"),
              Json({{"amount_minor", 11019000}, {"currency", "USD"}, {"qualifier", "exact"}}));
    EXPECT_FALSE(in_us[0].contains("headline_salaries"));
}

TEST_F(Formats, TablesLineUpAndMarkdownHasOneCellPerColumn) {
    for (const auto& command : std::vector<std::vector<std::string>>{
             {"roles"}, {"salaries"}, {"skills"}, {"compare", "NLP Engineer", "Data Scientist"}}) {
        const auto table = lines_of(output(command, "table"));
        ASSERT_GT(table.size(), 3u);
        for (const auto& line : table) {
            EXPECT_EQ(cli::display_width(line), cli::display_width(table[0])) << line;
        }
        const auto markdown = lines_of(output(command, "markdown"));
        ASSERT_GT(markdown.size(), 2u);
        EXPECT_NE(markdown[1].find("---"), std::string::npos);
        const auto cells = [](const std::string& line) {
            std::size_t count = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                count += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1u : 0u;
            }
            return count;
        };
        for (const auto& line : markdown) {
            EXPECT_EQ(cells(line), cells(markdown[0])) << line;
        }
    }
}

TEST_F(Formats, ShortcutsAndNoColourOffATerminal) {
    const auto shortcut = test::run_cli({"--db", path_.string(), "skills", "--csv"});
    EXPECT_EQ(shortcut.out, output({"skills"}, "csv"));
    const auto result =
        test::run_cli({"--db", path_.string(), "skills", "--json", "--format", "csv"});
    EXPECT_EQ(result.exit_code, 2) << "a shortcut and --format together are a usage error";
    EXPECT_EQ(output({"roles"}, "table").find("\033["), std::string::npos);
}

} // namespace
} // namespace jobkb
