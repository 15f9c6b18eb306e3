// The salary import end to end: a CSV file through the importer's validation, its lookups and
// writes into the scratch base, as a dry run (see import_fuzz.hpp). Slower than the in-memory
// readers (import_csv and the others): it starts from their CSV corpus and goes where they cannot.
#include "import_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return jobkb::fuzz::fuzz_import(jobkb::InputFormat::kCsv, data, size);
}
