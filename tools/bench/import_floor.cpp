// The import floor: the least work that puts a salary file's rows into jobkb's own tables with
// the same information as `jobkb import salaries` (the observations, the batch, salary_latest).
// One transaction, one prepared multi-row INSERT reused with no-copy binds (64 rows a statement,
// as jobkb's importer does), role ids from an in-memory map, no validation, no report, foreign
// keys unchecked (every reference comes from the base), and the latest figures in one sorted
// statement after the rows (the batch listed in salary_latest_pending meanwhile, so the insert
// trigger leaves them alone: migration 0012). The benchmark compares jobkb with it.
//
//     jobkb-import-floor DATABASE FILE.csv [ROWS_PER_STATEMENT]
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
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: jobkb-import-floor DATABASE FILE.csv [ROWS_PER_STATEMENT]\n");
        return 2;
    }
    const int chunk = argc == 4 ? std::atoi(argv[3]) : 64;
    if (chunk < 1 || chunk > 1000) {
        std::fprintf(stderr, "jobkb-import-floor: rows per statement: expected 1 to 1000\n");
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
    exec(db, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;"
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
    exec(db, ("INSERT INTO salary_latest_pending (batch_id) VALUES (" + std::to_string(batch) + ")")
                 .c_str());

    // (?1, ..., ?7, source, NULL, batch) per row: only the file's fields are bound.
    const std::string constants =
        ", " + std::to_string(source) + ", NULL, " + std::to_string(batch) + ")";
    const auto insert_sql = [&](int rows) {
        std::string sql = "INSERT INTO salary_observations (role_id, country_code, currency_code, "
                          "amount_minor, period, statistic, as_of, source_id, note, batch_id) "
                          "VALUES ";
        for (int row = 0; row < rows; ++row) {
            sql += std::string(row ? ", " : "") + "(?, ?, ?, ?, ?, ?, ?" + constants;
        }
        return sql;
    };
    sqlite3_stmt* insert = prepare(db, insert_sql(chunk).c_str());

    // The rows not yet inserted, their text left in their own line buffers: bound without a copy.
    struct Row {
        std::int64_t role_id = 0;
        std::int64_t amount_minor = 0;
        std::string_view text[5]; // country, currency, period, statistic, as_of
    };
    std::vector<std::vector<char>> lines(static_cast<std::size_t>(chunk),
                                         std::vector<char>(1 << 16));
    std::vector<Row> pending;
    const auto flush = [&] {
        sqlite3_stmt* statement =
            static_cast<int>(pending.size()) == chunk
                ? insert
                : prepare(db, insert_sql(static_cast<int>(pending.size())).c_str());
        int parameter = 0;
        for (const Row& row : pending) {
            sqlite3_bind_int64(statement, ++parameter, row.role_id);
            for (int i = 0; i < 5; ++i) {
                sqlite3_bind_text(statement, ++parameter, row.text[i].data(),
                                  static_cast<int>(row.text[i].size()), SQLITE_STATIC);
                if (i == 1) {
                    sqlite3_bind_int64(statement, ++parameter, row.amount_minor);
                }
            }
        }
        if (sqlite3_step(statement) != SQLITE_DONE) {
            fail(db, "insert");
        }
        if (statement == insert) {
            sqlite3_reset(statement);
        } else {
            sqlite3_finalize(statement);
        }
        pending.clear();
    };
    std::int64_t rows = 0;
    std::fgets(lines[0].data(), static_cast<int>(lines[0].size()), input); // the header
    while (std::fgets(lines[pending.size()].data(), 1 << 16, input)) {
        std::string_view fields[9];
        char* start = lines[pending.size()].data();
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
        pending.push_back(Row{role->second,
                              std::strtoll(fields[3].data(), nullptr, 10) * factor->second,
                              {fields[1], fields[2], fields[4], fields[5], fields[6]}});
        ++rows;
        if (static_cast<int>(pending.size()) == chunk) {
            flush();
        }
    }
    if (!pending.empty()) {
        flush();
    }
    sqlite3_finalize(insert);
    const std::string latest =
        "INSERT INTO salary_latest (role_id, country_code, statistic, period, dimensions, "
        "as_of_key, observation_id) SELECT role_id, country_code, statistic, period, dimensions, "
        "as_of_key, id FROM salary_observations WHERE batch_id = " +
        std::to_string(batch) +
        " ORDER BY role_id, country_code, statistic, period, dimensions, as_of_key, id "
        "ON CONFLICT (role_id, country_code, statistic, period, dimensions) DO UPDATE "
        "SET as_of_key = excluded.as_of_key, observation_id = excluded.observation_id "
        "WHERE excluded.as_of_key > salary_latest.as_of_key OR (excluded.as_of_key = "
        "salary_latest.as_of_key AND excluded.observation_id > salary_latest.observation_id); "
        "DELETE FROM salary_latest_pending WHERE batch_id = " +
        std::to_string(batch);
    exec(db, latest.c_str());
    exec(db, "COMMIT");
    sqlite3_close(db);
    std::fclose(input);
    std::printf("%lld rows\n", static_cast<long long>(rows));
    return 0;
}
