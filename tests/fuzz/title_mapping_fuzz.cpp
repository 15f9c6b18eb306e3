// A title mapping (--roles-from): the bytes read as a title,role CSV by read_title_mapping()
// against the scratch knowledge base (every role looked up, unknown ones with suggestions), then,
// when fuzz::through_the_base() says so (every 64th input; every replayed one), used for a
// dry-run salary import whose rows name the mapped titles: the import, with its transaction and
// rollback, is what made each input cost some 3 ms. The CSV reader itself is
// the import_csv target's; this one covers what is done with its records. Fails the input when
// anything but a jobkb::Error escapes, when a refusal is not kInvalidArgument, when a message is
// not one line starting with the file's name, when a mapping breaks its promises (a title once,
// on one line), or when the knowledge base is not exactly as before.
#include "fuzz_support.hpp"

#include "jobkb/import.hpp"

#include <fmt/format.h>

#include <set>
#include <sstream>

namespace {

using namespace jobkb;
using namespace jobkb::fuzz;

constexpr const char* kFile = "titles.csv";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int runs = 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    ScratchBase& base = ScratchBase::instance();
    TitleMappingFile mapping;
    {
        std::istringstream stream{std::string(input)};
        InputSource source(stream, kFile);
        const auto refusal = refusal_of(
            [&] { mapping = read_title_mapping(base.writer(), source, kFile, 5); }, input);
        if (refusal) {
            expect_refusal(*refusal, kFile, input);
            base.expect_unchanged(input, false);
            return 0;
        }
    }
    if (mapping.errors.size() > 5 || mapping.error_count < mapping.errors.size()) {
        fail("more errors kept than asked, or counted fewer than kept", input);
    }
    for (const auto& error : mapping.errors) {
        expect_message(describe(error), kFile, input);
    }
    const bool through_the_base = fuzz::through_the_base(runs);
    std::set<std::string> titles;
    std::string rows = "role,country,currency,amount,as_of\n";
    for (const auto& entry : mapping.mappings) {
        std::string key = entry.title;
        for (char& c : key) {
            c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        if (entry.title.empty() || entry.role.empty() || !titles.insert(key).second ||
            entry.title.find_first_of("\t\r\n") != std::string::npos || entry.line < 2) {
            fail("a mapping without its title, role or line, or a title twice: " +
                     escaped(entry.title),
                 input);
        }
        if (entry.title.find_first_of("\",") == std::string::npos && rows.size() < 4096) {
            rows += entry.title + ",US,USD,100000,2026\n";
        }
    }
    if (through_the_base) {
        ImportOptions options;
        options.file_name = "salaries.csv";
        options.dry_run = true;
        options.skip_invalid = true;
        options.today = "2026-11-23";
        options.role_titles = mapping.mappings;
        std::istringstream salaries(rows);
        InputSource source(salaries, options.file_name);
        refusal_of([&] { import_salaries(base.writer(), source, options); }, input);
    }
    base.expect_unchanged(input, runs++ % fuzz::kFullCheckEvery == 0);
    return 0;
}
