// The workbook reader: the input is a zip archive (the seed corpus holds small workbooks, most
// with stored entries so that mutations reach the XML). See reader_fuzz.hpp.
#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    return jobkb::fuzz::fuzz_reader(bytes, jobkb::InputFormat::kXlsx, {});
}
