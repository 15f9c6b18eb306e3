// Hostile recipes (`import salaries FILE --recipe RECIPE`), each fed to the real binary with a
// valid salary file: every one is refused with one `RECIPE:LINE: key: ...` line, exit code 1, in
// bounded time and memory, before the salary file is read, and the database stays as it was.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>

namespace jobkb {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMiB = 1 << 20;
constexpr auto kTimeBound = test::kSanitizedBuild ? 120s : 30s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;

struct HostileRecipe {
    std::string name;     // the test's name
    std::string expected; // in stderr; ":LINE: ..." follows the recipe's path
    std::function<void(std::ostream&)> write;
};

HostileRecipe text(std::string name, std::string expected, std::string content) {
    return {std::move(name), std::move(expected),
            [content = std::move(content)](std::ostream& out) { out << content; }};
}

const std::vector<HostileRecipe>& hostile_recipes() {
    static const std::vector<HostileRecipe> recipes = {
        text("NotJson", ":3: recipe: not JSON: syntax error while parsing object key",
             "{\n  \"map\": {\"role\": \"OCC_TITLE\"},\n  oops\n}\n"),
        text("Empty", ":1: recipe: not JSON: syntax error while parsing value", ""),
        text("TrailingText", ":2: recipe: not JSON: syntax error",
             "{\"source\": \"a\"}\n{\"source\": \"b\"}\n"),
        text("NotAnObject", ":1: recipe: is not a JSON object", "[\"map\"]\n"),
        text("UnknownKey",
             ":3: colums: unknown key (expected description, input_format, delimiter, sheet, "
             "map, set, source, columns, na, top_codes, where, ignore_unknown, create_roles, "
             "create_areas, currency_from_country, supersede, allow_outliers or scale)",
             "{\n  \"map\": {},\n  \"colums\": {\"A_MEAN\": \"average/year\"}\n}\n"),
        text("KeyTwice", ":3: source: given twice (the first at line 2)",
             "{\n  \"source\": \"a\",\n  \"source\": \"b\"\n}\n"),
        text("FlagNotBoolean",
             ":2: ignore_unknown: is string, not true or false (expected true or false)",
             "{\n  \"ignore_unknown\": \"yes\"\n}\n"),
        text("ColumnsNotAnObject", ":2: columns: is array, not an object",
             "{\n  \"columns\": [\"A_MEAN=average/year\"]\n}\n"),
        text("ColumnWithoutPeriod", ":3: columns.A_MEAN: 'average' is no statistic/period",
             "{\n  \"columns\": {\n    \"A_MEAN\": \"average\"\n  }\n}\n"),
        text("ColumnNotText", ":2: columns.A_MEAN: is number, not text",
             "{\"columns\":\n  {\"A_MEAN\": 5}}\n"),
        text("UnknownField", ":2: map.salary: unknown field 'salary' (expected role, country",
             "{\n  \"map\": {\"salary\": \"pay\"}\n}\n"),
        text("NotAFilter", ":2: where: 'O_GROUP' is no filter (expected COLUMN=VALUE",
             "{\n  \"where\": [\"O_GROUP\"]\n}\n"),
        text("TopCodeWithoutPeriod", ":2: top_codes[0]: has no period",
             "{\"top_codes\": [\n  {\"text\": \"#\", \"amount\": \"239200\"}]}\n"),
        text("TopCodeUnknownKey",
             ":2: top_codes[0].per: unknown key (expected text, amount and "
             "period)",
             "{\"top_codes\": [\n  {\"text\": \"#\", \"amount\": \"1\", \"per\": \"year\"}]}\n"),
        // Saved with the period split at its last '/', it would read back as another top code.
        text("TopCodeSlashInPeriod",
             ":2: top_codes[0]: is no top code (a text without '=', an amount and a period "
             "without '/')",
             "{\"top_codes\": [\n  {\"text\": \"#\", \"amount\": \"1\", \"period\": "
             "\"t / year\"}]}\n"),
        text("UnknownDelimiter", ":1: delimiter: unknown delimiter 'x'", "{\"delimiter\": \"x\"}"),
        text("UnknownFormat", ":1: input_format: unknown format 'xls'",
             "{\"input_format\": \"xls\"}"),
        text("InvalidUtf8", ":1: recipe: not JSON: ", "{\"source\": \"\xff\xfe\"}\n"),
        text("NulByte", ":1: recipe: not JSON: ", std::string("{\"source\": \"a\0b\"}\n", 18)),
        {"NestedAMillionDeep", ":1: recipe: nested more than 8 deep",
         [](std::ostream& out) {
             out << "{\"map\": ";
             for (int i = 0; i < 1'000'000; ++i) {
                 out << '[';
             }
         }},
        {"TwoMegabytes", ": too large for a recipe (2097167 bytes; at most 1 MiB)",
         [](std::ostream& out) {
             out << "{\"source\": \"" << std::string(2 * kMiB, 'x') << "\"}\n";
         }},
    };
    return recipes;
}

void PrintTo(const HostileRecipe& hostile, std::ostream* out) { *out << hostile.name; }

class HostileRecipes : public ::testing::TestWithParam<HostileRecipe> {};

TEST_P(HostileRecipes, AreRefusedInOneLineAndChangeNothing) {
    const HostileRecipe& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto salaries = dir / "salaries.csv";
    test::write_bytes(salaries, "role,country,currency,amount,as_of\n"
                                "Data Scientist,US,USD,120000,2025\n");
    const auto recipe = dir / "recipe.json";
    {
        std::ofstream out(recipe, std::ios::binary);
        hostile.write(out);
        ASSERT_TRUE(out.flush());
    }
    const auto outcome =
        test::expect_refused(database,
                             {"--db", database.string(), "import", "salaries", salaries.string(),
                              "--recipe", recipe.string(), "--quiet"},
                             {}, kTimeBound, kMemoryBoundKb);
    EXPECT_EQ(test::lines_of(outcome.err).size(), 1U) << outcome.err.substr(0, 4000);
    const std::string wanted = "jobkb: " + recipe.string() + hostile.expected;
    EXPECT_NE(outcome.err.find(wanted), std::string::npos)
        << "expected: " << wanted << "\nin: " << outcome.err.substr(0, 4000);
    EXPECT_EQ(outcome.err.find("salaries.csv"), std::string::npos) << "never read";
}

INSTANTIATE_TEST_SUITE_P(Files, HostileRecipes, ::testing::ValuesIn(hostile_recipes()),
                         [](const auto& test_case) { return test_case.param.name; });

} // namespace
} // namespace jobkb
