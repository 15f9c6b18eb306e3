#include "jobkb/seeder.hpp"

#include "jobkb/embedded.hpp"
#include "jobkb/error.hpp"
#include "jobkb/money.hpp"
#include "jobkb/sha256.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/tsv.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <functional>
#include <span>
#include <vector>

namespace jobkb {
namespace {

using detail::Statement;

struct SeederStatements {
    explicit SeederStatements(Database& database)
        : minor_unit{database, "loading seed data",
                     "SELECT minor_unit FROM currencies WHERE code = :code"},
          recorded{database, "reading seed_sets",
                   "SELECT 1 FROM seed_sets WHERE name = :name AND checksum = :checksum"},
          has_table{database, "reading the schema",
                    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = :table"},
          record{database, "recording the seed set",
                 "INSERT INTO seed_sets (name, checksum, applied_at) "
                 "VALUES (:name, :checksum, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
                 "ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, "
                 "applied_at = excluded.applied_at"} {}

    Statement minor_unit; // the minor unit of the currency :code
    Statement recorded;   // whether this version of a set was loaded
    Statement has_table;  // whether the schema has the table :table
    Statement record;     // records a set's version as loaded
};

// One seed file and the statement that loads a row of it. The statement's parameters are named
// after the file's columns (":slug" for column slug), and an empty field binds NULL; `derive`
// binds parameters computed from the row instead (the amount in minor units).
struct SeedStep {
    std::string_view file;
    std::string_view sql;
    std::function<void(SeederStatements&, Statement::Use&, const TsvTable&, const TsvTable::Row&)>
        derive;
    std::vector<std::string_view> derived_from; // columns only `derive` reads
    std::vector<std::string_view> derives;      // parameters `derive` binds
};

void bind_amount_minor(SeederStatements& statements, Statement::Use& insert, const TsvTable& table,
                       const TsvTable::Row& row) {
    const std::string currency(row.fields[table.column("currency")]);
    const std::string_view amount = row.fields[table.column("amount")];
    int minor_unit = 0;
    {
        auto found = statements.minor_unit.use().bind(":code", currency);
        if (!found.step()) {
            throw Error(ErrorCode::kBadSeed,
                        table.where(row, "currency", "unknown currency '" + currency + "'"));
        }
        minor_unit = found.integer(0);
    }
    const auto amount_minor = parse_decimal_amount(amount, minor_unit);
    if (!amount_minor || *amount_minor <= 0) {
        throw Error(ErrorCode::kBadSeed,
                    table.where(row, "amount",
                                "'" + std::string(amount) +
                                    "' is not a positive plain decimal within the currency's "
                                    "minor unit (expected e.g. 1088060 or 45.50)"));
    }
    insert.bind(":amount_minor", *amount_minor);
}

const std::vector<SeedStep>& reference_steps() {
    static const std::vector<SeedStep> steps = {
        {"reference/currencies.tsv",
         "INSERT INTO currencies (code, name, symbol, minor_unit, digit_grouping) "
         "VALUES (:code, :name, :symbol, :minor_unit, :digit_grouping) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"reference/countries.tsv",
         "INSERT INTO countries (code, name, currency_code) VALUES (:code, :name, :currency) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        // Alpha-3 codes, official and common names from iso-codes, then the curated names.
        {"reference/country_names.tsv",
         "INSERT INTO country_names (name, country_code, kind) VALUES (:name, :country, :kind) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"reference/country_common_names.tsv",
         "INSERT INTO country_names (name, country_code, kind) VALUES (:name, :country, :kind) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        // ISO 3166-2 subdivisions (migration 0011), reference data: no batch.
        {"reference/areas.tsv",
         "INSERT INTO areas (code, country_code, name, kind) VALUES (:code, :country, :name, "
         ":kind) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
    };
    return steps;
}

const std::vector<SeedStep>& article_steps() {
    static const std::vector<SeedStep> steps = {
        {"article/sources.tsv",
         "INSERT INTO sources (slug, title, publisher, author, url, published_on, retrieved_on, "
         "note) VALUES (:slug, :title, :publisher, :author, :url, :published_on, :retrieved_on, "
         ":note) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/roles.tsv",
         "INSERT INTO roles (slug, name, summary, source_id) VALUES (:slug, :name, :summary, "
         "(SELECT id FROM sources WHERE slug = :source)) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/role_aliases.tsv",
         "INSERT INTO role_aliases (alias, role_id) "
         "VALUES (:alias, (SELECT id FROM roles WHERE slug = :role)) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/responsibilities.tsv",
         "INSERT INTO responsibilities (role_id, position, description, source_id) "
         "VALUES ((SELECT id FROM roles WHERE slug = :role), :position, :description, "
         "(SELECT source_id FROM roles WHERE slug = :role)) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/skills.tsv",
         "INSERT INTO skills (slug, name) VALUES (:slug, :name) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/skill_aliases.tsv",
         "INSERT INTO skill_aliases (alias, skill_id) "
         "VALUES (:alias, (SELECT id FROM skills WHERE slug = :skill)) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/industries.tsv",
         "INSERT INTO industries (slug, name) VALUES (:slug, :name) ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/industry_aliases.tsv",
         "INSERT INTO industry_aliases (alias, industry_id) "
         "VALUES (:alias, (SELECT id FROM industries WHERE slug = :industry)) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/role_skills.tsv",
         "INSERT INTO role_skills (role_id, skill_id, relevance, position, source_id) "
         "VALUES ((SELECT id FROM roles WHERE slug = :role), "
         "(SELECT id FROM skills WHERE slug = :skill), :relevance, :position, "
         "(SELECT source_id FROM roles WHERE slug = :role)) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        {"article/role_industries.tsv",
         "INSERT INTO role_industries (role_id, industry_id, position, source_id) "
         "VALUES ((SELECT id FROM roles WHERE slug = :role), "
         "(SELECT id FROM industries WHERE slug = :industry), :position, "
         "(SELECT source_id FROM roles WHERE slug = :role)) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        // The article's roles as occupations: jobkb's mapping (seed/README.md), not the
        // article's, so the rows have no source.
        {"article/role_codes.tsv",
         "INSERT INTO role_codes (role_id, scheme, code, relation) "
         "VALUES ((SELECT id FROM roles WHERE slug = :role), :scheme, :code, :relation) "
         "ON CONFLICT DO NOTHING",
         nullptr,
         {},
         {}},
        // Observations have no natural key (identical reports are separate rows), so a seeded
        // one counts as present when the same source already gave the same figure.
        {"article/salaries.tsv",
         "INSERT INTO salary_observations (role_id, country_code, currency_code, amount_minor, "
         "period, statistic, as_of, source_id, note, qualifier) "
         "SELECT role.id, :country, :currency, :amount_minor, :period, :statistic, :as_of, "
         "source.id, :note, :qualifier "
         "FROM (SELECT (SELECT id FROM roles WHERE slug = :role) AS id) AS role, "
         "(SELECT (SELECT id FROM sources WHERE slug = :source) AS id) AS source "
         "WHERE NOT EXISTS (SELECT 1 FROM salary_observations o WHERE o.role_id = role.id "
         "AND o.country_code = :country AND o.currency_code = :currency "
         "AND o.amount_minor = :amount_minor AND o.period = :period "
         "AND o.statistic = :statistic AND o.as_of = :as_of AND o.source_id = source.id)",
         bind_amount_minor,
         {"amount"},
         {"amount_minor"}},
    };
    return steps;
}

std::span<const SeedStep> steps_of(SeedSet set) {
    return set == SeedSet::kReference ? reference_steps() : article_steps();
}

std::string_view embedded_seed(std::string_view file) {
    for (const auto& embedded : detail::embedded_seeds()) {
        if (embedded.path == file) {
            return embedded.content;
        }
    }
    throw Error(ErrorCode::kBadSeed, "seed/" + std::string(file) + ": not compiled into jobkb");
}

// The table a step loads: the name after its INSERT INTO.
std::string table_of(const SeedStep& step) {
    constexpr std::string_view kInsert = "INSERT INTO ";
    const std::string_view sql = step.sql.substr(kInsert.size());
    return std::string(sql.substr(0, sql.find(' ')));
}

// The steps of a set this file's schema can hold. A base at an older schema version has not
// every seed table yet (country_names came with migration 7): those steps wait. The set's
// version then covers only the steps loaded, so once the base is migrated the set counts as
// changed and loads again, leaving alone each row already there.
std::vector<const SeedStep*> loadable_steps(SeederStatements& statements, SeedSet set) {
    std::vector<const SeedStep*> steps;
    for (const auto& step : steps_of(set)) {
        if (statements.has_table.use().bind(":table", table_of(step)).step()) {
            steps.push_back(&step);
        }
    }
    return steps;
}

// The version of a set: every file's name and bytes, line ends normalized.
std::string seed_set_checksum(const std::vector<const SeedStep*>& steps) {
    std::string all;
    for (const SeedStep* step_pointer : steps) {
        const SeedStep& step = *step_pointer;
        all += step.file;
        all += '\0';
        all += normalize_line_endings(embedded_seed(step.file));
        all += '\0';
    }
    return sha256_hex(all);
}

bool is_recorded(SeederStatements& statements, std::string_view name, const std::string& checksum) {
    return statements.recorded.use().bind(":name", name).bind(":checksum", checksum).step();
}

// ":column": the parameter a column binds to.
std::string parameter_for(std::string_view column) { return ":" + std::string(column); }

// Checks that every column feeds a parameter and every parameter has a column, so a renamed
// column cannot silently load NULLs.
void check_columns(const SeedStep& step, const TsvTable& table, const SQLite::Statement& insert) {
    int fed = static_cast<int>(step.derives.size());
    for (const auto& column : table.header()) {
        const std::string parameter = parameter_for(column);
        const bool derived = std::find(step.derived_from.begin(), step.derived_from.end(),
                                       column) != step.derived_from.end();
        if (insert.getIndex(parameter.c_str()) > 0) {
            ++fed;
        } else if (!derived) {
            throw Error(ErrorCode::kBadSeed, "seed/" + std::string(step.file) +
                                                 ": header: column '" + std::string(column) +
                                                 "' is not loaded by jobkb");
        }
    }
    if (fed != insert.getBindParameterCount()) {
        throw Error(ErrorCode::kBadSeed, "seed/" + std::string(step.file) +
                                             ": header: a column the loader needs is missing");
    }
}

std::int64_t load_step(Database& database, SeederStatements& statements, const SeedStep& step) {
    const TsvTable table("seed/" + std::string(step.file), embedded_seed(step.file));
    Statement insert_row(database, "loading " + table.name(), std::string(step.sql));
    // SQLiteCpp's lookups of parameters, on the raw statement, do not throw.
    check_columns(step, table, insert_row.use().raw());
    std::int64_t added = 0;
    for (const auto& row : table.rows()) {
        auto insert = insert_row.use();
        const SQLite::Statement& parameters = insert.raw();
        for (std::size_t i = 0; i < row.fields.size(); ++i) {
            const std::string parameter = parameter_for(table.header()[i]);
            if (parameters.getIndex(parameter.c_str()) == 0 || row.fields[i].empty()) {
                continue; // unbound parameters are NULL
            }
            insert.bind(parameter.c_str(), row.fields[i]);
        }
        if (step.derive) {
            step.derive(statements, insert, table, row);
        }
        try {
            added += insert.exec();
        } catch (const Error& failure) {
            // What SQLite refuses in a seed row (a constraint, a type) is a defect in the seed
            // data; the file's own failures (I/O, a lock, damage) keep their codes.
            if (failure.code() != ErrorCode::kSqlite) {
                throw;
            }
            throw Error(ErrorCode::kBadSeed,
                        table.name() + ':' + std::to_string(row.line) + ": " + failure.cause());
        }
    }
    return added;
}

} // namespace

std::string_view seed_set_name(SeedSet set) {
    return set == SeedSet::kReference ? "reference" : "article";
}

std::vector<SeedResult> Seeder::apply(const std::vector<SeedSet>& sets) {
    SeederStatements statements(database_);
    std::vector<SeedResult> results;
    std::vector<std::string> checksums;
    std::vector<std::vector<const SeedStep*>> steps;
    bool any_pending = false;
    for (const auto set : sets) {
        steps.push_back(loadable_steps(statements, set));
        checksums.push_back(seed_set_checksum(steps.back()));
        const std::string_view name = seed_set_name(set);
        results.push_back(
            SeedResult{std::string(name), is_recorded(statements, name, checksums.back()), 0});
        any_pending = any_pending || !results.back().already_applied;
    }
    if (!any_pending) {
        return results; // nothing to do, and no write lock taken
    }
    WriteTransaction transaction(database_);
    for (std::size_t i = 0; i < sets.size(); ++i) {
        if (results[i].already_applied) {
            continue;
        }
        for (const SeedStep* step : steps[i]) {
            results[i].rows_added += load_step(database_, statements, *step);
        }
        statements.record.use()
            .bind(":name", results[i].name)
            .bind(":checksum", checksums[i])
            .exec();
    }
    transaction.commit();
    return results;
}

} // namespace jobkb
