// Recipes of `jobkb import salaries` (--recipe, --save-recipe, `jobkb import recipes`): the
// built-in BLS OEWS recipe gives exactly what the README's long command line gives, on the CSV
// and on the workbook of the same table; the survey recipe reads ds_salaries_2022.csv; options
// given with a recipe add to it or replace its own; a saved recipe reads back to the same import.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace jobkb {
namespace {

const test::Variables kToday{{"JOBKB_TODAY", "2026-11-23"}};

test::fs::path oews(const std::string& name) {
    return test::source_dir() / "tests" / "data" / "oews" / name;
}

// A base's content without the batch's own record (its time, and for another file its name,
// hash and format), and with the times the base was made masked (two bases made a second apart):
// what the imports stored.
std::string stored_content(const test::fs::path& database) {
    std::string dump = test::content_dump(database);
    const auto start = dump.find("== import_batches\n");
    if (start != std::string::npos) {
        dump.erase(start, dump.find("\n== ", start + 1) + 1 - start);
    }
    static const std::regex kTime("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    return std::regex_replace(dump, kTime, "TIME");
}

class ImportRecipe : public ::testing::Test {
protected:
    test::TempDir dir_;

    test::CommandResult import(const test::fs::path& database, const test::fs::path& input,
                               const std::vector<std::string>& options) {
        std::vector<std::string> arguments = {"--db",     database.string(), "import",
                                              "salaries", input.string(),    "--quiet"};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return test::run_cli(arguments, kToday);
    }

    std::string scalar(const test::fs::path& database, const std::string& sql) {
        return test::query(database, sql).at(0).at(0);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }
};

TEST_F(ImportRecipe, TheBlsRecipeGivesWhatTheLongCommandLineGives) {
    const auto by_hand = test::make_seeded_database(dir_, "by-hand.db");
    const auto by_recipe = test::make_seeded_database(dir_, "by-recipe.db");
    const auto csv = oews("national_M2023_dl.csv");
    const auto long_form = import(by_hand, csv, test::bls_oews_national_options());
    ASSERT_EQ(long_form.exit_code, 0) << long_form.err;
    const auto recipe = import(by_recipe, csv,
                               {"--recipe", "bls-oews-national", "--set", "as_of=2023-05",
                                "--source", "BLS OEWS May 2023"});
    ASSERT_EQ(recipe.exit_code, 0) << recipe.err;
    EXPECT_EQ(recipe.err, long_form.err);
    EXPECT_EQ(scalar(by_recipe, "SELECT count(*) FROM salary_observations WHERE batch_id = 1"),
              "9588");
    EXPECT_EQ(stored_content(by_recipe), stored_content(by_hand));
    // The same settings: the long command line on the recipe's base changes nothing.
    EXPECT_EQ(scalar(by_recipe, "SELECT settings FROM import_batches"),
              scalar(by_hand, "SELECT settings FROM import_batches"));
    const auto again = import(by_recipe, csv, test::bls_oews_national_options());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported with these settings as batch 1"), std::string::npos)
        << again.err;
}

TEST_F(ImportRecipe, TheBlsRecipeReadsTheWorkbookToTheSameFigures) {
    const auto from_csv = test::make_seeded_database(dir_, "csv.db");
    const auto from_xlsx = test::make_seeded_database(dir_, "xlsx.db");
    const std::vector<std::string> options = {"--recipe", "bls-oews-national", "--set",
                                              "as_of=2023-05"};
    const auto csv = import(from_csv, oews("national_M2023_dl.csv"), options);
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    const auto xlsx = import(from_xlsx, oews("national_M2023_dl.xlsx"), options);
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
    EXPECT_NE(xlsx.err.find("1403 row(s) read, 9588 figure(s) inserted"), std::string::npos)
        << xlsx.err;
    EXPECT_EQ(stored_content(from_xlsx), stored_content(from_csv));
    // One source for both (the recipe's); the batch records the workbook in its settings.
    EXPECT_EQ(scalar(from_xlsx, "SELECT (settings LIKE 'format=xlsx;%') || ' ' || source_id FROM "
                                "import_batches"),
              "1 " + scalar(from_csv, "SELECT source_id FROM import_batches"));
    // The recipe's source, and Data Scientists' median on the seeded Data Scientist.
    EXPECT_EQ(scalar(from_xlsx,
                     "SELECT s.title || ' ' || o.amount_minor || ' ' || o.qualifier FROM "
                     "salary_observations o JOIN roles r ON r.id = o.role_id JOIN sources s ON "
                     "s.id = o.source_id WHERE r.name = 'Data Scientist' AND o.statistic = "
                     "'median' AND o.period = 'year' AND o.batch_id = 1"),
              "BLS OEWS national 10802000 exact");
}

TEST_F(ImportRecipe, TheSurveyRecipeReadsTheKaggleFile) {
    const auto by_hand = test::make_seeded_database(dir_, "by-hand.db");
    const auto by_recipe = test::make_seeded_database(dir_, "by-recipe.db");
    auto arguments = test::survey_import_arguments(by_hand);
    arguments.insert(arguments.end(),
                     {"--source", "ai-jobs.net salaries", "--quiet", "--map",
                      "level=experience_level", "--map", "employment=employment_type", "--map",
                      "work_setting=remote_ratio", "--map", "company_size=company_size"});
    const auto long_form = test::run_cli(arguments, kToday);
    ASSERT_EQ(long_form.exit_code, 0) << long_form.err;
    const auto recipe =
        import(by_recipe, test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv",
               {"--recipe", "ds-salaries"});
    ASSERT_EQ(recipe.exit_code, 0) << recipe.err;
    EXPECT_EQ(scalar(by_recipe, "SELECT count(*) || ' ' || min(statistic) || ' ' || "
                                "max(statistic) FROM salary_observations WHERE batch_id = 1"),
              "607 point point");
    EXPECT_EQ(scalar(by_recipe, "SELECT count(*) FROM salary_observations WHERE batch_id = 1 AND "
                                "level IS NOT NULL AND employment IS NOT NULL AND work_setting "
                                "IS NOT NULL AND company_size IS NOT NULL"),
              "607");
    EXPECT_EQ(stored_content(by_recipe), stored_content(by_hand));
}

TEST_F(ImportRecipe, TheCommandLineAddsToTheRecipeOrReplacesItsOwn) {
    const auto recipe = file("bands.json", R"({
  "description": "pay bands",
  "map": {"role": "title"},
  "set": {"country": "US", "currency": "USD", "as_of": "2025"},
  "columns": {"low": "p10/year", "high": "p90/year"},
  "where": ["kind=detailed"],
  "ignore_unknown": true
})");
    const auto input = file("bands.csv", "title,kind,low,high,team\n"
                                         "Data Scientist,detailed,100000,150000,a\n"
                                         "Data Scientist,summary,1,2,a\n"
                                         "NLP Engineer,detailed,90000,*,b\n"
                                         "MLOps Engineer,detailed,80000,120000,b\n");
    const auto database = test::make_seeded_database(dir_);
    const auto result =
        import(database, input,
               {"--recipe", recipe.string(), "--set", "country=GB", "--set", "currency=GBP",
                "--column", "HIGH=p75/year", "--where", "team=b", "--na", "*"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // country and currency replaced, as_of kept; high's statistic replaced (in any case);
    // both filters hold; the placeholders are the command line's.
    EXPECT_EQ(scalar(database,
                     "SELECT group_concat(r.name || ' ' || o.country_code || ' ' || "
                     "o.currency_code || ' ' || o.statistic || ' ' || o.amount_minor || ' ' "
                     "|| o.as_of, '; ') FROM (SELECT * FROM salary_observations WHERE "
                     "batch_id = 1 ORDER BY id) o JOIN roles r ON r.id = o.role_id"),
              "NLP Engineer GB GBP p10 9000000 2025; MLOps Engineer GB GBP p10 8000000 2025; "
              "MLOps Engineer GB GBP p75 12000000 2025");
    EXPECT_NE(result.err.find("2 row(s) left out by --where"), std::string::npos) << result.err;
}

TEST_F(ImportRecipe, ASavedRecipeReadsBackToTheSameImport) {
    const auto database = test::make_seeded_database(dir_);
    const auto csv = oews("national_M2023_dl.csv");
    const auto saved = dir_ / "oews-2023.json";
    const auto real = import(database, csv,
                             {"--recipe", "bls-oews-national", "--set", "as_of=2023-05", "--na",
                              "*", "--save-recipe", saved.string()});
    ASSERT_EQ(real.exit_code, 0) << real.err;
    EXPECT_NE(real.err.find("recipe written to " + saved.string()), std::string::npos) << real.err;
    EXPECT_EQ(scalar(database, "SELECT count(*) FROM salary_observations WHERE batch_id = 1"),
              "9588");
    const auto json = nlohmann::json::parse(test::read_bytes(saved));
    EXPECT_EQ(json.at("set").at("as_of"), "2023-05");
    EXPECT_EQ(json.at("set").at("country"), "US");
    EXPECT_EQ(json.at("columns").size(), 12U);
    EXPECT_EQ(json.at("columns").at("H_PCT90"), "p90/hour");
    EXPECT_EQ(json.at("na"), nlohmann::json::array({"*"}));
    EXPECT_EQ(json.at("top_codes").at(1),
              (nlohmann::json{{"text", "#"}, {"amount", "115"}, {"period", "hour"}}));
    EXPECT_EQ(json.at("where"), nlohmann::json::array({"O_GROUP=detailed"}));
    EXPECT_EQ(json.at("source"), "BLS OEWS national");
    EXPECT_TRUE(json.at("create_roles").get<bool>());
    // The saved recipe alone is the whole command line: the same import, so nothing changes.
    const auto again = import(database, csv, {"--recipe", saved.string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported with these settings as batch 1"), std::string::npos)
        << again.err;
    // With a dry run no recipe is written at all: a usage error, before anything is read.
    const auto dry = import(
        database, csv,
        {"--recipe", saved.string(), "--save-recipe", (dir_ / "dry.json").string(), "--dry-run"});
    EXPECT_EQ(dry.exit_code, 2) << dry.err;
    EXPECT_FALSE(test::fs::exists(dir_ / "dry.json"));
    // A failed run writes no recipe.
    const auto unsaved = dir_ / "never.json";
    const auto failed = import(database,
                               file("bad.csv", "role,country,currency,amount,as_of\n"
                                               "Data Scientist,US,USD,-5,2025\n"),
                               {"--save-recipe", unsaved.string()});
    EXPECT_EQ(failed.exit_code, 1) << failed.err;
    EXPECT_FALSE(test::fs::exists(unsaved));
}

TEST_F(ImportRecipe, TheBuiltInRecipesAreListed) {
    const auto listed = test::run_cli({"import", "recipes", "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const auto json = nlohmann::json::parse(listed.out);
    ASSERT_EQ(json.size(), 4U) << listed.out;
    std::vector<std::string> names;
    for (const auto& recipe : json) {
        names.push_back(recipe.at("name"));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"bls-oews-metro", "bls-oews-national",
                                               "bls-oews-state", "ds-salaries"}));
    EXPECT_NE(json.at(1).at("reads").get<std::string>().find("BLS OEWS national"),
              std::string::npos);
    const std::string options = json.at(1).at("options");
    for (const char* part : {"--map role=OCC_TITLE --map code=OCC_CODE", "--set country=US",
                             "--column A_MEAN=average/year", "--column H_PCT90=p90/hour",
                             "--top-code '#=239200/year' --top-code '#=115/hour'",
                             "--where O_GROUP=detailed", "--ignore-unknown --create-roles"}) {
        EXPECT_NE(options.find(part), std::string::npos) << part << " in " << options;
    }
    EXPECT_NE(json.at(3).at("options").get<std::string>().find("--map amount=salary"),
              std::string::npos);
    for (const char* part : {"--map area=AREA_TITLE --map area_code=AREA", "--set area_kind=metro",
                             "--create-areas"}) {
        EXPECT_NE(json.at(0).at("options").get<std::string>().find(part), std::string::npos)
            << part;
    }
    EXPECT_NE(json.at(2).at("options").get<std::string>().find("--map area_code=PRIM_STATE"),
              std::string::npos);
    const auto table = test::run_cli({"import", "recipes"});
    EXPECT_NE(table.out.find("ds-salaries"), std::string::npos) << table.out;
}

TEST_F(ImportRecipe, AnUnknownRecipeIsAUsageError) {
    const auto database = test::make_seeded_database(dir_);
    const std::string before = test::read_bytes(database);
    const auto result = import(database, oews("national_M2023_dl.csv"),
                               {"--recipe", "bls-oews", "--set", "as_of=2023-05"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "jobkb: --recipe: unknown recipe 'bls-oews' (expected bls-oews-metro, "
                          "bls-oews-national, bls-oews-state or ds-salaries, or a file: ./NAME or "
                          "NAME.json; 'jobkb import recipes' "
                          "lists them) (see 'jobkb import salaries --help')\n");
    const auto missing = import(database, oews("national_M2023_dl.csv"),
                                {"--recipe", (dir_ / "none.json").string()});
    EXPECT_EQ(missing.exit_code, 1) << missing.err;
    EXPECT_NE(missing.err.find("none.json"), std::string::npos) << missing.err;
    EXPECT_EQ(test::read_bytes(database), before);
}

} // namespace
} // namespace jobkb
