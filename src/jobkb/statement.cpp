#include "jobkb/statement.hpp"

#include "jobkb/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace jobkb::detail {

Statement::Statement(Database& database, std::string_view doing, std::string sql)
    : database_(database), doing_(doing), sql_(std::move(sql)) {}

Statement::Use Statement::use() {
    if (prepared_ == nullptr) {
        prepared_ = &cached_statement(database_, sql_, doing_);
    }
    if (prepared_->in_use) {
        throw Error(ErrorCode::kSqlite,
                    ErrorDetails{database_.path().string(),
                                 doing_,
                                 "the statement is already in use (a defect in jobkb)",
                                 {}});
    }
    return Use(*this, *prepared_);
}

Statement::Use::Use(Statement& statement, CachedStatement& prepared)
    : statement_(&statement), prepared_(&prepared) {
    prepared_->in_use = true;
}

Statement::Use::Use(Use&& other) noexcept
    : statement_(other.statement_), prepared_(other.prepared_) {
    other.prepared_ = nullptr;
}

Statement::Use::~Use() {
    if (prepared_ != nullptr) {
        prepared_->statement->tryReset();
        // sqlite3_clear_bindings cannot fail on a valid statement.
        try {
            prepared_->statement->clearBindings();
        } catch (...) {
        }
        prepared_->in_use = false;
    }
}

void Statement::Use::fail(const SQLite::Exception& failure) const {
    detail::fail(statement_->database_, statement_->doing_, failure);
}

// Every call into SQLiteCpp goes through here, so no SQLite::Exception leaves a Use.
#define JOBKB_TRANSLATE(...)                                                                       \
    try {                                                                                          \
        __VA_ARGS__;                                                                               \
    } catch (const SQLite::Exception& failure) {                                                   \
        fail(failure);                                                                             \
    }

void Statement::Use::set(const char* name, std::int64_t value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(name, value));
}

void Statement::Use::set(const char* name, double value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(name, value));
}

void Statement::Use::set(const char* name, std::string_view value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(name, std::string(value)));
}

void Statement::Use::set(const char* name, const std::optional<std::string>& value) {
    value ? set(name, std::string_view(*value)) : set_null(name);
}

void Statement::Use::set(const char* name, const std::optional<std::int64_t>& value) {
    value ? set(name, *value) : set_null(name);
}

void Statement::Use::set(int index, std::int64_t value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(index, value));
}

void Statement::Use::set(int index, double value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(index, value));
}

void Statement::Use::set(int index, std::string_view value) {
    JOBKB_TRANSLATE(prepared_->statement->bind(index, std::string(value)));
}

void Statement::Use::set(int index, const std::optional<std::string>& value) {
    value ? set(index, std::string_view(*value)) : set_null(index);
}

void Statement::Use::set(int index, const std::optional<std::int64_t>& value) {
    value ? set(index, *value) : set_null(index);
}

void Statement::Use::set_null(const char* name) {
    JOBKB_TRANSLATE(prepared_->statement->bind(name));
}

void Statement::Use::set_null(int index) { JOBKB_TRANSLATE(prepared_->statement->bind(index)); }

void Statement::Use::set_no_copy(const char* name, const std::string& value) {
    JOBKB_TRANSLATE(prepared_->statement->bindNoCopy(name, value));
}

void Statement::Use::set_no_copy(int index, const std::string& value) {
    JOBKB_TRANSLATE(prepared_->statement->bindNoCopy(index, value));
}

bool Statement::Use::step() { JOBKB_TRANSLATE(return prepared_->statement->executeStep()); }

std::int64_t Statement::Use::exec() {
    try {
        while (prepared_->statement->executeStep()) {
        }
    } catch (const SQLite::Exception& failure) {
        fail(failure);
    }
    return sqlite3_changes64(statement_->database_.native_handle());
}

void Statement::Use::require_row() {
    if (!step()) {
        throw Error(ErrorCode::kSqlite, ErrorDetails{statement_->database_.path().string(),
                                                     statement_->doing_,
                                                     "the statement returned no row",
                                                     {}});
    }
}

bool Statement::Use::is_null(int column) const {
    JOBKB_TRANSLATE(return prepared_->statement->isColumnNull(column));
}

std::int64_t Statement::Use::int64(int column) const {
    JOBKB_TRANSLATE(return prepared_->statement->getColumn(column).getInt64());
}

int Statement::Use::integer(int column) const {
    JOBKB_TRANSLATE(return prepared_->statement->getColumn(column).getInt());
}

double Statement::Use::real(int column) const {
    JOBKB_TRANSLATE(return prepared_->statement->getColumn(column).getDouble());
}

std::string Statement::Use::text(int column) const {
    JOBKB_TRANSLATE(return prepared_->statement->getColumn(column).getString());
}

std::optional<std::string> Statement::Use::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

std::optional<std::int64_t> Statement::Use::optional_int64(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return int64(column);
}

int Statement::Use::column_count() const { return prepared_->statement->getColumnCount(); }

SQLite::Statement& Statement::Use::raw() noexcept { return *prepared_->statement; }

#undef JOBKB_TRANSLATE

} // namespace jobkb::detail
