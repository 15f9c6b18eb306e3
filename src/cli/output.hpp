#pragma once

#include "cli/table.hpp"

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/money.hpp"

#include <CLI/App.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jobkb::cli {

struct MoneyValue {
    std::int64_t amount_minor = 0;
    Currency currency;
    // A figure's qualifier ("exact", "at_least", ...): tables show "≥ $239,200", JSON a
    // "qualifier" beside amount_minor. Empty for money that is no figure (a summary): neither.
    std::string qualifier = {};
};

// What a qualifier puts before an amount for people: "≥ " for at_least, "≤ " for at_most, "~ "
// for approximate, nothing for exact.
std::string qualifier_prefix(const std::string& qualifier);

using TextList = std::vector<std::string>;

// Salary figures in one cell (a role's headline salaries): in JSON an array of
// {"country", "amount": {"amount_minor", "currency"}, "as_of", "source"} (the shape of a figure
// in `jobkb role --json`), in CSV/TSV "IN 1088060 INR; US 161321 USD", in tables
// "IN ₹10,88,060, US $161,321".
struct SalaryList {
    std::vector<SalaryFigure> figures;
};

// A cell that is an object in JSON (a converted figure's "in" object), serialized; tables and
// CSV show the text, which a command avoids by giving them other columns.
struct JsonText {
    std::string json;
};

// One cell of a listing. Each output format renders each kind its own way: money is
// "₹10,88,060" in tables, a decimal plus a currency column in CSV/TSV, and
// {"amount_minor": 108806000, "currency": "INR"} in JSON.
using CellValue = std::variant<std::monostate, std::int64_t, double, std::string, TextList,
                               MoneyValue, SalaryList, Blob, JsonText>;

struct ListingColumn {
    std::string key;    // machine name: JSON key and CSV header ("key_skills")
    std::string header; // table and markdown header ("Key skills")
    Align align = Align::kLeft;
    std::size_t wrap = 0; // table: wrap at this many columns (0: never)
    // Money: CSV and TSV give it two columns, KEY (a plain decimal) and KEY_currency. Declared,
    // not guessed from the rows, so the columns do not depend on the data.
    bool money = false;
    // Money whose figures may be bounds or approximate (published figures): CSV and TSV add
    // KEY_qualifier after KEY_currency (exact, at_least, at_most or approximate; empty without a
    // figure), as tables add ≥, ≤ or ~ and JSON a "qualifier" field.
    bool qualified = false;
};

// A money column: right-aligned, and two columns in CSV/TSV.
ListingColumn money_column(std::string key, std::string header, std::size_t wrap = 0);

struct Listing {
    std::vector<ListingColumn> columns;
    std::vector<std::vector<CellValue>> rows;
};

enum class Format { kTable, kCsv, kTsv, kJson, kNdjson, kMarkdown };

// CSV, TSV, JSON and NDJSON: for programs, so their columns never depend on the data found.
// Tables and markdown are for people and may (one column per country with a figure).
bool is_machine_format(Format format);

struct OutputOptions {
    Format format = Format::kTable;
    bool color = false; // bold table headers; set only for a terminal without NO_COLOR
};

// A CLI11 check that refuses an empty value (an empty filter would silently match everything).
inline const CLI::Validator kNonEmpty(
    [](const std::string& value) {
        return value.empty() ? std::string("an empty value (expected a name)") : std::string();
    },
    "", "non-empty");

// Adds --format table|csv|tsv|json|nl|markdown and the shortcuts --csv --tsv --json --nl.
void add_output_options(CLI::App& command, OutputOptions& options);

void write_listing(std::ostream& out, const Listing& listing, const OutputOptions& options);

// A cell as people read it (tables, markdown, the web view's pages): money as "₹10,88,060",
// lists joined with ", ", salaries as "IN ₹10,88,060, US $161,321".
std::string display_text(const CellValue& value);

// Text for a Markdown document or table cell, shown as written: HTML (`<script>`), character
// references (`&amp;`), link brackets and backslashes are escaped, so no renderer turns a name
// into markup.
std::string markdown_text(std::string_view text);

// A CSV (or, with a tab, TSV) field, quoted when it holds the delimiter, a quote or a line break.
std::string delimited_field(const std::string& text, char delimiter);

// The amount alone as a plain decimal in the major unit, as imports read it: 1088060, 45.50.
std::string plain_amount(std::int64_t amount_minor, const Currency& currency);

} // namespace jobkb::cli
