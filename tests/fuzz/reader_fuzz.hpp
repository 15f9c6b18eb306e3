#pragma once

#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jobkb::fuzz {

// Reads the bytes as a file in memory (no database): the RecordReader settles the dialect, then
// every record is read. Fails the input when anything but a jobkb::Error escapes, when a refusal
// is not one line naming the input, or when a record breaks the readers' bounds (its line, its
// field count and sizes, its names).
int fuzz_reader(std::string_view bytes, InputFormat format, const ReadOptions& options);

} // namespace jobkb::fuzz
