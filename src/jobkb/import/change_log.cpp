#include "jobkb/import/change_log.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace jobkb::detail {
namespace {

// import_changes' CHECK: the only tables whose names go into the SQL built here.
constexpr std::array<std::string_view, 13> kLoggedTables = {
    "roles",          "role_aliases", "role_codes",       "role_titles",
    "role_sources",   "role_skills",  "role_industries",  "responsibilities",
    "role_relations", "skills",       "skill_categories", "industries",
    "sources"};

std::string identifier(std::string_view column) { return "\"" + std::string(column) + "\""; }

// json_object('a', "a", 'b', "b") of these columns.
std::string json_of(const std::vector<std::string>& columns) {
    std::string sql = "json_object(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        sql += fmt::format("{}'{}', {}", i == 0 ? "" : ", ", columns[i], identifier(columns[i]));
    }
    return sql + ")";
}

// "a" = :k_a AND "b" = :k_b
std::string key_condition(const std::vector<std::string>& key) {
    std::string sql;
    for (std::size_t i = 0; i < key.size(); ++i) {
        sql += fmt::format("{}{} = :k_{}", i == 0 ? "" : " AND ", identifier(key[i]), key[i]);
    }
    return sql;
}

std::string record_sql(std::string_view table, std::string_view action,
                       const std::vector<std::string>& columns, const std::vector<std::string>& key,
                       const std::string& condition, bool numbered) {
    return fmt::format("INSERT INTO import_changes (batch_id, seq, table_name, action, key, row) "
                       "SELECT :batch, :seq{}, '{}', '{}', {}, {} FROM {} WHERE {}",
                       numbered ? " + row_number() OVER ()" : "", table, action, json_of(key),
                       json_of(columns), identifier(table), condition);
}

void bind_key(Statement::Use& use, std::initializer_list<KeyColumn> key) {
    for (const KeyColumn& column : key) {
        const std::string name = ":k_" + std::string(column.column);
        std::visit([&](const auto& value) { use.bind(name.c_str(), value); }, column.value);
    }
}

} // namespace

bool is_logged_table(std::string_view table) {
    return std::find(kLoggedTables.begin(), kLoggedTables.end(), table) != kLoggedTables.end();
}

// A table's columns and primary key, read from the schema once per log, and its statements.
struct ChangeLog::Table {
    std::vector<std::string> columns;
    std::vector<std::string> key;
    std::optional<Statement> record_deleted;
    std::optional<Statement> record_updated;
    std::optional<Statement> remove;
    // By condition: record, then delete.
    std::map<std::string, std::pair<Statement, Statement>, std::less<>> where;
};

ChangeLog::ChangeLog(Database& database, std::string_view doing, std::int64_t batch_id)
    : database_(database), doing_(doing), batch_id_(batch_id) {
    Statement last(database, doing,
                   "SELECT coalesce(max(seq), 0) FROM import_changes WHERE batch_id = :batch");
    seq_ = last.use().bind(":batch", batch_id).single_row().int64(0);
}

ChangeLog::~ChangeLog() = default;

ChangeLog::Table& ChangeLog::table(std::string_view name) {
    if (const auto found = tables_.find(name); found != tables_.end()) {
        return *found->second;
    }
    if (!is_logged_table(name)) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: the change log keeps no rows of table {}", doing_, name));
    }
    auto table = std::make_unique<Table>();
    Statement info(database_, doing_,
                   "SELECT name, pk FROM pragma_table_info(:table) ORDER BY cid");
    std::vector<std::pair<int, std::string>> key;
    for (auto row = info.use().bind(":table", name); row.step();) {
        table->columns.push_back(row.text(0));
        if (row.integer(1) > 0) {
            key.emplace_back(row.integer(1), row.text(0));
        }
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) {
        table->key.push_back(std::move(column));
    }
    const std::string condition = key_condition(table->key);
    table->record_deleted.emplace(
        database_, doing_,
        record_sql(name, "deleted", table->columns, table->key, condition, false));
    table->record_updated.emplace(
        database_, doing_,
        record_sql(name, "updated", table->columns, table->key, condition, false));
    table->remove.emplace(database_, doing_,
                          fmt::format("DELETE FROM {} WHERE {}", identifier(name), condition));
    return *tables_.emplace(std::string(name), std::move(table)).first->second;
}

bool ChangeLog::record(std::string_view name, std::string_view action,
                       std::initializer_list<KeyColumn> key, bool then_delete) {
    Table& t = table(name);
    if (key.size() != t.key.size()) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: a row of {} is found by {} key column(s), not {}", doing_,
                                name, t.key.size(), key.size()));
    }
    {
        auto insert = (action == "deleted" ? *t.record_deleted : *t.record_updated).use();
        insert.bind(":batch", batch_id_).bind(":seq", seq_ + 1);
        bind_key(insert, key);
        if (insert.exec() == 0) {
            return false;
        }
    }
    ++seq_;
    if (then_delete) {
        auto remove = t.remove->use();
        bind_key(remove, key);
        remove.exec();
    }
    return true;
}

bool ChangeLog::remove(std::string_view table, std::initializer_list<KeyColumn> key) {
    return record(table, "deleted", key, true);
}

bool ChangeLog::before_update(std::string_view table, std::initializer_list<KeyColumn> key) {
    return record(table, "updated", key, false);
}

std::int64_t ChangeLog::remove_where(std::string_view name, const char* condition,
                                     const std::function<void(Statement::Use&)>& bind) {
    Table& t = table(name);
    auto found = t.where.find(condition);
    if (found == t.where.end()) {
        found = t.where
                    .try_emplace(condition, std::piecewise_construct,
                                 std::forward_as_tuple(database_, doing_,
                                                       record_sql(name, "deleted", t.columns, t.key,
                                                                  condition, true)),
                                 std::forward_as_tuple(database_, doing_,
                                                       fmt::format("DELETE FROM {} WHERE {}",
                                                                   identifier(name), condition)))
                    .first;
    }
    std::int64_t recorded = 0;
    {
        auto insert = found->second.first.use();
        insert.bind(":batch", batch_id_).bind(":seq", seq_);
        bind(insert);
        recorded = insert.exec();
    }
    if (recorded == 0) {
        return 0;
    }
    seq_ += recorded;
    auto remove = found->second.second.use();
    bind(remove);
    if (remove.exec() != recorded) {
        throw Error(
            ErrorCode::kSqlite,
            fmt::format("{}: the rows of {} changed while they were being removed", doing_, name));
    }
    return recorded;
}

std::int64_t undo_changes(Database& database, std::string_view doing, std::int64_t batch_id) {
    Statement entries(database, doing,
                      "SELECT table_name, action, key, row FROM import_changes "
                      "WHERE batch_id = :batch ORDER BY seq DESC");
    Statement info(database, doing, "SELECT name, pk FROM pragma_table_info(:table) ORDER BY cid");
    // Per table: the statements that put a row back from its JSON.
    struct Restore {
        std::optional<Statement> insert;
        std::optional<Statement> update;
    };
    std::map<std::string, Restore, std::less<>> restores;
    const auto restore_of = [&](const std::string& table) -> Restore& {
        if (const auto found = restores.find(table); found != restores.end()) {
            return found->second;
        }
        if (!is_logged_table(table)) {
            throw Error(
                ErrorCode::kCorrupt,
                fmt::format("{}: the change log holds a row of an unknown table {}", doing, table));
        }
        std::string columns;
        std::string values;
        std::string sets;
        std::string where;
        for (auto row = info.use().bind(":table", table); row.step();) {
            const std::string column = row.text(0);
            const std::string value = fmt::format("json_extract(:row, '$.{}')", column);
            columns += (columns.empty() ? "" : ", ") + identifier(column);
            values += (values.empty() ? "" : ", ") + value;
            if (row.integer(1) > 0) {
                where += fmt::format("{}{} = json_extract(:key, '$.{}')",
                                     where.empty() ? "" : " AND ", identifier(column), column);
            } else {
                sets += (sets.empty() ? "" : ", ") + identifier(column) + " = " + value;
            }
        }
        Restore& restore = restores[table];
        restore.insert.emplace(
            database, doing,
            fmt::format("INSERT INTO {} ({}) SELECT {}", identifier(table), columns, values));
        restore.update.emplace(
            database, doing,
            fmt::format("UPDATE {} SET {} WHERE {}", identifier(table), sets, where));
        return restore;
    };
    std::int64_t restored = 0;
    for (auto entry = entries.use().bind(":batch", batch_id); entry.step();) {
        Restore& restore = restore_of(entry.text(0));
        const bool deleted = entry.text(1) == "deleted";
        const std::string key = entry.text(2);
        const std::string row = entry.text(3);
        auto put_back = (deleted ? *restore.insert : *restore.update).use();
        put_back.bind(":row", row);
        if (!deleted) {
            put_back.bind(":key", key);
        }
        restored += put_back.exec();
    }
    Statement forget(database, doing, "DELETE FROM import_changes WHERE batch_id = :batch");
    forget.use().bind(":batch", batch_id).exec();
    return restored;
}

} // namespace jobkb::detail
