// Diagnostics: how they read in the library's words and in a front end's, and the reject log's
// bounds.
#include "jobkb/import/diagnostics.hpp"

#include <gtest/gtest.h>

namespace jobkb::detail {
namespace {

std::string front_end(const Hint& hint) {
    return hint.kind == HintKind::kCreateRoles ? "pass --create" : "";
}

TEST(Diagnostic, ReadsAsFileLineFieldProblemExpectedHint) {
    Diagnostic diagnostic{"q3.csv",       7,
                          "role",         "unknown role 'x'",
                          "a known role", Hint{HintKind::kCreateRoles, {}, {}}};
    EXPECT_EQ(describe(diagnostic),
              "q3.csv:7: role: unknown role 'x' (expected a known role; allow creating roles, map "
              "titles to roles, or teach the name as a title of a known role)");
    EXPECT_EQ(describe(diagnostic, 12, front_end),
              "q3.csv:7: role: unknown role 'x' (in 12 rows, the first at line 7; expected a "
              "known role; pass --create)");
    EXPECT_EQ(describe(diagnostic, 1, front_end), describe(diagnostic, front_end));
    EXPECT_EQ(describe(diagnostic, front_end),
              "q3.csv:7: role: unknown role 'x' (expected a known role; pass --create)");
    EXPECT_EQ(describe_reason(diagnostic, front_end),
              "role: unknown role 'x' (expected a known role; pass --create)");
    diagnostic.hint = {};
    EXPECT_EQ(describe(diagnostic), "q3.csv:7: role: unknown role 'x' (expected a known role)");
    diagnostic.expected.clear();
    EXPECT_EQ(describe(diagnostic), "q3.csv:7: role: unknown role 'x'");
    diagnostic.hint = {HintKind::kCreateRoles, {}, {}};
    EXPECT_EQ(describe(diagnostic, front_end), "q3.csv:7: role: unknown role 'x' (pass --create)");
}

TEST(Diagnostic, StaysOneShortLine) {
    const Diagnostic diagnostic{"f.csv", 2, "note", "'a\nb\r\x1b' " + std::string(5000, 'x'),
                                "",      {}};
    const std::string line = describe(diagnostic);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_NE(line.find("'a\\nb\\r\\x1b'"), std::string::npos) << line;
    EXPECT_LT(line.size(), 1100u);
    EXPECT_NE(describe_reason(diagnostic).find('\n'), std::string::npos)
        << "the reason keeps the text as the file held it";
}

TEST(Diagnostic, SeveralOfOneHeaderReadAsOneLine) {
    const std::vector<Diagnostic> header = {
        {"h.csv", 1, "header", "unknown column 'x'", "one of a, b", {}},
        {"h.csv", 1, "header", "missing required column 'a'", "",
         Hint{HintKind::kSupplyField, "a", {}}}};
    EXPECT_EQ(describe(header), "h.csv:1: header: unknown column 'x' (expected one of a, b); "
                                "missing required column 'a' (map a column to the field a, or "
                                "give it one value for every row)");
    EXPECT_EQ(describe(std::span<const Diagnostic>()), "");
    const InputError error(header);
    EXPECT_EQ(std::string(error.what()), describe(header));
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.diagnostics().size(), 2u);
    const Error& as_error = error; // callers that know only Error see the whole message
    EXPECT_EQ(as_error.cause(), describe(header));
}

TEST(RejectLog, CountsEveryProblemKeepsTheFirstAndStopsAtTheLimit) {
    FileImportOptions options;
    options.file_name = "in.csv";
    options.max_errors = 3;
    FileImportReport report;
    std::vector<std::pair<std::size_t, std::size_t>> sunk; // line, problems
    const RejectSink sink = [&](const Record& record, const std::vector<Diagnostic>& problems) {
        sunk.emplace_back(record.line, problems.size());
        EXPECT_EQ(problems.front().file, "in.csv");
        EXPECT_EQ(problems.front().line, record.line);
    };
    RejectLog log(options, sink, report);
    Record record;
    for (std::size_t line = 2; line <= 3; ++line) {
        record.line = line;
        std::vector<Diagnostic> problems = {{{}, 0, "amount", "bad", "", {}},
                                            {{}, 0, "as_of", "bad", "", {}}};
        log.reject(record, problems);
        EXPECT_EQ(report.stopped_early, line == 3) << line;
    }
    EXPECT_EQ(report.rows_rejected, 2);
    EXPECT_EQ(report.error_count, 4u);
    ASSERT_EQ(report.errors.size(), 3u);
    EXPECT_EQ(report.errors[2].line, 3u);
    EXPECT_EQ(report.errors[2].field, "amount");
    EXPECT_EQ(sunk, (std::vector<std::pair<std::size_t, std::size_t>>{{2, 2}, {3, 2}}));

    options.skip_invalid = true; // the log reads the options it was given
    FileImportReport lenient;
    std::vector<Diagnostic> five(5);
    RejectLog(options, {}, lenient).reject(record, five);
    EXPECT_FALSE(lenient.stopped_early) << "skip_invalid reads on";
}

// A problem about a group (an unknown name) is one problem however many records have it: counted
// once, kept once with its first line, with the records that have it beside it.
TEST(RejectLog, CountsAGroupedProblemOnceWithItsRows) {
    FileImportOptions options;
    options.file_name = "in.csv";
    options.max_errors = 2;
    FileImportReport report;
    std::size_t sunk = 0;
    const RejectSink sink = [&](const Record&, const std::vector<Diagnostic>&) { ++sunk; };
    RejectLog log(options, sink, report);
    Record record;
    const auto reject = [&](std::size_t line, const std::string& group) {
        record.line = line;
        std::vector<Diagnostic> problems = {{{}, 0, "role", "unknown role " + group, "", {}}};
        log.reject(record, problems, {group});
    };
    reject(2, "a");
    reject(3, "a");
    reject(4, "b");
    reject(5, "a");
    reject(6, "c"); // beyond max_errors: counted, not kept
    reject(7, "c");
    EXPECT_EQ(report.rows_rejected, 6);
    EXPECT_EQ(sunk, 6u) << "the rejects file lists every row";
    EXPECT_EQ(report.error_count, 3u);
    ASSERT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.error_rows, (std::vector<std::size_t>{3, 1}));
    EXPECT_TRUE(report.stopped_early) << "2 distinct problems reach max_errors";
    reject(8, ""); // no group: a problem of its own
    EXPECT_EQ(report.error_count, 4u);
}

} // namespace
} // namespace jobkb::detail
