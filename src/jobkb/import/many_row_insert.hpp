#pragma once

#include "jobkb/database.hpp"
#include "jobkb/statement.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

// Rows written many to a statement: INSERT INTO t (...) VALUES (...), (...), ...
//
// Each INSERT that fires triggers keeps a statement journal, and each statement that reaches the
// search index (FTS5, through the triggers of migration 0006) opens a savepoint at which FTS5
// writes its pending terms out as a new segment: one statement per row made one segment per row
// and kept FTS5 merging them (the O*NET import spent two thirds of its time there). 64 rows to a
// statement cost one journal and one segment.
namespace jobkb::detail {

// "HEAD ROW, ROW, ..." with `rows` copies of ROW.
std::string many_rows_sql(std::string_view head, std::string_view row, std::size_t rows);

class ManyRowInsert {
public:
    static constexpr std::size_t kRowsPerInsert = 64;

    // head: "INSERT INTO role_titles (title, role_id) VALUES "; row: "(?, ?)", the values of one
    // row with its parameters by position (literals may stand among them).
    ManyRowInsert(Database& database, std::string_view doing, std::string head, std::string row);
    ~ManyRowInsert();

    // Writes every element of `rows` (anything with size() and operator[]), kRowsPerInsert to a
    // statement: bind(use, index, row) binds one row's parameters from position index + 1 on,
    // advancing index past them. Returns how many rows were written.
    template <typename Rows, typename Bind> std::int64_t write(const Rows& rows, Bind bind) {
        const std::size_t total = rows.size();
        for (std::size_t start = 0; start < total; start += kRowsPerInsert) {
            const std::size_t count = std::min(kRowsPerInsert, total - start);
            auto use = statement_for(count).use();
            int index = 0;
            for (std::size_t row = start; row < start + count; ++row) {
                bind(use, index, rows[row]);
            }
            use.exec();
        }
        return static_cast<std::int64_t>(total);
    }

private:
    Statement& statement_for(std::size_t rows);

    Database& database_;
    std::string doing_;
    std::string head_;
    std::string row_;
    Statement full_;                  // kRowsPerInsert rows
    std::unique_ptr<Statement> tail_; // the last statement of fewer rows, for tail_rows_
    std::size_t tail_rows_ = 0;
};

} // namespace jobkb::detail
