#pragma once

#include "jobkb/import.hpp"

#include <CLI/App.hpp>

#include <string>
#include <vector>

// The options of `jobkb import salaries` for tables as they are published: wide rows
// (--column), placeholder cells (--na), top codes (--top-code) and row filters (--where); what
// the import says about them afterwards.
namespace jobkb::cli {

struct TableArguments {
    std::vector<std::string> columns;
    std::vector<std::string> placeholders;
    std::vector<std::string> top_codes;
    std::vector<std::string> filters;
};

// Whether `text` is of the shape --column and --top-code take, NAME=FIRST/SECOND (NAME not blank,
// FIRST and SECOND around the last '/' not empty), and of --where's, COLUMN=VALUE or
// COLUMN!=VALUE. A recipe's values are checked with these.
bool is_figure_spec(const std::string& text);
bool is_row_filter(const std::string& text);

// Adds --column, --na, --top-code and --where to `command`. Malformed values are usage errors.
void add_table_options(CLI::App& command, TableArguments& arguments);

// Puts the parsed values into the import's options (their shape was checked when parsed).
void apply_table_options(const TableArguments& arguments, ImportOptions& options);

// Checks --column's statistics and periods and --top-code's amounts and periods against the
// base's vocabulary: a problem is a usage error (CLI::ValidationError naming the option).
void check_table_options(Database& database, const ImportOptions& options);

// The notes a wide or filtered import adds to its summary: placeholder cells per column, figures
// stored as bounds, rows left out by --where.
std::vector<std::string> table_notes(const ImportReport& report, bool dry_run);

} // namespace jobkb::cli
