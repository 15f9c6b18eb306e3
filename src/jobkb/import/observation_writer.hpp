#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import/dimensions.hpp"
#include "jobkb/money.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
};

class ObservationWriter {
public:
    // Rows go in 64 to a statement. Each INSERT on salary_observations fires triggers, so SQLite
    // keeps a statement journal of every page it touches; one statement per row copied those
    // pages for every row (a third of the import's instructions, measured with callgrind).
    static constexpr std::size_t kRowsPerInsert = 64;

    ObservationWriter(Database& database, std::string_view doing, std::int64_t batch_id);

    // Keeps the row; writes the pending rows once there are kRowsPerInsert.
    void add(Observation row);
    // Writes the pending rows (fewer than kRowsPerInsert at the end of a file).
    void flush();

    std::int64_t rows_written() const noexcept { return rows_written_; }
    std::size_t pending() const noexcept { return pending_.size(); }

private:
    void write(Statement& insert);
    void write_rows(Statement::Use& use);

    Database& database_;
    std::string doing_;
    std::int64_t batch_id_;
    Statement full_; // kRowsPerInsert rows
    std::vector<Observation> pending_;
    std::int64_t rows_written_ = 0;
};

// Removes the batch's observations; the latest figures fall back to what is left (triggers).
// Returns how many. What undo does for salary observations (see batch_contents()).
std::int64_t remove_batch_observations(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
