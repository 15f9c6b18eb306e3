#pragma once

#include "cli/context.hpp"

#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <fstream>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// What the import commands share about their input: --map and --set pairs, the input's format,
// and opening the file (or standard input).
namespace jobkb::cli {

// "FIELD=VALUE" pairs of --map and --set, each FIELD one of `fields`. Throws
// Error(kInvalidArgument) naming the flag for a malformed pair or an unknown field.
std::map<std::string, std::string> field_pairs(const std::vector<std::string>& items,
                                               const char* flag,
                                               std::span<const std::string_view> fields);

// The format --input-format names, else the file's extension says (CSV for stdin). Throws
// Error(kInvalidArgument) when neither tells.
InputFormat input_format_of(const std::string& file, const std::string& input_format);

// The file to import, opened, with its size (0 for standard input).
struct ImportInput {
    std::ifstream file;
    std::istream* in = nullptr;
    std::uint64_t size = 0;
};

// Opens the file, or takes standard input for "-". Throws Error(kIo) for a file that is missing,
// no regular file or unreadable, and Error(kInvalidArgument) when there is no standard input.
void open_import_input(Context& context, const std::string& file, ImportInput& input);

} // namespace jobkb::cli
