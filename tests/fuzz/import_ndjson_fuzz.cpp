// The NDJSON reader and a salary row's validation, in memory: see salary_rows_fuzz.hpp.
#include "salary_rows_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return jobkb::fuzz::fuzz_salary_rows(jobkb::InputFormat::kNdjson, data, size);
}
