#pragma once

#include "cli/context.hpp"

#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

// The file an import command reads, or standard input for "-", with a progress bar on stderr
// while a file is read on a terminal.
namespace jobkb::cli {

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
