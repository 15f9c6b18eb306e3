#pragma once

#include "jobkb/database.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The change log of a batch (import_changes): every row an import deletes or updates that it did
// not create, kept whole as JSON before the change, so that undo can put it back exactly. Rows a
// batch creates carry its batch_id instead and need no entry. Undo (undo_changes) replays the
// entries newest first.
namespace jobkb::detail {

// A primary-key column's value.
using KeyValue = std::variant<std::int64_t, std::string>;

struct KeyColumn {
    std::string_view column;
    KeyValue value;
};

class ChangeLog {
public:
    ChangeLog(Database& database, std::string_view doing, std::int64_t batch_id);
    ~ChangeLog();
    ChangeLog(const ChangeLog&) = delete;
    ChangeLog& operator=(const ChangeLog&) = delete;

    // Records the row of `table` with this primary key (every key column, in any order) as
    // deleted, then deletes it. Returns false when there is no such row.
    bool remove(std::string_view table, std::initializer_list<KeyColumn> key);

    // Records the row as it is before the caller updates it (columns other than the key). Returns
    // false when there is no such row. Record a row once per batch: undo restores the oldest.
    bool before_update(std::string_view table, std::initializer_list<KeyColumn> key);

    // Records and deletes every row of `table` for which `condition` holds: SQL text fixed in the
    // caller's code (never user text), whose named parameters `bind` binds, on both the record and
    // the delete statement. Returns how many.
    std::int64_t remove_where(std::string_view table, const char* condition,
                              const std::function<void(Statement::Use&)>& bind);

    // Entries recorded so far.
    std::int64_t entries() const noexcept { return seq_; }

private:
    struct Table;
    Table& table(std::string_view name);
    bool record(std::string_view table, std::string_view action,
                std::initializer_list<KeyColumn> key, bool then_delete);

    Database& database_;
    std::string doing_;
    std::int64_t batch_id_;
    std::int64_t seq_ = 0;
    std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
};

// Undoing a batch's changes: the rows the log holds put back (deleted ones inserted again,
// updated ones set to what they were), newest first, and the log's entries removed. Returns how
// many rows it restored.
std::int64_t undo_changes(Database& database, std::string_view doing, std::int64_t batch_id);

// The tables a change log may hold rows of (import_changes' CHECK).
bool is_logged_table(std::string_view table);

} // namespace jobkb::detail
