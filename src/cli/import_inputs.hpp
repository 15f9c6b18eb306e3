#pragma once

#include "cli/context.hpp"

#include "jobkb/import.hpp"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

// The files an import reads besides stdin: opening one, and the title mapping of --roles-from.
namespace jobkb::cli {

// Opens a file to read; returns its size. Throws Error(kIo) naming the file when it is missing,
// not a regular file, or cannot be opened.
std::uint64_t open_input_file(const std::string& path, std::ifstream& file);

// --roles-from FILE: the title mapping, read and checked (read_title_mapping) before the salary
// file is. Its problems go to stderr as FILE:LINE lines, and any problem stops the import: throws
// Error then, and for a header or a file that cannot be read.
std::vector<TitleMapping> read_roles_from(Context& context, Database& database,
                                          const std::string& path, std::size_t max_errors);

} // namespace jobkb::cli
