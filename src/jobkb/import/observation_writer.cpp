#include "jobkb/import/observation_writer.hpp"

#include "jobkb/import/many_row_insert.hpp"

namespace jobkb::detail {
namespace {

// INSERT ... VALUES (?, ..., ?), (?, ...), ... for `rows` rows.
std::string insert_observations_sql(std::size_t rows) {
    return many_rows_sql("INSERT INTO salary_observations (role_id, country_code, currency_code, "
                         "amount_minor, period, statistic, as_of, source_id, note, batch_id, "
                         "qualifier, level, employment, work_setting, company_size) VALUES ",
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
}

} // namespace

ObservationWriter::ObservationWriter(Database& database, std::string_view doing,
                                     std::int64_t batch_id)
    : database_(database), doing_(doing), batch_id_(batch_id),
      full_(database, doing, insert_observations_sql(kRowsPerInsert)) {
    pending_.reserve(kRowsPerInsert);
}

void ObservationWriter::add(Observation row) {
    pending_.push_back(std::move(row));
    if (pending_.size() == kRowsPerInsert) {
        write(full_);
    }
}

void ObservationWriter::flush() {
    if (pending_.empty()) {
        return;
    }
    Statement partial(database_, doing_, insert_observations_sql(pending_.size()));
    write(partial);
}

void ObservationWriter::write(Statement& insert) {
    {
        // The rows outlive this use of the statement, so their text is bound without a copy.
        auto use = insert.use();
        write_rows(use);
    }
    rows_written_ += static_cast<std::int64_t>(pending_.size());
    pending_.clear();
}

void ObservationWriter::write_rows(Statement::Use& use) {
    int index = 0;
    for (const Observation& row : pending_) {
        use.bind(++index, row.role_id);
        use.bind_no_copy(++index, row.country);
        use.bind_no_copy(++index, row.currency->code);
        use.bind(++index, row.amount_minor);
        use.bind_no_copy(++index, row.period);
        use.bind_no_copy(++index, row.statistic);
        use.bind_no_copy(++index, row.as_of);
        use.bind(++index, row.source_id);
        if (row.note) {
            use.bind_no_copy(++index, *row.note);
        } else {
            use.bind_null(++index);
        }
        use.bind(++index, batch_id_);
        use.bind_no_copy(++index, row.qualifier);
        for (const auto& dimension : row.dimensions) {
            if (dimension) {
                use.bind_no_copy(++index, *dimension);
            } else {
                use.bind_null(++index);
            }
        }
    }
    use.exec();
}

std::int64_t remove_batch_observations(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import",
                     "DELETE FROM salary_observations WHERE batch_id = :batch");
    return remove.use().bind(":batch", batch_id).exec();
}

} // namespace jobkb::detail
