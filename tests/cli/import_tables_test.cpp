// `jobkb import salaries` on tables as they are published: wide rows (--column), placeholder cells
// (--na), top codes (--top-code, stored as "at least" figures), row filters (--where) and roles by
// occupation code (--map code=...), on the real BLS OEWS national file and on small files, through
// the CLI on real database files.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

class ImportTables : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    const test::Variables today_{{"JOBKB_TODAY", "2026-11-23"}};

    test::CommandResult import(const test::fs::path& input, std::vector<std::string> options = {}) {
        std::vector<std::string> arguments = {"--db",     path_.string(), "import",
                                              "salaries", input.string(), "--quiet"};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return test::run_cli(arguments, today_);
    }

    test::CommandResult cli(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, today_);
    }

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }

    const test::fs::path national_ =
        test::source_dir() / "tests" / "data" / "oews" / "national_M2023_dl.csv";
};

TEST_F(ImportTables, TheBlsNationalTableImportsInOneCommand) {
    const auto result = import(national_, test::bls_oews_national_options());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // Counted from the file with Python's csv module: 831 detailed rows of 1,403; of their 9,972
    // wage cells 384 are "*" and 156 are "#".
    EXPECT_EQ(scalar("SELECT count(*) || ' ' || count(DISTINCT batch_id) FROM salary_observations "
                     "WHERE batch_id IS NOT NULL"),
              "9588 1");
    EXPECT_EQ(scalar("SELECT rows_read || ' ' || rows_inserted || ' ' || rows_rejected FROM "
                     "import_batches"),
              "1403 9588 0");
    EXPECT_NE(result.err.find("572 row(s) left out by --where"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("placeholder cells skipped (--na): A_MEAN 5, A_MEDIAN 5,"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("H_PCT90 59"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("156 figure(s) stored as bounds"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("1403 row(s) read, 9588 figure(s) inserted"), std::string::npos)
        << result.err;
    // "#" is "at least" the top code of its period; nothing else is a bound.
    EXPECT_EQ(scalar("SELECT group_concat(n, ' ') FROM (SELECT period || '=' || amount_minor || "
                     "'x' || count(*) AS n FROM salary_observations WHERE qualifier = 'at_least' "
                     "GROUP BY period, amount_minor ORDER BY period)"),
              "hour=11500x75 year=23920000x81");
    // 15-2051 Data Scientists lands on the seeded Data Scientist (15-2051.00).
    const auto role = cli({"role", "Data Scientist"});
    ASSERT_EQ(role.exit_code, 0) << role.err;
    bool shown = false;
    for (const std::string& line : test::lines_of(role.out)) {
        shown = shown || (line.find(" median ") != std::string::npos &&
                          line.find(" year ") != std::string::npos &&
                          line.find("$108,020") != std::string::npos &&
                          line.find("BLS OEWS May 2023") != std::string::npos);
    }
    EXPECT_TRUE(shown) << "the US median a year, $108,020, from BLS:\n" << role.out;
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations o JOIN roles r ON r.id = o.role_id "
                     "WHERE r.name = 'Data Scientist' AND o.batch_id = 1"),
              "12");
    // Anesthesiologists' median is a bound: every output says so.
    const auto table = cli({"salaries", "--role", "Anesthesiologists"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("≥ $239,200"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("≥ $115 "), std::string::npos) << "115.00 an hour:\n" << table.out;
    const auto json = cli({"salaries", "--role", "Anesthesiologists", "--json"});
    EXPECT_NE(json.out.find("\"qualifier\": \"at_least\""), std::string::npos) << json.out;
    // A created role has the file's code: found by it, and 831 rows made 831 roles' figures.
    EXPECT_EQ(scalar("SELECT r.name FROM role_codes c JOIN roles r ON r.id = c.role_id WHERE "
                     "c.code = '29-1211' AND c.scheme = 'soc-2018'"),
              "Anesthesiologists");
    EXPECT_EQ(scalar("SELECT count(DISTINCT role_id) FROM salary_observations WHERE batch_id = 1"),
              "831");
    // The same file with the same settings is the same import; other columns are another.
    EXPECT_NE(import(national_, test::bls_oews_national_options()).err.find("already imported"),
              std::string::npos);
    auto fewer = test::bls_oews_national_options();
    fewer.erase(fewer.begin() + 12, fewer.begin() + 14); // no A_MEAN
    const auto other = import(national_, fewer);
    EXPECT_EQ(other.exit_code, 0) << other.err;
    EXPECT_EQ(other.err.find("already imported"), std::string::npos) << other.err;
}

TEST_F(ImportTables, AWideRowsBadCellNamesItsColumnAndNothingIsWritten) {
    const auto input = file("wide.csv", "job,median,mean\n"
                                        "Data Scientist,150000,*\n"
                                        "NLP Engineer,90k,12 apples\n");
    const auto before = test::content_dump(path_);
    const auto result = import(input, {"--map", "role=job", "--set", "country=US", "--set",
                                       "currency=USD", "--set", "as_of=2025", "--column",
                                       "median=median/year", "--column", "mean=average/year"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(input.string() + ":3: mean: "), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find(":3: median"), std::string::npos) << "90k is a good amount";
    EXPECT_EQ(test::content_dump(path_), before);
    const auto rejects = dir_ / "rejects.csv";
    const auto skipped =
        import(input, {"--map", "role=job", "--set", "country=US", "--set", "currency=USD", "--set",
                       "as_of=2025", "--column", "median=median/year", "--column",
                       "mean=average/year", "--skip-invalid", "--rejects", rejects.string()});
    ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
    EXPECT_NE(test::read_bytes(rejects).find("3,mean: "), std::string::npos);
    EXPECT_EQ(scalar("SELECT group_concat(statistic || '=' || amount_minor) FROM "
                     "salary_observations WHERE batch_id IS NOT NULL"),
              "median=15000000")
        << "a rejected row writes none of its cells; '*' is no figure";
}

TEST_F(ImportTables, PlaceholdersAreTheDefaultsOrWhatNaSays) {
    const auto input = file("na.csv", "role,country,currency,as_of,p50\n"
                                      "Data Scientist,US,USD,2025,n/a\n"
                                      "NLP Engineer,US,USD,2025,-\n"
                                      "Big Data Engineer,US,USD,2025,\n"
                                      "Machine Learning Engineer,US,USD,2025,(x)\n");
    const auto refused = import(input, {"--column", "p50=median/year"});
    EXPECT_EQ(refused.exit_code, 1) << "(x) is no placeholder by default";
    EXPECT_NE(refused.err.find(":5: p50: "), std::string::npos) << refused.err;
    const auto own = import(input, {"--column", "p50=median/year", "--na", "(x)", "--na", "n/a",
                                    "--na", "-", "--na", "", "--dry-run"});
    EXPECT_EQ(own.exit_code, 0) << own.err;
    EXPECT_NE(own.err.find("placeholder cells skipped (--na): p50 4"), std::string::npos)
        << own.err;
}

TEST_F(ImportTables, RowFiltersKeepMatchingRowsAndNameAMissingColumn) {
    const auto input = file("kinds.csv", "role,country,currency,amount,as_of,kind\n"
                                         "Data Scientist,US,USD,150000,2025,Detailed\n"
                                         "NLP Engineer,US,USD,90000,2025,broad\n"
                                         "Big Data Engineer,US,USD,120000,2025,\n");
    const auto missing = import(input, {"--where", "O_GROUP=detailed"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find(input.string() + ":1: header: no column 'O_GROUP' to filter on "
                                                "(expected one of the header's columns: role, "
                                                "country, currency, amount, as_of, kind)"),
              std::string::npos)
        << missing.err;
    const auto kept = import(input, {"--where", "kind=detailed"});
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    EXPECT_NE(kept.err.find("2 row(s) left out by --where"), std::string::npos) << kept.err;
    EXPECT_EQ(scalar("SELECT group_concat(amount_minor) FROM salary_observations WHERE batch_id "
                     "IS NOT NULL"),
              "15000000");
    const auto both = import(input, {"--where", "kind!=detailed", "--where", "kind!="});
    ASSERT_EQ(both.exit_code, 0) << both.err;
    EXPECT_EQ(scalar("SELECT group_concat(amount_minor) FROM salary_observations WHERE batch_id = "
                     "2"),
              "9000000")
        << "filters are ANDed: not detailed and not empty";
}

TEST_F(ImportTables, BadTableOptionsAreUsageErrors) {
    const auto input = file("one.csv", "role,country,currency,amount,as_of\n"
                                       "Data Scientist,US,USD,150000,2025\n");
    const auto before = test::content_dump(path_);
    for (const auto& [options, expected] :
         std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"--column", "A_MEDIAN"}, "--column: expected COLUMN=STATISTIC/PERIOD"},
             {{"--column", "A_MEDIAN=median"}, "--column: expected COLUMN=STATISTIC/PERIOD"},
             {{"--column", "=median/year"}, "--column: expected COLUMN=STATISTIC/PERIOD"},
             {{"--column", "A_MEDIAN=medain/year"},
              "--column: 'A_MEDIAN=medain/year': unknown "
              "statistic 'medain'"},
             {{"--column", "A_MEDIAN=median/week"}, "unknown period 'week'"},
             {{"--column", "a=median/year", "--column", "A=mean/year"}, "given twice"},
             {{"--top-code", "#"}, "--top-code: expected TEXT=AMOUNT/PERIOD"},
             {{"--top-code", "#=lots/year"}, "--top-code: '#=lots/year': "},
             {{"--top-code", "#=239200/fortnight"}, "unknown period 'fortnight'"},
             {{"--na", "*"}, "--na: applies to the cells of --column's figure columns"},
             {{"--where", "O_GROUP"}, "--where: expected COLUMN=VALUE or COLUMN!=VALUE"},
             {{"--where", "=detailed"}, "--where: expected COLUMN=VALUE or COLUMN!=VALUE"},
             {{"--where", "!=detailed"}, "--where: expected COLUMN=VALUE or COLUMN!=VALUE"}}) {
        const auto result = import(input, options);
        EXPECT_EQ(result.exit_code, 2) << options.front() << " " << options.back();
        EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
        EXPECT_EQ(test::lines_of(result.err).size(), 1u) << result.err;
    }
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(ImportTables, RolesByCodeAndTheirCreation) {
    const auto input = file("codes.csv", "title,soc,country,currency,amount,as_of\n"
                                         "Data Scientists,15-2051,US,USD,108020,2023\n"
                                         "Quantum Widget Tuners,99-9999,US,USD,50000,2023\n");
    const auto unknown = import(input, {"--map", "role=title", "--map", "code=soc"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find(input.string() + ":3: code: "), std::string::npos) << unknown.err;
    const auto created =
        import(input, {"--map", "role=title", "--map", "code=soc", "--create-roles"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_EQ(scalar("SELECT group_concat(r.name, '; ') FROM salary_observations o JOIN roles r "
                     "ON r.id = o.role_id WHERE o.batch_id = 1 ORDER BY o.id"),
              "Data Scientist; Quantum Widget Tuners");
    EXPECT_EQ(scalar("SELECT scheme || ' ' || code || ' ' || relation FROM role_codes c JOIN roles "
                     "r ON r.id = c.role_id WHERE r.name = 'Quantum Widget Tuners'"),
              "soc-2018 99-9999 is");
    // Undo takes the created role back with its code.
    ASSERT_EQ(cli({"imports", "undo", "1"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM role_codes WHERE code = '99-9999'"), "0");
}

TEST_F(ImportTables, QualifiersRoundTripThroughExportAndStayHistory) {
    const auto input = file("bounds.csv", "role,country,currency,amount,as_of,qualifier\n"
                                          "Data Scientist,US,USD,239200,2026-11,at least\n"
                                          "NLP Engineer,US,USD,62000,2026-11,~\n"
                                          "Big Data Engineer,US,USD,#,2026-11,\n");
    const auto imported = import(input, {"--top-code", "#=200000/year"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(scalar("SELECT group_concat(qualifier || '=' || amount_minor, ' ') FROM (SELECT * "
                     "FROM salary_observations WHERE batch_id = 1 ORDER BY id)"),
              "at_least=23920000 approximate=6200000 at_least=20000000");
    const auto exported = dir_ / "export.csv";
    ASSERT_EQ(cli({"export", "salaries", "--output", exported.string()}).exit_code, 0);
    const std::string text = test::read_bytes(exported);
    EXPECT_EQ(text.substr(0, text.find('\r')),
              "role,country,currency,amount,period,statistic,as_of,source,note,qualifier,level,"
              "employment,work_setting,company_size,area");
    test::TempDir other;
    const auto fresh = test::make_seeded_database(other);
    const auto again = test::run_cli(
        {"--db", fresh.string(), "import", "salaries", exported.string(), "--quiet"}, today_);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(test::query(fresh, "SELECT group_concat(qualifier || '=' || amount_minor, ' ') FROM "
                                 "(SELECT * FROM salary_observations WHERE qualifier <> 'exact' "
                                 "AND batch_id IS NOT NULL ORDER BY amount_minor)")
                  .at(0)
                  .at(0),
              // The import's bounds; the seeded FAQ figures' "around" (approximate) are exported
              // too, and the fresh base's seed holds them already: unchanged, not doubled.
              "approximate=6200000 at_least=20000000 at_least=23920000");
    const auto roles = cli({"roles", "--country", "US"});
    EXPECT_NE(roles.out.find("~ $62,000"), std::string::npos) << roles.out;
    const auto changed = test::run_cli({"--db", path_.string(), "sql", "--write",
                                        "UPDATE salary_observations SET qualifier = 'exact'"},
                                       today_);
    EXPECT_NE(changed.exit_code, 0) << "a figure's qualifier is history too";
    EXPECT_EQ(scalar("SELECT count(*) FROM salary_observations WHERE qualifier = 'at_least'"), "2");
}

} // namespace
} // namespace jobkb
