// Converted answers through the CLI (--in, --ppp, --rate-on, --sort amount) after `jobkb import
// rates` of the test subsets, compared with tests/data/fx/expected.py's independent computation.
#include "support/fixtures.hpp"
#include "support/rate_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace jobkb {
namespace {

using Json = nlohmann::json;

std::vector<std::string> fields_of(const std::string& line, char separator = '\t') {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, separator)) {
        fields.push_back(field);
    }
    return fields;
}

// expected.py's lines of one kind ("fx", "ppp", "reports"), split at tabs.
std::vector<std::vector<std::string>> expected_lines(const std::string& kind,
                                                     const std::string& arguments = "") {
    std::vector<std::vector<std::string>> lines;
    for (const auto& line : test::lines_of(test::expected_conversions(arguments))) {
        auto fields = fields_of(line);
        if (!fields.empty() && fields[0] == kind) {
            lines.push_back(std::move(fields));
        }
    }
    return lines;
}

class Converted : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);

    void SetUp() override {
        for (const char* name : {"eurofxref-hist-subset.csv", "ppp-gdp-subset.csv"}) {
            const auto result = run({"import", "rates", (test::fx_data_dir() / name).string()});
            ASSERT_EQ(result.exit_code, 0) << result.err;
        }
    }

    test::CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"--db", path_.string()});
        return test::run_cli(arguments, {{"JOBKB_TODAY", "2026-11-23"}});
    }

    // The Machine Learning Engineer's figures of 2026-04-06 (the FAQ's among them), as JSON.
    Json faq_json(std::vector<std::string> conversion) {
        std::vector<std::string> arguments = {"salaries", "--role", "Machine Learning Engineer",
                                              "--history", "--json"};
        arguments.insert(arguments.end(), conversion.begin(), conversion.end());
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }
};

const Json* figure_of(const Json& rows, std::int64_t amount_minor, const std::string& currency) {
    for (const auto& row : rows) {
        if (row.at("amount").at("amount_minor") == amount_minor &&
            row.at("amount").at("currency") == currency) {
            return &row;
        }
    }
    return nullptr;
}

TEST_F(Converted, TheFaqFiguresInUsdAndInInternationalDollarsAreTheIndependentComputations) {
    const Json at_rate_day = faq_json({"--in", "USD", "--rate-on", "2025-05-09"});
    const Json own_dates = faq_json({"--in", "USD"});
    std::size_t checked = 0;
    for (const auto& fx : expected_lines("fx")) {
        // fx AMOUNT FROM TO AS_OF RATE_ON EXPECTED APPLIES_TO DAYS EXACT REASON
        if (fx[4] != "2026-04-06" || fx[3] != "USD") {
            continue;
        }
        const Json& rows = fx[5] == "2025-05-09" ? at_rate_day : own_dates;
        const Json* row = figure_of(rows, std::stoll(fx[1]), fx[2]);
        ASSERT_NE(row, nullptr) << fx[1] << " " << fx[2];
        const Json& in = row->at("in");
        if (fx[10] == "none") {
            EXPECT_EQ(in.at("amount").at("amount_minor"), std::stoll(fx[6])) << fx[1];
            EXPECT_EQ(in.at("amount").at("currency"), "USD");
            if (fx[7] != "-") {
                EXPECT_EQ(in.at("applies_to"), fx[7]);
                EXPECT_EQ(in.at("rate_exact"), fx[9]);
                EXPECT_EQ(in.at("source"), "ECB euro foreign exchange reference rates");
                EXPECT_EQ(in.at("cross"), true);
            }
        } else {
            EXPECT_TRUE(in.at("amount").is_null()) << "never a guessed rate: " << in.dump();
            EXPECT_NE(in.at("note").get<std::string>().find("within 7 days up to 2026-04-06"),
                      std::string::npos)
                << in.dump();
        }
        ++checked;
    }
    EXPECT_EQ(checked, 6u) << "three figures, at the rate day and at their own date";

    const Json ppp_rate_day = faq_json({"--ppp", "--rate-on", "2025-05-09"});
    const Json ppp_own = faq_json({"--ppp"});
    checked = 0;
    for (const auto& ppp : expected_lines("ppp")) {
        // ppp AMOUNT CURRENCY COUNTRY AS_OF RATE_ON EXPECTED YEAR FACTOR LOCAL REASON
        if (ppp[4] != "2026-04-06") {
            continue;
        }
        const Json* row =
            figure_of(ppp[5] == "2025-05-09" ? ppp_rate_day : ppp_own, std::stoll(ppp[1]), ppp[2]);
        ASSERT_NE(row, nullptr);
        const Json& in = row->at("ppp");
        EXPECT_EQ(in.at("amount").at("amount_minor"), std::stoll(ppp[6])) << ppp[1];
        EXPECT_EQ(in.at("amount").at("unit"), "Int$");
        EXPECT_EQ(in.at("year"), ppp[7]);
        EXPECT_EQ(in.at("factor"), ppp[8]);
        ++checked;
    }
    EXPECT_EQ(checked, 6u);

    // As a person sees them.
    const auto table = run({"salaries", "--role", "Machine Learning Engineer", "--history", "--in",
                            "USD", "--rate-on", "2025-05-09"});
    EXPECT_NE(table.out.find("$82,463.34"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("$12,589.99"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("1.32736 (2025-05-09,"), std::string::npos) << table.out;
    const auto ppp_table = run({"salaries", "--role", "Machine Learning Engineer", "--history",
                                "--ppp", "--rate-on", "2025-05-09"});
    EXPECT_NE(ppp_table.out.find("Int$93,541.70"), std::string::npos) << ppp_table.out;
    EXPECT_NE(ppp_table.out.find("Int$52,639.34"), std::string::npos) << ppp_table.out;
}

TEST_F(Converted, FiguresBeyondTheRatesStayUnconvertedWithOneNotePerReason) {
    const auto result =
        run({"salaries", "--role", "Machine Learning Engineer", "--history", "--in", "USD"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("not converted [1]"), std::string::npos) << result.out;
    const auto notes = test::lines_of(result.err);
    ASSERT_EQ(notes.size(), 2u) << result.err << "one per distinct reason: GBP and INR";
    EXPECT_NE(notes[0].find("[1] not converted: no GBP/USD rate of ECB euro foreign exchange "
                            "reference rates within 7 days up to 2026-04-06"),
              std::string::npos)
        << result.err;
    EXPECT_NE(notes[1].find("[2] not converted: no INR/USD rate"), std::string::npos);
    // The latest rates, by name.
    const auto latest = run({"salaries", "--role", "Machine Learning Engineer", "--history", "--in",
                             "USD", "--rate-on", "latest", "--csv"});
    const auto explicit_day = run({"salaries", "--role", "Machine Learning Engineer", "--history",
                                   "--in", "USD", "--rate-on", "2025-05-09", "--csv"});
    EXPECT_EQ(latest.out, explicit_day.out);
    EXPECT_EQ(latest.err, "");
}

TEST_F(Converted, SortAmountRanksTheCountriesInTheUnitAndUnconvertedLast) {
    const auto column = [](const std::string& csv, const std::string& name) {
        const auto lines = test::lines_of(csv);
        const auto header = fields_of(lines.at(0), ',');
        const auto at = std::find(header.begin(), header.end(), name) - header.begin();
        std::vector<std::string> values;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            values.push_back(fields_of(lines[i], ',').at(static_cast<std::size_t>(at)));
        }
        return values;
    };
    const auto usd = run({"salaries", "--role", "Machine Learning Engineer", "--in", "USD",
                          "--sort", "amount", "--rate-on", "2025-05-09", "--csv"});
    ASSERT_EQ(usd.exit_code, 0) << usd.err;
    EXPECT_EQ(column(usd.out, "country"), (std::vector<std::string>{"US", "GB", "IN"}));
    const auto amounts = column(usd.out, "amount_in");
    EXPECT_GT(std::stod(amounts[0]), std::stod(amounts[1]));
    EXPECT_GT(std::stod(amounts[1]), std::stod(amounts[2]));
    const auto ppp = run({"salaries", "--role", "Machine Learning Engineer", "--ppp", "--sort",
                          "amount", "--rate-on", "2025-05-09", "--csv"});
    EXPECT_EQ(column(ppp.out, "country"), (std::vector<std::string>{"US", "GB", "IN"}));
    EXPECT_EQ(column(ppp.out, "amount_in_currency"),
              (std::vector<std::string>{"Int$", "Int$", "Int$"}));
    // Without --rate-on the GB and IN figures have no rate: last, in their order.
    const auto own = run({"salaries", "--role", "Machine Learning Engineer", "--in", "USD",
                          "--sort", "amount", "--csv"});
    EXPECT_EQ(column(own.out, "country"), (std::vector<std::string>{"US", "GB", "IN"}));
    EXPECT_EQ(column(own.out, "amount_in")[1], "");
    EXPECT_NE(column(own.out, "conversion_note")[1].find("no GBP/USD rate"), std::string::npos);
}

TEST_F(Converted, ReportsInDifferentCurrenciesCombineAsTheIndependentComputationSays) {
    const auto imported =
        run({"import", "salaries",
             (test::source_dir() / "tests" / "data" / "ds_salaries_2022.csv").string(), "--map",
             "role=job_title", "--map", "country=employee_residence", "--map",
             "currency=salary_currency", "--map", "amount=salary", "--map", "as_of=work_year",
             "--set", "statistic=point", "--ignore-unknown", "--create-roles", "--quiet"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto cases = expected_lines("reports", "reports");
    ASSERT_GE(cases.size(), 5u);
    for (const auto& expected : cases) {
        // reports ROLE COUNTRY YEAR UNIT COUNT CONVERTED LEFT_OUT P25 MEDIAN MEAN P75
        std::vector<std::string> arguments = {"salaries",  "--reports", "--role", expected[1],
                                              "--country", expected[2], "--json"};
        if (expected[4] == "Int$") {
            arguments.push_back("--ppp");
        } else {
            arguments.insert(arguments.end(), {"--in", expected[4]});
        }
        const auto result = run(arguments);
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_NE(result.err.find("report(s) converted to " + expected[4]), std::string::npos)
            << result.err;
        const Json* group = nullptr;
        const Json groups = Json::parse(result.out);
        for (const auto& row : groups) {
            if (row.at("year") == expected[3] && row.at("period") == "year") {
                group = &row;
            }
        }
        ASSERT_NE(group, nullptr) << expected[1] << " " << expected[2] << " " << expected[3];
        const std::string what =
            expected[1] + " " + expected[2] + " " + expected[3] + " in " + expected[4];
        EXPECT_EQ(group->at("reports"), std::stoll(expected[5])) << what;
        EXPECT_EQ(group->at("converted"), std::stoll(expected[6])) << what;
        EXPECT_EQ(group->at("left_out"), std::stoll(expected[7])) << what;
        if (std::stoll(expected[5]) > 0) {
            EXPECT_EQ(group->at("p25").at("amount_minor"), std::stoll(expected[8])) << what;
            EXPECT_EQ(group->at("median").at("amount_minor"), std::stoll(expected[9])) << what;
            EXPECT_EQ(group->at("mean").at("amount_minor"), std::stoll(expected[10])) << what;
            EXPECT_EQ(group->at("p75").at("amount_minor"), std::stoll(expected[11])) << what;
        }
    }
    // The Canadian survey group of 2022: CAD and USD reports, one group in USD.
    const auto table = run(
        {"salaries", "--reports", "--role", "Data Scientist", "--country", "CA", "--in", "USD"});
    EXPECT_NE(table.out.find("CAD 2, USD 1"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("CAD→USD"), std::string::npos) << table.out;
}

// Half to even at the cent, as the README's rule says: n / d rounded.
std::int64_t rounded(std::int64_t numerator, std::int64_t denominator) {
    const std::int64_t quotient = numerator / denominator;
    const std::int64_t twice = 2 * (numerator % denominator);
    return twice > denominator || (twice == denominator && quotient % 2 != 0) ? quotient + 1
                                                                              : quotient;
}

TEST_F(Converted, CompareLinesTheRolesUpInOneCurrency) {
    const auto result = run(
        {"compare", "MLOps Engineer", "Data Scientist", "--in", "USD", "--rate-on", "2025-05-09"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("IN average/year in USD"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("Rates: INR→USD 0.0117116 (2025-05-09, ECB, via EUR)"),
              std::string::npos)
        << result.out;
    // MLOps Engineer in India: ₹13,30,539 (the seed's table) at 1.1252 / 96.0755.
    const std::int64_t cents = rounded(133053900LL * 11252, 960755);
    EXPECT_EQ(cents, 1558277);
    EXPECT_NE(result.out.find("$15,582.77"), std::string::npos) << result.out;
    const auto csv = run({"compare", "MLOps Engineer", "Data Scientist", "--in", "USD", "--rate-on",
                          "2025-05-09", "--csv"});
    const auto header = test::lines_of(csv.out).at(0);
    EXPECT_NE(header.find("MLOps Engineer_amount_in,MLOps Engineer_amount_in_currency,"
                          "MLOps Engineer_rate,MLOps Engineer_rate_date"),
              std::string::npos)
        << header;
}

TEST_F(Converted, MachineFormatsHaveTheConversionColumnsWhateverTheData) {
    const std::string columns =
        "amount_in,amount_in_currency,rate,rate_date,rate_source,conversion_note";
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {"salaries", "--country", "JP", "--in", "USD", "--csv"},
             {"salaries", "--country", "IN", "--in", "USD", "--csv"},
             {"roles", "--country", "JP", "--in", "EUR", "--csv"},
             {"roles", "--country", "IN", "--in", "EUR", "--rate-on", "2025-05-09", "--csv"}}) {
        const auto result = run(arguments);
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_NE(test::lines_of(result.out).at(0).find(columns), std::string::npos)
            << arguments[1] << " " << arguments[2] << ": " << result.out;
    }
    const auto role =
        run({"role", "MLOps Engineer", "--in", "USD", "--rate-on", "2025-05-09", "--json"});
    const Json profile = Json::parse(role.out);
    for (const auto& salary : profile.at("latest_salaries")) {
        EXPECT_TRUE(salary.at("in").contains("rate_exact")) << salary.dump();
        EXPECT_FALSE(salary.at("in").at("amount").is_null()) << salary.dump();
    }
}

TEST_F(Converted, ConversionChoicesThatCannotBeCarriedOutAreUsageErrors) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"salaries", "--in", "XYZ"}, "--in: unknown currency 'XYZ'"},
        {{"salaries", "--in", "UDS"}, "--in: unknown currency 'UDS' (did you mean USD?)"},
        {{"salaries", "--in", "US"}, "--in: 'US' is not a currency code"},
        {{"salaries", "--in", "USD", "--ppp"}, "--in cannot be used with --ppp"},
        {{"salaries", "--in", "USD", "--rate-on", "May 9"}, "--rate-on: 'May 9' is not a date"},
        {{"salaries", "--rate-on", "2025-05-09"}, "--rate-on: needs --in CUR or --ppp"},
        {{"salaries", "--sort", "amount"}, "--sort amount: needs --in CUR or --ppp"},
        {{"roles", "--in", "EURO"}, "--in: 'EURO' is not a currency code"},
        {{"compare", "MLOps Engineer", "Data Scientist", "--in", "ABC"}, "unknown currency"},
    };
    for (const auto& [arguments, message] : cases) {
        const auto result = run(arguments);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
        EXPECT_EQ(result.out, "");
    }
}

} // namespace
} // namespace jobkb
