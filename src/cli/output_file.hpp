#pragma once

#include <filesystem>
#include <fstream>
#include <vector>

namespace jobkb::cli {

// A file the CLI writes (--rejects, export -o) that appears only when complete: the data goes to
// a temporary file beside it, renamed into place by commit(). A path that is one of the files
// the command reads or writes otherwise (the database, the input) is refused up front, so an
// option can never truncate them. Throws Error(kIo) on any write failure.
// Refuses (Error) a path that is one of `protected_paths` or a directory, as OutputFile does,
// without creating anything: for a dry run, which writes no file but refuses what a real run would.
void check_output_path(const std::filesystem::path& path,
                       const std::vector<std::filesystem::path>& protected_paths);

class OutputFile {
public:
    OutputFile(std::filesystem::path path,
               const std::vector<std::filesystem::path>& protected_paths);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream() { return out_; }
    void commit();

private:
    std::filesystem::path path_;
    std::filesystem::path temporary_;
    std::ofstream out_;
    bool committed_ = false;
};

} // namespace jobkb::cli
