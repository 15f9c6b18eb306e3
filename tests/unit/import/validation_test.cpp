// Row validation, pure: field texts and the salary rules, against a vocabulary built in memory
// (no database anywhere in this file).
#include "jobkb/import/salary_validation.hpp"
#include "jobkb/import/validation.hpp"

#include <gtest/gtest.h>

namespace jobkb::detail {
namespace {

const std::string kToday = "2026-11-23";

SalaryVocabulary vocabulary() {
    return make_salary_vocabulary(
        {{"INR", "₹", 2, DigitGrouping::kIndian},
         {"USD", "$", 2, DigitGrouping::kWestern},
         {"JPY", "¥", 0, DigitGrouping::kWestern}},
        {"year", "month", "hour"},
        {"average", "median", "p10", "p25", "p75", "p90", "minimum", "maximum", "point"});
}

// The texts of a valid row, to spoil one field at a time.
FieldTexts texts(std::string amount = "1000000", std::string currency = "INR") {
    FieldTexts result(kImportFields.size());
    result[kRole] = "Data Scientist";
    result[kCountry] = "IN";
    result[kCurrency] = std::move(currency);
    result[kAmount] = std::move(amount);
    result[kAsOf] = "2026-04";
    return result;
}

struct Checked {
    std::optional<ValidFigure> figure;
    std::vector<Diagnostic> problems;
};

Checked check(FieldTexts row, const std::string& today = kToday) {
    static const SalaryVocabulary words = vocabulary();
    Checked checked;
    checked.figure = validate_figure(row, words, today, checked.problems);
    return checked;
}

// "field: problem (expected ...)" of the only problem.
std::string problem(FieldTexts row, const std::string& today = kToday) {
    const auto checked = check(std::move(row), today);
    EXPECT_FALSE(checked.figure.has_value());
    if (checked.problems.size() != 1) {
        ADD_FAILURE() << checked.problems.size() << " problems";
        return "";
    }
    return describe_reason(checked.problems[0]);
}

TEST(ValidateFigure, AcceptsAValidRowWithDefaults) {
    const auto checked = check(texts("10,88,060"));
    ASSERT_TRUE(checked.figure) << describe_reason(checked.problems.at(0));
    EXPECT_EQ(checked.figure->currency->code, "INR");
    EXPECT_EQ(checked.figure->amount_minor, 108806000);
    EXPECT_EQ(checked.figure->period, "year");
    EXPECT_EQ(checked.figure->statistic, "average");
    EXPECT_EQ(checked.figure->as_of, "2026-04");
    EXPECT_EQ(checked.figure->note, std::nullopt);
}

TEST(ValidateFigure, CurrencyCodesInAnyCase) {
    EXPECT_EQ(check(texts("150000", "usd")).figure->currency->code, "USD");
    EXPECT_EQ(problem(texts("1", "ABC")),
              "currency: unknown currency 'ABC' (expected an ISO 4217 code such as INR, USD, "
              "GBP or EUR)");
}

TEST(ValidateFigure, AmountsGoThroughParseAmount) {
    EXPECT_EQ(check(texts("12 LPA")).figure->amount_minor, 120000000);
    EXPECT_EQ(check(texts("150k", "USD")).figure->amount_minor, 15000000);
    EXPECT_EQ(check(texts("¥1,200", "JPY")).figure->amount_minor, 1200);
    EXPECT_EQ(problem(texts("1,5")).rfind("amount: '1,5' has irregular digit groups", 0), 0u);
    EXPECT_EQ(problem(texts("-5")), "amount: '-5' is negative (expected a positive amount)");
    EXPECT_EQ(problem(texts("1.5", "JPY")).rfind("amount: '1.5' has more decimals than JPY", 0),
              0u);
}

TEST(ValidateFigure, AnLpaAmountIsPerYear) {
    auto row = texts("12 LPA");
    row[kPeriod] = "month";
    EXPECT_EQ(problem(row), "amount: '12 LPA' is per year, but the period is month (expected the "
                            "period year, or an amount without LPA)");
    row[kPeriod] = "Per Annum";
    EXPECT_TRUE(check(row).figure);
}

TEST(ValidateFigure, PeriodAndStatisticSpellings) {
    const std::vector<std::pair<std::string, std::string>> periods = {
        {"yearly", "year"}, {"PA", "year"}, {"per month", "month"},
        {"Hourly", "hour"}, {"hr", "hour"}, {"YEAR", "year"}};
    for (const auto& [spelling, code] : periods) {
        auto row = texts();
        row[kPeriod] = spelling;
        EXPECT_EQ(check(row).figure->period, code) << spelling;
    }
    const std::vector<std::pair<std::string, std::string>> statistics = {
        {"Mean", "average"}, {"avg", "average"},  {"p50", "median"},
        {"MAX", "maximum"},  {"report", "point"}, {"P90", "p90"}};
    for (const auto& [spelling, code] : statistics) {
        auto row = texts();
        row[kStatistic] = spelling;
        EXPECT_EQ(check(row).figure->statistic, code) << spelling;
    }
    auto row = texts();
    row[kPeriod] = "week";
    EXPECT_EQ(problem(row), "period: unknown period 'week' (expected year, month or hour)");
    row = texts();
    row[kStatistic] = "mode";
    EXPECT_EQ(problem(row), "statistic: unknown statistic 'mode' (expected average, median, p10, "
                            "p25, p75, p90, minimum, maximum or point)");
}

TEST(ValidateFigure, SpellingsOnlyForCodesTheVocabularyHas) {
    const auto words = make_salary_vocabulary({}, {"year"}, {"average"});
    EXPECT_EQ(words.periods.count("yearly"), 1u);
    EXPECT_EQ(words.periods.count("monthly"), 0u) << "no month in this vocabulary";
    EXPECT_EQ(words.statistics.count("mean"), 1u);
    EXPECT_EQ(words.statistics.count("p50"), 0u);
}

TEST(ValidateFigure, EveryProblemOfARowInFieldOrder) {
    FieldTexts row = texts("lots", "XXX");
    row[kPeriod] = "week";
    row[kStatistic] = "mode";
    row[kAsOf] = "soon";
    const auto checked = check(row);
    std::vector<std::string> fields;
    for (const auto& problem : checked.problems) {
        fields.push_back(problem.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"currency", "period", "statistic", "as_of"}))
        << "without a currency the amount cannot be read";
}

TEST(CheckDate, Shapes) {
    for (const std::string& date : std::vector<std::string>{
             "2026", "2026-04", "2026-04-06", "2024-02-29", "1900", kToday, "2026-11"}) {
        std::vector<Diagnostic> problems;
        EXPECT_TRUE(check_date("as_of", date, kToday, problems)) << date;
    }
    const std::string expected = "(expected a date 2026-04-06, a month 2026-04 or a year 2026)";
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"2026-4", "'2026-4' is not a date " + expected},
        {"26", "'26' is not a date " + expected},
        {"2026/04/06", "'2026/04/06' is not a date " + expected},
        {"1899-12", "'1899-12' is before 1900 " + expected},
        {"2026-02-30", "'2026-02-30' is no such day " + expected},
        {"1900-02-29", "'1900-02-29' is no such day " + expected},
        {"2026-13", "'2026-13' is no such day " + expected},
        {"2026-00-10", "'2026-00-10' is no such day " + expected},
        {"2026-11-24", "'2026-11-24' is in the future (expected a date up to 2026-11-23)"},
        {"2026-12", "'2026-12' is in the future (expected a date up to 2026-11-23)"},
        {"2027", "'2027' is in the future (expected a date up to 2026-11-23)"},
    };
    for (const auto& [date, message] : refused) {
        std::vector<Diagnostic> problems;
        EXPECT_FALSE(check_date("as_of", date, kToday, problems)) << date;
        ASSERT_EQ(problems.size(), 1u) << date;
        EXPECT_EQ(describe_reason(problems[0]), "as_of: " + message);
    }
}

class FieldTextsTest : public ::testing::Test {
protected:
    std::vector<std::string> names_ = {"role", "country", "currency", "amount", "as_of", "note"};
    FileImportOptions options_;

    // The texts of a record with these values under the header above.
    std::pair<FieldTexts, std::vector<Diagnostic>>
    read(std::vector<std::optional<std::string>> values) {
        MappingPlan mapping(salary_fields(), options_);
        Record record;
        record.line = 2;
        record.names = &names_;
        record.values = std::move(values);
        const ColumnPlan& plan = mapping.plan_for(record);
        EXPECT_TRUE(plan.problems.empty());
        FieldTexts texts;
        std::vector<Diagnostic> problems;
        const bool ok = read_field_texts(record, plan, mapping, texts, problems);
        EXPECT_EQ(ok, problems.empty());
        return {texts, problems};
    }
};

TEST_F(FieldTextsTest, TrimsAndTakesConstants) {
    options_.constants = {{"statistic", "point"}, {"country", "US"}};
    const auto [texts, problems] =
        read({" Data Scientist ", "IN", "USD\t", "5", "2026", std::nullopt});
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(texts[kRole], "Data Scientist");
    EXPECT_EQ(texts[kCountry], "US") << "a constant wins over the column";
    EXPECT_EQ(texts[kCurrency], "USD");
    EXPECT_EQ(texts[kStatistic], "point");
    EXPECT_EQ(texts[kNote], std::nullopt) << "JSON null";
    EXPECT_EQ(texts[kPeriod], std::nullopt) << "no column";
}

TEST_F(FieldTextsTest, RequiredFieldsMayNotBeEmpty) {
    const auto [texts, problems] = read({"x", "  ", "USD", "", "2026", ""});
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(describe_reason(problems[0]), "country: is empty (expected a value)");
    EXPECT_EQ(describe_reason(problems[1]), "amount: is empty (expected a value)");
    EXPECT_EQ(texts[kNote], std::nullopt) << "empty optional text is none";
}

TEST_F(FieldTextsTest, RefusesBrokenUtf8AndControlCharacters) {
    const auto [texts, problems] =
        read({"Data\xC3", "IN", "US\x01D", "5", "2026", "line one\nline\ttwo"});
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(describe_reason(problems[0]), "role: is not valid UTF-8 (expected UTF-8 text)");
    EXPECT_EQ(describe_reason(problems[1]),
              "currency: holds a NUL or another control character (expected text; tabs and line "
              "breaks are fine in a note)");
    EXPECT_EQ(texts[kNote], "line one\nline\ttwo");
}

TEST(TextRules, Utf8AndControls) {
    EXPECT_TRUE(valid_utf8("₹10,88,060 naïve 日本 🙂"));
    for (const std::string bad :
         {"\xC3", "\xC0\x80", "\xE0\x80", "\xF5\x80\x80\x80", "\x80", "a\xFF", "\xED\xA0"}) {
        EXPECT_FALSE(valid_utf8(bad)) << bad;
    }
    EXPECT_FALSE(has_control_characters("tab\tnew\nline\r"));
    EXPECT_TRUE(has_control_characters(std::string("nul\0", 4)));
    EXPECT_TRUE(has_control_characters("del\x7f"));
    EXPECT_TRUE(has_control_characters("escape\x1b[31m"));
}

} // namespace
} // namespace jobkb::detail
