#include "import_fuzz.hpp"

#include "fuzz_support.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/import.hpp"

#include <fmt/format.h>

#include <algorithm>
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

// The changes list the keys whose current figure is the import's (at most kMaxReportedChanges),
// each followed by the import's figures of that key in other currencies, then, with supersede,
// the keys of superseded batches that revert or are retired (at most kMaxReportedChanges more).
void check_changes(const ImportReport& report, std::string_view input) {
    std::size_t current = 0;
    std::size_t superseded = 0;
    std::int64_t other_currency_rows = 0;
    for (std::size_t i = 0; i < report.changes.size(); ++i) {
        const auto& change = report.changes[i];
        if (change.kind == ChangeKind::kReverts || change.kind == ChangeKind::kRetired) {
            ++superseded;
            continue;
        }
        expect(superseded == 0, "a change of the import listed after the superseded keys", report,
               input);
        expect(change.new_rows >= 1 && change.new_minor > 0 && change.new_minor <= kMaxAmountMinor,
               "a reported change has no rows or an amount out of range", report, input);
        if (change.kind == ChangeKind::kCurrent) {
            ++current;
            continue;
        }
        // In another currency: after its key's current figure, a currency of its own.
        expect(i > 0 && report.changes[i - 1].role == change.role &&
                   report.changes[i - 1].country_code == change.country_code &&
                   report.changes[i - 1].statistic == change.statistic &&
                   report.changes[i - 1].period == change.period &&
                   report.changes[i - 1].dimensions == change.dimensions &&
                   report.changes[i - 1].new_currency.code != change.new_currency.code,
               "a figure in another currency not after its key's current figure", report, input);
        other_currency_rows += change.new_rows;
    }
    expect(current == std::min(report.change_count, kMaxReportedChanges),
           "the changes listed are not the first change_count keys", report, input);
    expect(report.change_count <= static_cast<std::size_t>(report.rows_inserted),
           "change_count above the figures inserted", report, input);
    expect(static_cast<std::int64_t>(report.change_count) + other_currency_rows <=
               report.rows_inserted,
           "the current keys and the other currencies' figures above the figures inserted", report,
           input);
    expect(superseded == std::min(report.revert_count + report.retired_count, kMaxReportedChanges),
           "the superseded keys listed do not fit revert_count and retired_count", report, input);
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
        expect_message(describe(error), options.file_name, input);
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
    check_changes(report, input);
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
        expect_refusal(*refusal, options.file_name, input);
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
