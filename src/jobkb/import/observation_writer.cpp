#include "jobkb/import/observation_writer.hpp"

#include "jobkb/import/many_row_insert.hpp"

namespace jobkb::detail {
namespace {

// INSERT ... VALUES (?, ..., ?), (?, ...), ... for `rows` rows.
std::string insert_observations_sql(std::size_t rows) {
    return many_rows_sql(
        "INSERT INTO salary_observations (role_id, country_code, currency_code, "
        "amount_minor, period, statistic, as_of, source_id, note, batch_id, "
        "qualifier, level, employment, work_setting, company_size, area_id) VALUES ",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
}

// The parameters of a row that come after the figure's own (role, country, currency, amount,
// period, statistic, as_of, source, note, batch, qualifier): the ones the dimensions text may be
// made of (the survey dimensions and the area), as one text. Role, country, statistic and period
// are the rest of the key, looked up as they are.
constexpr int kFigureParameters = 11;

struct DimensionParameters {
    std::string text;
    void bind(int index, std::int64_t value) { add(index, 'i' + std::to_string(value)); }
    void bind_no_copy(int index, const std::string& value) { add(index, 's' + value); }
    void bind_null(int index) { add(index, "n"); }
    void add(int index, const std::string& part) {
        if (index > kFigureParameters) {
            text += part + '\x1f';
        }
    }
};

// The batch's figures into salary_latest by the rule of the insert trigger (migrations 0010,
// 0012): a figure takes its key's place when its as_of_key is later, or equal and its id higher.
// The rule picks the greatest (as_of_key, id) whatever the order, so the rows go in by key, the
// best of a key first (the others then fail the WHERE and write nothing): salary_latest's pages
// are visited in order, not once a row at random (the latest figures of 1,000,000 rows into a
// fresh 100,000-role base: 6.2 s in id order, 4.2 s sorted 65,536 rows at a time, 3.2 s sorted
// whole). One id range at a time: as fast within the machine's noise over the whole import, and
// the peak 48 MB where one sort of the whole batch took 61 MB.
constexpr const char* kBatchLatest = R"sql(
INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, as_of_key,
                           observation_id)
SELECT role_id, country_code, statistic, period, dimensions, as_of_key, id
FROM salary_observations
WHERE batch_id = :batch AND id BETWEEN :low AND :high
ORDER BY role_id, country_code, statistic, period, dimensions, as_of_key DESC, id DESC
ON CONFLICT (role_id, country_code, statistic, period, dimensions) DO UPDATE
SET as_of_key = excluded.as_of_key, observation_id = excluded.observation_id
WHERE excluded.as_of_key > salary_latest.as_of_key
   OR (excluded.as_of_key = salary_latest.as_of_key
       AND excluded.observation_id > salary_latest.observation_id)
)sql";

// Rows sorted per statement of kBatchLatest: some 6 MB of sorter memory.
constexpr std::int64_t kLatestRange = 65'536;

} // namespace

ObservationWriter::ObservationWriter(Database& database, std::string_view doing,
                                     std::int64_t batch_id)
    : database_(database), doing_(doing), batch_id_(batch_id),
      full_(database, doing, insert_observations_sql(kRowsPerInsert)),
      probe_(database, doing, insert_observations_sql(1) + " RETURNING dimensions") {
    pending_.reserve(kRowsPerInsert);
    // From here on the insert trigger leaves this batch's rows to finish().
    Statement pending(database, doing, "INSERT INTO salary_latest_pending (batch_id) VALUES (?)");
    pending.use().bind(1, batch_id).exec();
}

void ObservationWriter::finish() {
    flush();
    Statement range(database_, doing_,
                    "SELECT min(id), max(id) FROM salary_observations WHERE batch_id = ?");
    std::int64_t first = 0;
    std::int64_t last = -1; // none
    if (auto ids = range.use().bind(1, batch_id_).single_row(); !ids.is_null(0)) {
        first = ids.int64(0);
        last = ids.int64(1);
    }
    if (first <= last) {
        Statement latest(database_, doing_, kBatchLatest);
        for (std::int64_t low = first; low <= last; low += kLatestRange) {
            latest.use()
                .bind(":batch", batch_id_)
                .bind(":low", low)
                .bind(":high", low + kLatestRange - 1)
                .exec();
        }
    }
    Statement done(database_, doing_, "DELETE FROM salary_latest_pending WHERE batch_id = ?");
    done.use().bind(1, batch_id_).exec();
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

template <typename Binder>
void ObservationWriter::bind_row(Binder& use, int& index, const Observation& row) const {
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
    // The area is part of the dimensions text too: bound after the figure's own parameters, so
    // dimensions_of() tells areas apart.
    if (row.area_id) {
        use.bind(++index, *row.area_id);
    } else {
        use.bind_null(++index);
    }
}

void ObservationWriter::write_rows(Statement::Use& use) {
    int index = 0;
    for (const Observation& row : pending_) {
        bind_row(use, index, row);
    }
    use.exec();
}

const std::string& ObservationWriter::dimensions_of(const Observation& row) {
    DimensionParameters parameters;
    int index = 0;
    bind_row(parameters, index, row);
    if (const auto known = dimensions_.find(parameters.text); known != dimensions_.end()) {
        return known->second;
    }
    std::string dimensions;
    database_.execute(doing_, "SAVEPOINT dimensions_probe");
    try {
        auto use = probe_.use();
        index = 0;
        bind_row(use, index, row);
        dimensions = use.single_row().text(0);
        while (use.step()) {
        }
    } catch (...) {
        database_.execute(doing_, "ROLLBACK TO dimensions_probe; RELEASE dimensions_probe");
        throw;
    }
    database_.execute(doing_, "ROLLBACK TO dimensions_probe; RELEASE dimensions_probe");
    return dimensions_.emplace(std::move(parameters.text), std::move(dimensions)).first->second;
}

std::int64_t remove_batch_observations(Database& database, std::int64_t batch_id) {
    Statement remove(database, "undoing an import",
                     "DELETE FROM salary_observations WHERE batch_id = :batch");
    return remove.use().bind(":batch", batch_id).exec();
}

} // namespace jobkb::detail
