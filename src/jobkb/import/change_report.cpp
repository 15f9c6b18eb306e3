#include "jobkb/import/change_report.hpp"

#include "jobkb/statement.hpp"

namespace jobkb::detail {
namespace {

constexpr const char* kChangeCount = R"sql(
SELECT count(*)
FROM salary_latest l JOIN salary_observations newest ON newest.id = l.observation_id
WHERE newest.batch_id = :batch
)sql";

// Each changed key with the figure current before: the latest of the other observations that
// count (seeded or hand-entered ones, and those of batches not superseded, or superseded by this
// one).
constexpr const char* kChanges = R"sql(
SELECT r.name, l.country_code, l.statistic, l.period, previous.amount_minor,
       previous.currency_code, newest.amount_minor, newest.currency_code,
       (SELECT count(*) FROM salary_observations o
        WHERE o.role_id = l.role_id AND o.country_code = l.country_code
          AND o.statistic = l.statistic AND o.period = l.period
          AND o.dimensions = l.dimensions AND o.batch_id = :batch)
FROM salary_latest l
JOIN salary_observations newest ON newest.id = l.observation_id
JOIN roles r ON r.id = l.role_id
LEFT JOIN salary_observations previous ON previous.id = (
    SELECT c.id FROM salary_observations c
    WHERE c.role_id = l.role_id AND c.country_code = l.country_code
      AND c.statistic = l.statistic AND c.period = l.period AND c.dimensions = l.dimensions
      AND c.batch_id IS NOT :batch
      AND (c.batch_id IS NULL OR (SELECT superseded_by IS NULL OR superseded_by = :batch
                                  FROM import_batches WHERE id = c.batch_id))
    ORDER BY c.as_of_key DESC, c.id DESC LIMIT 1)
WHERE newest.batch_id = :batch
LIMIT :limit
)sql";

} // namespace

ChangeReport collect_changes(Database& database, std::string_view doing, std::int64_t batch_id,
                             const std::unordered_map<std::string, Currency>& currencies,
                             std::size_t limit) {
    Statement count(database, doing, kChangeCount);
    Statement changes(database, doing, kChanges);
    ChangeReport report;
    report.change_count =
        static_cast<std::size_t>(count.use().bind(":batch", batch_id).single_row().int64(0));
    auto row =
        changes.use().bind(":batch", batch_id).bind(":limit", static_cast<std::int64_t>(limit));
    while (row.step()) {
        FigureChange change;
        change.role = row.text(0);
        change.country_code = row.text(1);
        change.statistic = row.text(2);
        change.period = row.text(3);
        if (!row.is_null(4)) {
            change.current_minor = row.int64(4);
            change.current_currency = currencies.at(row.text(5));
        }
        change.new_minor = row.int64(6);
        change.new_currency = currencies.at(row.text(7));
        change.new_rows = row.int64(8);
        report.changes.push_back(std::move(change));
    }
    return report;
}

} // namespace jobkb::detail
