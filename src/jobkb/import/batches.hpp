#pragma once

#include "jobkb/import.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Import batches: the life of one (started, found to repeat an earlier import, superseding the
// source's earlier batches, finished with its counts), and undoing one, kind of content by kind.
// A dry run is a batch whose transaction is rolled back: nothing here needs to know.
namespace jobkb::detail {

// An earlier import of the same bytes with the same settings, not undone.
struct EarlierImport {
    std::int64_t batch_id = 0;
    std::int64_t rows_rejected = 0;
};

// Fingerprints that count as the same settings as an import's own (settings_fingerprint()): the
// one naming its source by id (`also`: what batches recorded before a source named by the file
// alone became "source=file", and what a --source of the same source gives), and the one naming
// the source as the file's (`file`), which matches a batch of `source_id` only.
struct SameSettings {
    std::string also;
    std::string file;
    std::int64_t source_id = 0;
};

struct BatchCounts {
    std::int64_t rows_read = 0;
    std::int64_t rows_inserted = 0;
    std::int64_t rows_rejected = 0;
};

// What a batch holds (import_contents.code).
inline constexpr std::string_view kSalaryContent = "salaries";
inline constexpr std::string_view kRoleContent = "roles";
inline constexpr std::string_view kOnetContent = "onet";

// Whether batches of this content change rows they did not create (roles and O*NET releases
// update roles, replace an earlier release's rows): then only the latest such batch can be
// repeated or undone, since a later one may build on what it changed.
bool changes_earlier_rows(std::string_view content);

class Batches {
public:
    Batches(Database& database, std::string_view doing);

    // A new batch holding `content` (a code of import_contents); `format` is recorded as it is
    // (import_batches.format) and as the reader it was read with (input_format, through
    // input_formats). Its SHA-256 and counts are known at finish().
    std::int64_t start(const std::string& file_name, const std::string& settings,
                       InputFormat format, std::int64_t source_id,
                       std::string_view content = kSalaryContent);
    // The first earlier batch (not `batch_id`) of the same bytes, settings and content, not
    // undone; for content that changes earlier rows, only if no later batch of such content
    // stands (a later one may have changed what it wrote, so importing it again is no repeat).
    // `same` names the other fingerprints that count as these settings.
    std::optional<EarlierImport> earlier_import(const std::string& sha256,
                                                const std::string& settings, std::int64_t batch_id,
                                                std::string_view content = kSalaryContent,
                                                const SameSettings& same = {});
    // The source's earlier batches that counted as current stop counting (they stay as history);
    // returns them. The triggers move the latest figures.
    std::vector<std::int64_t> supersede(std::int64_t batch_id, std::int64_t source_id);
    void finish(std::int64_t batch_id, const std::string& sha256, const BatchCounts& counts);

private:
    Statement insert_;
    Statement earlier_;
    Statement earlier_latest_;
    Statement supersede_;
    Statement finish_;
};

// One kind of thing a batch can add to the base, with how undoing a batch takes it back out (or
// restores what the batch changed); returns the rows it removed or restored. Undo runs every kind,
// in order, inside its transaction. An importer that writes something new adds its kind to
// batch_contents() (batches.cpp).
struct BatchContent {
    std::string_view name; // "salary observations"
    std::int64_t (*undo)(Database& database, std::int64_t batch_id);
};

std::span<const BatchContent> batch_contents();

} // namespace jobkb::detail
