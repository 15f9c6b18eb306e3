#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import/dimensions.hpp"
#include "jobkb/money.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The salary observations of a batch: written many rows to a statement, and removed again when
// the batch is undone.
namespace jobkb::detail {

struct Observation {
    std::int64_t role_id = 0;
    std::string country;                // ISO 3166-1 code
    const Currency* currency = nullptr; // must outlive the writer's next flush
    std::int64_t amount_minor = 0;
    std::string period;
    std::string statistic;
    std::string as_of;
    std::int64_t source_id = 0;
    std::optional<std::string> note;
    std::string qualifier = "exact"; // exact, at_least, at_most or approximate
    Dimensions dimensions{};         // level, employment, work setting, company size codes
    std::optional<std::int64_t> area_id = std::nullopt; // none: the whole country
};

class ObservationWriter {
public:
    // Rows go in 64 to a statement. Each INSERT on salary_observations fires triggers, so SQLite
    // keeps a statement journal of every page it touches; one statement per row copied those
    // pages for every row (a third of the import's instructions, measured with callgrind).
    static constexpr std::size_t kRowsPerInsert = 64;

    // Lists the batch in salary_latest_pending: the insert trigger leaves its rows' latest
    // figures to finish() (migration 0012).
    ObservationWriter(Database& database, std::string_view doing, std::int64_t batch_id);

    // Keeps the row; writes the pending rows once there are kRowsPerInsert.
    void add(Observation row);
    // Writes the pending rows (fewer than kRowsPerInsert at the end of a file).
    void flush();
    // Writes the pending rows, then brings salary_latest up to date with the whole batch in one
    // statement and takes the batch off salary_latest_pending. Until then the latest figures
    // are the base's before the batch (what plausibility compares with).
    void finish();

    // The text the generated `dimensions` column of salary_observations gives this row (its part
    // of salary_latest's key), from SQLite itself: the row is inserted as the writer inserts rows,
    // inside a savepoint rolled back at once, so whatever the column is made of (a later migration
    // may add to it) is never rebuilt here. Kept per distinct value of the parameters after the
    // figure's own (the dimensions, and whatever is bound after them), so a batch probes a few
    // times, not once a row. The row must be valid (its role, country and source exist).
    const std::string& dimensions_of(const Observation& row);

    std::int64_t rows_written() const noexcept { return rows_written_; }
    std::size_t pending() const noexcept { return pending_.size(); }

private:
    void write(Statement& insert);
    void write_rows(Statement::Use& use);
    template <typename Binder> void bind_row(Binder& use, int& index, const Observation& row) const;

    Database& database_;
    std::string doing_;
    std::int64_t batch_id_;
    Statement full_; // kRowsPerInsert rows
    std::vector<Observation> pending_;
    std::int64_t rows_written_ = 0;
    Statement probe_; // one row, RETURNING dimensions (prepared on its first use, if any)
    std::unordered_map<std::string, std::string> dimensions_; // parameters -> dimensions text
};

// Removes the batch's observations; the latest figures fall back to what is left (triggers).
// Returns how many. What undo does for salary observations (see batch_contents()).
std::int64_t remove_batch_observations(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
