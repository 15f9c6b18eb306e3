// The files of an O*NET release: a folder on disk or files in memory, and the attribution its
// licence asks for.
#include "jobkb/error.hpp"
#include "jobkb/onet_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace jobkb {

namespace fs = std::filesystem;

OnetFolder::OnetFolder(fs::path path) : path_(std::move(path)) {
    std::error_code error;
    const auto status = fs::status(path_, error);
    if (!fs::exists(status)) {
        throw Error(ErrorCode::kNotFound, ErrorDetails{path_.string(),
                                                       {},
                                                       "no such folder (expected an O*NET release "
                                                       "folder, such as db_29_2_text)",
                                                       {}});
    }
    if (!fs::is_directory(status)) {
        throw Error(ErrorCode::kIo, ErrorDetails{path_.string(),
                                                 {},
                                                 "is a file, not a folder (expected the "
                                                 "folder of an O*NET text release, which "
                                                 "holds Occupation Data.txt and the rest)",
                                                 {}});
    }
    for (fs::directory_iterator entry(path_, error), end; !error && entry != end;
         entry.increment(error)) {
        names_.push_back(entry->path().filename().string());
    }
    if (error) {
        throw Error(
            ErrorCode::kIo,
            ErrorDetails{path_.string(), "listing the release's files", error.message(), {}});
    }
    std::sort(names_.begin(), names_.end());
}

std::string OnetFolder::name() const { return path_.string(); }

std::vector<std::string> OnetFolder::file_names() const { return names_; }

std::string OnetFolder::path_of(const std::string& file) const { return (path_ / file).string(); }

std::unique_ptr<std::istream> OnetFolder::open(const std::string& file) const {
    const fs::path path = path_ / file;
    std::error_code error;
    if (fs::is_directory(path, error)) {
        throw Error(ErrorCode::kIo, ErrorDetails{path.string(), {}, "is a folder, not a file", {}});
    }
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*in) {
        throw Error(ErrorCode::kIo,
                    ErrorDetails{path.string(), {}, "cannot open it for reading", {}});
    }
    return in;
}

OnetMemoryFiles::OnetMemoryFiles(std::string name, std::map<std::string, std::string> files)
    : name_(std::move(name)), files_(std::move(files)) {}

std::string OnetMemoryFiles::name() const { return name_; }

std::vector<std::string> OnetMemoryFiles::file_names() const {
    std::vector<std::string> names;
    for (const auto& [file, bytes] : files_) {
        names.push_back(file);
    }
    return names;
}

std::string OnetMemoryFiles::path_of(const std::string& file) const { return name_ + "/" + file; }

std::unique_ptr<std::istream> OnetMemoryFiles::open(const std::string& file) const {
    const auto found = files_.find(file);
    if (found == files_.end()) {
        throw Error(ErrorCode::kIo, ErrorDetails{path_of(file), {}, "no such file", {}});
    }
    return std::make_unique<std::istringstream>(found->second);
}

std::string onet_attribution(std::string_view release) {
    // The wording O*NET's licence page asks for (onetcenter.org/license_db.html).
    return fmt::format("This page includes information from the {} by the U.S. Department of "
                       "Labor, Employment and Training Administration (USDOL/ETA). Used under "
                       "the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
                       release);
}

} // namespace jobkb
