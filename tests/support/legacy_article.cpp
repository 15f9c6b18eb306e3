#include "support/legacy_article.hpp"

#include "jobkb/database.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/seeder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <sstream>
#include <utility>
#include <vector>

namespace jobkb::test {
namespace {

// The article's files as the seeder of migrations 0001-0002 loaded them, in its order. Columns
// bind to parameters of their own names.
const std::vector<std::pair<const char*, const char*>>& legacy_steps() {
    static const std::vector<std::pair<const char*, const char*>> steps = {
        {"sources.tsv",
         "INSERT INTO sources (slug, title, publisher, author, url, published_on, retrieved_on, "
         "note) VALUES (:slug, :title, :publisher, :author, :url, :published_on, :retrieved_on, "
         ":note)"},
        {"roles.tsv", "INSERT INTO roles (slug, name, summary, source_id) VALUES (:slug, :name, "
                      ":summary, (SELECT id FROM sources WHERE slug = :source))"},
        {"role_aliases.tsv", "INSERT INTO role_aliases (alias, role_id) VALUES (:alias, (SELECT "
                             "id FROM roles WHERE slug = :role))"},
        {"responsibilities.tsv",
         "INSERT INTO responsibilities (role_id, position, description) VALUES ((SELECT id FROM "
         "roles WHERE slug = :role), :position, :description)"},
        {"skills.tsv", "INSERT INTO skills (slug, name) VALUES (:slug, :name)"},
        {"skill_aliases.tsv", "INSERT INTO skill_aliases (alias, skill_id) VALUES (:alias, "
                              "(SELECT id FROM skills WHERE slug = :skill))"},
        {"industries.tsv", "INSERT INTO industries (slug, name) VALUES (:slug, :name)"},
        {"industry_aliases.tsv", "INSERT INTO industry_aliases (alias, industry_id) VALUES "
                                 "(:alias, (SELECT id FROM industries WHERE slug = :industry))"},
        {"role_skills.tsv",
         "INSERT INTO role_skills (role_id, skill_id, relevance, position) VALUES ((SELECT id "
         "FROM roles WHERE slug = :role), (SELECT id FROM skills WHERE slug = :skill), "
         ":relevance, :position)"},
        {"role_industries.tsv",
         "INSERT INTO role_industries (role_id, industry_id, position) VALUES ((SELECT id FROM "
         "roles WHERE slug = :role), (SELECT id FROM industries WHERE slug = :industry), "
         ":position)"},
        {"salaries.tsv",
         "INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, "
         "period, statistic, as_of, source_id, note) VALUES ((SELECT id FROM roles WHERE slug = "
         ":role), :country, :currency, :amount_minor, :period, :statistic, :as_of, "
         "(SELECT id FROM sources WHERE slug = :source), :note)"},
    };
    return steps;
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, '\t');) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == '\t') {
        fields.emplace_back();
    }
    return fields;
}

// "45.50" in a currency of two decimals: 4550, exactly. `currency` is the row's third field.
std::int64_t minor_units(SQLite::Database& raw, const std::string& amount,
                         const std::string& currency) {
    SQLite::Statement unit(raw, "SELECT minor_unit FROM currencies WHERE code = ?");
    unit.bind(1, currency);
    unit.executeStep();
    const int decimals = unit.getColumn(0).getInt();
    const auto point = amount.find('.');
    std::string digits = amount.substr(0, point);
    std::string fraction = point == std::string::npos ? "" : amount.substr(point + 1);
    fraction.resize(static_cast<std::size_t>(decimals), '0');
    return std::stoll(digits + fraction);
}

} // namespace

void make_article_base_before_occupations(const fs::path& path, int version) {
    {
        Database database(path, Access::kReadWrite, OpenMode::kCreate);
        database.execute("enabling WAL", "PRAGMA journal_mode = WAL");
        Migrator(database, known_migrations().first(static_cast<std::size_t>(version)))
            .apply_pending();
        Seeder(database).apply({SeedSet::kReference});
    }
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = ON");
    SQLite::Transaction transaction(raw);
    for (const auto& [file, sql] : legacy_steps()) {
        // As the seeder did: a row whose key is present already (a second spelling of an alias
        // in another letter case) is left out.
        const bool observations = std::string_view(file) == "salaries.tsv";
        SQLite::Statement insert(raw, observations ? std::string(sql)
                                                   : std::string(sql) + " ON CONFLICT DO NOTHING");
        std::istringstream lines(read_bytes(source_dir() / "seed" / "article" / file));
        std::vector<std::string> header;
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || line.starts_with('#')) {
                continue;
            }
            const auto fields = fields_of(line);
            if (header.empty()) {
                header = fields;
                continue;
            }
            insert.reset();
            insert.clearBindings();
            for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
                if (header[i] == "amount") {
                    insert.bind(":amount_minor", minor_units(raw, fields[i], fields[2]));
                }
                const std::string parameter = ":" + header[i];
                if (!fields[i].empty() && insert.getIndex(parameter.c_str()) > 0) {
                    insert.bind(parameter, fields[i]);
                }
            }
            insert.exec();
        }
    }
    // A checksum of no version this jobkb has: the current article set is newer.
    raw.exec("INSERT INTO seed_sets (name, checksum, applied_at) VALUES ('article', "
             "'" +
             std::string(64, '0') + "', '2026-04-06T00:00:00Z')");
    transaction.commit();
}

} // namespace jobkb::test
