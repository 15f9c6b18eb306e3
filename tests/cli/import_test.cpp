// `jobkb import salaries` and friends, through the CLI on real database files.
#include "cli/app.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace jobkb {
namespace {

using Json = nlohmann::json;

class Import : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    const test::Variables today_{{"JOBKB_TODAY", "2026-11-23"}};

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, today_);
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
};

const std::string kHeader = "role,country,currency,amount,period,statistic,as_of,source,note\n";

TEST_F(Import, ANewerFigureBecomesCurrentAndTheOldOneStaysAsHistory) {
    const auto input = file("2026-q4.csv", "Role , COUNTRY,Currency,amount,as_of\r\n"
                                           "MLOps Engineer,IN,INR,14 LPA,2026-10\r\n");
    const auto result = import(input);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("1 row(s) read, 1 inserted, 0 unchanged, 0 rejected (batch 1)"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("+5.2%"), std::string::npos) << "the change report: " << result.err;
    EXPECT_NE(run({"roles", "--country", "IN"}).out.find("₹14,00,000"), std::string::npos);
    EXPECT_NE(run({"role", "MLOps Engineer"}).out.find("₹14,00,000"), std::string::npos);
    const auto history = Json::parse(
        run({"salaries", "--role", "MLOps Engineer", "--country", "IN", "--history", "--json"})
            .out);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].at("amount").at("amount_minor"), 133053900);
    EXPECT_EQ(history[1].at("amount").at("amount_minor"), 140000000);
    EXPECT_EQ(run({"check"}).out, "ok\n");
}

TEST_F(Import, EveryFormatAndAmountForm) {
    const std::map<std::string, std::string> files = {
        {"a.csv", "\xEF\xBB\xBF\n\n" + kHeader +
                      "Data Scientist,IN,INR,\"10,50,000\",year,median,2026-06,Survey,\"a, b\"\n"
                      "Data Scientist,IN,INR,10.5 lakh,,p75,2026,,\n"
                      "Data Scientist,IN,INR,1.2 crore,,maximum,2026,,\n"
                      "Data Scientist,US,USD,150k,,p25,2026,,\n"
                      "Data Scientist,US,USD,\"$1,27,564\",,minimum,2026,,\n"
                      "Data Scientist,US,USD,45.50,hour,average,2026-01-15,,\n"},
        {"b.tsv", "role\tcountry\tcurrency\tamount\tas_of\nNLP Engineer\tGB\tGBP\t£55,000\t2026\n"},
        {"c.json", "[{\"role\": \"nlp engineers\", \"country\": \"gb\", \"currency\": \"gbp\", "
                   "\"amount\": 56000.5, \"as_of\": \"2026-02\", \"note\": null}]"},
        {"d.ndjson", "{\"role\": \"NLP Engineer\", \"country\": \"United Kingdom\", \"currency\": "
                     "\"GBP\", \"amount\": \"57,000\", \"as_of\": 2026}\n"},
    };
    for (const auto& [name, content] : files) {
        const auto result = import(file(name, content));
        EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
    }
    const auto amounts = test::query(
        path_,
        "SELECT amount_minor FROM salary_observations WHERE batch_id IS NOT NULL ORDER BY id");
    std::vector<std::string> got;
    for (const auto& row : amounts) {
        got.push_back(row[0]);
    }
    EXPECT_EQ(got, (std::vector<std::string>{"105000000", "105000000", "1200000000", "15000000",
                                             "12756400", "4550", "5500000", "5600050", "5700000"}));
    EXPECT_EQ(scalar("SELECT note FROM salary_observations WHERE amount_minor = 105000000 AND "
                     "statistic = 'median'"),
              "a, b");
    EXPECT_EQ(scalar("SELECT count(*) FROM sources WHERE title = 'Survey'"), "1");
}

TEST_F(Import, ReportsEveryKindOfBadRowAsFileLineField) {
    const auto input =
        file("bad.csv",
             kHeader + "Data Scientist,IN,INR,1000000,year,average,2026-01-01,,\n" // fine
                       "Data Scientis,IN,INR,1000000,year,average,2026,,\n"        // 3: role
                       "Data Scientist,XX,INR,1000000,year,average,2026,,\n"       // 4: country
                       "Data Scientist,IN,ABC,1000000,year,average,2026,,\n"       // 5: currency
                       "Data Scientist,IN,INR,\"1,5\",year,average,2026,,\n"       // 6: amount
                       "Data Scientist,IN,INR,£100,year,average,2026,,\n"          // 7: sign
                       "Data Scientist,IN,INR,-5,year,average,2026,,\n"            // 8: negative
                       "Data Scientist,IN,INR,100,week,average,2026,,\n"           // 9: period
                       "Data Scientist,IN,INR,100,year,mode,2026,,\n"              // 10: statistic
                       "Data Scientist,IN,INR,100,year,average,2026-02-30,,\n" // 11: no such day
                       "Data Scientist,IN,INR,100,year,average,2027,,\n"       // 12: future
                       "Data Scientist,IN,INR,100,year,average,,,\n"           // 13: empty as_of
                       "Data Scientist,IN,INR,100,year\n"                      // 14: ragged
                       "Data Scientist,IN,INR,12 LPA,month,average,2026,,\n"); // 15: LPA per month
    const std::string before = test::read_bytes(path_);
    const auto result = import(input, {"--max-errors", "50"});
    EXPECT_EQ(result.exit_code, 1);
    const std::string name = input.string();
    for (const std::string& expected :
         {name + ":3: role: unknown role 'Data Scientis': did you mean Data Scientist?",
          name + ":4: country: unknown country 'XX'",
          name + ":5: currency: unknown currency 'ABC' (expected an ISO 4217 code",
          name + ":6: amount: '1,5' has irregular digit groups",
          name + ":7: amount: '£100' has the sign £, which does not agree with the currency INR",
          name + ":8: amount: '-5' is negative",
          name + ":9: period: unknown period 'week' (expected year, month or hour)",
          name + ":10: statistic: unknown statistic 'mode'",
          name + ":11: as_of: '2026-02-30' is no such day",
          name + ":12: as_of: '2027' is in the future (expected a date up to 2026-11-23)",
          name + ":13: as_of: is empty (expected a value)",
          name + ":14: row: has 5 fields, the header has 9",
          name + ":15: amount: '12 LPA' is per year, but the period is month",
          std::string("nothing imported: 13 of 14 row(s) are invalid")}) {
        EXPECT_NE(result.err.find(expected), std::string::npos) << expected << "\n" << result.err;
    }
    EXPECT_EQ(test::read_bytes(path_), before) << "one bad row means nothing is written";
}

TEST_F(Import, HeaderProblemsAndMaxErrors) {
    auto result =
        import(file("h.csv", "role,country,currency,value,as_of,colour\nx,IN,INR,1,2026,red\n"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("h.csv:1: header: unknown column 'value'"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("unknown column 'colour'"), std::string::npos);
    EXPECT_NE(result.err.find("missing required column 'amount'"), std::string::npos);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << "reported once";
    result = import(file("h2.csv", "role,country,currency,value,as_of,colour\n"
                                   "Data Scientist,IN,INR,1000000,2026,red\n"),
                    {"--map", "amount=value", "--ignore-unknown"});
    EXPECT_EQ(result.exit_code, 0) << result.err;

    std::string many = kHeader; // distinct names: each is a problem (names_test.cpp: repeated)
    for (int i = 0; i < 30; ++i) {
        many += "Nobody " + std::to_string(i) + ",IN,INR,1,year,average,2026,,\n";
    }
    result = import(file("many.csv", many), {"--max-errors", "5"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 7) << result.err;
    EXPECT_NE(result.err.find("stopped at --max-errors"), std::string::npos);
    result = import(file("empty.csv", kHeader));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("has no records"), std::string::npos) << result.err;
}

TEST_F(Import, AnUnknownColumnsHintIsAnOptionToPaste) {
    const auto input = file("as-of.csv", "role,country,currency,amount, As Of \n"
                                         "Data Scientist,IN,INR,1100000,2026-03\n");
    auto result = import(input);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(
        result.err.find(input.string() +
                        ":1: header: unknown column ' As Of ' (expected one of role, "
                        "country, currency, amount, period, statistic, as_of, source, note, "
                        "qualifier, level, employment, work_setting, company_size, area, code, "
                        "area_code, area_kind; "
                        "map it with --map 'as_of=As Of' or pass --ignore-unknown); "
                        "missing required column 'as_of' (expected the columns role, "
                        "country, currency, amount, as_of; map another column with --map "
                        "as_of=COLUMN or give a value with --set as_of=VALUE)\n"),
        std::string::npos)
        << result.err;
    // What the shell makes of the pasted 'as_of=As Of'.
    result = import(input, {"--map", "as_of=As Of"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT as_of FROM salary_observations WHERE batch_id = 1"), "2026-03");
}

TEST_F(Import, ABadLastRowLeavesTheFileByteForByteUnchanged) {
    std::string rows = kHeader;
    for (int i = 0; i < 2000; ++i) {
        rows += "Data Scientist,IN,INR," + std::to_string(1000000 + i) + ",year,point,2026,,\n";
    }
    rows += "Data Scientist,IN,INR,not money,year,point,2026,,\n";
    const std::string before = test::read_bytes(path_);
    const auto result = import(file("big.csv", rows));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("big.csv:2002: amount"), std::string::npos) << result.err;
    EXPECT_EQ(test::read_bytes(path_), before);
}

TEST_F(Import, SkipInvalidImportsTheRestAndWritesRejects) {
    const auto input = file("mixed.csv", kHeader + "Data Scientist,IN,INR,1000000,,,2026,,\n"
                                                   "Nobody,IN,INR,1000000,,,2026,,\n"
                                                   "Data Scientist,IN,INR,oops,,,2026,,\n");
    const auto rejects = dir_ / "rejects.csv";
    const auto result = import(input, {"--skip-invalid", "--rejects", rejects.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("3 row(s) read, 1 inserted, 0 unchanged, 2 rejected"),
              std::string::npos)
        << result.err;
    const auto lines = test::lines_of(test::read_bytes(rejects));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "line,reason,role,country,currency,amount,period,statistic,as_of,source,"
                        "note\r");
    EXPECT_EQ(lines[1].rfind("3,\"role: unknown role 'Nobody'", 0), 0u) << lines[1];
    EXPECT_NE(lines[2].find(",Data Scientist,IN,INR,oops,"), std::string::npos) << lines[2];
}

TEST_F(Import, DryRunReportsAndWritesNothing) {
    const auto input = file("q.csv", kHeader + "Big Data Engineer,US,USD,160000,,,2026-09,,\n");
    const std::string before = test::read_bytes(path_);
    const auto result = import(input, {"--dry-run"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("$148,216"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("$160,000"), std::string::npos);
    EXPECT_NE(result.out.find("+8.0%"), std::string::npos);
    EXPECT_NE(result.err.find("dry run, nothing written"), std::string::npos);
    EXPECT_EQ(test::read_bytes(path_), before);
}

TEST_F(Import, ImportingTheSameFileAgainChangesNothing) {
    const auto input = file("same.csv", kHeader + "Data Scientist,IN,INR,1100000,,,2026-08,,\n");
    ASSERT_EQ(import(input).exit_code, 0);
    const std::string dump = test::content_dump(path_);
    const auto again = import(input);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported with these settings as batch 1"), std::string::npos)
        << again.err;
    EXPECT_EQ(test::content_dump(path_), dump);
    // Other settings make another import: another note alone leaves the same figure (unchanged),
    // another statistic is another figure.
    const auto noted = import(input, {"--set", "note=again"});
    EXPECT_EQ(noted.exit_code, 0) << noted.err;
    EXPECT_NE(noted.err.find("nothing changed"), std::string::npos) << noted.err;
    EXPECT_EQ(import(input, {"--set", "statistic=median"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "2");
}

TEST_F(Import, SupersedeAndUndo) {
    const auto first =
        file("snapshot-1.csv", kHeader + "Data Scientist,IN,INR,1100000,,,2026-07,,\n"
                                         "NLP Engineer,IN,INR,900000,,,2026-07,,\n");
    const auto second =
        file("snapshot-2.csv", kHeader + "Data Scientist,IN,INR,1050000,,,2026-06,,\n");
    ASSERT_EQ(import(first, {"--source", "Salary Survey"}).exit_code, 0);
    auto result = import(second, {"--source", "Salary Survey", "--supersede"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("batch 1 is superseded"), std::string::npos) << result.err;
    // The revised snapshot counts, although its date is older; the superseded rows are history.
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'Data Scientist' AND "
                     "country = 'IN' AND statistic = 'average'"),
              "105000000");
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'NLP Engineer' AND "
                     "country = 'IN'"),
              "85000000");
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1"), "2");
    EXPECT_EQ(run({"check"}).out, "ok\n");
    EXPECT_NE(run({"imports"}).out.find("superseded by 2"), std::string::npos);

    result = run({"imports", "undo", "2"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("1 observation(s) removed"), std::string::npos);
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'Data Scientist' AND "
                     "country = 'IN' AND statistic = 'average'"),
              "110000000")
        << "undoing the successor makes the superseded batch current again";
    EXPECT_EQ(run({"check"}).out, "ok\n");
    EXPECT_EQ(run({"imports", "undo", "2"}).exit_code, 1);
    EXPECT_EQ(run({"imports", "undo", "9"}).exit_code, 1);
    result = run({"imports", "undo", "1"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'Data Scientist' AND "
                     "country = 'IN' AND statistic = 'average'"),
              "100000000")
        << "with both undone, the article's figure is current again";
    EXPECT_EQ(run({"check"}).out, "ok\n");
}

TEST_F(Import, UnknownRolesAliasesAndCreateRoles) {
    const auto input = file("titles.csv", kHeader + "ML Engineer,US,USD,170000,,,2026,,\n");
    auto result = import(input);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("unknown role 'ML Engineer'"), std::string::npos) << result.err;
    ASSERT_EQ(run({"alias", "add", "Machine Learning Engineer", "ML Engineer"}).exit_code, 0);
    EXPECT_EQ(import(input).exit_code, 0);
    EXPECT_NE(run({"alias", "list", "machine learning engineer"}).out.find("ML Engineer"),
              std::string::npos);
    EXPECT_EQ(run({"alias", "add", "Data Scientist", "ML Engineer"}).exit_code, 1);
    EXPECT_EQ(run({"alias", "add", "Data Scientist", "NLP Engineer"}).exit_code, 1);
    EXPECT_EQ(run({"alias", "remove", "ML Engineer"}).exit_code, 0);
    EXPECT_EQ(run({"alias", "remove", "ML Engineer"}).exit_code, 1);

    result = import(file("new-title.csv", kHeader + "Prompt Engineer,US,USD,150000,,,2026,,\n"),
                    {"--create-roles"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("created role Prompt Engineer"), std::string::npos);
    EXPECT_EQ(scalar("SELECT slug FROM roles WHERE name = 'Prompt Engineer'"), "prompt-engineer");
}

TEST_F(Import, ThePublicDataSetImportsWithAMapping) {
    const auto data = test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv";
    const auto result = import(
        data, {"--map", "role=job_title", "--map", "country=employee_residence", "--map",
               "currency=salary_currency", "--map", "amount=salary", "--map", "as_of=work_year",
               "--set", "statistic=point", "--ignore-unknown", "--create-roles"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("607 row(s) read, 607 inserted, 0 unchanged, 0 rejected"),
              std::string::npos)
        << result.err;
    std::map<std::string, std::string> per_currency;
    for (const auto& row :
         test::query(path_, "SELECT currency_code, count(*) FROM "
                            "salary_observations WHERE batch_id = 1 GROUP BY 1")) {
        per_currency[row[0]] = row[1];
    }
    const std::map<std::string, std::string> expected = {
        {"USD", "398"}, {"EUR", "95"}, {"GBP", "44"}, {"INR", "27"}, {"CAD", "18"}, {"TRY", "3"},
        {"PLN", "3"},   {"JPY", "3"},  {"SGD", "2"},  {"MXN", "2"},  {"HUF", "2"},  {"DKK", "2"},
        {"CNY", "2"},   {"BRL", "2"},  {"AUD", "2"},  {"CLP", "1"},  {"CHF", "1"}};
    EXPECT_EQ(per_currency, expected);
    // Individual reports are summarised next to the published average.
    const auto reports = Json::parse(run({"salaries", "--reports", "--role",
                                          "Machine Learning Engineer", "--country", "IN", "--json"})
                                         .out);
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports[0].at("published_average").at("amount_minor"), 108806000);
    // Reports are not "latest" figures.
    EXPECT_EQ(run({"salaries", "--country", "DE", "--json"}).out, "[]\n");
}

TEST_F(Import, ExportThenImportIntoAFreshBaseRoundTripsEveryObservation) {
    ASSERT_EQ(import(file("extra.csv", kHeader + "Data Scientist,IN,INR,1100000.50,month,median,"
                                                 "2026-08,Survey,\"quoted, note\"\n"))
                  .exit_code,
              0);
    const std::string observations =
        "SELECT r.name, o.country_code, o.currency_code, o.amount_minor, o.period, o.statistic, "
        "o.as_of, s.title, coalesce(o.note, '') FROM salary_observations o JOIN roles r ON r.id = "
        "o.role_id JOIN sources s ON s.id = o.source_id ORDER BY o.id";
    for (const char* format : {"csv", "tsv", "json", "nl"}) {
        const auto exported = dir_ / (std::string("export.") + format);
        ASSERT_EQ(
            run({"export", "salaries", "--format", format, "-o", exported.string()}).exit_code, 0);
        const auto fresh = dir_ / (std::string("fresh-") + format + ".db");
        ASSERT_EQ(test::run_cli({"--db", fresh.string(), "init", "--no-seed"}).exit_code, 0);
        const auto result = test::run_cli(
            {"--db", fresh.string(), "import", "salaries", exported.string(), "--input-format",
             std::string(format) == "nl" ? "ndjson" : format, "--create-roles"},
            today_);
        ASSERT_EQ(result.exit_code, 0) << format << ": " << result.err;
        EXPECT_EQ(test::query(fresh, observations), test::query(path_, observations)) << format;
    }
}

TEST_F(Import, OutputFilesNeverOverwriteTheDatabaseOrTheInput) {
    const auto input = file("in.csv", kHeader + "Nobody,IN,INR,1,,,2026,,\n");
    const std::string database_before = test::read_bytes(path_);
    const std::string input_before = test::read_bytes(input);
    for (const auto& target : {path_, input}) {
        const auto result =
            import(input, {"--skip-invalid", "--dry-run", "--rejects", target.string()});
        EXPECT_NE(result.exit_code, 0);
        EXPECT_NE(result.err.find("is the file this command reads or writes"), std::string::npos)
            << result.err;
    }
    const auto result = run({"export", "salaries", "-o", path_.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(test::read_bytes(path_), database_before);
    EXPECT_EQ(test::read_bytes(input), input_before);
    // A failed import leaves no half-written rejects file behind either.
    const auto broken = file("broken.json", "[{\"role\": \"x\"");
    import(broken, {"--rejects", (dir_ / "r.csv").string()});
    EXPECT_FALSE(test::fs::exists(dir_ / "r.csv"));
}

TEST_F(Import, UndoingTheMiddleOfASupersedeChainKeepsTheOldestSuperseded) {
    const auto a = file("a.csv", kHeader + "Data Scientist,GB,GBP,50000,,,2026-01,,\n");
    const auto b = file("b.csv", kHeader + "Data Scientist,IN,INR,1100000,,,2026-02,,\n");
    const auto c = file("c.csv", kHeader + "Data Scientist,IN,INR,1200000,,,2026-03,,\n");
    ASSERT_EQ(import(a, {"--source", "Survey"}).exit_code, 0);
    ASSERT_EQ(import(b, {"--source", "survey", "--supersede"}).exit_code, 0);
    ASSERT_EQ(import(c, {"--source", "SURVEY", "--supersede"}).exit_code, 0);
    ASSERT_EQ(run({"imports", "undo", "2"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT superseded_by FROM import_batches WHERE id = 1"), "3");
    EXPECT_EQ(scalar("SELECT count(*) FROM latest_salaries WHERE country = 'GB' AND role = "
                     "'Data Scientist'"),
              "0")
        << "batch 1 stays superseded by batch 3";
    EXPECT_EQ(run({"check"}).out, "ok\n");
    ASSERT_EQ(run({"imports", "undo", "3"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE country = 'GB' AND role = "
                     "'Data Scientist'"),
              "5000000");
    EXPECT_EQ(run({"check"}).out, "ok\n");
}

TEST_F(Import, ADryRunWithSupersedeShowsTheRevisedFigure) {
    ASSERT_EQ(import(file("v1.csv", kHeader + "Big Data Engineer,IN,INR,2000000,,,2026-09,,\n"),
                     {"--source", "Tracker"})
                  .exit_code,
              0);
    const auto result =
        import(file("v2.csv", kHeader + "Big Data Engineer,IN,INR,1900000,,,2026-08,,\n"),
               {"--source", "Tracker", "--supersede", "--dry-run"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("₹20,00,000"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("₹19,00,000"), std::string::npos);
    EXPECT_NE(result.out.find("-5.0%"), std::string::npos);
    EXPECT_NE(result.err.find("batch 1 would be superseded"), std::string::npos) << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches WHERE superseded_by IS NOT NULL"), "0");
}

TEST_F(Import, TheSameFileIsRecognisedHoweverItsPathIsSpelled) {
    const auto input = file("spelled.csv", kHeader + "Data Scientist,IN,INR,1150000,,,2026-05,,\n");
    ASSERT_EQ(import(input).exit_code, 0);
    const auto again = import(input.parent_path() / "." / "spelled.csv", {"--map", "role=role"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
}

TEST_F(Import, APartlyRejectedFileSaysHowToImportItAgain) {
    const auto input = file("partly.csv", kHeader + "Data Scientist,IN,INR,1150000,,,2026-05,,\n"
                                                    "ML Engineer,IN,INR,1150000,,,2026-05,,\n");
    ASSERT_EQ(import(input, {"--skip-invalid"}).exit_code, 0);
    const auto again = import(input, {"--skip-invalid"});
    EXPECT_NE(again.err.find("rejected 1 row(s): to import the file again, undo it first "
                             "(jobkb imports undo 1)"),
              std::string::npos)
        << again.err;
}

TEST_F(Import, RefusesControlCharactersAndGuessedThousands) {
    auto result = import(file("ctl.json", "[{\"role\": \"Data Scientist\", \"country\": \"IN\", "
                                          "\"currency\": \"INR\", \"amount\": 1000000, "
                                          "\"as_of\": \"2026\", \"note\": \"a\\u0000b\"}]"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(":1: note: holds a NUL or another control character"),
              std::string::npos)
        << result.err;
    result = import(file("eu.csv", kHeader + "Data Scientist,US,USD,150.000,,,2026,,\n"));
    EXPECT_NE(result.err.find("'150.000' has more decimals than USD has"), std::string::npos)
        << result.err;
    result = import(file("nl.csv", kHeader + "\"Data\nScientist\",US,USD,1,,,2026,,\n"));
    EXPECT_NE(result.err.find("unknown role 'Data\\nScientist'"), std::string::npos)
        << "a value's line break stays escaped in the one-line message: " << result.err;
}

TEST_F(Import, ReportsOfDifferentPeriodsAreSummarisedApart) {
    ASSERT_EQ(
        import(file("points.csv", kHeader + "Data Scientist,US,USD,50,hour,point,2026,,\n"
                                            "Data Scientist,US,USD,9000,month,point,2026,,\n"
                                            "Data Scientist,US,USD,100000,year,point,2026,,\n"))
            .exit_code,
        0);
    const auto reports = Json::parse(run({"salaries", "--reports", "--json"}).out);
    ASSERT_EQ(reports.size(), 3u);
    for (const auto& row : reports) {
        EXPECT_EQ(row.at("reports"), 1) << row.dump();
    }
}

TEST_F(Import, IdenticalRowsAreSeparateReports) {
    const std::string row = "Data Scientist,US,USD,120000,year,point,2026,,\n";
    const auto result = import(file("twins.csv", kHeader + row + row));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE batch_id = 1"), "2");
}

TEST_F(Import, ShowsProgressOnATerminalUnlessQuiet) {
    const auto input = file("p.csv", kHeader + "Data Scientist,US,USD,120000,,,2026,,\n");
    for (const bool quiet : {false, true}) {
        std::ostringstream out;
        std::ostringstream err;
        cli::Environment environment;
        environment.variables = today_;
        environment.stderr_is_terminal = true;
        std::vector<std::string> arguments = {"--db",
                                              path_.string(),
                                              "import",
                                              "salaries",
                                              input.string(),
                                              "--set",
                                              quiet ? "note=quiet" : "note=loud"};
        if (quiet) {
            arguments.push_back("--quiet");
        }
        EXPECT_EQ(cli::run(arguments, out, err, environment), 0) << err.str();
        EXPECT_EQ(err.str().find("100%") != std::string::npos, !quiet) << err.str();
    }
}

TEST_F(Import, ReadsStandardInput) {
    const auto result = test::run_cli_with_input(
        {"--db", path_.string(), "import", "salaries", "-", "--input-format", "ndjson"},
        "{\"role\": \"Data Scientist\", \"country\": \"IN\", \"currency\": \"INR\", \"amount\": "
        "\"11 LPA\", \"as_of\": \"2026-09\"}\n",
        today_);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT file_name FROM import_batches"), "-");
}

} // namespace
} // namespace jobkb
