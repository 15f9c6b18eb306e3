#include "import_fuzz.hpp"

#include "fuzz_support.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/import.hpp"

#include <fmt/format.h>

#include <sstream>

namespace jobkb::fuzz {
namespace {

void expect(bool holds, std::string_view what, const ImportReport& report, std::string_view input) {
    if (!holds) {
        fail(fmt::format("{} (read {}, filtered {}, inserted {}, unchanged {}, rejected {}, "
                         "ranges {}, errors {}, changes {})",
                         what, report.rows_read, report.rows_filtered, report.rows_inserted,
                         report.rows_unchanged, report.rows_rejected, report.ranges,
                         report.error_count, report.change_count),
             input);
    }
}

// "FILE:LINE: ..." on one line, as the CLI prints it.
void expect_message(const std::string& message, const ImportOptions& options,
                    std::string_view input) {
    if (!message.starts_with(options.file_name + ":")) {
        fail("a message does not start with the file's name: " + escaped(message), input);
    }
    if (has_control_characters(message)) {
        fail("a message holds a line break or another control character: " + escaped(message),
             input);
    }
}

void check_report(const ImportReport& report, const ImportOptions& options,
                  std::string_view input) {
    expect(!report.committed && report.batch_id == 0, "a dry run committed a batch", report, input);
    expect(!report.already_imported, "a dry run found an earlier batch", report, input);
    expect(report.rows_read > 0, "a report without rows did not throw", report, input);
    expect(report.errors.size() <= options.max_errors, "more errors kept than max_errors", report,
           input);
    expect(report.error_count >= report.errors.size(), "error_count below the errors kept", report,
           input);
    expect(report.error_count == 0 || report.rows_rejected > 0, "errors without a rejected row",
           report, input);
    for (const auto& error : report.errors) {
        expect_message(describe(error), options, input);
        expect(error.file == options.file_name && error.line > 0 && !error.field.empty() &&
                   !error.problem.empty(),
               "a diagnostic without its file, line, field or problem", report, input);
    }
    if (!options.columns.empty()) {
        // A wide row holds any number of figures (none when every cell is a placeholder), and
        // every figure of an invalid row is left out with it.
        expect(report.rows_rejected == 0 || options.skip_invalid || report.rows_inserted == 0,
               "figures inserted although a row was invalid", report, input);
    } else if (options.skip_invalid || report.rows_rejected == 0) {
        // A range is two figures (its minimum and maximum); a filtered row is read, not kept.
        expect(report.rows_inserted + report.rows_unchanged ==
                   report.rows_read - report.rows_filtered - report.rows_rejected + report.ranges,
               "figures inserted and unchanged are not the rows accepted plus their ranges", report,
               input);
        expect(!report.stopped_early, "stopped early without an invalid row kept out", report,
               input);
    } else {
        expect(report.rows_inserted == 0, "rows inserted although a row was invalid", report,
               input);
    }
    expect(report.changes.size() <= kMaxReportedChanges, "more changes than kMaxReportedChanges",
           report, input);
    expect(report.change_count >= report.changes.size() &&
               report.change_count <= static_cast<std::size_t>(report.rows_inserted),
           "change_count does not fit the changes and rows inserted", report, input);
    for (const auto& change : report.changes) {
        expect(change.new_rows >= 1 && change.new_minor > 0 && change.new_minor <= kMaxAmountMinor,
               "a reported change has no rows or an amount out of range", report, input);
    }
}

void import_once(const ImportOptions& options, std::string_view input) {
    ScratchBase& base = ScratchBase::instance();
    std::istringstream stream{std::string(input)};
    InputSource source(stream, options.file_name);
    ImportReport report;
    const auto refusal =
        refusal_of([&] { report = import_salaries(base.writer(), source, options); }, input);
    if (refusal) {
        // Input problems are kInvalidArgument; anything else (a failed constraint, say) means
        // validation let through a row the database refused.
        if (refusal->code() != ErrorCode::kInvalidArgument) {
            fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                             escaped(refusal->what())),
                 input);
        }
        expect_message(refusal->what(), options, input);
    } else {
        check_report(report, options, input);
    }
    base.expect_unchanged(input, false);
}

} // namespace

int fuzz_import(InputFormat format, const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    ImportOptions strict;
    strict.file_name = "fuzz." + std::string(to_string(format));
    strict.format = format;
    strict.dry_run = true;
    strict.today = "2026-11-23";
    ImportOptions lenient = strict;
    lenient.skip_invalid = true;
    lenient.create_roles = true;
    lenient.ignore_unknown = true;
    lenient.supersede = true;
    lenient.max_errors = 3;
    // A wide table: the amount column as figures, with placeholders and top codes.
    ImportOptions wide = lenient;
    wide.columns = {{"amount", "median", "year"}};
    wide.placeholders = {"", "*", "-"};
    wide.top_codes = {{"#", "239200", "year"}, {"#", "115.00", "hour"}};
    import_once(strict, input);
    import_once(lenient, input);
    import_once(wide, input);
    if (runs++ % kFullCheckEvery == 0) {
        ScratchBase::instance().expect_unchanged(input, true);
    }
    return 0;
}

} // namespace jobkb::fuzz
