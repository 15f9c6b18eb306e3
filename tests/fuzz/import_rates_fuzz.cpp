// The rate import: layout detection, each layout's reading and validation, and the writes of a
// dry run into the scratch knowledge base, rolled back. Fails the input when anything but a
// jobkb::Error escapes, when the report breaks its promises (counts that do not add up, a batch
// committed by a dry run, a message that is not one line naming the file), or when the knowledge
// base is not exactly as before.
#include "fuzz_support.hpp"

#include "jobkb/rate_import.hpp"

#include <fmt/format.h>

#include <sstream>

namespace jobkb::fuzz {
namespace {

void expect(bool holds, std::string_view what, const RateImportReport& report,
            std::string_view input) {
    if (!holds) {
        fail(fmt::format("{} (layout {}, read {}, values {}, inserted {}, unchanged {}, rejected "
                         "{})",
                         what, to_string(report.layout), report.rows_read, report.values_read,
                         report.rows_inserted, report.values_unchanged, report.rows_rejected),
             input);
    }
}

void check_message(const std::string& message, std::string_view input) {
    if (!message.starts_with("fuzz.csv:") || has_control_characters(message)) {
        fail("a message that is not one line naming the file: " + escaped(message), input);
    }
}

void import_once(RateLayout layout, bool skip_invalid, std::string_view input) {
    ScratchBase& base = ScratchBase::instance();
    RateImportOptions options;
    options.file_name = "fuzz.csv";
    options.dry_run = true;
    options.today = "2026-11-23";
    options.layout = layout;
    options.skip_invalid = skip_invalid;
    options.max_errors = 3;
    std::istringstream stream{std::string(input)};
    InputSource source(stream, options.file_name);
    RateImportReport report;
    const auto refusal =
        refusal_of([&] { report = import_rates(base.writer(), source, options); }, input);
    if (refusal) {
        if (refusal->code() != ErrorCode::kInvalidArgument) {
            fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                             escaped(refusal->what())),
                 input);
        }
        check_message(refusal->what(), input);
    } else {
        expect(!report.committed && report.batch_id == 0, "a dry run committed", report, input);
        expect(report.rows_inserted <= report.values_read, "more written than read", report, input);
        expect(report.rows_rejected > 0 || options.skip_invalid ||
                   report.rows_inserted + report.values_unchanged <= report.values_read,
               "values do not add up", report, input);
        expect(report.errors.size() <= options.max_errors, "more errors kept than max_errors",
               report, input);
        for (const auto& error : report.errors) {
            check_message(describe(error), input);
        }
        if (!report.first_date.empty()) {
            expect(report.first_date <= report.last_date && report.last_date <= "2026-11-23",
                   "a day out of order or in the future", report, input);
        }
    }
    base.expect_unchanged(input, false);
}

} // namespace
} // namespace jobkb::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The layout the header says, and (forced) the one the first byte picks, so that every
    // reader sees every kind of header.
    jobkb::fuzz::import_once(jobkb::RateLayout::kAuto, false, input);
    constexpr jobkb::RateLayout kForced[] = {jobkb::RateLayout::kEcb, jobkb::RateLayout::kEcbDaily,
                                             jobkb::RateLayout::kLong, jobkb::RateLayout::kPpp,
                                             jobkb::RateLayout::kWorldBank};
    jobkb::fuzz::import_once(kForced[size == 0 ? 0 : data[0] % 5], true, input);
    if (runs++ % jobkb::fuzz::kFullCheckEvery == 0) {
        jobkb::fuzz::ScratchBase::instance().expect_unchanged(input, true);
    }
    return 0;
}
