// The import floor: the least work that puts a salary file's rows into jobkb's own tables.
// One transaction, one prepared INSERT reused with no-copy binds, role ids from an in-memory map,
// no validation, no report. The benchmark compares `jobkb import salaries` with it.
//
//     jobkb-import-floor DATABASE FILE.csv
//
// FILE.csv is the generator's import file: a header, then unquoted rows of
// role,country,currency,amount,period,statistic,as_of,source,note with whole amounts.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

[[noreturn]] void fail(sqlite3* db, const char* doing) {
    std::fprintf(stderr, "jobkb-import-floor: %s: %s\n", doing, db ? sqlite3_errmsg(db) : "");
    std::exit(1);
}

void exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        fail(db, sql);
    }
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
        fail(db, sql);
    }
    return statement;
}

std::int64_t scalar(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = prepare(db, sql);
    if (sqlite3_step(statement) != SQLITE_ROW) {
        fail(db, sql);
    }
    const std::int64_t value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: jobkb-import-floor DATABASE FILE.csv\n");
        return 2;
    }
    std::FILE* input = std::fopen(argv[2], "r");
    if (!input) {
        std::perror(argv[2]);
        return 1;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        fail(db, "open");
    }
    // The settings jobkb's importer runs with, so that only the work differs.
    exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;"
             "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
    exec(db, "BEGIN IMMEDIATE");

    std::unordered_map<std::string, std::int64_t> role_ids;
    sqlite3_stmt* roles = prepare(db, "SELECT name, id FROM roles");
    while (sqlite3_step(roles) == SQLITE_ROW) {
        role_ids.emplace(reinterpret_cast<const char*>(sqlite3_column_text(roles, 0)),
                         sqlite3_column_int64(roles, 1));
    }
    sqlite3_finalize(roles);
    std::unordered_map<std::string, std::int64_t> factors; // currency -> minor units per major
    sqlite3_stmt* currencies = prepare(db, "SELECT code, minor_unit FROM currencies");
    while (sqlite3_step(currencies) == SQLITE_ROW) {
        std::int64_t factor = 1;
        for (int i = sqlite3_column_int(currencies, 1); i > 0; --i) {
            factor *= 10;
        }
        factors.emplace(reinterpret_cast<const char*>(sqlite3_column_text(currencies, 0)), factor);
    }
    sqlite3_finalize(currencies);

    exec(db, "INSERT INTO sources (slug, title) SELECT 'floor-import', 'Floor Import' "
             "WHERE NOT EXISTS (SELECT 1 FROM sources WHERE slug = 'floor-import')");
    const std::int64_t source = scalar(db, "SELECT id FROM sources WHERE slug = 'floor-import'");
    const std::string batch_sql =
        "INSERT INTO import_batches (file_name, sha256, settings, input_format, source_id, "
        "rows_read, rows_inserted, rows_rejected, imported_at) VALUES ('floor', "
        "hex(randomblob(32)), '', 'csv', " +
        std::to_string(source) + ", 0, 0, 0, 'now')";
    exec(db, batch_sql.c_str());
    const std::int64_t batch = sqlite3_last_insert_rowid(db);

    sqlite3_stmt* insert = prepare(
        db, "INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, "
            "period, statistic, as_of, source_id, note, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
    sqlite3_bind_int64(insert, 8, source);
    sqlite3_bind_int64(insert, 9, batch);

    std::vector<char> line(1 << 16);
    std::int64_t rows = 0;
    std::fgets(line.data(), static_cast<int>(line.size()), input); // the header
    while (std::fgets(line.data(), static_cast<int>(line.size()), input)) {
        std::string_view fields[9];
        char* start = line.data();
        for (auto& field : fields) {
            char* end = std::strpbrk(start, ",\n");
            if (!end) {
                end = start + std::strlen(start);
            }
            field = std::string_view(start, static_cast<std::size_t>(end - start));
            start = *end ? end + 1 : end;
        }
        const auto role = role_ids.find(std::string(fields[0]));
        const auto factor = factors.find(std::string(fields[2]));
        if (role == role_ids.end() || factor == factors.end()) {
            std::fprintf(stderr, "jobkb-import-floor: row %lld: unknown role or currency\n",
                         static_cast<long long>(rows + 2));
            return 1;
        }
        sqlite3_bind_int64(insert, 1, role->second);
        for (int i : {1, 2, 4, 5, 6}) {
            sqlite3_bind_text(insert, i + 1, fields[i].data(), static_cast<int>(fields[i].size()),
                              SQLITE_STATIC);
        }
        sqlite3_bind_int64(insert, 4, std::strtoll(fields[3].data(), nullptr, 10) * factor->second);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            fail(db, "insert");
        }
        sqlite3_reset(insert);
        ++rows;
    }
    sqlite3_finalize(insert);
    exec(db, "COMMIT");
    sqlite3_close(db);
    std::fclose(input);
    std::printf("%lld rows\n", static_cast<long long>(rows));
    return 0;
}
