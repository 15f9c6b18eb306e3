// Currency sanity on `jobkb import salaries`: a note for figures in a currency that is neither
// their country's nor a common reporting one, and --currency-from-country for files without one.
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

namespace jobkb {
namespace {

class ImportCurrency : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    test::CommandResult import(const std::string& content, std::vector<std::string> more = {}) {
        test::write_bytes(dir_ / "figures.csv", content);
        std::vector<std::string> arguments = {"--db", path_.string(), "import", "salaries",
                                              (dir_ / "figures.csv").string()};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return test::run_cli(arguments, {{"JOBKB_TODAY", "2026-11-23"}});
    }
};

TEST_F(ImportCurrency, AFigureInAnotherCountrysCurrencyGetsANoteAndIsImported) {
    const auto result = import("role,country,currency,amount,as_of\n"
                               "Data Scientist,IN,JPY,1200000,2025\n"
                               "Data Scientist,IN,JPY,1300000,2025-06\n"
                               "Data Scientist,IN,USD,100000,2025\n"
                               "Data Scientist,DE,EUR,70000,2025\n"
                               "Data Scientist,DE,GBP,60000,2025\n"
                               "Data Scientist,CA,CAD,90000,2025\n"
                               "Data Scientist,CA,INR,900000,2025\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("note: 2 row(s) of IN are in JPY, which is neither IN's own (INR) "
                              "nor a common reporting currency (USD, EUR, GBP)"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("note: 1 row(s) of CA are in INR"), std::string::npos) << result.err;
    for (const char* quiet : {"of IN are in USD", "of DE are in", "of CA are in CAD"}) {
        EXPECT_EQ(result.err.find(quiet), std::string::npos) << quiet << " in " << result.err;
    }
    EXPECT_NE(result.err.find("7 row(s) read, 7 inserted"), std::string::npos) << result.err;
}

TEST_F(ImportCurrency, AMissingCurrencyIsTheCountrysWhenAskedAndAnErrorOtherwise) {
    const std::string file = "role,country,amount,as_of\nData Scientist,IN,1200000,2025\n"
                             "Data Scientist,CA,90000,2025\n";
    const std::string before = test::content_dump(path_);
    const auto refused = import(file);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("missing required column 'currency'"), std::string::npos)
        << refused.err;
    EXPECT_EQ(test::content_dump(path_), before);
    const auto filled = import(file, {"--currency-from-country"});
    ASSERT_EQ(filled.exit_code, 0) << filled.err;
    EXPECT_NE(filled.err.find("2 row(s) given the currency of their country"), std::string::npos)
        << filled.err;
    EXPECT_EQ(test::query(path_, "SELECT country_code, currency_code, amount_minor FROM "
                                 "salary_observations WHERE batch_id = 1 ORDER BY 1"),
              (std::vector<std::vector<std::string>>{{"CA", "CAD", "9000000"},
                                                     {"IN", "INR", "120000000"}}));
    // An empty cell too; a currency given stays.
    const auto cells =
        import("role,country,currency,amount,as_of\nData Scientist,JP,,5000000,2025\n"
               "Data Scientist,JP,USD,50000,2025\n",
               {"--currency-from-country"});
    ASSERT_EQ(cells.exit_code, 0) << cells.err;
    EXPECT_EQ(test::query(path_, "SELECT currency_code FROM salary_observations WHERE batch_id = 2 "
                                 "ORDER BY id"),
              (std::vector<std::vector<std::string>>{{"JPY"}, {"USD"}}));
}

TEST_F(ImportCurrency, ACountryWithoutACurrencyOfItsOwnCannotFillOne) {
    const auto result = import("role,country,amount,as_of\nData Scientist,AQ,100,2025\n",
                               {"--currency-from-country"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(":2: currency: none given, and AQ has no currency of its own"),
              std::string::npos)
        << result.err;
}

// An unknown country has no currency to fill in: the row's one problem is the country, and the
// amount is not read in a currency that is not there (it once was, through an empty optional).
TEST_F(ImportCurrency, AnUnknownCountryFillsNoCurrency) {
    const std::string before = test::content_dump(path_);
    const auto result = import("role,country,amount,as_of\nData Scientist,Atlantis,100,2025\n",
                               {"--currency-from-country"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("figures.csv:2: country: "), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("currency"), std::string::npos) << result.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

} // namespace
} // namespace jobkb
