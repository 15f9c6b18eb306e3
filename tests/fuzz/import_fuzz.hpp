#pragma once

#include "jobkb/record_reader.hpp"

#include <cstddef>
#include <cstdint>

namespace jobkb::fuzz {

// Imports the bytes as a file in this format into the scratch knowledge base as a dry run, three
// times: with the default options, with every lenient one (--skip-invalid --create-roles
// --ignore-unknown --supersede), and as a wide table (the import_salaries target). Every row is
// read and validated (roles, countries, currencies, amounts, periods, statistics, dates) and the
// valid ones inserted before the rollback. Fails the input when anything but a jobkb::Error
// escapes, when the report or a message breaks its promises, or when the knowledge base is not
// exactly as before.
int fuzz_import(InputFormat format, const std::uint8_t* data, std::size_t size);

} // namespace jobkb::fuzz
