#include "jobkb/importer.hpp"

#include "jobkb/amount.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp" // read_currency, until the import work lands (issue 10)
#include "jobkb/error.hpp"
#include "jobkb/names.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <unordered_map>

namespace jobkb {
namespace {

using detail::ascii_lowered;
using detail::trimmed;

constexpr std::size_t kFieldCount = kImportFields.size();
constexpr std::size_t kMaxRememberedUnknowns = 10'000;
// Longer names are looked up every time: a file of long names must not fill the memory.
constexpr std::size_t kMaxRememberedNameBytes = 256;
enum Field : std::size_t {
    kRole,
    kCountry,
    kCurrency,
    kAmount,
    kPeriod,
    kStatistic,
    kAsOf,
    kSource,
    kNote
};
constexpr std::array<Field, 5> kRequired = {kRole, kCountry, kCurrency, kAmount, kAsOf};

// Rows go in 64 to a statement. Each INSERT on salary_observations fires triggers, so SQLite
// keeps a statement journal of every page it touches; one statement per row copied those pages
// for every row (a third of the import's instructions, measured with callgrind).
constexpr std::size_t kRowsPerInsert = 64;
constexpr int kInsertParameters = 10;

// INSERT ... VALUES (?1, ..., ?10), (?11, ...), ... for `rows` rows.
std::string insert_observations_sql(std::size_t rows) {
    std::string sql = "INSERT INTO salary_observations (role_id, country_code, currency_code, "
                      "amount_minor, period, statistic, as_of, source_id, note, batch_id) VALUES ";
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (int column = 0; column < kInsertParameters; ++column) {
            sql += column == 0 ? "?" : ", ?";
        }
        sql += ")";
    }
    return sql;
}

// The figures an import changes: the keys whose latest figure is now one of this batch's, each
// with the figure that was current before it (including batches this one just superseded). Read
// from salary_latest, so nothing is sorted and memory stays flat.
constexpr const char* kChangedKeys =
    "FROM salary_latest l JOIN salary_observations newest ON newest.id = l.observation_id "
    "WHERE newest.batch_id = :batch";
constexpr const char* kChanges = R"sql(
SELECT r.name, l.country_code, l.statistic, l.period, previous.amount_minor,
       previous.currency_code, newest.amount_minor, newest.currency_code,
       (SELECT count(*) FROM salary_observations o
        WHERE o.role_id = l.role_id AND o.country_code = l.country_code
          AND o.statistic = l.statistic AND o.period = l.period AND o.batch_id = :batch)
FROM salary_latest l
JOIN salary_observations newest ON newest.id = l.observation_id
JOIN roles r ON r.id = l.role_id
LEFT JOIN salary_observations previous ON previous.id = (
    SELECT c.id FROM salary_observations c
    WHERE c.role_id = l.role_id AND c.country_code = l.country_code
      AND c.statistic = l.statistic AND c.period = l.period
      AND c.batch_id IS NOT :batch
      AND (c.batch_id IS NULL OR (SELECT superseded_by IS NULL OR superseded_by = :batch
                                  FROM import_batches WHERE id = c.batch_id))
    ORDER BY c.as_of DESC, c.id DESC LIMIT 1)
WHERE newest.batch_id = :batch
LIMIT :limit
)sql";

std::optional<std::size_t> field_index(std::string_view name) {
    const auto found = std::find(kImportFields.begin(), kImportFields.end(), name);
    if (found == kImportFields.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - kImportFields.begin());
}

std::string field_list() {
    std::string list;
    for (auto field : kImportFields) {
        list += (list.empty() ? "" : ", ") + std::string(field);
    }
    return list;
}

// "machine-learning-engineer" from "Machine Learning Engineer".
std::string slug_of(std::string_view name) {
    std::string slug;
    for (char c : ascii_lowered(name)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            slug.push_back(c);
        } else if (!slug.empty() && slug.back() != '-') {
            slug.push_back('-');
        }
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    return slug.empty() ? "item" : slug;
}

// A slug for the name that `taken_sql` (binding :slug) finds unused: "name", "name-2", ...
std::string unique_slug(Database& database, const char* taken_sql, std::string_view name) {
    const std::string base = slug_of(name);
    std::string slug = base;
    auto& taken = database.statement(taken_sql);
    for (int n = 2;; ++n) {
        taken.reset();
        taken.bind(":slug", slug);
        if (!taken.executeStep()) {
            taken.reset();
            return slug;
        }
        slug = fmt::format("{}-{}", base, n);
    }
}

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80           ? 1
                                   : (lead >> 5) == 0x6  ? 2
                                   : (lead >> 4) == 0xE  ? 3
                                   : (lead >> 3) == 0x1E ? 4
                                                         : 0;
        if (length == 0 || i + length > text.size() || lead == 0xC0 || lead == 0xC1 ||
            lead > 0xF4) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

// NUL and the C0 controls other than tab and line breaks; DEL.
bool has_control_characters(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f;
    });
}

// A message stays one line: line breaks and other controls in quoted values are escaped, and a
// long value quoted in it is shortened.
std::string one_line(const std::string& text) {
    std::string line;
    for (char c : detail::elided(text, 1000)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            line += "\\n";
        } else if (c == '\r') {
            line += "\\r";
        } else if (byte < 0x20 || byte == 0x7f) {
            line += fmt::format("\\x{:02x}", byte);
        } else {
            line += c;
        }
    }
    return line;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string system_date() {
    const auto today = std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(today.year()),
                       static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
}

// A field failed: which, and why, with what was expected.
struct Problem {
    std::string_view field;
    std::string message;
};

struct ValidRow {
    std::int64_t role_id = 0;
    std::string country;
    const Currency* currency = nullptr;
    std::int64_t amount_minor = 0;
    std::string period;
    std::string statistic;
    std::string as_of;
    std::int64_t source_id = 0;
    std::optional<std::string> note;
};

class Importer {
public:
    Importer(Database& database, InputSource& input, const ImportOptions& options,
             const RejectSink& on_reject)
        : database_(database), input_(input), options_(options), on_reject_(on_reject),
          names_(database), today_(options.today.empty() ? system_date() : options.today) {}

    ImportReport run();

private:
    void check_options() const;
    void load_vocabulary();
    void start_batch();
    void visit(const Record& record);
    std::optional<ValidRow> validate(const Record& record, std::vector<Problem>& problems);
    std::optional<std::array<int, kFieldCount>> plan_for(const Record& record,
                                                         std::vector<Problem>& problems);
    std::int64_t role_id(const std::string& name, std::vector<Problem>& problems);
    std::optional<std::string> country(const std::string& text, std::vector<Problem>& problems);
    std::int64_t source_id(const std::string& text);
    void check_as_of(const std::string& text, std::vector<Problem>& problems) const;
    void insert(ValidRow row);
    void flush_inserts();
    void reject(const Record& record, const std::vector<Problem>& problems);
    void collect_changes();
    std::string settings() const;
    std::string default_source() const;

    Database& database_;
    InputSource& input_;
    const ImportOptions& options_;
    const RejectSink& on_reject_;
    NameResolver names_;
    std::string today_;
    ImportReport report_;
    std::int64_t batch_source_ = 0;

    // Column plans per distinct header (CSV has one; JSON objects may each differ).
    const std::vector<std::string>* planned_names_ = nullptr;
    std::vector<std::string> planned_copy_;
    std::optional<std::array<int, kFieldCount>> plan_;
    std::vector<Problem> plan_problems_;

    std::vector<ValidRow> pending_; // valid rows not yet inserted (at most kRowsPerInsert)
    std::string full_insert_sql_ = insert_observations_sql(kRowsPerInsert);

    std::unordered_map<std::string, Currency> currencies_;
    std::unordered_map<std::string, std::string> periods_;       // spelling -> code
    std::unordered_map<std::string, std::string> statistics_;    // spelling -> code
    std::unordered_map<std::string, std::int64_t> roles_;        // lowered name -> id
    std::unordered_map<std::string, std::string> unknown_roles_; // lowered name -> message
    std::unordered_map<std::string, std::string> countries_;     // text -> code or "" if unknown
    std::unordered_map<std::string, std::int64_t> sources_;      // lowered text -> id
};

void Importer::check_options() const {
    if (!options_.today.empty()) {
        std::vector<Problem> problems;
        check_as_of(options_.today, problems); // today_ is this date, so only its shape counts
        if (options_.today.size() != 10 || !problems.empty()) {
            throw Error(ErrorCode::kInvalidArgument,
                        "today '" + options_.today + "': expected a date such as 2026-11-23");
        }
    }
    for (const auto& [what, fields] :
         {std::pair{"--map", &options_.mapping}, std::pair{"--set", &options_.constants}}) {
        for (const auto& [field, value] : *fields) {
            if (!field_index(field)) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("{}: unknown field '{}' (expected one of {})", what, field,
                                        field_list()));
            }
        }
    }
}

void Importer::load_vocabulary() {
    auto& currencies = database_.statement(
        "SELECT code, coalesce(symbol, ''), minor_unit, digit_grouping FROM currencies");
    while (currencies.executeStep()) {
        Currency currency = read_currency(currencies);
        currencies_.emplace(currency.code, std::move(currency));
    }
    auto& periods = database_.statement("SELECT code FROM salary_periods");
    while (periods.executeStep()) {
        const std::string code = periods.getColumn(0).getString();
        periods_.emplace(code, code);
    }
    // The spellings people use for the periods and statistics jobkb knows.
    const std::vector<std::pair<const char*, const char*>> period_words = {
        {"yearly", "year"},     {"annual", "year"},    {"annually", "year"}, {"per year", "year"},
        {"pa", "year"},         {"per annum", "year"}, {"yr", "year"},       {"monthly", "month"},
        {"per month", "month"}, {"mo", "month"},       {"hourly", "hour"},   {"per hour", "hour"},
        {"hr", "hour"}};
    for (const auto& [word, code] : period_words) {
        if (periods_.count(code)) {
            periods_.emplace(word, code);
        }
    }
    auto& statistics = database_.statement("SELECT code FROM salary_statistics");
    while (statistics.executeStep()) {
        const std::string code = statistics.getColumn(0).getString();
        statistics_.emplace(code, code);
    }
    const std::vector<std::pair<const char*, const char*>> statistic_words = {
        {"mean", "average"}, {"avg", "average"},  {"p50", "median"},       {"min", "minimum"},
        {"max", "maximum"},  {"report", "point"}, {"individual", "point"}, {"single", "point"}};
    for (const auto& [word, code] : statistic_words) {
        if (statistics_.count(code)) {
            statistics_.emplace(word, code);
        }
    }
}

// What decides how the file's bytes become rows: the same file with the same settings is the same
// import. Columns compare as headers do (case and spaces aside); mapping a field to its own name
// is no mapping; the source counts by identity, not spelling.
std::string Importer::settings() const {
    std::string text = "format=" + std::string(to_string(options_.format));
    for (const auto& [field, column] : options_.mapping) {
        const std::string normalized = ascii_lowered(trimmed(column));
        if (normalized != field) {
            text += ";map:" + field + "=" + normalized;
        }
    }
    for (const auto& [field, value] : options_.constants) {
        text += ";set:" + field + "=" + value;
    }
    text += ";source=" + std::to_string(batch_source_);
    return text;
}

std::string Importer::default_source() const {
    if (options_.source) {
        return *options_.source;
    }
    if (options_.file_name == "-") {
        return "standard input";
    }
    const std::string base = std::filesystem::path(options_.file_name).filename().string();
    return base.empty() ? options_.file_name : base;
}

std::int64_t Importer::source_id(const std::string& text) {
    const std::string key = ascii_lowered(text);
    if (const auto found = sources_.find(key); found != sources_.end()) {
        return found->second;
    }
    auto& lookup = database_.statement("SELECT id FROM sources WHERE slug = :text OR title = "
                                       ":text COLLATE NOCASE ORDER BY slug = :text DESC LIMIT 1");
    lookup.bind(":text", text);
    std::int64_t id = 0;
    if (lookup.executeStep()) {
        id = lookup.getColumn(0).getInt64();
        lookup.reset();
    } else {
        // A new source, named by the text.
        const std::string slug =
            unique_slug(database_, "SELECT 1 FROM sources WHERE slug = :slug", text);
        auto& create = database_.statement(
            "INSERT INTO sources (slug, title, retrieved_on, note) VALUES (:slug, :title, :today, "
            "'added by jobkb import') RETURNING id");
        create.bind(":slug", slug);
        create.bind(":title", text);
        create.bind(":today", today_);
        create.executeStep();
        id = create.getColumn(0).getInt64();
        create.reset();
    }
    sources_.emplace(key, id);
    return id;
}

void Importer::start_batch() {
    batch_source_ = source_id(default_source());
    auto& create = database_.statement(
        "INSERT INTO import_batches (file_name, sha256, settings, input_format, source_id, "
        "rows_read, rows_inserted, rows_rejected, imported_at) VALUES (:file, :sha, :settings, "
        ":format, :source, 0, 0, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id");
    create.bind(":file", options_.file_name);
    create.bind(":sha", std::string(64, '0')); // known once the whole input has been read
    create.bind(":settings", settings());
    create.bind(":format", std::string(to_string(options_.format)));
    create.bind(":source", batch_source_);
    create.executeStep();
    report_.batch_id = create.getColumn(0).getInt64();
    // An INSERT ... RETURNING left mid-way keeps its statement savepoint open, and every later
    // statement's journal then piles up behind it: reset it at once.
    create.reset();
}

std::optional<std::array<int, kFieldCount>> Importer::plan_for(const Record& record,
                                                               std::vector<Problem>& problems) {
    // CSV rows share one header; JSON objects are planned again when their keys differ.
    const bool same = record.names == planned_names_ && planned_names_ != nullptr &&
                      *record.names == planned_copy_;
    if (!same) {
        planned_names_ = record.names;
        planned_copy_ = record.names ? *record.names : std::vector<std::string>{};
        plan_problems_.clear();
        std::array<int, kFieldCount> plan;
        plan.fill(-1);
        for (std::size_t column = 0; column < planned_copy_.size(); ++column) {
            const std::string name = ascii_lowered(trimmed(planned_copy_[column]));
            std::optional<std::size_t> field;
            for (const auto& [mapped_field, mapped_column] : options_.mapping) {
                if (ascii_lowered(trimmed(mapped_column)) == name) {
                    field = field_index(mapped_field);
                }
            }
            if (!field && !options_.mapping.count(name)) {
                field = field_index(name);
            }
            if (!field) {
                if (!options_.ignore_unknown) {
                    plan_problems_.push_back(
                        {"header",
                         fmt::format("unknown column '{}' (expected one of {}; map it "
                                     "with --map FIELD={} or pass --ignore-unknown)",
                                     planned_copy_[column], field_list(), planned_copy_[column])});
                }
                continue;
            }
            if (plan[*field] >= 0) {
                plan_problems_.push_back(
                    {"header", fmt::format("two columns give the field {} (expected one)",
                                           kImportFields[*field])});
            }
            plan[*field] = static_cast<int>(column);
        }
        for (const Field field : kRequired) {
            if (plan[field] < 0 && !options_.constants.count(std::string(kImportFields[field]))) {
                plan_problems_.push_back(
                    {"header", fmt::format("missing required column '{}' (expected the columns "
                                           "role, country, currency, amount, as_of; map another "
                                           "column with --map {}=COLUMN or give a value with "
                                           "--set {}=VALUE)",
                                           kImportFields[field], kImportFields[field],
                                           kImportFields[field])});
            }
        }
        plan_ = plan;
        // A CSV or TSV header is the whole file's: its problems stop the import, once.
        if (!plan_problems_.empty() && record.header_line > 0) {
            std::string message;
            for (const auto& problem : plan_problems_) {
                message += (message.empty() ? "" : "; ") + problem.message;
            }
            throw Error(ErrorCode::kInvalidArgument,
                        one_line(fmt::format("{}:{}: header: {}", options_.file_name,
                                             record.header_line, message)));
        }
    }
    problems.insert(problems.end(), plan_problems_.begin(), plan_problems_.end());
    return plan_problems_.empty() ? plan_ : std::nullopt;
}

std::int64_t Importer::role_id(const std::string& name, std::vector<Problem>& problems) {
    const std::string key = ascii_lowered(name);
    if (const auto found = roles_.find(key); found != roles_.end()) {
        return found->second;
    }
    if (const auto unknown = unknown_roles_.find(key); unknown != unknown_roles_.end()) {
        problems.push_back({"role", unknown->second});
        return 0;
    }
    try {
        const std::int64_t id = names_.resolve(NameKind::kRole, name).id;
        roles_.emplace(key, id);
        return id;
    } catch (const Error& error) {
        if (error.code() != ErrorCode::kNotFound) {
            throw;
        }
        if (!options_.create_roles) {
            const std::string message =
                std::string(error.what()) +
                " (expected a known role; add it with --create-roles, or teach a name with "
                "'jobkb alias add ROLE ALIAS')";
            if (unknown_roles_.size() >= kMaxRememberedUnknowns) {
                unknown_roles_.clear(); // bounded memory, whatever the file holds
            }
            if (key.size() <= kMaxRememberedNameBytes) {
                unknown_roles_.emplace(key, message);
            }
            problems.push_back({"role", message});
            return 0;
        }
    }
    const std::string slug = unique_slug(database_, "SELECT 1 FROM roles WHERE slug = :slug", name);
    auto& create = database_.statement(
        "INSERT INTO roles (slug, name, source_id) VALUES (:slug, :name, :source) RETURNING id");
    create.bind(":slug", slug);
    create.bind(":name", name);
    create.bind(":source", batch_source_);
    create.executeStep();
    const std::int64_t id = create.getColumn(0).getInt64();
    create.reset();
    roles_.emplace(key, id);
    report_.created_roles.push_back(name);
    return id;
}

std::optional<std::string> Importer::country(const std::string& text,
                                             std::vector<Problem>& problems) {
    auto found = countries_.find(text);
    if (found == countries_.end()) {
        std::string code;
        try {
            code = names_.resolve_country(text);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::kNotFound) {
                throw;
            }
            code = "!" + std::string(error.what());
        }
        if (text.size() > kMaxRememberedNameBytes) {
            if (code.starts_with("!")) {
                problems.push_back({"country", code.substr(1)});
                return std::nullopt;
            }
            return code;
        }
        if (countries_.size() >= kMaxRememberedUnknowns) {
            countries_.clear();
        }
        found = countries_.emplace(text, code).first;
    }
    if (found->second.starts_with("!")) {
        problems.push_back({"country", found->second.substr(1)});
        return std::nullopt;
    }
    return found->second;
}

void Importer::check_as_of(const std::string& text, std::vector<Problem>& problems) const {
    const auto digits = [&](std::size_t from, std::size_t count) {
        return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(from + count),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    const bool year = text.size() >= 4 && digits(0, 4);
    const bool shape = (text.size() == 4 && year) ||
                       (text.size() == 7 && year && text[4] == '-' && digits(5, 2)) ||
                       (text.size() == 10 && year && text[4] == '-' && digits(5, 2) &&
                        text[7] == '-' && digits(8, 2));
    const std::string expected = "(expected a date 2026-04-06, a month 2026-04 or a year 2026)";
    if (!shape) {
        problems.push_back({"as_of", "'" + text + "' is not a date " + expected});
        return;
    }
    const int y = std::stoi(text.substr(0, 4));
    const int m = text.size() >= 7 ? std::stoi(text.substr(5, 2)) : 1;
    const int d = text.size() == 10 ? std::stoi(text.substr(8, 2)) : 1;
    if (y < 1900) {
        problems.push_back({"as_of", "'" + text + "' is before 1900 " + expected});
        return;
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        problems.push_back({"as_of", "'" + text + "' is no such day " + expected});
        return;
    }
    if (text > today_.substr(0, text.size())) {
        problems.push_back(
            {"as_of", "'" + text + "' is in the future (expected a date up to " + today_ + ")"});
    }
}

std::optional<ValidRow> Importer::validate(const Record& record, std::vector<Problem>& problems) {
    if (!record.problem.empty()) {
        problems.push_back({"row", record.problem});
        return std::nullopt;
    }
    const auto plan = plan_for(record, problems);
    if (!plan) {
        return std::nullopt;
    }
    // The text of each field: a --set constant, else the column's value, trimmed.
    std::array<std::optional<std::string>, kFieldCount> text;
    for (std::size_t field = 0; field < kFieldCount; ++field) {
        if (const auto constant = options_.constants.find(std::string(kImportFields[field]));
            constant != options_.constants.end()) {
            text[field] = constant->second;
        } else if ((*plan)[field] >= 0 &&
                   static_cast<std::size_t>((*plan)[field]) < record.values.size()) {
            const auto& value = record.values[static_cast<std::size_t>((*plan)[field])];
            if (value) {
                text[field] = trimmed(*value);
            }
        }
        if (text[field] && !valid_utf8(*text[field])) {
            problems.push_back({kImportFields[field], "is not valid UTF-8 (expected UTF-8 text)"});
            text[field] = "?"; // reported; not reported again as empty
        } else if (text[field] && has_control_characters(*text[field])) {
            problems.push_back({kImportFields[field], "holds a NUL or another control character "
                                                      "(expected text; tabs and line breaks are "
                                                      "fine in a note)"});
            text[field] = "?";
        }
        if (text[field] && text[field]->empty()) {
            text[field].reset();
        }
    }
    for (const Field field : kRequired) {
        if (!text[field]) {
            problems.push_back({kImportFields[field], "is empty (expected a value)"});
        }
    }
    if (!problems.empty()) {
        return std::nullopt;
    }
    ValidRow row;
    row.role_id = role_id(*text[kRole], problems);
    if (auto code = country(*text[kCountry], problems)) {
        row.country = *code;
    }
    const std::string currency_code = [&] {
        std::string code = *text[kCurrency];
        std::transform(code.begin(), code.end(), code.begin(),
                       [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
        return code;
    }();
    if (const auto found = currencies_.find(currency_code); found != currencies_.end()) {
        row.currency = &found->second;
    } else {
        problems.push_back({"currency", fmt::format("unknown currency '{}' (expected an ISO 4217 "
                                                    "code such as INR, USD, GBP or EUR)",
                                                    *text[kCurrency])});
    }
    std::optional<std::string> implied_period;
    if (row.currency) {
        try {
            const ParsedAmount amount = parse_amount(*text[kAmount], *row.currency);
            row.amount_minor = amount.amount_minor;
            implied_period = amount.implied_period;
        } catch (const Error& error) {
            problems.push_back({"amount", error.what()});
        }
    }
    const std::string period_text = text[kPeriod] ? ascii_lowered(*text[kPeriod]) : "year";
    if (const auto found = periods_.find(period_text); found != periods_.end()) {
        row.period = found->second;
        if (implied_period && *implied_period != row.period) {
            problems.push_back({"amount", fmt::format("'{}' is per year, but the period is {} "
                                                      "(expected the period year, or an amount "
                                                      "without LPA)",
                                                      *text[kAmount], row.period)});
        }
    } else {
        problems.push_back({"period", fmt::format("unknown period '{}' (expected year, month or "
                                                  "hour)",
                                                  *text[kPeriod])});
    }
    const std::string statistic_text =
        text[kStatistic] ? ascii_lowered(*text[kStatistic]) : "average";
    if (const auto found = statistics_.find(statistic_text); found != statistics_.end()) {
        row.statistic = found->second;
    } else {
        problems.push_back({"statistic", fmt::format("unknown statistic '{}' (expected average, "
                                                     "median, p10, p25, p75, p90, minimum, "
                                                     "maximum or point)",
                                                     *text[kStatistic])});
    }
    check_as_of(*text[kAsOf], problems);
    row.as_of = *text[kAsOf];
    row.note = text[kNote];
    if (!problems.empty()) {
        return std::nullopt;
    }
    row.source_id = text[kSource] ? source_id(*text[kSource]) : batch_source_;
    return row;
}

void Importer::insert(ValidRow row) {
    pending_.push_back(std::move(row));
    if (pending_.size() == kRowsPerInsert) {
        flush_inserts();
    }
}

void Importer::flush_inserts() {
    if (pending_.empty()) {
        return;
    }
    auto& statement = database_.statement(pending_.size() == kRowsPerInsert
                                              ? full_insert_sql_
                                              : insert_observations_sql(pending_.size()));
    // The rows outlive the statement's execution, so their text is bound without a copy.
    int index = 0;
    for (const ValidRow& row : pending_) {
        statement.bind(++index, row.role_id);
        statement.bindNoCopy(++index, row.country);
        statement.bindNoCopy(++index, row.currency->code);
        statement.bind(++index, row.amount_minor);
        statement.bindNoCopy(++index, row.period);
        statement.bindNoCopy(++index, row.statistic);
        statement.bindNoCopy(++index, row.as_of);
        statement.bind(++index, row.source_id);
        if (row.note) {
            statement.bindNoCopy(++index, *row.note);
        } else {
            statement.bind(++index); // NULL
        }
        statement.bind(++index, report_.batch_id);
    }
    statement.exec();
    report_.rows_inserted += static_cast<std::int64_t>(pending_.size());
    pending_.clear();
}

void Importer::reject(const Record& record, const std::vector<Problem>& problems) {
    ++report_.rows_rejected;
    std::string reasons;
    for (const auto& problem : problems) {
        ++report_.error_count;
        const std::string message = one_line(fmt::format(
            "{}:{}: {}: {}", options_.file_name, record.line, problem.field, problem.message));
        if (report_.errors.size() < options_.max_errors) {
            report_.errors.push_back(message);
        }
        reasons +=
            (reasons.empty() ? "" : "; ") + std::string(problem.field) + ": " + problem.message;
    }
    if (on_reject_) {
        on_reject_(record, reasons);
    }
}

void Importer::visit(const Record& record) {
    if (report_.stopped_early) {
        return;
    }
    ++report_.rows_read;
    std::vector<Problem> problems;
    auto row = validate(record, problems);
    if (!row) {
        reject(record, problems);
        if (!options_.skip_invalid && report_.error_count >= options_.max_errors) {
            report_.stopped_early = true;
        }
        return;
    }
    // Without --skip-invalid one error means nothing is written: keep validating, stop writing.
    if (report_.rows_rejected == 0 || options_.skip_invalid) {
        insert(std::move(*row));
    }
}

void Importer::collect_changes() {
    auto& count = database_.statement(std::string("SELECT count(*) ") + kChangedKeys);
    count.bind(":batch", report_.batch_id);
    count.executeStep();
    report_.change_count = static_cast<std::size_t>(count.getColumn(0).getInt64());
    auto& changes = database_.statement(kChanges);
    changes.bind(":batch", report_.batch_id);
    changes.bind(":limit", static_cast<std::int64_t>(kMaxReportedChanges));
    while (changes.executeStep()) {
        FigureChange change;
        change.role = changes.getColumn(0).getString();
        change.country_code = changes.getColumn(1).getString();
        change.statistic = changes.getColumn(2).getString();
        change.period = changes.getColumn(3).getString();
        if (!changes.getColumn(4).isNull()) {
            change.current_minor = changes.getColumn(4).getInt64();
            change.current_currency = currencies_.at(changes.getColumn(5).getString());
        }
        change.new_minor = changes.getColumn(6).getInt64();
        change.new_currency = currencies_.at(changes.getColumn(7).getString());
        change.new_rows = changes.getColumn(8).getInt64();
        report_.changes.push_back(std::move(change));
    }
}

ImportReport Importer::run() {
    check_options();
    database_.guard("importing " + options_.file_name, [&] {
        // A 16 MiB page cache (8x SQLite's default) holds the index pages a load keeps touching,
        // and it is also the import's memory bound: a file of 100,000 rows already fills it, so a
        // file of any length peaks at the same RSS. Larger caches measured no faster.
        database_.execute("tuning for the import",
                          "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
        WriteTransaction transaction(database_);
        load_vocabulary();
        start_batch();
        read_records(input_, options_.format, [&](const Record& record) { visit(record); });
        flush_inserts();
        if (report_.rows_read == 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        options_.file_name + ":1: the input has no records (expected a header and "
                                             "at least one row)");
        }
        const std::string sha = input_.sha256();
        auto& duplicate = database_.statement(
            "SELECT id, rows_rejected FROM import_batches WHERE sha256 = :sha AND "
            "settings = :settings AND undone_at IS NULL AND id <> :batch ORDER BY id LIMIT 1");
        duplicate.bind(":sha", sha);
        duplicate.bind(":settings", settings());
        duplicate.bind(":batch", report_.batch_id);
        if (duplicate.executeStep()) {
            report_.already_imported = true;
            report_.existing_batch = duplicate.getColumn(0).getInt64();
            report_.existing_rejected = duplicate.getColumn(1).getInt64();
            report_.rows_unchanged = report_.rows_read;
            report_.rows_inserted = 0;
            report_.batch_id = 0;
            return; // the transaction rolls back: nothing changes
        }
        if ((report_.rows_rejected > 0 && !options_.skip_invalid) || report_.rows_inserted == 0) {
            report_.rows_inserted = 0;
            report_.batch_id = 0;
            return;
        }
        if (options_.supersede) {
            auto& supersede = database_.statement(
                "UPDATE import_batches SET superseded_by = :batch WHERE source_id = :source AND "
                "id < :batch AND superseded_by IS NULL AND undone_at IS NULL RETURNING id");
            supersede.bind(":batch", report_.batch_id);
            supersede.bind(":source", batch_source_);
            while (supersede.executeStep()) {
                report_.superseded_batches.push_back(supersede.getColumn(0).getInt64());
            }
        }
        collect_changes();
        auto& finish = database_.statement(
            "UPDATE import_batches SET sha256 = :sha, rows_read = :read, rows_inserted = "
            ":inserted, rows_rejected = :rejected WHERE id = :batch");
        finish.bind(":sha", sha);
        finish.bind(":read", report_.rows_read);
        finish.bind(":inserted", report_.rows_inserted);
        finish.bind(":rejected", report_.rows_rejected);
        finish.bind(":batch", report_.batch_id);
        finish.exec();
        if (options_.dry_run) {
            report_.batch_id = 0;
            return; // rolled back with the transaction
        }
        transaction.commit();
        report_.committed = true;
    });
    return report_;
}

} // namespace

ImportReport import_salaries(Database& database, InputSource& input, const ImportOptions& options,
                             const RejectSink& on_reject) {
    return Importer(database, input, options, on_reject).run();
}

std::vector<ImportBatch> list_import_batches(Database& database) {
    auto& query = database.statement(
        "SELECT b.id, b.file_name, s.title, b.input_format, b.rows_read, b.rows_inserted, "
        "b.rows_rejected, b.imported_at, b.superseded_by, b.undone_at, b.sha256 "
        "FROM import_batches b JOIN sources s ON s.id = b.source_id ORDER BY b.id");
    return database.guard("listing imports", [&] {
        std::vector<ImportBatch> batches;
        while (query.executeStep()) {
            ImportBatch batch;
            batch.id = query.getColumn(0).getInt64();
            batch.file_name = query.getColumn(1).getString();
            batch.source = query.getColumn(2).getString();
            batch.input_format = query.getColumn(3).getString();
            batch.rows_read = query.getColumn(4).getInt64();
            batch.rows_inserted = query.getColumn(5).getInt64();
            batch.rows_rejected = query.getColumn(6).getInt64();
            batch.imported_at = query.getColumn(7).getString();
            if (!query.getColumn(8).isNull()) {
                batch.superseded_by = query.getColumn(8).getInt64();
            }
            if (!query.getColumn(9).isNull()) {
                batch.undone_at = query.getColumn(9).getString();
            }
            batch.sha256 = query.getColumn(10).getString();
            batches.push_back(std::move(batch));
        }
        return batches;
    });
}

std::int64_t undo_import_batch(Database& database, std::int64_t batch_id) {
    return database.guard("undoing an import", [&] {
        WriteTransaction transaction(database);
        auto& find = database.statement("SELECT undone_at FROM import_batches WHERE id = :batch");
        find.bind(":batch", batch_id);
        if (!find.executeStep()) {
            throw Error(ErrorCode::kNotFound,
                        fmt::format("no import batch {} (see 'jobkb imports')", batch_id));
        }
        if (!find.getColumn(0).isNull()) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("import batch {} was already undone at {}", batch_id,
                                    find.getColumn(0).getString()));
        }
        find.reset();
        auto& remove =
            database.statement("DELETE FROM salary_observations WHERE batch_id = :batch");
        remove.bind(":batch", batch_id);
        const std::int64_t removed = remove.exec();
        auto& mark = database.statement("UPDATE import_batches SET undone_at = "
                                        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :batch");
        mark.bind(":batch", batch_id);
        mark.exec();
        // Batches this one superseded pass to its own successor, if a later batch superseded it
        // too, and otherwise count as current again.
        auto& hand_on = database.statement(
            "UPDATE import_batches SET superseded_by = (SELECT superseded_by FROM import_batches "
            "WHERE id = :batch) WHERE superseded_by = :batch");
        hand_on.bind(":batch", batch_id);
        hand_on.exec();
        transaction.commit();
        return removed;
    });
}

} // namespace jobkb
