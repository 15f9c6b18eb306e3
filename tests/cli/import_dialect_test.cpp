// `jobkb import salaries` in the dialects files come in: sniffed and forced delimiters, decimal
// commas, UTF-16, formats told by stdin's first bytes, and Excel workbooks (the real BLS OEWS
// one), through the CLI on real database files.
#include "support/fixtures.hpp"
#include "support/workbook.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

class ImportDialect : public ::testing::Test {
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

    test::fs::path file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        test::write_bytes(path, content);
        return path;
    }

    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }

    const test::fs::path oews_ = test::source_dir() / "tests" / "data" / "oews";
};

std::string utf16le(const std::string& text) {
    std::string bytes = "\xFF\xFE";
    for (const char c : text) {
        bytes += std::string{c, '\0'};
    }
    return bytes;
}

TEST_F(ImportDialect, ASemicolonCsvIsSniffedAndItsDelimiterIsPartOfTheSettings) {
    const auto input = file("excel.csv", "role;country;currency;amount;as_of\r\n"
                                         "Data Scientist;DE;EUR;65000.50;2025\r\n");
    const auto result = import(input);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT settings || ' ' || input_format || ' ' || format FROM "
                     "import_batches"),
              // The source is the file's name alone: no setting (the same bytes under another
              // name are the same import).
              "format=csv;delimiter=semicolon;source=file csv csv");
    EXPECT_NE(import(input).err.find("was already imported with these settings"), std::string::npos)
        << "the same file in the same dialect is the same import";
    const auto forced = import(input, {"--delimiter", ","});
    EXPECT_EQ(forced.exit_code, 1) << "split on commas, the header is one column";
    EXPECT_NE(forced.err.find("unknown column 'role;country;currency;amount;as_of'"),
              std::string::npos)
        << forced.err;
}

TEST_F(ImportDialect, DecimalCommasAreRefusedWithAHintThatSaysWhy) {
    const auto input = file("europe.csv", "role;country;currency;amount;as_of\n"
                                          "Data Scientist;DE;EUR;65.000,50;2025\n");
    const auto result = import(input);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(input.string() + ":2: amount: '65.000,50' is ambiguous: separators "
                                               "after the decimal point (expected 1,234.50) (the "
                                               "file looks like a ;-separated CSV with decimal "
                                               "commas (expected a decimal point)"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches"), "0");
}

TEST_F(ImportDialect, Utf16IsReadAndItsLinesAreTheFilesLines) {
    const auto input = file("utf16.csv", utf16le("role,country,currency,amount,as_of\r\n"
                                                 "Data Scientist,US,USD,150000,2025\r\n"
                                                 "Data Scientist,US,USD,-5,2025\r\n"));
    const auto result = import(input);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(input.string() + ":3: amount: '-5' is negative"), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("NUL"), std::string::npos) << result.err;
    ASSERT_EQ(import(input, {"--skip-invalid"}).exit_code, 0);
    EXPECT_EQ(scalar("SELECT amount_minor FROM salary_observations WHERE batch_id = 1"),
              "15000000");
}

TEST_F(ImportDialect, StandardInputIsToldByItsFirstBytes) {
    const std::string json = "[{\"role\": \"Data Scientist\", \"country\": \"IN\", \"currency\": "
                             "\"INR\", \"amount\": \"11 LPA\", \"as_of\": \"2026-09\"}]";
    const auto result = test::run_cli_with_input(
        {"--db", path_.string(), "import", "salaries", "-", "--quiet"}, "\n  " + json, today_);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT format FROM import_batches"), "json");
    const auto tsv = test::run_cli_with_input(
        {"--db", path_.string(), "import", "salaries", "-", "--quiet"},
        "role\tcountry\tcurrency\tamount\tas_of\nData Scientist\tIN\tINR\t12 LPA\t2026-09\n",
        today_);
    ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
    EXPECT_EQ(scalar("SELECT format FROM import_batches WHERE id = 2"), "tsv");
}

TEST_F(ImportDialect, ReadingOptionsThatDoNotFitTheFormatAreUsageErrors) {
    const auto csv = file("a.csv", "role,country,currency,amount,as_of\n");
    const auto sheet = import(csv, {"--sheet", "Data"});
    EXPECT_EQ(sheet.exit_code, 2);
    EXPECT_NE(sheet.err.find("--sheet: applies to workbooks (xlsx), not csv"), std::string::npos)
        << sheet.err;
    const auto delimiter = import(csv, {"--delimiter", ":"});
    EXPECT_EQ(delimiter.exit_code, 2);
    EXPECT_NE(delimiter.err.find("expected one of , ; | tab (or comma, semicolon, pipe), not ':'"),
              std::string::npos)
        << delimiter.err;
    EXPECT_EQ(import(file("a.json", "[]"), {"--delimiter", ";"}).exit_code, 2);
}

// The BLS workbook and its CSV export give the same figures: the medians of every occupation
// whose median is published (* and # cells are rejected until placeholders are read as such).
TEST_F(ImportDialect, TheOewsWorkbookImportsAsItsCsvDoes) {
    const std::vector<std::string> options = {
        "--map", "role=OCC_TITLE", "--map", "amount=A_MEDIAN", "--set", "country=US", "--set",
        "currency=USD", "--set", "as_of=2023-05", "--set", "statistic=median",
        // AREA (99, the U.S.) is no area of the country
        "--set", "area=", "--ignore-unknown", "--create-roles", "--skip-invalid"};
    const auto workbook = import(oews_ / "national_M2023_dl.xlsx", options);
    ASSERT_EQ(workbook.exit_code, 0) << workbook.err;
    EXPECT_EQ(scalar("SELECT format || ' ' || input_format || ' ' || (settings LIKE "
                     "'format=xlsx;%sheet=national_M2023_dl;%') FROM import_batches"),
              "xlsx csv 1");
    const std::string medians = "SELECT group_concat(r.name || '=' || o.amount_minor, ';') FROM "
                                "(SELECT * FROM salary_observations WHERE batch_id = ";
    const std::string order = " ORDER BY role_id, amount_minor) o JOIN roles r ON r.id = o.role_id";
    // "Data Scientists" is the seeded Data Scientist (its broad and detailed occupations both).
    EXPECT_EQ(scalar("SELECT group_concat(DISTINCT amount_minor) FROM salary_observations o JOIN "
                     "roles r ON r.id = o.role_id WHERE o.batch_id = 1 AND r.name = 'Data "
                     "Scientist'"),
              "10802000");
    const std::string rows = scalar("SELECT rows_read || ' ' || rows_inserted || ' ' || "
                                    "rows_rejected FROM import_batches WHERE id = 1");
    EXPECT_EQ(rows.substr(0, 5), "1403 ") << rows;
    const auto csv = import(oews_ / "national_M2023_dl.csv", options);
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(scalar("SELECT rows_read || ' ' || rows_inserted || ' ' || rows_rejected FROM "
                     "import_batches WHERE id = 2"),
              rows);
    EXPECT_EQ(scalar(medians + "1" + order), scalar(medians + "2" + order));
    EXPECT_NE(import(oews_ / "national_M2023_dl.xlsx", options).err.find("already imported"),
              std::string::npos);
    const auto listed = test::run_cli({"--db", path_.string(), "imports", "--csv"}, today_);
    EXPECT_NE(listed.out.find(",xlsx,"), std::string::npos) << listed.out;
}

TEST_F(ImportDialect, AWorkbookSheetIsChosenByName) {
    const auto input = dir_ / "two.xlsx";
    const std::string header =
        test::sheet_row(1, {"i:role", "i:country", "i:currency", "i:amount", "i:as_of"});
    test::write_zip(
        input, test::workbook_parts(
                   {{"Notes", test::sheet_row(1, {"i:nothing here"}) + test::sheet_row(2, {"i:x"})},
                    {"Salaries", header + test::sheet_row(2, {"i:Data Scientist", "i:US", "i:USD",
                                                              "n:150000", "n:2025"})}}));
    const auto first = import(input);
    EXPECT_EQ(first.exit_code, 1);
    EXPECT_NE(first.err.find(input.string() + ":1: header: unknown column 'nothing here'"),
              std::string::npos)
        << first.err;
    const auto chosen = import(input, {"--sheet", "Salaries"});
    ASSERT_EQ(chosen.exit_code, 0) << chosen.err;
    EXPECT_EQ(scalar("SELECT amount_minor || ' ' || as_of FROM salary_observations WHERE "
                     "batch_id = 1"),
              "15000000 2025");
}

// libzip (and the libcrypto it links) is loaded when a workbook is read, not at every start-up:
// the dynamic loader's own log (LD_DEBUG=files) of the real binary says which libraries it maps.
TEST_F(ImportDialect, LibzipIsLoadedOnlyToReadAWorkbook) {
    const auto loads_libzip = [&](const std::vector<std::string>& arguments) {
        std::vector<std::string> all = {"--db", path_.string()};
        all.insert(all.end(), arguments.begin(), arguments.end());
        const auto result = test::run_binary(all, {{"LD_DEBUG", "files"}});
        EXPECT_NE(result.err.find("file=libsqlite3.so"), std::string::npos)
            << "the loader logs the libraries it maps: " << result.err.substr(0, 2000);
        return result.err.find("file=libzip.so") != std::string::npos;
    };
    EXPECT_FALSE(loads_libzip({"roles", "--skill", "python"}));
    const auto csv = oews_ / "national_M2023_dl.csv";
    const std::vector<std::string> oews = {"--recipe", "bls-oews-national", "--set",
                                           "as_of=2023-05", "--dry-run"};
    std::vector<std::string> csv_import = {"import", "salaries", csv.string()};
    csv_import.insert(csv_import.end(), oews.begin(), oews.end());
    EXPECT_FALSE(loads_libzip(csv_import));
    std::vector<std::string> workbook_import = {"import", "salaries",
                                                (oews_ / "national_M2023_dl.xlsx").string()};
    workbook_import.insert(workbook_import.end(), oews.begin(), oews.end());
    EXPECT_TRUE(loads_libzip(workbook_import));
}

} // namespace
} // namespace jobkb
