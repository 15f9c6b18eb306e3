#pragma once

#include "cli/context.hpp"

#include "jobkb/import.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// The files an import command reads: the input (a file, or standard input for "-", with a
// progress bar on stderr while a file is read on a terminal), and the title mapping of
// --roles-from.
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

} // namespace jobkb::cli
