// Hostile rate files, each fed to the real binary's `jobkb import rates`: the refused ones exit 1
// with FILE:LINE: field: lines, in bounded time and memory, the database byte for byte as it was;
// the odd but valid ones (days out of order, N/A everywhere but one cell) import what they hold.
// The salary import's hostile files are in hostile_input_test.cpp.
#include "reliability/support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>

namespace jobkb {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeBound = test::kSanitizedBuild ? 180s : 60s;
const long kMemoryBoundKb = test::kSanitizedBuild ? 1'500'000 : 128'000;

struct HostileRates {
    std::string name;
    std::function<std::string()> content;
    std::vector<std::string> expected; // in stderr; ":LINE: ..." follows the file's path
};

const std::string kEcbHeader = "Date,USD,JPY,GBP,\n";

// Every cell N/A, for a month of days.
std::string all_not_available() {
    std::string text = "Date,USD,JPY,GBP,INR,CAD,\n";
    for (int day = 1; day <= 28; ++day) {
        text += "2025-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                ",N/A,N/A,N/A,N/A,N/A,\n";
    }
    return text;
}

const std::vector<HostileRates>& hostile_rates() {
    static const std::vector<HostileRates> files = {
        {"HundredThousandColumns",
         [] {
             std::string text = "Date";
             for (int i = 0; i < 100'000; ++i) {
                 text += ",USD";
             }
             return text + "\n2025-05-09,1.1\n";
         },
         {":1: header: more than 1000 fields in a row"}},
        {"NotAvailableEverywhere", all_not_available, {"the file holds no rates"}},
        {"ARateOfZero",
         [] { return kEcbHeader + "2025-05-09,0,163.36,0.8477,\n"; },
         {":2: USD: '0' is zero"}},
        {"ANegativeRate",
         [] { return kEcbHeader + "2025-05-09,-1.1252,163.36,0.8477,\n"; },
         {":2: USD: '-1.1252' is not a plain positive decimal"}},
        {"AnExponent",
         [] { return kEcbHeader + "2025-05-09,1e3,163.36,0.8477,\n"; },
         {":2: USD: '1e3' is not a plain positive decimal"}},
        {"NineteenSignificantDigits",
         [] { return kEcbHeader + "2025-05-09,1.125200000000000001,163.36,0.8477,\n"; },
         {":2: USD: '1.125200000000000001' is not a plain positive decimal"}},
        {"DuplicateDaysWithDifferentValues",
         [] {
             return kEcbHeader + "2025-05-09,1.1252,163.36,0.8477,\n2025-05-08,1.1297,163.45,"
                                 "0.8476,\n2025-05-09,1.2,163.36,0.8477,\n";
         },
         {":4: USD: EUR/USD 2025-05-09 is 1.2 here and 1.1252 on an earlier line"}},
        {"FebruaryThirty",
         [] { return kEcbHeader + "2025-02-30,1.1252,163.36,0.8477,\n"; },
         {":2: Date: '2025-02-30' is no such day"}},
        {"ADayInTheFuture",
         [] { return kEcbHeader + "2099-01-02,1.1252,163.36,0.8477,\n"; },
         {":2: Date: '2099-01-02' is in the future"}},
        {"ADuplicateCurrency",
         [] { return "Date,USD,JPY,USD,\n2025-05-09,1.1,163.36,1.2,\n"; },
         {":1: header: USD is a column twice"}},
        {"EurAsAColumn",
         [] { return "Date,USD,EUR,\n2025-05-09,1.1,1,\n"; },
         {":1: header: column EUR"}},
        {"MixedLayouts",
         [] {
             return kEcbHeader + "2025-05-09,1.1252,163.36,0.8477,\ndate,base,quote,rate\n"
                                 "2025-05-08,EUR,USD,1.1297\n";
         },
         {":3: row: has 4 fields, the header has 5"}},
        {"LongRatesWithABadDayAndTheBaseTwice",
         [] {
             return std::string(
                 "date,base,quote,rate\n2025-13-01,EUR,USD,1.1\n2025-05-09,USD,usd,1\n");
         },
         {":2: date: '2025-13-01' is no such day", ":3: quote: 'USD' is the base too"}},
        {"PppYearsThatAreNot",
         [] {
             return std::string(
                 "Country,Country ID,Year,PPP\n\"India\",IN,24,20.4\n\"India\",IN,2024,abc\n");
         },
         {":2: Year: '24' is not a year", ":3: PPP: 'abc' is not a plain positive decimal"}},
        {"AWorldBankFileOfAnotherIndicator",
         [] {
             return std::string("\"Data Source\",\"World Development Indicators\",\n\n"
                                "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator "
                                "Code\",\"2024\",\n\"India\",\"IND\",\"GDP\",\"NY.GDP.MKTP.CD\","
                                "\"3.9e12\",\n");
         },
         {":4: Indicator Code: 'NY.GDP.MKTP.CD' is not a PPP conversion factor"}},
        {"NoLayout",
         [] { return std::string("when,what\n2025,1\n"); },
         {":1: header: 'when,what' is no rate layout jobkb reads"}},
    };
    return files;
}

void PrintTo(const HostileRates& hostile, std::ostream* out) { *out << hostile.name; }

class HostileRateFile : public ::testing::TestWithParam<HostileRates> {};

TEST_P(HostileRateFile, IsRefusedClearlyQuicklyInLittleMemoryAndChangesNothing) {
    const HostileRates& hostile = GetParam();
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto input = dir / "rates.csv";
    test::write_bytes(input, hostile.content());
    const std::string bytes_before = test::read_bytes(database);
    const auto outcome = test::run_process(
        {"--db", database.string(), "import", "rates", input.string(), "--quiet"}, test::kToday);
    EXPECT_EQ(outcome.signal, 0) << "never a crash";
    EXPECT_EQ(outcome.exit_code, 1) << outcome.err.substr(0, 4000);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(test::are_error_lines(outcome.err, {input.string() + ":"}));
    for (const auto& expected : hostile.expected) {
        const std::string wanted = expected.starts_with(":") ? input.string() + expected : expected;
        EXPECT_NE(outcome.err.find(wanted), std::string::npos)
            << "expected: " << wanted << "\nin: " << outcome.err.substr(0, 4000);
    }
    EXPECT_LT(outcome.elapsed, kTimeBound);
    EXPECT_LT(outcome.max_rss_kb, kMemoryBoundKb);
    EXPECT_EQ(test::read_bytes(database), bytes_before);
}

INSTANTIATE_TEST_SUITE_P(Files, HostileRateFile, ::testing::ValuesIn(hostile_rates()),
                         [](const auto& test_case) { return test_case.param.name; });

// Days in any order are fine, and a cell of N/A is passed over, not an error.
TEST(OddRateFiles, DaysOutOfOrderAndNotAvailableCellsImportWhatTheyHold) {
    test::TempDir dir;
    const auto database = test::make_seeded_database(dir);
    const auto input = dir / "shuffled.csv";
    test::write_bytes(input, kEcbHeader + "2025-05-07,1.1305,N/A,0.8502,\n"
                                          "2025-05-09,1.1252,163.36,0.8477,\n"
                                          "2025-05-08,1.1297,163.45,0.8476,\n");
    const auto result = test::run_binary(
        {"--db", database.string(), "import", "rates", input.string(), "--quiet"}, test::kToday);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("2025-05-07 to 2025-05-09: 8 rate(s) read, 8 inserted, 0 "
                              "unchanged, 1 N/A or empty"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(test::query(database, "SELECT rate_date, rate FROM current_exchange_rates WHERE "
                                    "quote = 'USD' ORDER BY rate_date"),
              (std::vector<std::vector<std::string>>{
                  {"2025-05-07", "1.1305"}, {"2025-05-08", "1.1297"}, {"2025-05-09", "1.1252"}}));
}

} // namespace
} // namespace jobkb
