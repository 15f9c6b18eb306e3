#include "jobkb/import/batches.hpp"

#include "jobkb/import/areas.hpp"
#include "jobkb/import/created_roles.hpp"
#include "jobkb/import/observation_writer.hpp"
#include "jobkb/import/rate_store.hpp"
#include "jobkb/import/role_undo.hpp"

#include <fmt/format.h>

#include <array>

namespace jobkb {
namespace detail {
namespace {

// What a batch may hold, undone in this order: its figures; a batch of roles or of a release puts
// back what it changed; then the titles a batch recorded, then the roles and areas it created (a
// role or an area is removed only once nothing else refers to it).
const std::array<BatchContent, 7> kBatchContents = {{
    {"salary observations", remove_batch_observations},
    {"exchange rates", remove_batch_rates},
    {"PPP factors", remove_batch_factors},
    {"roles, their links and what they replaced", undo_role_content},
    {"role titles", remove_batch_titles},
    {"roles", remove_batch_roles},
    {"areas", remove_batch_areas},
}};

// Every batch ever started, for listing and undo.
struct BatchRecords {
    explicit BatchRecords(Database& database)
        : all{database, "listing imports",
              "SELECT b.id, b.file_name, s.title, coalesce(b.format, b.input_format), b.rows_read, "
              "b.rows_inserted, b.rows_rejected, b.imported_at, b.superseded_by, b.undone_at, "
              "b.sha256, b.content "
              "FROM import_batches b JOIN sources s ON s.id = b.source_id ORDER BY b.id"},
          undone_at{database, "undoing an import",
                    "SELECT undone_at FROM import_batches WHERE id = :batch"},
          mark_undone{database, "undoing an import",
                      "UPDATE import_batches SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                      "'now') WHERE id = :batch"},
          hand_on{database, "undoing an import",
                  "UPDATE import_batches SET superseded_by = (SELECT superseded_by FROM "
                  "import_batches WHERE id = :batch) WHERE superseded_by = :batch"} {}

    Statement all;         // every batch, oldest first
    Statement undone_at;   // whether a batch exists, and when it was undone
    Statement mark_undone; // records the undo
    Statement hand_on;     // the batches one superseded pass to its successor, or none
};

} // namespace

Batches::Batches(Database& database, std::string_view doing)
    : insert_(database, doing,
              "INSERT INTO import_batches (file_name, sha256, settings, input_format, format, "
              "source_id, rows_read, rows_inserted, rows_rejected, imported_at, content) VALUES "
              "(:file, :sha, :settings, (SELECT read_as FROM input_formats WHERE code = :format), "
              ":format, :source, 0, 0, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :content) "
              "RETURNING id"),
      earlier_(database, doing,
               "SELECT id, rows_rejected FROM import_batches WHERE sha256 = :sha AND "
               "(settings IN (:settings, :also) OR (settings = :file AND source_id = :source)) AND "
               "content = :content AND undone_at IS NULL AND "
               "id <> :batch ORDER BY id LIMIT 1"),
      earlier_latest_(database, doing,
                      "SELECT b.id, b.rows_rejected FROM import_batches b WHERE b.sha256 = :sha "
                      "AND (b.settings IN (:settings, :also) OR (b.settings = :file AND "
                      "b.source_id = :source)) "
                      "AND b.content = :content AND "
                      "b.undone_at IS NULL AND b.id <> :batch AND NOT EXISTS (SELECT 1 FROM "
                      "import_batches l WHERE l.id > b.id AND l.id <> :batch AND "
                      "l.undone_at IS NULL AND l.content IN ('roles', 'onet')) "
                      "ORDER BY b.id LIMIT 1"),
      supersede_(database, doing,
                 "UPDATE import_batches SET superseded_by = :batch WHERE source_id = :source AND "
                 "id < :batch AND superseded_by IS NULL AND undone_at IS NULL RETURNING id"),
      finish_(database, doing,
              "UPDATE import_batches SET sha256 = :sha, rows_read = :read, rows_inserted = "
              ":inserted, rows_rejected = :rejected WHERE id = :batch") {}

bool changes_earlier_rows(std::string_view content) {
    return content == kRoleContent || content == kOnetContent;
}

std::int64_t Batches::start(const std::string& file_name, const std::string& settings,
                            InputFormat format, std::int64_t source_id, std::string_view content) {
    // An INSERT ... RETURNING left mid-way keeps its statement savepoint open, and every later
    // statement's journal then piles up behind it: the use ends (and resets it) at once.
    return insert_.use()
        .bind(":file", file_name)
        .bind(":sha", std::string(64, '0')) // known once the whole input has been read
        .bind(":settings", settings)
        .bind(":format", to_string(format))
        .bind(":source", source_id)
        .bind(":content", content)
        .single_row()
        .int64(0);
}

std::optional<EarlierImport>
Batches::earlier_import(const std::string& sha256, const std::string& settings,
                        std::int64_t batch_id, std::string_view content, const SameSettings& same) {
    auto earlier = (changes_earlier_rows(content) ? earlier_latest_ : earlier_)
                       .use()
                       .bind(":sha", sha256)
                       .bind(":settings", settings)
                       .bind(":also", same.also.empty() ? settings : same.also)
                       .bind(":file", same.file.empty() ? settings : same.file)
                       .bind(":source", same.source_id)
                       .bind(":batch", batch_id)
                       .bind(":content", content);
    if (!earlier.step()) {
        return std::nullopt;
    }
    return EarlierImport{earlier.int64(0), earlier.int64(1)};
}

std::vector<std::int64_t> Batches::supersede(std::int64_t batch_id, std::int64_t source_id) {
    std::vector<std::int64_t> superseded;
    auto update = supersede_.use().bind(":batch", batch_id).bind(":source", source_id);
    while (update.step()) {
        superseded.push_back(update.int64(0));
    }
    return superseded;
}

void Batches::finish(std::int64_t batch_id, const std::string& sha256, const BatchCounts& counts) {
    finish_.use()
        .bind(":sha", sha256)
        .bind(":read", counts.rows_read)
        .bind(":inserted", counts.rows_inserted)
        .bind(":rejected", counts.rows_rejected)
        .bind(":batch", batch_id)
        .exec();
}

std::span<const BatchContent> batch_contents() { return kBatchContents; }

} // namespace detail

std::vector<ImportBatch> list_import_batches(Database& database) {
    detail::BatchRecords records(database);
    std::vector<ImportBatch> batches;
    auto row = records.all.use();
    while (row.step()) {
        ImportBatch batch;
        batch.id = row.int64(0);
        batch.file_name = row.text(1);
        batch.source = row.text(2);
        batch.input_format = row.text(3);
        batch.rows_read = row.int64(4);
        batch.rows_inserted = row.int64(5);
        batch.rows_rejected = row.int64(6);
        batch.imported_at = row.text(7);
        batch.superseded_by = row.optional_int64(8);
        batch.undone_at = row.optional_text(9);
        batch.sha256 = row.text(10);
        batch.content = row.text(11);
        batches.push_back(std::move(batch));
    }
    return batches;
}

std::int64_t undo_import_batch(Database& database, std::int64_t batch_id) {
    std::int64_t undone = 0;
    for (const UndoneContent& content : undo_import_batch_by_content(database, batch_id)) {
        undone += content.rows;
    }
    return undone;
}

std::vector<UndoneContent> undo_import_batch_by_content(Database& database, std::int64_t batch_id) {
    detail::BatchRecords records(database);
    WriteTransaction transaction(database);
    {
        auto found = records.undone_at.use().bind(":batch", batch_id);
        if (!found.step()) {
            throw Error(ErrorCode::kNotFound, fmt::format("no import batch {}", batch_id),
                        Hint{HintKind::kListImports, {}, {}});
        }
        if (const auto undone = found.optional_text(0)) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("import batch {} was already undone at {}", batch_id, *undone));
        }
    }
    std::vector<UndoneContent> undone;
    for (const detail::BatchContent& content : detail::batch_contents()) {
        undone.push_back({std::string(content.name), content.undo(database, batch_id)});
    }
    records.mark_undone.use().bind(":batch", batch_id).exec();
    // Batches this one superseded pass to its own successor, if a later batch superseded it too,
    // and otherwise count as current again.
    records.hand_on.use().bind(":batch", batch_id).exec();
    transaction.commit();
    return undone;
}

} // namespace jobkb
