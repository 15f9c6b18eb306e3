#include "support/rate_fixture.hpp"

#include "jobkb/connection.hpp"
#include "jobkb/database.hpp"
#include "jobkb/decimal.hpp"
#include "jobkb/sha256.hpp"
#include "support/fixtures.hpp"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <cstdio>

#include <map>
#include <sstream>

namespace jobkb::test {
namespace {

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, separator)) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == separator) {
        fields.emplace_back(); // the ECB's trailing empty column
    }
    return fields;
}

// A CSV field without its quotes (the World Bank file quotes country names).
std::string unquoted(const std::string& field) {
    return field.size() >= 2 && field.front() == '"' ? field.substr(1, field.size() - 2) : field;
}

std::int64_t insert_source(Database& database, const std::string& slug, const std::string& title,
                           const std::string& publisher) {
    SQLite::Statement insert(jobkb::detail::connection(database),
                             "INSERT INTO sources (slug, title, publisher, retrieved_on, note) "
                             "VALUES (?, ?, ?, '2025-05-10', 'added by the test fixture') "
                             "RETURNING id");
    insert.bind(1, slug);
    insert.bind(2, title);
    insert.bind(3, publisher);
    insert.executeStep();
    return insert.getColumn(0).getInt64();
}

std::int64_t insert_batch(Database& database, const std::string& file_name,
                          const std::string& bytes, std::int64_t source, const char* content) {
    SQLite::Statement insert(jobkb::detail::connection(database),
                             "INSERT INTO import_batches (file_name, sha256, settings, "
                             "input_format, source_id, rows_read, rows_inserted, rows_rejected, "
                             "imported_at, content) VALUES (?, ?, '{}', 'csv', ?, 0, 0, 0, "
                             "'2025-05-10T00:00:00Z', ?) RETURNING id");
    insert.bind(1, file_name);
    insert.bind(2, sha256_hex(bytes));
    insert.bind(3, source);
    insert.bind(4, content);
    insert.executeStep();
    return insert.getColumn(0).getInt64();
}

// Inserts rates for one source and batch, creating series as they come.
class RateWriter {
public:
    RateWriter(Database& database, std::int64_t source, std::int64_t batch)
        : source_(source), batch_(batch),
          series_(jobkb::detail::connection(database), "INSERT INTO exchange_rate_series (source_id, base_code, "
                                         "quote_code) VALUES (?, ?, ?) RETURNING id"),
          rate_(jobkb::detail::connection(database),
                "INSERT INTO exchange_rates (series_id, rate_date, rate, batch_id) "
                "VALUES (?, ?, ?, ?)") {}

    void add(const std::string& date, const std::string& base, const std::string& quote,
             const std::string& rate) {
        const std::string key = base + "/" + quote;
        auto found = ids_.find(key);
        if (found == ids_.end()) {
            series_.reset();
            series_.bind(1, source_);
            series_.bind(2, base);
            series_.bind(3, quote);
            series_.executeStep();
            found = ids_.emplace(key, series_.getColumn(0).getInt64()).first;
            series_.reset();
        }
        rate_.reset();
        rate_.bind(1, found->second);
        rate_.bind(2, date);
        rate_.bind(3, Decimal::parse(rate).to_string()); // stored canonical, as an import would
        rate_.bind(4, batch_);
        rate_.exec();
    }

private:
    std::int64_t source_;
    std::int64_t batch_;
    SQLite::Statement series_;
    SQLite::Statement rate_;
    std::map<std::string, std::int64_t> ids_;
};

bool known_currency(Database& database, const std::string& code) {
    SQLite::Statement lookup(jobkb::detail::connection(database), "SELECT 1 FROM currencies WHERE code = ?");
    lookup.bind(1, code);
    return lookup.executeStep();
}

} // namespace

std::filesystem::path fx_data_dir() { return source_dir() / "tests" / "data" / "fx"; }

std::string expected_conversions(const std::string& arguments) {
    const std::string command =
        "python3 '" + (fx_data_dir() / "expected.py").string() + "' " + arguments;
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return output;
    }
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        output.append(buffer, n);
    }
    EXPECT_EQ(pclose(pipe), 0) << command << " failed";
    return output;
}

LoadedRates load_test_rates(const std::filesystem::path& path) {
    Database database(path, Access::kReadWrite);
    WriteTransaction transaction(database);
    LoadedRates loaded;

    const std::string ecb = read_bytes(fx_data_dir() / "eurofxref-hist-subset.csv");
    loaded.rate_source =
        insert_source(database, "ecb-euro-reference-rates",
                      "ECB euro foreign exchange reference rates", "European Central Bank");
    loaded.rate_batch = insert_batch(database, "eurofxref-hist-subset.csv", ecb, loaded.rate_source,
                                     "exchange-rates");
    {
        RateWriter writer(database, loaded.rate_source, loaded.rate_batch);
        std::istringstream lines(ecb);
        std::string line;
        std::getline(lines, line);
        const auto header = split(line, ',');
        std::vector<bool> known;
        for (const auto& code : header) {
            known.push_back(code.size() == 3 && known_currency(database, code));
        }
        while (std::getline(lines, line)) {
            const auto fields = split(line, ',');
            for (std::size_t i = 1; i < fields.size() && i < header.size(); ++i) {
                if (header[i].empty()) {
                    continue; // the trailing empty column
                }
                if (fields[i] == "N/A" || !known[i]) {
                    ++loaded.skipped;
                    continue;
                }
                writer.add(fields[0], "EUR", header[i], fields[i]);
                ++loaded.rates;
            }
        }
    }

    const std::string ppp = read_bytes(fx_data_dir() / "ppp-gdp-subset.csv");
    loaded.ppp_source = insert_source(database, "world-bank-icp-ppp-gdp",
                                      "World Bank ICP PPP conversion factor, GDP", "World Bank");
    loaded.ppp_batch =
        insert_batch(database, "ppp-gdp-subset.csv", ppp, loaded.ppp_source, "ppp-factors");
    SQLite::Statement factor(
        jobkb::detail::connection(database),
        "INSERT INTO ppp_factors (country_code, year, source_id, batch_id, currency_code, factor) "
        "SELECT code, ?, ?, ?, currency_code, ? FROM countries WHERE code = ?");
    std::istringstream lines(ppp);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        // "Country name",CC,YEAR,FACTOR: the name may hold a comma, so read from the right.
        const auto fields = split(line, ',');
        const std::size_t n = fields.size();
        factor.reset();
        factor.bind(1, std::stoi(fields[n - 2]));
        factor.bind(2, loaded.ppp_source);
        factor.bind(3, loaded.ppp_batch);
        factor.bind(4, Decimal::parse(fields[n - 1]).to_string());
        factor.bind(5, unquoted(fields[n - 3]));
        loaded.factors += factor.exec();
    }
    transaction.commit();
    return loaded;
}

std::int64_t add_rates(const std::filesystem::path& path, const std::string& source_title,
                       const std::vector<RateRow>& rates) {
    Database database(path, Access::kReadWrite);
    WriteTransaction transaction(database);
    std::string slug;
    for (const char c : source_title) {
        slug += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a')
                : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c
                                                                   : '-';
    }
    const std::int64_t source = insert_source(database, slug, source_title, "jobkb tests");
    const std::int64_t batch =
        insert_batch(database, slug + ".csv", source_title, source, "exchange-rates");
    RateWriter writer(database, source, batch);
    for (const auto& [date, base, quote, rate] : rates) {
        writer.add(date, base, quote, rate);
    }
    transaction.commit();
    return batch;
}

} // namespace jobkb::test
