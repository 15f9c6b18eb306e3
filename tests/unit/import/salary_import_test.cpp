// import_salaries() through the library, as an embedding program calls it: the report, the
// diagnostics with their fields, the rejects sink, dry runs, repeats, supersede and created roles.
#include "jobkb/import.hpp"

#include "support.hpp"

#include <sstream>

namespace jobkb {
namespace {

const std::string kHeader = "role,country,currency,amount,period,statistic,as_of,source,note\n";

class SalaryImport : public test::SeededBase {
protected:
    ImportReport import(const std::string& text, ImportOptions options = {},
                        const RejectSink& sink = {}) {
        if (options.file_name.empty()) {
            options.file_name = "in.csv";
        }
        options.today = "2026-11-23";
        std::istringstream in(text);
        InputSource input(in, options.file_name);
        return import_salaries(*database_, input, options, sink);
    }
};

TEST_F(SalaryImport, ImportsAFileAsOneBatch) {
    const auto report = import(kHeader + "Data Scientist,IN,INR,11 LPA,,,2026-08,Survey,hi\n"
                                         "Prompt Engineer,US,USD,150000,,,2026,,\n"
                                         "prompt engineer,US,USD,160000,,median,2026,,\n",
                               [] {
                                   ImportOptions options;
                                   options.create_roles = true;
                                   return options;
                               }());
    EXPECT_TRUE(report.committed);
    EXPECT_GT(report.batch_id, 0);
    EXPECT_EQ(report.rows_read, 3);
    EXPECT_EQ(report.rows_inserted, 3);
    EXPECT_EQ(report.rows_rejected, 0);
    EXPECT_EQ(report.created_roles, (std::vector<std::string>{"Prompt Engineer"}));
    EXPECT_EQ(report.change_count, 3u);
    EXPECT_EQ(count("SELECT count(*) FROM salary_observations WHERE batch_id = " +
                    std::to_string(report.batch_id)),
              3);
    EXPECT_EQ(scalar("SELECT s.title FROM salary_observations o JOIN sources s ON s.id = "
                     "o.source_id WHERE o.note = 'hi'"),
              "Survey");
    EXPECT_EQ(scalar("SELECT s.title FROM import_batches b JOIN sources s ON s.id = b.source_id"),
              "in.csv")
        << "the batch's source defaults to the file's name";
}

// The import writes with foreign-key enforcement off (it resolved every reference itself); the
// connection it was given enforces them again afterwards, whether the import committed, was a
// dry run, or was refused, and what it wrote holds every reference.
TEST_F(SalaryImport, ForeignKeysAreEnforcedAgainAfterwards) {
    const auto enforced = [&] { return count("PRAGMA foreign_keys"); };
    ImportOptions creating;
    creating.create_roles = true;
    EXPECT_TRUE(
        import(kHeader + "Prompt Engineer,US,USD,150000,,,2026,Survey,\n", creating).committed);
    EXPECT_EQ(enforced(), 1);
    ImportOptions dry = creating;
    dry.dry_run = true;
    EXPECT_FALSE(import(kHeader + "Agent Engineer,US,USD,150000,,,2026,,\n", dry).committed);
    EXPECT_EQ(enforced(), 1);
    EXPECT_THROW(import("role,country\n"), Error);
    EXPECT_EQ(enforced(), 1);
    EXPECT_EQ(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM salary_latest_pending"), 0);
    EXPECT_THROW(database_->execute("testing",
                                    "INSERT INTO salary_observations (role_id, country_code, "
                                    "currency_code, amount_minor, as_of, source_id) VALUES "
                                    "(999999, 'US', 'USD', 100, '2026', 1)"),
                 Error)
        << "an observation of no role was written";
}

TEST_F(SalaryImport, InvalidRowsAreDiagnosticsWithFieldsAndNothingIsWritten) {
    std::vector<std::pair<std::size_t, std::string>> rejected;
    const RejectSink sink = [&](const Record& record, const std::vector<Diagnostic>& problems) {
        rejected.emplace_back(record.line, problems.front().field);
    };
    const std::string before = test::content_dump(path_);
    const auto report = import(kHeader + "Data Scientist,IN,INR,1000000,,,2026,,\n"
                                         "Nobody,IN,INR,1000000,,,2026,,\n"
                                         "Data Scientist,IN,INR,1000000,week,,2030,,\n",
                               {}, sink);
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.batch_id, 0);
    EXPECT_EQ(report.rows_inserted, 0);
    EXPECT_EQ(report.rows_rejected, 2);
    EXPECT_EQ(report.error_count, 3u);
    ASSERT_EQ(report.errors.size(), 3u);
    EXPECT_EQ(report.errors[0].file, "in.csv");
    EXPECT_EQ(report.errors[0].line, 3u);
    EXPECT_EQ(report.errors[0].field, "role");
    EXPECT_EQ(report.errors[0].hint.kind, HintKind::kCreateRoles);
    EXPECT_EQ(report.errors[1].field, "period");
    EXPECT_EQ(report.errors[2].field, "as_of");
    EXPECT_EQ(describe(report.errors[2]),
              "in.csv:4: as_of: '2030' is in the future (expected a date up to 2026-11-23)");
    for (const auto& error : report.errors) {
        EXPECT_EQ(describe(error).find("--"), std::string::npos) << "names no CLI flag";
    }
    EXPECT_EQ(rejected,
              (std::vector<std::pair<std::size_t, std::string>>{{3, "role"}, {4, "period"}}));
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(SalaryImport, ACsvHeaderItCannotReadIsAnInputErrorWithHints) {
    const std::string before = test::content_dump(path_);
    try {
        import("role,country,currency,as_of, Amount Paid \nx,IN,INR,2026,5\n");
        FAIL() << "a header without amount was accepted";
    } catch (const InputError& error) {
        ASSERT_EQ(error.diagnostics().size(), 2u);
        const auto& unknown = error.diagnostics()[0];
        EXPECT_EQ(unknown.line, 1u);
        EXPECT_EQ(unknown.hint.kind, HintKind::kMapColumn);
        EXPECT_EQ(unknown.hint.value, "Amount Paid");
        EXPECT_EQ(error.diagnostics()[1].hint.kind, HintKind::kSupplyField);
        EXPECT_EQ(error.diagnostics()[1].hint.field, "amount");
        EXPECT_EQ(std::string(error.what()).find("--"), std::string::npos) << error.what();
    }
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(SalaryImport, JsonHeaderProblemsAreTheRecordsOwn) {
    ImportOptions options;
    options.file_name = "in.json";
    options.format = InputFormat::kJson;
    options.skip_invalid = true;
    const auto report =
        import("[{\"role\": \"Data Scientist\", \"country\": \"IN\", \"currency\": \"INR\", "
               "\"amount\": 1000000, \"as_of\": \"2026\"},\n"
               "{\"role\": \"Data Scientist\", \"country\": \"IN\", \"currency\": \"INR\", "
               "\"as_of\": \"2026\", \"wage\": 1}]",
               options);
    EXPECT_TRUE(report.committed);
    EXPECT_EQ(report.rows_inserted, 1);
    ASSERT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.errors[0].field, "header");
    EXPECT_EQ(report.errors[0].hint.value, "wage");
}

TEST_F(SalaryImport, ADryRunReportsAndWritesNothing) {
    const std::string before = test::content_dump(path_);
    ImportOptions options;
    options.dry_run = true;
    options.create_roles = true;
    const auto report = import(kHeader + "Big Data Engineer,US,USD,160000,,,2026-09,,\n"
                                         "New Role,US,USD,160000,,,2026-09,,\n",
                               options);
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.batch_id, 0);
    EXPECT_EQ(report.rows_inserted, 2);
    EXPECT_EQ(report.created_roles, (std::vector<std::string>{"New Role"}));
    ASSERT_EQ(report.change_count, 2u);
    EXPECT_EQ(test::content_dump(path_), before);
}

TEST_F(SalaryImport, TheSameBytesWithTheSameSettingsAreARepeat) {
    const std::string file = kHeader + "Data Scientist,IN,INR,1100000,,,2026-08,,\n";
    const auto first = import(file);
    ASSERT_TRUE(first.committed);
    const std::string after_first = test::content_dump(path_);
    ImportOptions elsewhere;
    elsewhere.file_name = "copy/of/in.csv";
    elsewhere.source = "IN.CSV"; // the same source, spelled otherwise
    elsewhere.mapping = {{"role", " Role "}};
    const auto again = import(file, elsewhere);
    EXPECT_TRUE(again.already_imported);
    EXPECT_EQ(again.existing_batch, first.batch_id);
    EXPECT_EQ(again.rows_unchanged, 1);
    EXPECT_EQ(again.rows_inserted, 0);
    EXPECT_FALSE(again.committed);
    EXPECT_EQ(test::content_dump(path_), after_first);
    ImportOptions other;
    other.constants = {{"statistic", "median"}};
    EXPECT_TRUE(import(file, other).committed) << "other settings are another import";
}

TEST_F(SalaryImport, SupersedeAndUndo) {
    ImportOptions options;
    options.source = "Tracker";
    const auto first = import(kHeader + "Big Data Engineer,IN,INR,2000000,,,2026-09,,\n", options);
    options.supersede = true;
    const auto second = import(kHeader + "Big Data Engineer,IN,INR,1900000,,,2026-08,,\n", options);
    EXPECT_EQ(second.superseded_batches, (std::vector<std::int64_t>{first.batch_id}));
    ASSERT_EQ(second.changes.size(), 1u);
    EXPECT_EQ(second.changes[0].current_minor, 200000000);
    EXPECT_EQ(second.changes[0].new_minor, 190000000);
    EXPECT_EQ(undo_import_batch(*database_, second.batch_id), 1);
    EXPECT_EQ(scalar("SELECT amount_minor FROM latest_salaries WHERE role = 'Big Data Engineer' "
                     "AND country = 'IN'"),
              "200000000");
}

TEST_F(SalaryImport, RefusesUnusableOptionsAndEmptyInput) {
    ImportOptions options;
    options.mapping = {{"salary", "x"}};
    EXPECT_THROW(import(kHeader + "x\n", options), Error);
    options = {};
    options.today = "23/11/2026";
    std::istringstream in(kHeader);
    InputSource input(in, "in.csv");
    try {
        import_salaries(*database_, input, options);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), "today '23/11/2026': expected a date such as "
                                             "2026-11-23");
    }
    try {
        import(kHeader);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "in.csv:1: the input has no records (expected a header and at least one row)");
    }
}

} // namespace
} // namespace jobkb
