#include "jobkb/import/many_row_insert.hpp"

namespace jobkb::detail {

std::string many_rows_sql(std::string_view head, std::string_view row, std::size_t rows) {
    std::string sql(head);
    sql.reserve(head.size() + rows * (row.size() + 2));
    for (std::size_t index = 0; index < rows; ++index) {
        if (index > 0) {
            sql += ", ";
        }
        sql += row;
    }
    return sql;
}

ManyRowInsert::ManyRowInsert(Database& database, std::string_view doing, std::string head,
                             std::string row)
    : database_(database), doing_(doing), head_(std::move(head)), row_(std::move(row)),
      full_(database, doing, many_rows_sql(head_, row_, kRowsPerInsert)) {}

ManyRowInsert::~ManyRowInsert() = default;

Statement& ManyRowInsert::statement_for(std::size_t rows) {
    if (rows == kRowsPerInsert) {
        return full_;
    }
    // The connection caches prepared statements by their text, so a tail of a size seen before
    // is not prepared again.
    if (!tail_ || tail_rows_ != rows) {
        tail_ = std::make_unique<Statement>(database_, doing_, many_rows_sql(head_, row_, rows));
        tail_rows_ = rows;
    }
    return *tail_;
}

} // namespace jobkb::detail
