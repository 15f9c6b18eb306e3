// jobkb sql: the user's own SQL, read-only unless --write.
#include "cli/commands.hpp"
#include "cli/hints.hpp"
#include "cli/listings.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <sstream>

namespace jobkb::cli {

Listing sql_result_listing(const SqlResult& result) {
    Listing listing;
    // JSON objects need distinct keys: a second "name" column becomes "name_2".
    std::map<std::string, int> seen;
    for (const auto& column : result.columns) {
        const int count = ++seen[column];
        const std::string key = count == 1 ? column : column + "_" + std::to_string(count);
        listing.columns.push_back({key, column});
    }
    for (const auto& row : result.rows) {
        std::vector<CellValue> cells;
        for (const auto& value : row) {
            std::visit([&](const auto& v) { cells.emplace_back(v); }, value);
        }
        listing.rows.push_back(std::move(cells));
    }
    // Numbers read best right-aligned.
    for (std::size_t i = 0; i < listing.columns.size(); ++i) {
        bool numeric = !listing.rows.empty();
        for (const auto& row : listing.rows) {
            numeric = numeric && (std::holds_alternative<std::int64_t>(row[i]) ||
                                  std::holds_alternative<double>(row[i]) ||
                                  std::holds_alternative<std::monostate>(row[i]));
        }
        listing.columns[i].align = numeric ? Align::kRight : Align::kLeft;
    }
    return listing;
}

namespace {

struct SqlOptions {
    std::string query; // the SQL, or "-" for standard input
    std::vector<std::pair<std::string, std::string>> parameters;
    AdHocOptions limits; // the library's defaults: 5000 ms, 10,000 rows
    long long time_limit_ms = limits.time_limit.count();
    bool write = false;
    OutputOptions output;
};

void run_sql(Context& context, const SqlOptions& options) {
    std::string text = options.query;
    if (text == "-") {
        if (context.environment.input == nullptr) {
            throw Error(ErrorCode::kInvalidArgument, "sql: no standard input to read");
        }
        std::ostringstream buffer;
        buffer << context.environment.input->rdbuf();
        text = buffer.str();
    }
    AdHocOptions adhoc = options.limits;
    adhoc.allow_writes = options.write;
    adhoc.time_limit = std::chrono::milliseconds(options.time_limit_ms);
    for (const auto& [name, value] : options.parameters) {
        adhoc.parameters.push_back(SqlParameter{name, value});
    }
    auto database = context.open(options.write ? Access::kReadWrite : Access::kReadOnly);
    const SqlResult result = run_adhoc_sql(*database, text, adhoc);
    if (!result.columns.empty()) {
        context.print(sql_result_listing(result), options.output);
    }
    if (result.truncated) {
        // The rows are out; the exit code still says the answer is incomplete.
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("query returned more than {} rows: printed the first {}, "
                                "stopped by the row cap",
                                adhoc.max_rows, adhoc.max_rows),
                    Hint{HintKind::kRaiseRowLimit, {}, {}});
    }
    if (options.write) {
        context.note(fmt::format("{} row(s) changed", result.changes));
    }
}

} // namespace

void register_sql_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<SqlOptions>();
    auto* sql = app.add_subcommand("sql", "Run your own SQL, read-only unless --write");
    sql->add_option("QUERY", options->query, "The SQL, or - to read it from stdin")->required();
    sql->add_option("-p,--param", options->parameters,
                    "Bind a parameter: -p min 100000 binds :min (also @min, $min; -p 1 binds ?1). "
                    "Integers bind as integers, anything else as text")
        ->option_text("NAME VALUE");
    sql->add_option("--time-limit", options->time_limit_ms,
                    "Stop the query after this many milliseconds (default 5000)")
        ->check(whole_number(1, 86'400'000))
        ->option_text("MS");
    sql->add_option("--max-rows", options->limits.max_rows,
                    "Print at most this many rows; a query with more stops there, says so and "
                    "exits 1 (default 10000)")
        ->check(whole_number(1))
        ->option_text("N");
    sql->add_flag("--write", options->write,
                  "Allow changes: several statements, all in one transaction (still no ATTACH, "
                  "pragma changes or extensions)");
    add_output_options(*sql, options->output);
    sql->footer(
        "Read-only by default, in depth: the file is opened read-only, only one statement is "
        "run and it must be read-only, and an authorizer refuses ATTACH, writes, pragma "
        "changes and extension loading. The views latest_salaries and role_overview are there "
        "for queries like these.\n\nExamples:\n"
        "  jobkb sql \"SELECT role, amount FROM latest_salaries WHERE country = 'IN'\"\n"
        "  jobkb sql \"SELECT name FROM roles WHERE name LIKE :pattern\" -p pattern '%Engineer'\n"
        "  echo \"SELECT * FROM role_overview\" | jobkb sql - --json\n"
        "  jobkb sql \"SELECT * FROM salary_observations\" --max-rows 20\n"
        "  jobkb sql --write \"INSERT INTO role_aliases (alias, role_id) SELECT 'ML Engineer', id "
        "FROM roles WHERE slug = 'machine-learning-engineer'\"");
    sql->callback([&context, options] { run_sql(context, *options); });
}

} // namespace jobkb::cli
