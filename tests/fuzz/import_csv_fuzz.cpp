// The CSV reader, through the importer's validation: see import_fuzz.hpp.
#include "import_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return jobkb::fuzz::fuzz_import(jobkb::InputFormat::kCsv, data, size);
}
