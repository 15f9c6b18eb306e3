#pragma once

#include "cli/context.hpp"

#include "jobkb/import.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// What the import commands share about their input: the file they read, or standard input for
// "-", with a progress bar on stderr while a file is read on a terminal; the input's format; the
// --map and --set pairs; and the title mapping of --roles-from.
namespace jobkb::cli {

// Opens a file to read; returns its size. Throws Error(kIo) naming the file when it is missing,
// not a regular file, or cannot be opened.
std::uint64_t open_input_file(const std::string& path, std::ifstream& file);

// --roles-from FILE: the title mapping, read and checked (read_title_mapping) before the salary
// file is. Its problems go to stderr as FILE:LINE lines, and any problem stops the import: throws
// Error then, and for a header or a file that cannot be read.
std::vector<TitleMapping> read_roles_from(Context& context, Database& database,
                                          const std::string& path, std::size_t max_errors);

class ProgressBar;

class ImportInput {
public:
    // Throws Error(kIo) for a path that is no readable regular file, Error(kInvalidArgument) for
    // "-" without a standard input.
    ImportInput(Context& context, const std::string& file, bool quiet);
    ~ImportInput();
    ImportInput(const ImportInput&) = delete;
    ImportInput& operator=(const ImportInput&) = delete;

    InputSource& source() { return *source_; }
    // Clears the bar before the report is written.
    void done();

private:
    std::ifstream file_;
    std::optional<InputSource> source_;
    std::unique_ptr<ProgressBar> bar_;
};

// The format --input-format names, else the file's extension says; nullopt for standard input
// without --input-format, whose first bytes tell it (detect_input_format). Throws
// Error(kInvalidArgument) when neither the flag nor the file name tells.
std::optional<InputFormat> input_format_of(const std::string& file,
                                           const std::string& input_format);

// "FIELD=VALUE" pairs of --map and --set, each FIELD one of `fields`. Throws
// Error(kInvalidArgument) naming the flag for a malformed pair or an unknown field.
std::map<std::string, std::string> field_pairs(const std::vector<std::string>& items,
                                               const char* flag,
                                               std::span<const std::string_view> fields);

} // namespace jobkb::cli
