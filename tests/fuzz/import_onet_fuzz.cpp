// `jobkb import onet`: the first byte picks one file of a release (Read Me.txt or one of the
// files the import reads), the rest is that file's content. The release is the mini release's
// Read Me.txt and Occupation Data.txt (tests/data/onet/29.2-mini, read once) with the picked file
// replaced or added, imported as a dry run in memory into the scratch knowledge base: each line
// read as O*NET writes them (tabs, no quoting, n/a) and validated, its writes made before the
// rollback. Fails the input when anything but a jobkb::Error escapes, when a refusal is not an
// input problem, when a diagnostic is not one line naming its file and line, or when the base is
// not exactly as before.
#include "fuzz_support.hpp"

#include "jobkb/onet_import.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#ifndef JOBKB_ONET_MINI
#error "JOBKB_ONET_MINI: the folder of the mini release"
#endif

namespace {

using namespace jobkb;

using Files = std::map<std::string, std::string>;

void expect(bool holds, std::string_view what, std::string_view input) {
    if (!holds) {
        fuzz::fail(what, input);
    }
}

std::string contents(const std::string& name) {
    std::ifstream file(std::string(JOBKB_ONET_MINI) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file && !file.eof()) {
        fuzz::fail("cannot read the mini release's " + name, {});
    }
    return text.str();
}

const Files& release() {
    static const Files files = {
        {std::string(kOnetReadMe), contents(std::string(kOnetReadMe))},
        {std::string(kOnetOccupations), contents(std::string(kOnetOccupations))},
    };
    return files;
}

void check_message(const std::string& message, std::string_view input) {
    expect(message.starts_with("fuzz-release"),
           "a message does not name the release: " + fuzz::escaped(message), input);
    expect(!fuzz::has_control_characters(message),
           "a message holds a control character: " + fuzz::escaped(message), input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t pick = data[0] % (kOnetFiles.size() + 1);
    const std::string file(pick == kOnetFiles.size() ? kOnetReadMe : kOnetFiles[pick]);
    Files files = release();
    files[file] = std::string(input);
    OnetImportOptions options;
    options.dry_run = true;
    options.max_errors = 3;
    fuzz::ScratchBase& base = fuzz::ScratchBase::instance();
    OnetImportReport report;
    const auto refusal = fuzz::refusal_of(
        [&] {
            report = import_onet(base.writer(), OnetMemoryFiles("fuzz-release", files), options);
        },
        input);
    if (refusal) {
        expect(refusal->code() == ErrorCode::kInvalidArgument ||
                   refusal->code() == ErrorCode::kNotFound,
               fmt::format("refused with error code {}: {}", static_cast<int>(refusal->code()),
                           fuzz::escaped(refusal->what())),
               input);
        check_message(refusal->what(), input);
    } else {
        expect(!report.committed && report.batch_id == 0, "a dry run committed a batch", input);
        expect(report.errors.size() <= options.max_errors &&
                   report.error_count >= report.errors.size(),
               "the errors kept do not fit max_errors and error_count", input);
        for (const auto& error : report.errors) {
            check_message(describe(error), input);
            expect(error.line > 0 && !error.problem.empty(),
                   "a diagnostic without its line or problem", input);
        }
    }
    base.expect_unchanged(input, runs++ % fuzz::kFullCheckEvery == 0);
    return 0;
}
