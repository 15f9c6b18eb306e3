// The checks of `jobkb import salaries`, through the real binary on real database files: a dry
// run writes no file, plausibility (the yearly range and the current figure of a key), --scale.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace jobkb {
namespace {

class ImportChecks : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    const test::Variables today_{{"JOBKB_TODAY", "2026-11-23"}};

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_binary(arguments, today_);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    test::CommandResult import(const test::fs::path& input, std::vector<std::string> options = {}) {
        std::vector<std::string> arguments = {"import", "salaries", input.string()};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return run(arguments);
    }

    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }

    std::vector<std::string> files_in_dir() const {
        std::vector<std::string> names;
        for (const auto& entry : test::fs::directory_iterator(dir_.path())) {
            names.push_back(entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }
};

const std::string kHeader = "role,country,currency,amount,period,statistic,as_of\n";

std::size_t line_count(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(ImportChecks, ADryRunWritesNoRejectsFileButSaysWhatItWouldWrite) {
    const auto input = file("in.csv", kHeader + "Data Scientist,US,USD,120000,,,2026-05\n"
                                                "Nobody At All,US,USD,120000,,,2026-05\n"
                                                "Data Scientist,GB,GBP,-5,,,2026-05\n");
    const auto before = files_in_dir();
    const auto rejects = dir_ / "rejects.csv";
    const auto dry = import(input, {"--skip-invalid", "--dry-run", "--rejects", rejects.string()});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_FALSE(test::fs::exists(rejects));
    EXPECT_EQ(files_in_dir(), before) << "no temporary file either";
    EXPECT_NE(dry.err.find("dry run: 2 rejected row(s) would be written to " + rejects.string()),
              std::string::npos)
        << dry.err;
    EXPECT_NE(dry.err.find("2 rejected"), std::string::npos) << dry.err;

    // An existing file is not touched by a dry run, even when rows are rejected.
    test::write_bytes(rejects, "keep me\n");
    const auto mtime = test::fs::last_write_time(rejects);
    ASSERT_EQ(
        import(input, {"--skip-invalid", "--dry-run", "--rejects", rejects.string()}).exit_code, 0);
    EXPECT_EQ(test::read_bytes(rejects), "keep me\n");
    EXPECT_EQ(test::fs::last_write_time(rejects), mtime);
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "0");

    // Without --skip-invalid the dry run refuses the file and still writes nothing.
    test::fs::remove(rejects);
    const auto refused = import(input, {"--dry-run", "--rejects", rejects.string()});
    EXPECT_EQ(refused.exit_code, 1) << refused.err;
    EXPECT_FALSE(test::fs::exists(rejects));
    EXPECT_NE(refused.err.find("would be written to " + rejects.string()), std::string::npos)
        << refused.err;

    // The real run writes what the dry run counted: a header and the two rejected rows.
    const auto real = import(input, {"--skip-invalid", "--rejects", rejects.string()});
    ASSERT_EQ(real.exit_code, 0) << real.err;
    EXPECT_EQ(line_count(test::read_bytes(rejects)), 3U) << test::read_bytes(rejects);
}

TEST_F(ImportChecks, SaveRecipeWithADryRunIsAUsageError) {
    const auto input = file("in.csv", kHeader + "Data Scientist,US,USD,120000,,,2026-05\n");
    const auto recipe = dir_ / "recipe.json";
    const std::string before = test::content_dump(path_);
    const auto result = import(input, {"--save-recipe", recipe.string(), "--dry-run"});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(line_count(result.err), 1U) << result.err;
    EXPECT_NE(result.err.find("--save-recipe: a dry run writes no file"), std::string::npos)
        << result.err;
    EXPECT_FALSE(test::fs::exists(recipe));
    EXPECT_EQ(test::content_dump(path_), before);
    const auto help = run({"import", "salaries", "--help"});
    EXPECT_NE(help.out.find("not with --dry-run"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("with --dry-run nothing is imported"), std::string::npos);
}

TEST_F(ImportChecks, AColumnInThousandsIsRefusedWithTheScaleHint) {
    const auto input = file("thousands.csv", kHeader + "Data Scientist,US,USD,128.50,,median,2026\n"
                                                       "NLP Engineer,US,USD,140,,median,2026\n");
    const std::string before = test::content_dump(path_);
    const auto refused = import(input);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find(input.string() +
                               ":2: amount: $128.50 a year is below the plausible least $1,000 a "
                               "year (expected 1,000 to 1,000,000,000,000 USD a year; is the "
                               "column in thousands? try --scale 1000)"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find(":3: amount: $140 a year is below"), std::string::npos)
        << refused.err;
    EXPECT_EQ(test::content_dump(path_), before);

    const auto scaled = import(input, {"--scale", "1000"});
    ASSERT_EQ(scaled.exit_code, 0) << scaled.err;
    EXPECT_EQ(scalar("SELECT group_concat(amount_minor, ' ') FROM (SELECT amount_minor FROM "
                     "salary_observations WHERE batch_id = 1 ORDER BY id)"),
              "12850000 14000000");
}

TEST_F(ImportChecks, TheRangeIsOfAYearOfEveryPeriod) {
    // 0.40 an hour is 832 a year; 80 a month is 960; 2 trillion a year is above.
    const auto input = file("periods.csv", kHeader + "Data Scientist,US,USD,0.40,hour,median,2026\n"
                                                     "Data Scientist,US,USD,80,month,median,2026\n"
                                                     "Data Scientist,US,USD,2000000000000,year,"
                                                     "median,2026\n"
                                                     "Data Scientist,US,USD,0.50,hour,p10,2026\n"
                                                     "Data Scientist,US,USD,84,month,p10,2026\n");
    const auto result = import(input, {"--skip-invalid"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find(":2: amount: $0.40 an hour ($832 a year) is below"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(":3: amount: $80 a month ($960 a year) is below"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(":4: amount: $2,000,000,000,000 a year is above the plausible most "
                              "$1,000,000,000,000 a year"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("pass --allow-outliers"), std::string::npos) << result.err;
    // 0.50 an hour is 1,040 a year and 84 a month 1,008: inside.
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1"), "2");
}

TEST_F(ImportChecks, AFigureFarFromTheCurrentOneOfItsKeyIsAnError) {
    // The seeded current average of Data Scientist in the US is $117,212.
    const auto input = file("far.csv", kHeader + "Data Scientist,US,USD,11000,,average,2026-05\n"
                                                 "Data Scientist,US,USD,1200000,,average,2026-06\n"
                                                 "Data Scientist,US,USD,12000,,median,2026-05\n"
                                                 "Data Scientist,US,USD,5000,,point,2026-05\n"
                                                 "Data Scientist,US,GBP,9000,,average,2026-05\n"
                                                 "Data Scientist,US,USD,12000,,average,2026-04\n");
    const std::string before = test::content_dump(path_);
    const auto refused = import(input);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find(input.string() +
                               ":2: amount: $11,000 is 1/11 of the current $117,212 (average a "
                               "year) (expected within 10 times of the current figure; if the "
                               "figure is right, pass --allow-outliers)"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find(":3: amount: $1,200,000 is 10 times the current $117,212"),
              std::string::npos)
        << refused.err;
    // Another statistic (no current median), an individual report, another currency, and a
    // figure within 10 times (117,212 / 12,000 is 9.8) are not compared or pass.
    for (const char* line : {":4:", ":5:", ":6:", ":7:"}) {
        EXPECT_EQ(refused.err.find(input.string() + line), std::string::npos)
            << line << " in " << refused.err;
    }
    EXPECT_NE(refused.err.find("2 of 6 row(s) are invalid"), std::string::npos) << refused.err;
    EXPECT_EQ(test::content_dump(path_), before);

    const auto allowed = import(input, {"--allow-outliers"});
    ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1"), "6");
}

TEST_F(ImportChecks, TheCurrentFigureIsThatOfTheSameDimensions) {
    // A senior figure has no current figure of its own key: the all-levels average ($117,212,
    // which 9,000 is 1/13 of) is another key's.
    const auto input = file("levels.csv", "role,country,currency,amount,statistic,as_of,level\n"
                                          "Data Scientist,US,USD,9000,average,2026-05,senior\n");
    const auto result = import(input);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1"), "1");
    // Compared with the senior figure now current: 9,000 to 95,000 is more than 10 times.
    const auto second = import(file("levels2.csv", "role,country,currency,amount,statistic,as_of,"
                                                   "level\n"
                                                   "Data Scientist,US,USD,95000,average,2026-06,"
                                                   "senior\n"),
                               {});
    EXPECT_EQ(second.exit_code, 1) << second.err;
    EXPECT_NE(second.err.find(":2: amount: $95,000 is 11 times the current $9,000"),
              std::string::npos)
        << second.err;
}

TEST_F(ImportChecks, WideColumnsAreCheckedAndScaledButTopCodesAreNot) {
    const auto input = file("wide.csv", "OCC_TITLE,A_MEDIAN,A_MEAN\n"
                                        "Data Scientist,108.02,#\n"
                                        "NLP Engineer,0.9,120.5\n");
    const std::vector<std::string> options = {
        "--map",      "role=OCC_TITLE",       "--set",    "country=US",
        "--set",      "currency=USD",         "--set",    "as_of=2023-05",
        "--column",   "A_MEDIAN=median/year", "--column", "A_MEAN=average/year",
        "--top-code", "#=239200/year",        "--source", "Wide"};
    const auto refused = import(input, options);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find(":2: A_MEDIAN: $108.02 a year is below"), std::string::npos)
        << refused.err;
    std::vector<std::string> scaled = options;
    scaled.insert(scaled.end(), {"--scale", "1000", "--skip-invalid"});
    const auto result = import(input, scaled);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // 0.9 thousand is 900 a year: below even scaled, so the row is rejected whole.
    EXPECT_NE(result.err.find(":3: A_MEDIAN: $900 a year is below"), std::string::npos)
        << result.err;
    EXPECT_EQ(scalar("SELECT group_concat(statistic || ' ' || amount_minor || ' ' || qualifier, "
                     "'; ') FROM (SELECT * FROM salary_observations WHERE batch_id = 1 ORDER BY "
                     "id)"),
              "median 10802000 exact; average 23920000 at_least");
}

TEST_F(ImportChecks, AnotherScaleIsAnotherImport) {
    const auto input = file("scaled.csv", kHeader + "Data Scientist,IN,INR,1500,,median,2026\n");
    ASSERT_EQ(import(input).exit_code, 0);
    const auto again = import(input);
    EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
    // 1,500,000 is 1000 times the figure the first import made current: allowed here.
    const auto scaled = import(input, {"--scale", "1000", "--allow-outliers"});
    ASSERT_EQ(scaled.exit_code, 0) << scaled.err;
    EXPECT_EQ(scaled.err.find("already imported"), std::string::npos) << scaled.err;
    EXPECT_EQ(scalar("SELECT amount_minor FROM salary_observations WHERE batch_id = 2"),
              "150000000");
}

TEST_F(ImportChecks, ScaleMustBeAPowerOfTen) {
    const auto input = file("in.csv", kHeader + "Data Scientist,US,USD,120,,,2026-05\n");
    for (const char* scale :
         {"7", "1", "0", "-10", "1e3", "100.0", "10000000000000000000", "abc"}) {
        const auto result = import(input, {"--scale", scale});
        EXPECT_EQ(result.exit_code, 2) << scale << ": " << result.err;
        EXPECT_NE(result.err.find("--scale"), std::string::npos) << result.err;
        EXPECT_EQ(line_count(result.err), 1U) << result.err;
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "0");
}

TEST_F(ImportChecks, RecipesHoldScaleAndAllowOutliers) {
    const auto recipe = file("thousands.json", R"({"map": {"amount": "pay"}, "scale": 1000,
"allow_outliers": true})");
    const auto input = file("pay.csv", "role,country,currency,pay,as_of\n"
                                       "Data Scientist,US,USD,9.5,2026-05\n");
    const auto saved = dir_ / "saved.json";
    const auto result =
        import(input, {"--recipe", recipe.string(), "--save-recipe", saved.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT amount_minor FROM salary_observations WHERE batch_id = 1"), "950000")
        << "9,500 is 1/12 of the current 117,212: allowed by the recipe";
    const auto json = nlohmann::json::parse(test::read_bytes(saved));
    EXPECT_EQ(json.at("scale"), 1000);
    EXPECT_EQ(json.at("allow_outliers"), true);

    for (const auto& [text, problem] : std::vector<std::pair<std::string, std::string>>{
             {"{\n\"scale\": 7\n}", ":2: scale: is 7, not a power of ten"},
             {"{\n\"scale\": \"1000\"\n}", ":2: scale: is \"1000\", not a power of ten"},
             {"{\n\"allow_outliers\": 1\n}", ":2: allow_outliers: is number"}}) {
        const auto bad = file("bad.json", text);
        const auto refused = import(input, {"--recipe", bad.string()});
        EXPECT_NE(refused.exit_code, 0) << text;
        EXPECT_NE(refused.err.find(bad.string() + problem), std::string::npos)
            << text << ": " << refused.err;
    }
}

TEST_F(ImportChecks, ThePreviewShowsQualifiersDimensionsAndEachCurrency) {
    const auto input =
        file("preview.csv", "role,country,currency,amount,statistic,as_of,level,qualifier\n"
                            "Machine Learning Engineer,GB,GBP,64000,average,2026-05,,\n"
                            "Data Scientist,US,USD,120000,average,2026-05,,\n"
                            "Data Scientist,US,GBP,95000,average,2026-05,,\n"
                            "NLP Engineer,US,USD,200000,median,2026-05,senior,at least\n");
    const auto dry = import(input, {"--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    const auto lines = test::lines_of(dry.out);
    const auto line_with = [&](const std::string& a, const std::string& b) {
        for (const auto& line : lines) {
            if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) {
                return line;
            }
        }
        return std::string();
    };
    EXPECT_NE(line_with("Machine Learning", "~ £62,126").find("£64,000"), std::string::npos)
        << "the seeded FAQ figure is approximate: " << dry.out;
    // Two currencies of one key are two rows: the later (GBP) becomes current.
    EXPECT_NE(line_with("Data Scientist", "£95,000").find("other currency"), std::string::npos)
        << dry.out;
    const std::string usd = line_with("Data Scientist", "$120,000");
    EXPECT_NE(usd.find("not current (another currency)"), std::string::npos) << dry.out;
    EXPECT_NE(usd.find("$117,212"), std::string::npos) << dry.out;
    const std::string senior = line_with("NLP Engineer", "senior");
    EXPECT_NE(senior.find("≥ $200,000"), std::string::npos) << dry.out;
    EXPECT_NE(lines.at(1).find("│ Dimensions │"), std::string::npos) << dry.out;
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "0");
}

TEST_F(ImportChecks, ThePreviewOfASupersedeSaysWhatStopsBeingCurrent) {
    const auto v1 = file("v1.csv", kHeader + "Big Data Engineer,IN,INR,2000000,,,2026-09\n"
                                             "NLP Engineer,IN,INR,900000,,,2026-09\n"
                                             "Quantum Engineer,IN,INR,1500000,,,2026-09\n");
    ASSERT_EQ(import(v1, {"--source", "Tracker", "--create-roles"}).exit_code, 0);
    const auto v2 = file("v2.csv", kHeader + "Big Data Engineer,IN,INR,1900000,,,2026-10\n");
    const auto dry = import(v2, {"--source", "Tracker", "--supersede", "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    const auto lines = test::lines_of(dry.out);
    ASSERT_EQ(lines.size(), 7U) << "a header and three rows in a box: " << dry.out;
    EXPECT_NE(dry.out.find("₹19,00,000"), std::string::npos) << dry.out;
    const auto row_of = [&](const std::string& role) {
        for (const auto& line : lines) {
            if (line.find(role) != std::string::npos) {
                return line;
            }
        }
        return std::string();
    };
    // NLP Engineer falls back to the seeded ₹8,50,000; Quantum Engineer has no figure left.
    EXPECT_NE(row_of("NLP Engineer").find("₹9,00,000"), std::string::npos) << dry.out;
    EXPECT_NE(row_of("NLP Engineer").find("₹8,50,000"), std::string::npos) << dry.out;
    EXPECT_NE(row_of("NLP Engineer").find("reverts"), std::string::npos) << dry.out;
    EXPECT_NE(row_of("Quantum Engineer").find("retired"), std::string::npos) << dry.out;
    EXPECT_NE(dry.err.find("1 key(s) of the superseded batch(es) would revert to an older figure, "
                           "1 would have no current figure left"),
              std::string::npos)
        << dry.err;
    // The real run does what the preview said.
    ASSERT_EQ(import(v2, {"--source", "Tracker", "--supersede"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'NLP Engineer' AND "
                     "country = 'IN'"),
              "85000000");
    EXPECT_EQ(scalar("SELECT count(*) FROM latest_salaries WHERE role = 'Quantum Engineer'"), "0");
}

TEST_F(ImportChecks, JsonPrintsTheReportAsOneObject) {
    const auto input = file("wide.csv", "OCC_TITLE,A_MEAN\nData Scientist,#\n");
    const auto result =
        import(input, {"--map", "role=OCC_TITLE", "--set", "country=US", "--set", "currency=USD",
                       "--set", "as_of=2026-05", "--column", "A_MEAN=average/year", "--top-code",
                       "#=239200/year", "--dry-run", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ASSERT_EQ(line_count(result.out), 1U) << result.out;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json.at("dry_run"), true);
    EXPECT_EQ(json.at("committed"), false);
    EXPECT_EQ(json.at("rows_read"), 1);
    EXPECT_EQ(json.at("rows_inserted"), 1);
    EXPECT_EQ(json.at("change_count"), 1);
    const auto& change = json.at("changes").at(0);
    EXPECT_EQ(change.at("role"), "Data Scientist");
    EXPECT_EQ(change.at("kind"), "current");
    EXPECT_EQ(change.at("new"),
              (nlohmann::json{
                  {"amount_minor", 23920000}, {"currency", "USD"}, {"qualifier", "at_least"}}));
    EXPECT_EQ(change.at("current").at("amount_minor"), 11721200);

    // A refused import prints its errors in the object too, and exits 1.
    const auto bad = file("bad.csv", kHeader + "Data Scientist,US,USD,128.50,,median,2026\n");
    const auto refused = import(bad, {"--json"});
    EXPECT_EQ(refused.exit_code, 1);
    const auto errors = nlohmann::json::parse(refused.out).at("errors");
    ASSERT_EQ(errors.size(), 1U) << refused.out;
    EXPECT_NE(errors.at(0).get<std::string>().find("try --scale 1000"), std::string::npos);
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "0");
}

TEST_F(ImportChecks, ARangeIsAMinimumAndAMaximum) {
    const auto input =
        file("ranges.csv", kHeader + "Data Scientist,US,USD,$53K-$91K,,,2026-05\n"
                                     "NLP Engineer,US,USD,\"53,000 - 91,000\",,,2026-05\n"
                                     "MLOps Engineer,IN,INR,10-12 LPA,,,2026-05\n"
                                     "Big Data Engineer,US,USD,60k–75k,,,2026-05\n");
    const auto result = import(input);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT group_concat(statistic || ' ' || amount_minor, '; ') FROM (SELECT * "
                     "FROM salary_observations WHERE batch_id = 1 ORDER BY id)"),
              "minimum 5300000; maximum 9100000; minimum 5300000; maximum 9100000; "
              "minimum 100000000; maximum 120000000; minimum 6000000; maximum 7500000");
    // Four rows are eight figures: the summary says figures, and a note says why.
    EXPECT_NE(result.err.find("4 row(s) read, 8 figure(s) inserted"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("4 amount(s) were ranges, each stored as two figures (a minimum "
                              "and a maximum)"),
              std::string::npos)
        << result.err;
}

TEST_F(ImportChecks, TheJsonReportCountsRangesBesideRejectedRows) {
    const auto input =
        file("ranges-and-a-bad-row.csv", kHeader + "Data Scientist,US,USD,$53K-$91K,,,2026-05\n"
                                                   "Data Scientist,US,USD,a lot,,,2026-05\n"
                                                   "MLOps Engineer,IN,INR,14 LPA,,,2026-05\n");
    const auto result = import(input, {"--skip-invalid", "--dry-run", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json.at("rows_read"), 3);
    EXPECT_EQ(json.at("rows_rejected"), 1);
    EXPECT_EQ(json.at("ranges"), 1);
    EXPECT_EQ(json.at("rows_inserted"), 3) << "a range is two figures, 14 LPA one";
}

TEST_F(ImportChecks, ABadRangeIsAOneLineError) {
    const auto input =
        file("bad-ranges.csv", kHeader + "Data Scientist,US,USD,$91K-$53K,,,2026-05\n"
                                         "Data Scientist,US,USD,53K-91K,,median,2026-05\n"
                                         "Data Scientist,IN,INR,10-12 LPA,month,,2026-05\n"
                                         "Data Scientist,US,USD,53K-lots,,,2026-05\n");
    const std::string before = test::content_dump(path_);
    const auto result = import(input);
    EXPECT_EQ(result.exit_code, 1);
    for (const std::string expected :
         {":2: amount: '$91K-$53K': the low end $91,000 is above the high end $53,000 (expected "
          "LOW-HIGH, the low end first)",
          ":3: amount: '53K-91K' is a range (a minimum and a maximum), but the statistic is "
          "'median' (expected one amount, or a range without a statistic)",
          ":4: amount: '10 LPA' is per year, but the period is month",
          ":5: amount: '53K-lots' is not a number"}) {
        EXPECT_NE(result.err.find(input.string() + expected), std::string::npos)
            << expected << " in " << result.err;
    }
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(ImportChecks, AWideCellMayHoldARange) {
    const auto input = file("wide-range.csv", "TITLE,PAY\nData Scientist,$90K-$140K\n");
    const auto result =
        import(input, {"--map", "role=TITLE", "--set", "country=US", "--set", "currency=USD",
                       "--set", "as_of=2026-05", "--column", "PAY=average/year"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT group_concat(statistic || ' ' || amount_minor, '; ') FROM (SELECT * "
                     "FROM salary_observations WHERE batch_id = 1 ORDER BY id)"),
              "minimum 9000000; maximum 14000000");
}

} // namespace
} // namespace jobkb
