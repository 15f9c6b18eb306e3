#include "jobkb/import/unchanged_figures.hpp"

#include "jobkb/statement.hpp"

namespace jobkb::detail {
namespace {

// The columns that make two observations the same fact. `dimensions` is the key text of every
// dimension the figure has and of its area (migrations 0010 and 0011).
constexpr const char* kFact = "role_id, country_code, statistic, period, dimensions, as_of, "
                              "currency_code, amount_minor, qualifier, source_id";

// The batch's rows that repeat a fact held already, in one sort: the facts that count among the
// earlier rows of the batch's sources (by the source index) and the batch's rows, each fact's rows
// in order (held ones first, then the batch's by id). With `held` rows of a fact, the batch's row
// numbered n within the fact is a repeat when n - held <= held. One sort keeps it n log n: many
// reports share one key (a survey's Data Scientists of one year), so a probe a row through the
// key index, or a join, would read them all for each.
constexpr const char* kRepeats = R"sql(
WITH rows_of_fact AS (
    SELECT id, {fact}, 0 AS fresh
    FROM current_observations
    WHERE id < :first
      AND source_id IN (SELECT DISTINCT source_id FROM salary_observations WHERE batch_id = :batch)
    UNION ALL
    SELECT id, {fact}, 1 FROM salary_observations WHERE batch_id = :batch),
numbered AS (
    SELECT id, fresh,
           row_number() OVER (PARTITION BY {fact} ORDER BY fresh, id) AS number,
           sum(1 - fresh) OVER (PARTITION BY {fact}) AS held
    FROM rows_of_fact)
SELECT id FROM numbered WHERE fresh = 1 AND number <= 2 * held
)sql";

std::string repeats_sql() {
    std::string text = kRepeats;
    for (std::size_t at = text.find("{fact}"); at != std::string::npos;
         at = text.find("{fact}", at)) {
        text.replace(at, 6, kFact);
    }
    return text;
}

} // namespace

std::int64_t drop_unchanged_observations(Database& database, std::string_view doing,
                                         std::int64_t batch_id,
                                         const std::set<std::int64_t>& sources) {
    // Rows are numbered in insertion order, so every row of an earlier batch (or of the seed) has
    // a smaller id than the batch's first: a source with none below it has nothing to repeat.
    Statement first(database, doing,
                    "SELECT min(id) FROM salary_observations WHERE batch_id = :batch");
    const auto first_id = first.use().bind(":batch", batch_id).single_row().optional_int64(0);
    if (!first_id) {
        return 0;
    }
    Statement earlier(database, doing,
                      "SELECT EXISTS (SELECT 1 FROM salary_observations WHERE source_id = :source "
                      "AND id < :first)");
    bool any = false;
    for (const std::int64_t source : sources) {
        if (earlier.use().bind(":source", source).bind(":first", *first_id).single_row().int64(0) !=
            0) {
            any = true;
            break;
        }
    }
    if (!any) {
        return 0;
    }
    // Each deleted row that was the latest figure of its key hands that place back (the trigger).
    Statement remove(database, doing,
                     "DELETE FROM salary_observations WHERE id IN (" + repeats_sql() + ")");
    return remove.use().bind(":batch", batch_id).bind(":first", *first_id).exec();
}

} // namespace jobkb::detail
