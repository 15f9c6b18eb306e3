#pragma once

#include "cli/output_file.hpp"

#include "jobkb/import.hpp"
#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

// --rejects FILE of `import salaries`: the rejected records with their reasons, as CSV (line,
// reason, then the record's own fields under the input's header, or the record as JSON). A dry
// run writes no file at all: it checks the path as a real run would, then only counts.
namespace jobkb::cli {

class ImportRejects {
public:
    // Nothing is opened without a path. With one, a path that is one of `protected_paths` (the
    // database, the input) is refused up front (Error), in a dry run too; a real run then writes
    // to a temporary file beside `path`, put in place by commit().
    ImportRejects(const std::string& path,
                  const std::vector<std::filesystem::path>& protected_paths, bool dry_run);
    ~ImportRejects();
    ImportRejects(const ImportRejects&) = delete;
    ImportRejects& operator=(const ImportRejects&) = delete;

    // The sink import_salaries() calls for each rejected record.
    RejectSink sink(InputFormat format);
    // A real run's file into place; nothing in a dry run or without a path.
    void commit();
    // Records rejected so far (also in a dry run, and without a path).
    std::int64_t rows() const noexcept { return rows_; }
    bool wanted() const noexcept { return !path_.empty(); }
    const std::string& path() const noexcept { return path_; }

private:
    void write(const Record& record, const std::string& reason, InputFormat format);

    std::string path_;
    std::unique_ptr<OutputFile> file_; // none in a dry run
    bool header_written_ = false;
    std::int64_t rows_ = 0;
};

} // namespace jobkb::cli
