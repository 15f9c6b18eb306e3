#pragma once

#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <cstdint>

namespace jobkb::fuzz {

// Reads the bytes as a salary file in this format and validates every row in memory, as the
// import does before it touches the base: the reader, the header's plan, each field's text, the
// dimensions, and the figures (one amount, a range, a wide table's cells with placeholders and top
// codes, a scaled column, the plausible range), with the base's vocabulary loaded once per
// process. Three ways: the default options, lenient ones (unknown columns ignored, amounts in
// thousands), and a wide table. Fails the input when anything but a jobkb::Error escapes, when a
// problem or refusal is not one line naming the file, when a row is refused without a problem, or
// when a figure let through breaks what the base would refuse (a currency it lacks, an amount out
// of range, a period or statistic it does not know, a date after today, a range upside down).
// Roles, countries, areas and the comparison with the current figure need the base: the
// import_salaries target takes its inputs through all of it.
int fuzz_salary_rows(InputFormat format, const std::uint8_t* data, std::size_t size);

} // namespace jobkb::fuzz
