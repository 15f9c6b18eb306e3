#include "jobkb/error.hpp"

namespace jobkb {

std::string_view to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kNotADatabase: return "not a database";
    case ErrorCode::kForeignDatabase: return "not a jobkb database";
    case ErrorCode::kDatabaseTooNew: return "database too new";
    case ErrorCode::kDatabaseTooOld: return "database needs migration";
    case ErrorCode::kMigrationChanged: return "migration changed";
    case ErrorCode::kReadOnly: return "read-only";
    case ErrorCode::kBadSeed: return "bad seed data";
    case ErrorCode::kIo: return "i/o error";
    case ErrorCode::kSqlite: return "sqlite error";
    }
    return "error";
}

} // namespace jobkb
