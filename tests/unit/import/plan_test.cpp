// The mapping plan: header matching, the mapping and constants, header problems with their
// hints, and the settings fingerprint.
#include "jobkb/import/plan.hpp"
#include "jobkb/import/salary_validation.hpp"

#include <gtest/gtest.h>

namespace jobkb::detail {
namespace {

Record record_of(const std::vector<std::string>& names, std::size_t header_line = 0) {
    Record record;
    record.line = 2;
    record.header_line = header_line;
    record.names = &names;
    record.values.assign(names.size(), std::string("x"));
    return record;
}

// The plan's column per salary field for a JSON-like record (problems come back, not thrown).
ColumnPlan plan(const std::vector<std::string>& names, const FileImportOptions& options = {}) {
    MappingPlan mapping(salary_fields(), options);
    return mapping.plan_for(record_of(names));
}

std::vector<std::string> problems_of(const ColumnPlan& plan) {
    std::vector<std::string> problems;
    for (const auto& problem : plan.problems) {
        problems.push_back(problem.problem);
    }
    return problems;
}

const std::vector<std::string> kRequired = {"role", "country", "currency", "amount", "as_of"};

TEST(MappingPlan, MatchesHeadersInAnyCaseAndSpacing) {
    const auto result = plan({" ROLE ", "Country", "currency\t", "AmOuNt", "as_of", "Note"});
    EXPECT_TRUE(result.problems.empty()) << result.problems.front().problem;
    EXPECT_EQ(result.column[kRole], 0);
    EXPECT_EQ(result.column[kAmount], 3);
    EXPECT_EQ(result.column[kNote], 5);
    EXPECT_EQ(result.column[kPeriod], -1);
}

TEST(MappingPlan, MapsColumnsAndSetsConstants) {
    FileImportOptions options;
    options.mapping = {{"role", " Job Title "}, {"amount", "salary"}};
    options.constants = {{"currency", "USD"}};
    const auto result = plan({"job title", "country", "SALARY", "as_of"}, options);
    ASSERT_TRUE(result.problems.empty()) << result.problems.front().problem;
    EXPECT_EQ(result.column[kRole], 0);
    EXPECT_EQ(result.column[kAmount], 2);
    EXPECT_EQ(result.column[kCurrency], -1) << "a constant needs no column";
    MappingPlan mapping(salary_fields(), options);
    EXPECT_EQ(mapping.constant(kCurrency), "USD");
    EXPECT_EQ(mapping.constant(kRole), std::nullopt);
}

TEST(MappingPlan, AColumnNamedAsAMappedFieldIsNotThatField) {
    FileImportOptions options;
    options.mapping = {{"role", "title"}};
    const auto result = plan({"title", "role", "country", "currency", "amount", "as_of"}, options);
    EXPECT_EQ(result.column[kRole], 0);
    EXPECT_EQ(problems_of(result), (std::vector<std::string>{"unknown column 'role'"}));
    options.ignore_unknown = true;
    EXPECT_TRUE(plan({"title", "role", "country", "currency", "amount", "as_of"}, options)
                    .problems.empty());
}

TEST(MappingPlan, ReportsUnknownDuplicateAndMissingColumnsWithHints) {
    const auto result = plan({"role", "Colour", "country", "Role", " Curency ", "as_of"});
    EXPECT_EQ(problems_of(result), (std::vector<std::string>{"unknown column 'Colour'",
                                                             "two columns give the field role",
                                                             "unknown column ' Curency '",
                                                             "missing required column 'currency'",
                                                             "missing required column 'amount'"}));
    for (const auto& problem : result.problems) {
        EXPECT_EQ(problem.field, "header");
    }
    // An unknown column: the field it most likely is, and its name trimmed.
    EXPECT_EQ(result.problems[0].hint.kind, HintKind::kMapColumn);
    EXPECT_EQ(result.problems[0].hint.field, "") << "colour is close to no field";
    EXPECT_EQ(result.problems[0].hint.value, "Colour");
    EXPECT_EQ(result.problems[0].expected,
              "one of role, country, currency, amount, period, statistic, as_of, source, note, "
              "qualifier, level, employment, work_setting, company_size, area, code, area_code, "
              "area_kind");
    EXPECT_EQ(result.problems[2].hint.field, "currency");
    EXPECT_EQ(result.problems[2].hint.value, "Curency");
    EXPECT_EQ(result.problems[1].hint.kind, HintKind::kNone);
    EXPECT_EQ(result.problems[1].expected, "one");
    // A missing field: supply it.
    EXPECT_EQ(result.problems[4].hint.kind, HintKind::kSupplyField);
    EXPECT_EQ(result.problems[4].hint.field, "amount");
    EXPECT_EQ(result.problems[4].expected, "the columns role, country, currency, amount, as_of");
}

TEST(MappingPlan, TheLikelyFieldOfAColumnIsOneNothingGivesYet) {
    auto result = plan({"role", "country", "currency", "amount", " As Of "});
    ASSERT_EQ(result.problems.size(), 2u);
    EXPECT_EQ(result.problems[0].hint.field, "as_of");
    EXPECT_EQ(result.problems[0].hint.value, "As Of");
    result = plan({"role", "country", "currency", "amount", "as_of", "As-Of"});
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].hint.field, "") << "as_of has its column already";
    result = plan({"role", "country", "currency", "as_of", "Amt"});
    ASSERT_EQ(result.problems.size(), 2u);
    EXPECT_EQ(result.problems[0].hint.field, "") << "a short name, too far from amount";
    result = plan({"role", "country", "currency", "as_of", "amout"});
    EXPECT_EQ(result.problems[0].hint.field, "amount");
}

TEST(MappingPlan, ConstantsSatisfyRequiredFields) {
    FileImportOptions options;
    options.constants = {{"amount", "5"}, {"as_of", "2026"}};
    EXPECT_TRUE(plan({"role", "country", "currency"}, options).problems.empty());
    const auto missing = plan({});
    std::vector<std::string> fields;
    for (const auto& problem : missing.problems) {
        fields.push_back(problem.hint.field);
    }
    EXPECT_EQ(fields, kRequired);
}

TEST(MappingPlan, RefusesMappingsAndConstantsOfNoField) {
    FileImportOptions options;
    options.mapping = {{"salary", "x"}};
    EXPECT_THROW(MappingPlan(salary_fields(), options), Error);
    options.mapping = {};
    options.constants = {{"Role", "x"}}; // field names are exact
    try {
        MappingPlan mapping(salary_fields(), options);
        FAIL() << "accepted a constant of no field";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(std::string(error.what()),
                  "the constants: unknown field 'Role' (expected one of role, country, currency, "
                  "amount, period, statistic, as_of, source, note, qualifier, level, employment, "
                  "work_setting, company_size, area, code, area_code, area_kind)");
        EXPECT_EQ(std::string(error.what()).find("--"), std::string::npos);
    }
}

TEST(MappingPlan, ACsvHeaderWithProblemsThrowsOnceWithEveryProblem) {
    FileImportOptions options;
    options.file_name = "q3.csv";
    MappingPlan mapping(salary_fields(), options);
    const std::vector<std::string> names = {"role", "country", "currency", "value", "as_of"};
    try {
        mapping.plan_for(record_of(names, 1));
        FAIL() << "a bad header was accepted";
    } catch (const InputError& error) {
        ASSERT_EQ(error.diagnostics().size(), 2u);
        EXPECT_EQ(error.diagnostics()[0].file, "q3.csv");
        EXPECT_EQ(error.diagnostics()[0].line, 1u);
        EXPECT_EQ(error.diagnostics()[1].hint.kind, HintKind::kSupplyField);
        EXPECT_EQ(std::string(error.what()).rfind("q3.csv:1: header: unknown column 'value'", 0),
                  0u)
            << error.what();
    }
}

TEST(MappingPlan, JsonObjectsArePlannedAgainWhenTheirKeysDiffer) {
    MappingPlan mapping(salary_fields(), {});
    std::vector<std::string> names = {"role", "country", "currency", "amount", "as_of"};
    Record record = record_of(names);
    EXPECT_TRUE(mapping.plan_for(record).problems.empty());
    names = {"as_of", "role", "country", "currency", "amount"}; // same vector, other keys
    EXPECT_EQ(mapping.plan_for(record).column[kAsOf], 0);
    names.pop_back();
    EXPECT_EQ(mapping.plan_for(record).problems.size(), 1u);
}

TEST(FieldList, SpellingsMatchHeadersButNotMappings) {
    static constexpr std::string_view kTitleSpellings[] = {"job_title", "title"};
    static constexpr FieldSpec kFields[] = {{"role", true, kTitleSpellings}, {"note", false}};
    const FieldList fields(kFields);
    EXPECT_EQ(fields.match(" Job_Title "), 0u);
    EXPECT_EQ(fields.match("TITLE"), 0u);
    EXPECT_EQ(fields.index("title"), std::nullopt);
    EXPECT_EQ(fields.closest("job title", {false, false}), 0u);
    EXPECT_EQ(fields.closest("notes", {false, false}), 1u);
    EXPECT_EQ(fields.closest("notes", {false, true}), std::nullopt);
    EXPECT_EQ(fields.required_names(), "role");
    EXPECT_EQ(fields.names(), "role, note");
}

TEST(SettingsFingerprint, EqualForEquivalentSettings) {
    FileImportOptions a;
    a.mapping = {{"role", "Job Title"}, {"amount", "amount"}};
    a.constants = {{"statistic", "point"}};
    FileImportOptions b;
    b.mapping = {{"role", " job title "}}; // amount=amount maps a field to its own name: no mapping
    b.constants = {{"statistic", "point"}};
    b.file_name = "elsewhere/other-name.csv"; // the file's name is not a setting
    b.skip_invalid = true;                    // nor is what happens to invalid rows
    EXPECT_EQ(settings_fingerprint(a, 3), settings_fingerprint(b, 3));
    EXPECT_EQ(settings_fingerprint(a, 3),
              "format=csv;map:role=job title;set:statistic=point;source=3")
        << "batches store this text: it must not change";
}

TEST(SettingsFingerprint, DifferentOtherwise) {
    FileImportOptions base;
    base.mapping = {{"role", "title"}};
    const std::string fingerprint = settings_fingerprint(base, 3);
    EXPECT_NE(settings_fingerprint(base, 4), fingerprint) << "another source";
    auto other = base;
    other.format = InputFormat::kTsv;
    EXPECT_NE(settings_fingerprint(other, 3), fingerprint);
    other = base;
    other.mapping = {{"role", "name"}};
    EXPECT_NE(settings_fingerprint(other, 3), fingerprint);
    other = base;
    other.constants = {{"note", "x"}};
    EXPECT_NE(settings_fingerprint(other, 3), fingerprint);
    other.constants = {{"note", "X"}}; // a value is data: its case counts
    EXPECT_NE(settings_fingerprint(other, 3), settings_fingerprint(base, 3));
}

} // namespace
} // namespace jobkb::detail
