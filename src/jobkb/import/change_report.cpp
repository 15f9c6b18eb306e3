#include "jobkb/import/change_report.hpp"

#include "jobkb/statement.hpp"

#include <map>

namespace jobkb::detail {
namespace {

// The count and the changes start from the batch's observations (by the batch's index) and find
// each one's key in salary_latest by its primary key: a base of many figures is not read whole.
#define JOBKB_LATEST_OF_NEWEST                                                                     \
    "FROM salary_observations newest "                                                             \
    "JOIN salary_latest l ON l.role_id = newest.role_id AND l.country_code = newest.country_code " \
    "AND l.statistic = newest.statistic AND l.period = newest.period "                             \
    "AND l.dimensions = newest.dimensions AND l.observation_id = newest.id "

constexpr const char* kChangeCount =
    "SELECT count(*) " JOBKB_LATEST_OF_NEWEST "WHERE newest.batch_id = :batch";

// The figure of a key current before the batch: the latest of the other observations that count
// (seeded or hand-entered ones, and those of batches not superseded, or superseded by this one).
// KEY names the key's table alias, CURRENCY an extra condition.
#define JOBKB_PREVIOUS(KEY, CURRENCY)                                                              \
    "SELECT c.id FROM salary_observations c "                                                      \
    "WHERE c.role_id = " KEY ".role_id AND c.country_code = " KEY ".country_code "                 \
    "AND c.statistic = " KEY ".statistic AND c.period = " KEY ".period "                           \
    "AND c.dimensions = " KEY ".dimensions " CURRENCY " AND c.batch_id IS NOT :batch "             \
    "AND (c.batch_id IS NULL OR (SELECT superseded_by IS NULL OR superseded_by = :batch "          \
    "FROM import_batches WHERE id = c.batch_id)) "                                                 \
    "ORDER BY c.as_of_key DESC, c.id DESC LIMIT 1"

// Each changed key with the figure current before.
constexpr const char* kChanges =
    "SELECT r.name, l.country_code, l.statistic, l.period, previous.amount_minor, "
    "previous.currency_code, newest.amount_minor, newest.currency_code, "
    "(SELECT count(*) FROM salary_observations o WHERE o.role_id = l.role_id AND o.country_code "
    "= l.country_code AND o.statistic = l.statistic AND o.period = l.period AND o.dimensions = "
    "l.dimensions AND o.batch_id = :batch AND o.currency_code = newest.currency_code), "
    "previous.qualifier, newest.qualifier, l.dimensions, l.role_id, "
    "coalesce((SELECT name FROM areas WHERE id = newest.area_id), '') " JOBKB_LATEST_OF_NEWEST
    "JOIN roles r ON r.id = l.role_id "
    "LEFT JOIN salary_observations previous ON previous.id = (" JOBKB_PREVIOUS(
        "l", "") ") "
                 "WHERE newest.batch_id = :batch LIMIT :limit";

// The batch's figures of one key in the other currencies, the newest of each currency first.
constexpr const char* kOtherCurrencies = R"sql(
SELECT o.currency_code, o.amount_minor, o.qualifier
FROM salary_observations o
WHERE o.role_id = :role AND o.country_code = :country AND o.statistic = :statistic
  AND o.period = :period AND o.dimensions = :dimensions AND o.batch_id = :batch
  AND o.currency_code <> :currency
ORDER BY o.currency_code, o.as_of_key DESC, o.id DESC
)sql";

// The figure of the key current before the batch in one currency.
constexpr const char* kPreviousIn =
    "SELECT p.amount_minor, p.qualifier FROM salary_observations p WHERE p.id = ("
    "SELECT c.id FROM salary_observations c "
    "WHERE c.role_id = :role AND c.country_code = :country AND c.statistic = :statistic "
    "AND c.period = :period AND c.dimensions = :dimensions AND c.currency_code = :currency "
    "AND c.batch_id IS NOT :batch "
    "AND (c.batch_id IS NULL OR (SELECT superseded_by IS NULL OR superseded_by = :batch "
    "FROM import_batches WHERE id = c.batch_id)) "
    "ORDER BY c.as_of_key DESC, c.id DESC LIMIT 1)";

// With supersede: the keys of the batches this one superseded whose current figure was one of
// theirs and is now neither theirs nor this batch's: an older figure, or none (after.id NULL).
constexpr const char* kSuperseded =
    "WITH k AS (SELECT DISTINCT role_id, country_code, statistic, period, dimensions "
    "FROM salary_observations WHERE batch_id IN "
    "(SELECT id FROM import_batches WHERE superseded_by = :batch)) "
    "SELECT r.name, k.country_code, k.statistic, k.period, k.dimensions, before.amount_minor, "
    "before.currency_code, before.qualifier, after.amount_minor, after.currency_code, "
    "after.qualifier, coalesce((SELECT name FROM areas WHERE id = before.area_id), '') "
    "FROM k JOIN roles r ON r.id = k.role_id "
    "JOIN salary_observations before ON before.id = (" JOBKB_PREVIOUS(
        "k",
        "") ") "
            "LEFT JOIN salary_latest l ON l.role_id = k.role_id AND l.country_code = "
            "k.country_code "
            "AND l.statistic = k.statistic AND l.period = k.period AND l.dimensions = k.dimensions "
            "LEFT JOIN salary_observations after ON after.id = l.observation_id "
            "WHERE after.id IS NOT before.id AND after.batch_id IS NOT :batch "
            "AND before.batch_id IN (SELECT id FROM import_batches WHERE superseded_by = :batch)";

#undef JOBKB_PREVIOUS
#undef JOBKB_LATEST_OF_NEWEST

// The batch's figures of a changed key in currencies other than the one now current.
void add_other_currencies(Statement& others, Statement& previous, std::int64_t batch_id,
                          std::int64_t role_id, const FigureChange& current,
                          const std::unordered_map<std::string, Currency>& currencies,
                          std::vector<FigureChange>& into) {
    auto row = others.use();
    row.bind(":role", role_id);
    row.bind(":country", current.country_code);
    row.bind(":statistic", current.statistic);
    row.bind(":period", current.period);
    row.bind(":dimensions", current.dimensions);
    row.bind(":batch", batch_id);
    row.bind(":currency", current.new_currency.code);
    while (row.step()) {
        const std::string currency = row.text(0);
        if (!into.empty() && into.back().kind == ChangeKind::kNotCurrent &&
            into.back().new_currency.code == currency) {
            ++into.back().new_rows;
            continue;
        }
        FigureChange change = current;
        change.kind = ChangeKind::kNotCurrent;
        change.new_currency = currencies.at(currency);
        change.new_minor = row.int64(1);
        change.new_qualifier = row.text(2);
        change.new_rows = 1;
        change.current_minor.reset();
        change.current_currency.reset();
        change.current_qualifier.clear();
        auto before = previous.use();
        before.bind(":role", role_id);
        before.bind(":country", current.country_code);
        before.bind(":statistic", current.statistic);
        before.bind(":period", current.period);
        before.bind(":dimensions", current.dimensions);
        before.bind(":currency", currency);
        before.bind(":batch", batch_id);
        if (before.step()) {
            change.current_minor = before.int64(0);
            change.current_currency = change.new_currency;
            change.current_qualifier = before.text(1);
        }
        into.push_back(std::move(change));
    }
}

} // namespace

ChangeReport collect_changes(Database& database, std::string_view doing, std::int64_t batch_id,
                             const std::unordered_map<std::string, Currency>& currencies,
                             std::size_t limit) {
    Statement count(database, doing, kChangeCount);
    Statement changes(database, doing, kChanges);
    Statement others(database, doing, kOtherCurrencies);
    Statement previous(database, doing, kPreviousIn);
    ChangeReport report;
    report.change_count =
        static_cast<std::size_t>(count.use().bind(":batch", batch_id).single_row().int64(0));
    std::vector<std::pair<FigureChange, std::int64_t>> current; // with the role's id
    {
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
                change.current_qualifier = row.text(9);
            }
            change.new_minor = row.int64(6);
            change.new_currency = currencies.at(row.text(7));
            change.new_rows = row.int64(8);
            change.new_qualifier = row.text(10);
            change.dimensions = row.text(11);
            change.area = row.text(13);
            current.emplace_back(std::move(change), row.int64(12));
        }
    }
    for (auto& [change, role_id] : current) {
        report.changes.push_back(change);
        add_other_currencies(others, previous, batch_id, role_id, change, currencies,
                             report.changes);
    }
    Statement superseded(database, doing, kSuperseded);
    std::size_t listed = 0;
    for (auto row = superseded.use().bind(":batch", batch_id); row.step();) {
        const bool retired = row.is_null(8);
        ++(retired ? report.retired_count : report.revert_count);
        if (listed == limit) {
            continue;
        }
        ++listed;
        FigureChange change;
        change.kind = retired ? ChangeKind::kRetired : ChangeKind::kReverts;
        change.role = row.text(0);
        change.country_code = row.text(1);
        change.statistic = row.text(2);
        change.period = row.text(3);
        change.dimensions = row.text(4);
        change.current_minor = row.int64(5);
        change.current_currency = currencies.at(row.text(6));
        change.current_qualifier = row.text(7);
        change.area = row.text(11);
        if (!retired) {
            change.new_minor = row.int64(8);
            change.new_currency = currencies.at(row.text(9));
            change.new_qualifier = row.text(10);
        }
        report.changes.push_back(std::move(change));
    }
    return report;
}

} // namespace jobkb::detail
