// `jobkb import rates`: the ECB's and the World Bank's files through the CLI on real database
// files, with counts worked out here from the files themselves.
#include "jobkb/sha256.hpp"
#include "support/fixtures.hpp"
#include "support/rate_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace jobkb {
namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, ',')) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == ',') {
        fields.emplace_back();
    }
    return fields;
}

// 3,737: how the report writes counts.
std::string grouped(std::int64_t count) {
    std::string digits = std::to_string(count);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<std::size_t>(i), ",");
    }
    return digits;
}

class ImportRates : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    const test::fs::path ecb_ = test::fx_data_dir() / "eurofxref-hist-subset.csv";
    const test::fs::path ppp_ = test::fx_data_dir() / "ppp-gdp-subset.csv";

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, {{"JOBKB_TODAY", "2026-11-23"}});
    }
    test::CommandResult import(const test::fs::path& file, std::vector<std::string> more = {}) {
        std::vector<std::string> arguments = {"import", "rates", file.string()};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return run(arguments);
    }
    test::fs::path file(const std::string& name, const std::string& content) {
        test::write_bytes(dir_ / name, content);
        return dir_ / name;
    }
    std::string scalar(const std::string& sql) { return test::query(path_, sql).at(0).at(0); }
    bool known_currency(const std::string& code) {
        return scalar("SELECT count(*) FROM currencies WHERE code = '" + code + "'") == "1";
    }
};

TEST_F(ImportRates, TheEcbHistoryAsPublishedEveryValueCountedNaAndUnknownCurrenciesPassedOver) {
    // The subset, and a day of 2021 on which the withdrawn CYP column has a value (the real
    // history has them up to 2007).
    std::string bytes = test::read_bytes(ecb_);
    const std::string header_line = bytes.substr(0, bytes.find('\n'));
    auto header = split(header_line);
    ASSERT_EQ(header.back(), "") << "the ECB's trailing empty column";
    std::string old_day = bytes.substr(bytes.find('\n') + 1);
    old_day = old_day.substr(0, old_day.find('\n'));
    auto old_fields = split(old_day);
    old_fields[0] = "2021-12-31";
    std::string rebuilt;
    for (std::size_t i = 0; i < old_fields.size(); ++i) {
        const bool cyp = header[i] == "CYP";
        rebuilt += (i == 0 ? "" : ",") + (cyp ? std::string("0.5823") : old_fields[i]);
    }
    bytes += rebuilt + "\n";
    const auto input = file("eurofxref-hist.csv", bytes);

    // Worked out from the file: values of known currencies are rates, N/A cells are not, and a
    // withdrawn currency's values are passed over, per column.
    std::vector<bool> known;
    for (const auto& code : header) {
        known.push_back(!code.empty() && code != "Date" && known_currency(code));
    }
    std::istringstream lines(bytes);
    std::string line;
    std::getline(lines, line);
    std::int64_t rates = 0, not_available = 0, rows = 0;
    std::map<std::string, std::int64_t> passed_over;
    std::set<std::string> dates;
    while (std::getline(lines, line)) {
        ++rows;
        const auto fields = split(line);
        dates.insert(fields[0]);
        for (std::size_t i = 1; i + 1 < header.size(); ++i) {
            if (fields[i] == "N/A") {
                ++not_available;
            } else if (known[i]) {
                ++rates;
            } else {
                ++passed_over[header[i]];
            }
        }
    }
    ASSERT_GT(rates, 10'000);
    ASSERT_EQ(passed_over.size(), 1u);

    const auto result = import(input);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rates"), std::to_string(rates));
    EXPECT_EQ(scalar("SELECT count(DISTINCT rate_date) FROM exchange_rates"),
              std::to_string(dates.size()));
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rate_series WHERE base_code <> 'EUR'"), "0");
    EXPECT_EQ(scalar("SELECT rate FROM current_exchange_rates WHERE quote = 'INR' AND rate_date = "
                     "'2025-05-09'"),
              "96.0755");
    EXPECT_EQ(scalar("SELECT content || ' ' || rows_read || ' ' || rows_inserted FROM "
                     "import_batches"),
              "exchange-rates " + std::to_string(rows) + " " + std::to_string(rates));
    EXPECT_EQ(scalar("SELECT s.publisher FROM sources s JOIN import_batches b ON "
                     "b.source_id = s.id"),
              "European Central Bank");
    EXPECT_NE(scalar("SELECT s.note FROM sources s JOIN import_batches b ON b.source_id = s.id")
                  .find("Source: ECB statistics"),
              std::string::npos);
    EXPECT_NE(result.err.find("ecb layout, " + grouped(rows) + " row(s)"), std::string::npos)
        << result.err;
    for (const auto& [code, count] : passed_over) {
        EXPECT_NE(result.err.find(code + " " + grouped(count) + " (unknown currency)"),
                  std::string::npos)
            << code << " in " << result.err;
    }
    EXPECT_NE(result.err.find(grouped(not_available) + " N/A or empty"), std::string::npos)
        << result.err;
    EXPECT_NE(run({"imports"}).out.find("exchange-rates"), std::string::npos);
}

TEST_F(ImportRates, AgainChangesNothingAndAFileWithNothingNewRecordsNoBatch) {
    ASSERT_EQ(import(ecb_).exit_code, 0);
    const std::string before = test::content_dump(path_);
    const auto again = import(ecb_);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("already imported as batch 1"), std::string::npos) << again.err;
    // The same values in another file: all unchanged, so no batch.
    const std::string bytes = test::read_bytes(ecb_);
    const auto head = file("first-days.csv", bytes.substr(0, bytes.find('\n', 2000) + 1));
    const auto same = import(head);
    EXPECT_EQ(same.exit_code, 0) << same.err;
    EXPECT_NE(same.err.find("0 inserted"), std::string::npos) << same.err;
    EXPECT_NE(same.err.find("nothing new"), std::string::npos) << same.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(ImportRates, ADryRunWritesNothingAndSupersedeIsAUsageError) {
    const std::string before = test::content_dump(path_);
    const auto dry = import(ecb_, {"--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.err.find("dry run, nothing written"), std::string::npos) << dry.err;
    EXPECT_EQ(test::content_dump(path_), before);
    const auto supersede = import(ecb_, {"--supersede"});
    EXPECT_EQ(supersede.exit_code, 2);
    EXPECT_NE(supersede.err.find("--supersede: rate batches are never superseded"),
              std::string::npos)
        << supersede.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(ImportRates, ARevisedRateIsHistoryAndUndoingItBringsTheEarlierBack) {
    ASSERT_EQ(import(ecb_).exit_code, 0);
    const auto revised = file("revised.csv", "Date,USD,JPY,\n2025-05-09,1.1300,163.36,\n");
    const auto result = import(revised);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("1 inserted, 1 unchanged"), std::string::npos) << result.err;
    const std::string current = "SELECT rate FROM current_exchange_rates WHERE quote = 'USD' "
                                "AND rate_date = '2025-05-09'";
    EXPECT_EQ(scalar(current), "1.13");
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rates r JOIN exchange_rate_series s ON "
                     "s.id = r.series_id WHERE s.quote_code = 'USD' AND r.rate_date = "
                     "'2025-05-09'"),
              "2");
    const auto undo = run({"imports", "undo", "2"});
    EXPECT_EQ(undo.exit_code, 0) << undo.err;
    EXPECT_NE(undo.err.find("batch 2 undone: 1 exchange rate(s) removed"), std::string::npos)
        << undo.err;
    EXPECT_EQ(scalar(current), "1.1252");
    const std::string all = scalar("SELECT count(*) FROM exchange_rates");
    const auto whole = run({"imports", "undo", "1"});
    EXPECT_NE(whole.err.find("batch 1 undone: " + all + " exchange rate(s) removed"),
              std::string::npos)
        << whole.err;
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rates"), "0");
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rate_series"), "0");
}

TEST_F(ImportRates, TheEcbDailyFileAndLongRates) {
    const auto daily = file("eurofxref.csv", "Date, USD, JPY, BGN, GBP, INR, \n"
                                             "09 May 2025, 1.1252, 163.36, 1.9558, 0.8477, "
                                             "96.0755, \n");
    const auto result = import(daily);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("ecb-daily layout"), std::string::npos) << result.err;
    EXPECT_EQ(test::query(path_, "SELECT quote, rate_date, rate FROM current_exchange_rates "
                                 "ORDER BY quote"),
              (std::vector<std::vector<std::string>>{{"BGN", "2025-05-09", "1.9558"},
                                                     {"GBP", "2025-05-09", "0.8477"},
                                                     {"INR", "2025-05-09", "96.0755"},
                                                     {"JPY", "2025-05-09", "163.36"},
                                                     {"USD", "2025-05-09", "1.1252"}}));
    const auto long_rates = file("treasury.csv", "date,base,quote,rate\n"
                                                 "2025-05-09,usd,INR,85.390\n"
                                                 "2025-05-08,USD,INR,N/A\n"
                                                 "2025-05-09,USD,CYP,0.5\n");
    const auto second = import(long_rates, {"--source", "Treasury rates"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.err.find("long layout"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("CYP 1 (unknown currency)"), std::string::npos) << second.err;
    EXPECT_EQ(test::query(path_, "SELECT base, quote, rate, source FROM current_exchange_rates "
                                 "WHERE base = 'USD'"),
              (std::vector<std::vector<std::string>>{{"USD", "INR", "85.39", "Treasury rates"}}));
}

// PPP factors as datasets/ppp publishes them, and as the World Bank's own download: the same
// factors either way. Aggregates are passed over; Bulgaria's factors count BGN.
TEST_F(ImportRates, PppFactorsLongAndTheWorldBankDownloadGiveTheSameFactors) {
    const std::string extra = "\"Bulgaria\",BG,2024,0.757951749098367\n"
                              "\"World\",1W,2024,0.5\n"
                              "\"European Union\",EU,2024,0.7\n";
    const auto long_file = file("ppp.csv", test::read_bytes(ppp_) + extra);
    const auto result = import(long_file);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("ppp layout"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("1W (World) 1 (not a country the base lists)"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("BG: factors up to 2025 are counted in BGN"), std::string::npos)
        << result.err;
    EXPECT_EQ(scalar("SELECT currency || ' ' || factor FROM current_ppp_factors WHERE country = "
                     "'BG'"),
              "BGN 0.757951749098367");
    EXPECT_EQ(scalar("SELECT currency FROM current_ppp_factors WHERE country = 'HR' AND year = "
                     "2019"),
              "EUR");
    EXPECT_EQ(scalar("SELECT count(*) FROM ppp_factors"),
              std::to_string(test::lines_of(test::read_bytes(ppp_)).size() - 1 + 1));
    const auto long_factors = test::query(
        path_, "SELECT country, year, currency, factor FROM current_ppp_factors ORDER BY 1, 2");

    // The same factors pivoted into the World Bank's shape, alpha-3 codes and an aggregate.
    std::map<std::string, std::map<int, std::string>> by_country;
    for (const auto& row : long_factors) {
        by_country[row[0]][std::stoi(row[1])] = row[3];
    }
    const std::map<std::string, std::string> alpha3 = {
        {"US", "USA"}, {"CA", "CAN"}, {"HR", "HRV"}, {"RU", "RUS"}, {"GB", "GBR"},
        {"IN", "IND"}, {"JP", "JPN"}, {"DE", "DEU"}, {"KW", "KWT"}, {"BH", "BHR"},
        {"AO", "AGO"}, {"VE", "VEN"}, {"BG", "BGR"}};
    std::string wide = "\"Data Source\",\"World Development Indicators\",\n\n"
                       "\"Last Updated Date\",\"2025-04-15\",\n\n"
                       "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\"";
    for (int year = 1990; year <= 2024; ++year) {
        wide += ",\"" + std::to_string(year) + "\"";
    }
    wide += ",\n\"World\",\"WLD\",\"PPP\",\"PA.NUS.PPP\"" + std::string(34, ',') + ",\"0.5\",\n";
    for (const auto& [country, years] : by_country) {
        ASSERT_TRUE(alpha3.count(country)) << country;
        wide += "\"" + country + "\",\"" + alpha3.at(country) +
                "\",\"PPP conversion factor, GDP (LCU per international $)\",\"PA.NUS.PPP\"";
        for (int year = 1990; year <= 2024; ++year) {
            wide += ",\"" + (years.count(year) ? years.at(year) : std::string()) + "\"";
        }
        wide += ",\n";
    }
    test::TempDir other;
    path_ = test::make_seeded_database(other);
    const auto wide_result = import(file("API_PA.NUS.PPP_DS2_en_csv_v2.csv", wide));
    ASSERT_EQ(wide_result.exit_code, 0) << wide_result.err;
    EXPECT_NE(wide_result.err.find("world-bank layout"), std::string::npos) << wide_result.err;
    EXPECT_NE(wide_result.err.find("WLD (World)"), std::string::npos) << wide_result.err;
    EXPECT_EQ(test::query(path_, "SELECT country, year, currency, factor FROM current_ppp_factors "
                                 "ORDER BY 1, 2"),
              long_factors);
    EXPECT_EQ(scalar("SELECT title FROM sources s JOIN import_batches b ON b.source_id = s.id"),
              "World Bank ICP PPP conversion factor, GDP");
    // The batch's hash is of the file as it is, preamble included.
    EXPECT_EQ(scalar("SELECT sha256 FROM import_batches"), sha256_hex(wide));
}

TEST_F(ImportRates, AHeaderOfNoLayoutIsRefusedWithAHintAndLayoutForcesOne) {
    const std::string before = test::content_dump(path_);
    const auto unknown = import(file("rates.csv", "day,currency,value\n2025-05-09,USD,1.1\n"));
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("rates.csv:1: header: 'day,currency,value' is no rate layout"),
              std::string::npos)
        << unknown.err;
    EXPECT_NE(unknown.err.find("name it with --layout"), std::string::npos) << unknown.err;
    const auto forced =
        import(file("forced.csv", "Date,USD,base\n2025-05-09,1.1,2\n"), {"--layout", "long"});
    EXPECT_EQ(forced.exit_code, 1);
    EXPECT_NE(forced.err.find("no column 'quote' for the long layout"), std::string::npos)
        << forced.err;
    EXPECT_EQ(test::content_dump(path_), before);
}

} // namespace
} // namespace jobkb
