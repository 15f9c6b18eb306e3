#pragma once

#include <stdexcept>
#include <string>

namespace jobkb {

enum class ErrorCode {
    kInvalidArgument,  // a caller passed something unusable (a bad name, amount, path)
    kNotFound,         // a named thing does not exist
    kNotADatabase,     // the file is not a SQLite database at all
    kForeignDatabase,  // a SQLite database, but not a jobkb one
    kDatabaseTooNew,   // made by a newer jobkb: refused rather than misread
    kDatabaseTooOld,   // needs `jobkb migrate`
    kMigrationChanged, // an applied migration differs from the one this binary carries
    kReadOnly,         // a write was asked of a file that cannot be written
    kCorrupt,          // SQLite finds the file damaged
    kBadSeed,          // embedded seed data is inconsistent (a build defect)
    kIo,               // the file system refused
    kBusy,             // another process kept the database locked longer than jobkb waits
    kSqlite,           // any other SQLite failure
};

// The one error type of the library. what() is a complete one-line message that names the file
// and the cause; code() lets callers react without parsing it.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

} // namespace jobkb
