// `jobkb import roles`: the first byte picks the format (CSV, TSV, JSON or NDJSON), the rest is
// the file. Each input is imported as a dry run into the scratch knowledge base, strictly and
// then leniently (--skip-invalid --ignore-unknown): every row is read, its codes, names and lists
// validated and its writes made before the rollback. Fails the input when anything but a
// jobkb::Error escapes, when a refusal is not an input problem, when the report breaks its
// promises (a message not one line starting with the file's name, counts that do not add up), or
// when the base is not exactly as before.
#include "fuzz_support.hpp"

#include "jobkb/role_import.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>

namespace {

using namespace jobkb;

constexpr std::array kFormats = {InputFormat::kCsv, InputFormat::kTsv, InputFormat::kJson,
                                 InputFormat::kNdjson};

void expect(bool holds, std::string_view what, std::string_view input) {
    if (!holds) {
        fuzz::fail(what, input);
    }
}

void check_message(const std::string& message, const FileImportOptions& options,
                   std::string_view input) {
    expect(message.starts_with(options.file_name + ":"),
           "a message does not start with the file's name: " + fuzz::escaped(message), input);
    expect(!fuzz::has_control_characters(message),
           "a message holds a control character: " + fuzz::escaped(message), input);
}

void import_once(const FileImportOptions& options, std::string_view input) {
    fuzz::ScratchBase& base = fuzz::ScratchBase::instance();
    std::istringstream stream{std::string(input)};
    InputSource source(stream, options.file_name);
    RoleImportReport report;
    const auto refusal =
        fuzz::refusal_of([&] { report = import_roles(base.writer(), source, options); }, input);
    if (refusal) {
        expect(refusal->code() == ErrorCode::kInvalidArgument,
               fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                           fuzz::escaped(refusal->what())),
               input);
        check_message(refusal->what(), options, input);
    } else {
        expect(!report.committed && report.batch_id == 0, "a dry run committed a batch", input);
        expect(report.errors.size() <= options.max_errors, "more errors kept than max_errors",
               input);
        expect(report.error_count >= report.errors.size(), "error_count below the errors kept",
               input);
        for (const auto& error : report.errors) {
            check_message(describe(error), options, input);
            expect(error.line > 0 && !error.field.empty() && !error.problem.empty(),
                   "a diagnostic without its line, field or problem", input);
        }
        expect(report.changes.size() <= kMaxReportedRoleChanges &&
                   report.change_count >= report.changes.size(),
               "change_count does not fit the changes kept", input);
        expect(report.roles_created <= static_cast<std::int64_t>(report.change_count),
               "more roles created than roles changed", input);
    }
    base.expect_unchanged(input, false);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    FileImportOptions strict;
    strict.format = kFormats[data[0] % kFormats.size()];
    strict.file_name = "fuzz-roles." + std::string(to_string(strict.format));
    strict.dry_run = true;
    strict.today = "2026-11-23";
    FileImportOptions lenient = strict;
    lenient.skip_invalid = true;
    lenient.ignore_unknown = true;
    lenient.max_errors = 3;
    import_once(strict, input);
    import_once(lenient, input);
    if (runs++ % fuzz::kFullCheckEvery == 0) {
        fuzz::ScratchBase::instance().expect_unchanged(input, true);
    }
    return 0;
}
