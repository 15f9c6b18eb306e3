// The tables of migration 0004: exact rates and factors only, history that is never rewritten,
// every value with a current batch of its own source and content, undo that removes a batch's
// values (the earlier value counts again), salary supersedes that pass over rate batches, and
// lookups that read indexes.
#include "jobkb/conversion.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/knowledge_base.hpp"
#include "support/fixtures.hpp"
#include "support/query_plan.hpp"
#include "support/rate_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <set>

namespace jobkb {
namespace {

using test::query;

class RateTables : public ::testing::Test {
protected:
    test::TempDir dir_;
    test::fs::path path_ = test::make_seeded_database(dir_);
    test::LoadedRates loaded_ = test::load_test_rates(path_);

    // Runs SQL on a read-write connection; true when it succeeded.
    bool run(const std::string& sql) {
        Database database(path_, Access::kReadWrite);
        try {
            database.execute("testing", sql);
            return true;
        } catch (const Error&) {
            return false;
        }
    }
    std::string scalar(const std::string& sql) { return query(path_, sql).at(0).at(0); }
    std::string usd_series() {
        return scalar("SELECT id FROM exchange_rate_series WHERE quote_code = 'USD'");
    }
    std::string insert_rate(const std::string& rate, const std::string& day = "2030-01-02",
                            const std::string& batch = "1") {
        return "INSERT INTO exchange_rates (series_id, rate_date, rate, batch_id) VALUES (" +
               usd_series() + ", '" + day + "', '" + rate + "', " + batch + ")";
    }
    std::string insert_factor(const std::string& factor, const std::string& batch = "2",
                              const std::string& source = "") {
        return "INSERT INTO ppp_factors (country_code, year, source_id, batch_id, currency_code, "
               "factor) VALUES ('FR', 2024, " +
               (source.empty() ? std::to_string(loaded_.ppp_source) : source) + ", " + batch +
               ", 'EUR', '" + factor + "')";
    }
};

TEST_F(RateTables, OnlyCanonicalPositiveDecimalsAreStored) {
    ASSERT_EQ(loaded_.rate_batch, 1);
    ASSERT_EQ(loaded_.ppp_batch, 2);
    for (const char* bad :
         {"1.0", "01", "0", "0.0", "-1", "+1", "1e3", ".5", "1.", "1.2.3", "", " 1", "1,5", "N/A",
          "1000000000000000000", "0.0000000000000000000000000000001"}) {
        EXPECT_FALSE(run(insert_rate(bad))) << "rate '" << bad << "'";
        EXPECT_FALSE(run(insert_factor(bad))) << "factor '" << bad << "'";
    }
    EXPECT_FALSE(run("INSERT INTO exchange_rates VALUES (" + usd_series() +
                     ", '2030-01-02', 1, X'31')")); // a BLOB, not text
    int day = 2;
    for (const char* good : {"1", "10", "0.5", "96.0755", "0.0000000000268098258972168",
                             "999999999999999999", "0.000000000000999999999999999999"}) {
        EXPECT_TRUE(run(insert_rate(good, "2030-01-" + std::to_string(10 + day++)))) << good;
    }
    EXPECT_TRUE(run(insert_factor("0.700862")));
    EXPECT_FALSE(run(insert_rate("1.1", "2030-02-30"))); // no such day
    EXPECT_FALSE(run(insert_rate("1.1", "2030-1-2")));
    EXPECT_FALSE(run("INSERT INTO exchange_rate_series (source_id, base_code, quote_code) "
                     "VALUES (1, 'EUR', 'EUR')"));
    EXPECT_FALSE(run("INSERT INTO exchange_rate_series (source_id, base_code, quote_code) "
                     "VALUES (1, 'EUR', 'XXQ')"));
    EXPECT_FALSE(run("INSERT INTO import_batches (file_name, sha256, settings, input_format, "
                     "source_id, rows_read, rows_inserted, rows_rejected, imported_at, content) "
                     "VALUES ('f', '" +
                     std::string(64, '0') + "', '', 'csv', 1, 0, 0, 0, 'now', 'rates')"));
}

TEST_F(RateTables, RatesAreHistory) {
    EXPECT_FALSE(run("UPDATE exchange_rates SET rate = '2' WHERE rate_date = '2025-05-09'"));
    EXPECT_FALSE(run("UPDATE exchange_rates SET batch_id = 2"));
    EXPECT_FALSE(run("UPDATE ppp_factors SET factor = '2'"));
    EXPECT_FALSE(run("UPDATE exchange_rate_series SET quote_code = 'JPY'"));
    EXPECT_FALSE(run("INSERT OR REPLACE INTO exchange_rates (series_id, rate_date, rate, batch_id) "
                     "VALUES (" +
                     usd_series() + ", '2025-05-09', '2', 1)"));
    EXPECT_FALSE(run("INSERT OR REPLACE INTO ppp_factors (country_code, year, source_id, batch_id, "
                     "currency_code, factor) VALUES ('IN', 2024, " +
                     std::to_string(loaded_.ppp_source) + ", 2, 'INR', '3')"));
    EXPECT_EQ(scalar("SELECT rate FROM exchange_rates WHERE series_id = " + usd_series() +
                     " AND rate_date = '2025-05-09'"),
              "1.1252");
}

TEST_F(RateTables, EveryValueHasACurrentBatchOfItsSourceAndContent) {
    // A salary batch, a PPP batch, a batch of another source, an undone batch: all refused.
    ASSERT_TRUE(run("INSERT INTO import_batches (file_name, sha256, settings, input_format, "
                    "source_id, rows_read, rows_inserted, rows_rejected, imported_at) VALUES "
                    "('salaries.csv', '" +
                    std::string(64, '0') + "', '', 'csv', " + std::to_string(loaded_.rate_source) +
                    ", 0, 0, 0, 'now')"));
    EXPECT_EQ(scalar("SELECT content FROM import_batches WHERE id = 3"), "salaries");
    EXPECT_FALSE(run(insert_rate("1.1", "2030-01-02", "3")));
    EXPECT_FALSE(run(insert_rate("1.1", "2030-01-02", "2")));
    EXPECT_FALSE(run(insert_factor("0.7", "1", std::to_string(loaded_.rate_source))));
    EXPECT_FALSE(run(insert_factor("0.7", "2", std::to_string(loaded_.rate_source))));
    EXPECT_FALSE(run(insert_rate("1.1", "2030-01-02", "99")));
    // An undone exchange-rates batch of the right source takes no more rates.
    ASSERT_TRUE(run("INSERT INTO import_batches (file_name, sha256, settings, input_format, "
                    "source_id, rows_read, rows_inserted, rows_rejected, imported_at, content, "
                    "undone_at) VALUES ('undone.csv', '" +
                    std::string(64, '0') + "', '', 'csv', " + std::to_string(loaded_.rate_source) +
                    ", 0, 0, 0, 'now', 'exchange-rates', "
                    "'now')"));
    EXPECT_FALSE(run(insert_rate("1.1", "2030-01-02", "4")));
    EXPECT_TRUE(run(insert_rate("1.1", "2030-01-02", "1")));
}

TEST_F(RateTables, ALaterBatchRevisesAValueAndUndoRestoresTheEarlierOne) {
    const std::string ecb_series = scalar("SELECT count(*) FROM exchange_rate_series");
    const std::string batch = std::to_string(test::add_rates(
        path_, "Corrections", {{"2025-05-09", "EUR", "USD", "1.2"}})); // another source
    ASSERT_TRUE(run(
        "INSERT INTO import_batches (file_name, sha256, settings, input_format, source_id, "
        "rows_read, rows_inserted, rows_rejected, imported_at, content) VALUES ('revised.csv', '" +
        std::string(64, '1') + "', '', 'csv', " + std::to_string(loaded_.rate_source) +
        ", 1, 1, 0, 'now', 'exchange-rates')"));
    const std::string revision = scalar("SELECT max(id) FROM import_batches");
    ASSERT_TRUE(run(insert_rate("1.13", "2025-05-09", revision)));
    auto current = [&] {
        return scalar("SELECT rate FROM current_exchange_rates WHERE source = 'ECB euro foreign "
                      "exchange reference rates' AND quote = 'USD' AND rate_date = '2025-05-09'");
    };
    EXPECT_EQ(current(), "1.13");
    {
        auto database = open_knowledge_base(path_, Access::kReadOnly);
        CurrencyConverter converter(*database);
        EXPECT_EQ(converter.convert(10000, "EUR", "2025-05-09", "USD").amount_minor, 11300);
    }
    {
        auto database = open_knowledge_base(path_, Access::kReadWrite);
        EXPECT_EQ(undo_import_batch(*database, std::stoll(revision)), 1); // the revised rate
    }
    EXPECT_EQ(current(), "1.1252");
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rates WHERE batch_id = " + revision), "0");
    {
        auto database = open_knowledge_base(path_, Access::kReadOnly);
        CurrencyConverter converter(*database);
        EXPECT_EQ(converter.convert(10000, "EUR", "2025-05-09", "USD").amount_minor, 11252);
    }
    // Undoing the other source's only batch removes its rates and its series.
    {
        auto database = open_knowledge_base(path_, Access::kReadWrite);
        undo_import_batch(*database, std::stoll(batch));
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rate_series s JOIN sources src ON "
                     "src.id = s.source_id WHERE src.title = 'Corrections'"),
              "0");
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rate_series"), ecb_series);
    const std::string check = test::run_cli({"--db", path_.string(), "check"}).out;
    EXPECT_EQ(check, "ok\n");
}

TEST_F(RateTables, UndoingAPppBatchRemovesItsFactors) {
    auto database = open_knowledge_base(path_, Access::kReadWrite);
    undo_import_batch(*database, loaded_.ppp_batch);
    EXPECT_EQ(scalar("SELECT count(*) FROM ppp_factors"), "0");
    EXPECT_EQ(scalar("SELECT count(*) FROM exchange_rates"), std::to_string(loaded_.rates));
}

TEST_F(RateTables, ASalarySupersedePassesOverRateBatches) {
    ASSERT_TRUE(run("INSERT INTO import_batches (file_name, sha256, settings, input_format, "
                    "source_id, rows_read, rows_inserted, rows_rejected, imported_at) VALUES "
                    "('salaries.csv', '" +
                    std::string(64, '0') + "', '', 'csv', " + std::to_string(loaded_.rate_source) +
                    ", 0, 0, 0, 'now')"));
    // What the salary importer runs with --supersede: the rate batch of its source is left alone.
    SQLite::Database connection(path_.string(), SQLite::OPEN_READWRITE);
    SQLite::Statement update(connection,
                             "UPDATE import_batches SET superseded_by = 3 WHERE source_id = ? AND "
                             "id < 3 AND superseded_by IS NULL AND undone_at IS NULL RETURNING id");
    update.bind(1, loaded_.rate_source);
    EXPECT_FALSE(update.executeStep());
    EXPECT_EQ(scalar("SELECT count(*) FROM import_batches WHERE superseded_by IS NOT NULL"), "0");
}

// Plan lines that read a whole table of rates or factors (the series table is read whole on
// purpose: a few dozen rows, once per converter).
std::vector<std::string> rate_scans(SQLite::Database& connection, const std::string& sql) {
    static const std::regex kAlias(R"(\b(exchange_rates|ppp_factors)\s+(?:AS\s+)?([a-z_]+)\b)",
                                   std::regex::icase);
    std::set<std::string> names = {"exchange_rates", "ppp_factors"};
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kAlias);
         it != std::sregex_iterator(); ++it) {
        names.insert((*it)[2]);
    }
    SQLite::Statement plan(connection, "EXPLAIN QUERY PLAN " + sql);
    std::vector<std::string> scans;
    while (plan.executeStep()) {
        const std::string detail = plan.getColumn(3).getString();
        std::smatch match;
        if (std::regex_search(detail, match, std::regex(R"(^SCAN (\w+))")) &&
            names.count(match[1])) {
            scans.push_back(detail);
        }
    }
    return scans;
}

TEST_F(RateTables, LookupsReadIndexes) {
    auto database = open_knowledge_base(path_, Access::kReadOnly);
    const auto statements = plan::statements_of(database->native_handle(), [&] {
        CurrencyConverter converter(*database);
        converter.convert(100, "USD", "2025-05-09", "GBP");
        converter.convert(100, "USD", "2025-05-17", "GBP"); // none: the note reads the last day
        converter.convert(100, "USD", "2022", "GBP");
        converter.to_international_dollars(100, "USD", "IN", "2025-05-09");
        converter.to_international_dollars(100, "JPY", "JP", "2030"); // none: the latest year
        converter.latest_rate_day();
        ConversionOptions named;
        named.rate_source = "ecb-euro-reference-rates";
        named.ppp_source = "World Bank ICP PPP conversion factor, GDP";
        CurrencyConverter of_sources(*database, named);
        of_sources.to_international_dollars(100, "USD", "IN", "2025-05-09");
        of_sources.to_international_dollars(100, "JPY", "JP", "2030");
    });
    EXPECT_GE(statements.size(), 8u);
    SQLite::Database connection(path_.string(), SQLite::OPEN_READONLY);
    for (const std::string& sql : statements) {
        EXPECT_EQ(rate_scans(connection, sql), std::vector<std::string>{}) << sql;
        EXPECT_EQ(plan::full_scans(connection, sql), std::vector<std::string>{}) << sql;
    }
    EXPECT_EQ(rate_scans(connection, "SELECT * FROM exchange_rates r WHERE r.rate = '1'").size(),
              1u); // the check sees a scan
    // What the undo trigger and the views run per batch or per row.
    for (const std::string sql :
         {"DELETE FROM exchange_rates WHERE batch_id = 1",
          "DELETE FROM ppp_factors WHERE batch_id = 1",
          "SELECT * FROM current_exchange_rates WHERE series_id = 3 AND rate_date = '2025-05-09'",
          "SELECT * FROM current_ppp_factors WHERE country = 'IN' AND year = 2024"}) {
        EXPECT_EQ(rate_scans(connection, sql), std::vector<std::string>{}) << sql;
    }
}

// Converting 10,000 figures of a few currencies and dates queries a few times, not 10,000.
TEST_F(RateTables, TheConverterCachesWhatItLookedUp) {
    auto database = open_knowledge_base(path_, Access::kReadOnly);
    int steps = 0;
    const auto count = [](unsigned, void* context, void*, void*) {
        ++*static_cast<int*>(context);
        return 0;
    };
    sqlite3_trace_v2(database->native_handle(), SQLITE_TRACE_STMT, count, &steps);
    const auto started = std::chrono::steady_clock::now();
    CurrencyConverter converter(*database);
    std::int64_t converted = 0;
    const char* currencies[] = {"USD", "GBP", "INR", "JPY"};
    const char* days[] = {"2025-05-09", "2025-05-10", "2022"};
    for (int i = 0; i < 10000; ++i) {
        const auto result = converter.convert(100000 + i, currencies[i % 4], days[i % 3], "EUR");
        converted += result.converted() ? 1 : 0;
        converter.to_international_dollars(100000 + i, currencies[i % 4], "IN", days[i % 3]);
    }
    const std::chrono::duration<double, std::milli> took =
        std::chrono::steady_clock::now() - started;
    sqlite3_trace_v2(database->native_handle(), 0, nullptr, nullptr);
    std::cout << "[          ] 20,000 conversions: " << steps << " statements, " << took.count()
              << " ms\n";
    EXPECT_EQ(converted, 10000);
    EXPECT_LT(steps, 100) << steps << " statements run for 20,000 conversions";
}

} // namespace
} // namespace jobkb
