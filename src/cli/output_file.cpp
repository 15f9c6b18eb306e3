#include "cli/output_file.hpp"

#include "jobkb/error.hpp"

#include <unistd.h>

namespace jobkb::cli {

namespace fs = std::filesystem;

void check_output_path(const fs::path& path, const std::vector<fs::path>& protected_paths) {
    std::error_code error;
    for (const auto& other : protected_paths) {
        if (fs::exists(path, error) && fs::exists(other, error) &&
            fs::equivalent(path, other, error)) {
            throw Error(ErrorCode::kInvalidArgument,
                        path.string() + ": is the file this command reads or writes (expected "
                                        "another path for the output)");
        }
    }
    if (fs::is_directory(path, error)) {
        throw Error(ErrorCode::kIo, path.string() + ": is a directory, expected a file to write");
    }
}

OutputFile::OutputFile(fs::path path, const std::vector<fs::path>& protected_paths)
    : path_(std::move(path)) {
    check_output_path(path_, protected_paths);
    temporary_ = path_;
    temporary_ += ".jobkb-" + std::to_string(::getpid()) + ".tmp";
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) {
        throw Error(ErrorCode::kIo, path_.string() + ": cannot write here");
    }
}

OutputFile::~OutputFile() {
    if (!committed_) {
        out_.close();
        std::error_code ignored;
        fs::remove(temporary_, ignored);
    }
}

void OutputFile::commit() {
    out_.flush();
    out_.close();
    if (out_.fail()) {
        throw Error(ErrorCode::kIo, path_.string() + ": writing failed (disk full?)");
    }
    std::error_code error;
    fs::rename(temporary_, path_, error);
    if (error) {
        throw Error(ErrorCode::kIo,
                    path_.string() + ": cannot put the file in place: " + error.message());
    }
    committed_ = true;
}

} // namespace jobkb::cli
