#include "jobkb/import/file_import.hpp"

#include "jobkb/text.hpp"

#include <filesystem>

namespace jobkb::detail {
namespace {

std::string checked_today(const std::string& today) {
    if (today.empty()) {
        return system_date();
    }
    std::vector<Diagnostic> problems;
    check_date("today", today, today, problems); // as_of may be today, so only its shape counts
    if (today.size() != 10 || !problems.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "today '" + today + "': expected a date such as 2026-11-23");
    }
    return today;
}

std::vector<std::string> filter_columns(const FileImportOptions& options) {
    std::vector<std::string> columns;
    for (const RowFilter& filter : options.filters) {
        columns.push_back(filter.column);
    }
    return columns;
}

std::vector<std::string> joined(std::vector<std::string> first,
                                const std::vector<std::string>& second) {
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

// PRAGMA foreign_keys = OFF for the lifetime of the guard, and ON again after. Made before the
// import's transaction and destroyed after it ends (SQLite ignores the pragma inside a
// transaction), so nothing else on the connection runs unchecked.
class ForeignKeysOff {
public:
    ForeignKeysOff(Database& database, bool off) : database_(off ? &database : nullptr) {
        if (database_ != nullptr) {
            database_->execute("importing", "PRAGMA foreign_keys = OFF");
        }
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff() {
        if (database_ != nullptr) {
            try {
                database_->execute("importing", "PRAGMA foreign_keys = ON");
            } catch (...) { // outside a transaction it cannot fail but for a closed connection
            }
        }
    }

private:
    Database* database_;
};

} // namespace

FileImport::FileImport(Database& database, InputSource& input, const FileImportOptions& options,
                       const FieldList& fields, const RejectSink& on_reject,
                       std::vector<std::string> other_columns)
    : database_(database), input_(input), options_(options), on_reject_(on_reject),
      doing_("importing " + options.file_name), today_(checked_today(options.today)),
      plan_(fields, options, joined(std::move(other_columns), filter_columns(options))),
      sources_(database, doing_, today_),
      filtered_(filter_columns(options), "to filter on", options.file_name) {}

std::string FileImport::default_source() const {
    if (options_.source) {
        return *options_.source;
    }
    if (options_.file_name == "-") {
        return "standard input";
    }
    const std::string base = std::filesystem::path(options_.file_name).filename().string();
    return base.empty() ? options_.file_name : base;
}

void FileImport::run(RowImporter& rows, FileImportReport& report) {
    // A 16 MiB page cache (8x SQLite's default) holds the index pages a load keeps touching, and
    // it is also the import's memory bound: a file of 100,000 rows already fills it, so a file of
    // any length peaks at the same RSS. Larger caches measured no faster. Temporary storage in
    // files: a statement that rewrites pages the transaction has written before keeps their old
    // content in a statement journal, which in memory grew with the base (the latest figures of
    // 1,000,000 rows into a base of 1,000,000: 168 MB peak; spilled to a file: 49 MB, as fast).
    database_.execute("tuning for the import",
                      "PRAGMA cache_size = -16384; PRAGMA temp_store = FILE");
    const ForeignKeysOff trusted(database_, rows.trusts_own_references());
    WriteTransaction transaction(database_);
    Batches batches(database_, doing_);
    batch_source_ = sources_.id(default_source());
    // The dialect (encoding, delimiter, sheet) is settled before the batch: it is part of the
    // settings that tell one import of a file from another. Fields that are lists (roles) let
    // the JSON readers take arrays as values.
    ReadOptions reading = options_.reading;
    reading.lists = plan_.fields().has_lists();
    RecordReader reader(input_, options_.format, reading);
    dialect_ = &reader.dialect();
    const std::string_view content = rows.content();
    // Batches that change earlier rows (roles) say what they hold, so that the same bytes
    // imported as roles and as salaries are two imports. A source named by the file alone (no
    // --source) is no setting: the same bytes under another name, or piped in, are the same
    // import; batches recorded before said the source's id, and still match (`same`).
    const std::string prefix =
        changes_earlier_rows(content) ? "content=" + std::string(content) + ";" : std::string();
    const std::string own = rows.settings();
    const auto fingerprint = [&](std::optional<std::int64_t> source) {
        return prefix + settings_fingerprint(options_, reader.dialect(), source) +
               (own.empty() ? std::string() : ";" + own);
    };
    const std::string settings =
        fingerprint(options_.source ? std::optional(batch_source_) : std::nullopt);
    const SameSettings same{fingerprint(batch_source_), fingerprint(std::nullopt), batch_source_};
    rejects_.emplace(options_, on_reject_, report);
    batch_id_ = batches.start(options_.file_name, settings, reader.dialect().format, batch_source_,
                              content);
    report.batch_id = batch_id_;
    rows.begin(*this);
    reader.read([&](const Record& record) { visit(record, rows, report); });
    dialect_ = nullptr;
    report.rows_inserted = rows.finish_rows();
    if (report.rows_read == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    options_.file_name + ":1: the input has no records (expected a header and at "
                                         "least one row)");
    }
    const std::string sha = hashed_ != nullptr ? hashed_->sha256() : input_.sha256();
    if (const auto earlier = batches.earlier_import(sha, settings, batch_id_, content, same)) {
        report.already_imported = true;
        report.existing_batch = earlier->batch_id;
        report.existing_rejected = earlier->rows_rejected;
        report.rows_unchanged = report.rows_read;
        report.rows_inserted = 0;
        report.batch_id = 0;
        return; // the transaction rolls back: nothing changes
    }
    if ((report.rows_rejected > 0 && !options_.skip_invalid) || report.rows_inserted == 0) {
        report.rows_inserted = 0;
        report.batch_id = 0;
        return;
    }
    if (options_.supersede) {
        report.superseded_batches = batches.supersede(batch_id_, batch_source_);
    }
    // After supersede: what the superseded snapshots held no longer counts, so the new snapshot
    // keeps its copy of it.
    if (const std::int64_t unchanged = rows.drop_unchanged(); unchanged > 0) {
        report.rows_unchanged += unchanged;
        report.rows_inserted -= unchanged;
        if (report.rows_inserted == 0) {
            report.batch_id = 0;
            report.superseded_batches.clear();
            return; // everything was there already: the transaction rolls back
        }
    }
    rows.report();
    batches.finish(batch_id_, sha, {report.rows_read, report.rows_inserted, report.rows_rejected});
    if (options_.dry_run) {
        report.batch_id = 0;
        return; // rolled back with the transaction
    }
    transaction.commit();
    report.committed = true;
}

void FileImport::visit(const Record& record, RowImporter& rows, FileImportReport& report) {
    if (report.stopped_early) {
        return;
    }
    ++report.rows_read;
    if (!filtered_.empty()) {
        const auto& cells = filtered_.cells(record);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const RowFilter& filter = options_.filters[i];
            const bool equal = cells[i] != nullptr && ascii_lowered(trimmed(*cells[i])) ==
                                                          ascii_lowered(trimmed(filter.value));
            if (equal != filter.equal) {
                ++report.rows_filtered;
                return;
            }
        }
    }
    problems_.clear();
    groups_.clear();
    if (rows.reads_columns()) {
        rows.accept(record, texts_, report.rows_rejected == 0 || options_.skip_invalid, problems_);
    } else if (!record.problem.empty()) {
        problems_.push_back({{}, 0, "row", record.problem, {}, {}});
    } else if (const ColumnPlan& plan = plan_.plan_for(record); !plan.problems.empty()) {
        problems_ = plan.problems;
    } else if (read_field_texts(record, plan, plan_, texts_, problems_)) {
        // Without skip_invalid one invalid row means nothing is written: keep validating, stop
        // writing.
        const bool write = report.rows_rejected == 0 || options_.skip_invalid;
        rows.accept(record, texts_, write, problems_);
    }
    if (!problems_.empty()) {
        if (dialect_ != nullptr && dialect_->decimal_comma) {
            for (Diagnostic& problem : problems_) {
                const auto field = plan_.fields().index(problem.field);
                if (field && plan_.fields()[*field].number &&
                    problem.hint.kind == HintKind::kNone) {
                    problem.hint = {HintKind::kDecimalComma, problem.field, {}};
                }
            }
        }
        rejects_->reject(record, problems_, groups_);
    }
}

void FileImport::group_problem(std::size_t index, std::string group) {
    if (groups_.size() <= index) {
        groups_.resize(index + 1);
    }
    groups_[index] = std::move(group);
}

} // namespace jobkb::detail
