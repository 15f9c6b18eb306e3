#include "cli/output.hpp"

#include "cli/text_width.hpp"
#include "cli/usage_errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace jobkb::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string hex(const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text = "x'";
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0x0f];
    }
    return text + "'";
}

std::string join(const TextList& items, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i == 0 ? "" : std::string(separator)) + items[i];
    }
    return text;
}

// Text for CSV and TSV: amounts as plain decimals, lists joined with "; ".
std::string delimited_text(const CellValue& value) {
    if (const auto* list = std::get_if<TextList>(&value)) {
        return join(*list, "; ");
    }
    if (const auto* amount = std::get_if<MoneyValue>(&value)) {
        // Only in a column not declared as money; a declared one gets two fields.
        return plain_amount(amount->amount_minor, amount->currency) + " " + amount->currency.code;
    }
    if (const auto* salaries = std::get_if<SalaryList>(&value)) {
        TextList items;
        for (const auto& figure : salaries->figures) {
            items.push_back(figure.country_code + " " +
                            plain_amount(figure.amount_minor, figure.currency) + " " +
                            figure.currency.code +
                            (figure.qualifier == "exact" ? "" : " " + figure.qualifier));
        }
        return join(items, "; ");
    }
    return display_text(value);
}

Json money_json(std::int64_t amount_minor, const Currency& currency) {
    return Json{{"amount_minor", amount_minor}, {"currency", currency.code}};
}

Json to_json(const CellValue& value) {
    struct Visitor {
        Json operator()(std::monostate) const { return nullptr; }
        Json operator()(std::int64_t v) const { return v; }
        Json operator()(double v) const { return std::isfinite(v) ? Json(v) : Json(nullptr); }
        Json operator()(const std::string& v) const { return v; }
        Json operator()(const TextList& v) const { return v; }
        Json operator()(const MoneyValue& v) const {
            Json money = money_json(v.amount_minor, v.currency);
            if (!v.qualifier.empty()) {
                money["qualifier"] = v.qualifier;
            }
            return money;
        }
        Json operator()(const SalaryList& v) const {
            Json figures = Json::array();
            for (const auto& figure : v.figures) {
                figures.push_back(Json{{"country", figure.country_code},
                                       {"amount", money_json(figure.amount_minor, figure.currency)},
                                       {"as_of", figure.as_of},
                                       {"source", figure.source},
                                       {"qualifier", figure.qualifier}});
            }
            return figures;
        }
        Json operator()(const Blob& v) const { return hex(v.bytes); }
        Json operator()(const JsonText& v) const { return Json::parse(v.json); }
    };
    return std::visit(Visitor{}, value);
}

std::string dump(const Json& json, int indent = -1) {
    // Text that is not UTF-8 (possible in user SQL results) is replaced, not fatal.
    return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

void write_delimited(std::ostream& out, const Listing& listing, char delimiter) {
    const char* end = delimiter == ',' ? "\r\n" : "\n";
    std::vector<std::string> header;
    for (const auto& column : listing.columns) {
        header.push_back(column.key);
        if (column.money) {
            header.push_back(column.key + "_currency");
        }
        if (column.money && column.qualified) {
            header.push_back(column.key + "_qualifier");
        }
    }
    auto write_line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out << (i == 0 ? "" : std::string(1, delimiter))
                << delimited_field(fields[i], delimiter);
        }
        out << end;
    };
    write_line(header);
    for (const auto& row : listing.rows) {
        std::vector<std::string> fields;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const auto* amount = std::get_if<MoneyValue>(&row[i]);
            const ListingColumn& column = listing.columns[i];
            if (column.money && amount != nullptr) {
                fields.push_back(plain_amount(amount->amount_minor, amount->currency));
                fields.push_back(amount->currency.code);
                if (column.qualified) {
                    fields.push_back(amount->qualifier.empty() ? "exact" : amount->qualifier);
                }
            } else {
                fields.push_back(delimited_text(row[i]));
                if (column.money) {
                    fields.emplace_back();
                }
                if (column.money && column.qualified) {
                    fields.emplace_back();
                }
            }
        }
        write_line(fields);
    }
}

Json row_object(const Listing& listing, const std::vector<CellValue>& row) {
    Json object = Json::object();
    for (std::size_t i = 0; i < listing.columns.size(); ++i) {
        object[listing.columns[i].key] = to_json(row[i]);
    }
    return object;
}

void write_markdown(std::ostream& out, const Listing& listing) {
    // Text as markdown_text() escapes it, pipes escaped too, line breaks as <br>, other control
    // characters as symbols, so that every row stays one line with one cell per column.
    auto cell = [](const std::string& text) {
        std::string escaped;
        for (char c : markdown_text(text)) {
            if (c == '|') {
                escaped += "\\|";
            } else if (c == '\n') {
                escaped += "<br>";
            } else {
                escaped += visible_control(c);
            }
        }
        return escaped;
    };
    out << "|";
    for (const auto& column : listing.columns) {
        out << ' ' << cell(column.header) << " |";
    }
    out << "\n|";
    for (const auto& column : listing.columns) {
        out << (column.align == Align::kRight ? " ---: |" : " --- |");
    }
    out << '\n';
    for (const auto& row : listing.rows) {
        out << "|";
        for (const auto& value : row) {
            out << ' ' << cell(display_text(value)) << " |";
        }
        out << '\n';
    }
}

} // namespace

std::string qualifier_prefix(const std::string& qualifier) {
    return qualifier == "at_least"      ? "≥ "
           : qualifier == "at_most"     ? "≤ "
           : qualifier == "approximate" ? "~ "
                                        : "";
}

std::string display_text(const CellValue& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(double v) const { return fmt::format("{}", v); }
        std::string operator()(const std::string& v) const { return v; }
        std::string operator()(const TextList& v) const { return join(v, ", "); }
        std::string operator()(const MoneyValue& v) const {
            return qualifier_prefix(v.qualifier) + format_money(v.amount_minor, v.currency);
        }
        std::string operator()(const SalaryList& v) const {
            std::string text;
            for (const auto& figure : v.figures) {
                text += (text.empty() ? "" : ", ") + figure.country_code + " " +
                        qualifier_prefix(figure.qualifier) +
                        format_money(figure.amount_minor, figure.currency);
            }
            return text;
        }
        std::string operator()(const Blob& v) const { return hex(v.bytes); }
        std::string operator()(const JsonText& v) const { return v.json; }
    };
    return std::visit(Visitor{}, value);
}

namespace {

bool starts_character_reference(std::string_view rest) {
    // &name; or &#123; or &#x1F; : what an HTML or Markdown renderer reads as a character.
    std::size_t i = 1;
    if (i < rest.size() && rest[i] == '#') {
        ++i;
    }
    const std::size_t first = i;
    while (i < rest.size() && i - first < 32 &&
           ((rest[i] >= 'a' && rest[i] <= 'z') || (rest[i] >= 'A' && rest[i] <= 'Z') ||
            (rest[i] >= '0' && rest[i] <= '9'))) {
        ++i;
    }
    return i > first && i < rest.size() && rest[i] == ';';
}

} // namespace

std::string markdown_text(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '<') {
            escaped += "&lt;";
        } else if (c == '>') {
            escaped += "&gt;";
        } else if (c == '&' && starts_character_reference(text.substr(i))) {
            escaped += "&amp;";
        } else if (c == '\\' || c == '[' || c == ']' || c == '`') {
            escaped += '\\';
            escaped += c;
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string delimited_field(const std::string& text, char delimiter) {
    if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c == '"' ? "\"\"" : std::string(1, c);
    }
    return quoted + "\"";
}

std::string plain_amount(std::int64_t amount_minor, const Currency& currency) {
    Currency plain = currency;
    plain.grouping = DigitGrouping::kWestern;
    std::string text = format_amount(amount_minor, plain);
    std::erase(text, ',');
    return text;
}

ListingColumn money_column(std::string key, std::string header, std::size_t wrap) {
    return ListingColumn{std::move(key), std::move(header), Align::kRight, wrap, true};
}

bool is_machine_format(Format format) {
    return format == Format::kCsv || format == Format::kTsv || format == Format::kJson ||
           format == Format::kNdjson;
}

void add_output_options(CLI::App& command, OutputOptions& options) {
    auto* format = command.add_option("--format", options.format, "Output format")
                       ->transform(one_of<Format>("format", {{"table", Format::kTable},
                                                             {"csv", Format::kCsv},
                                                             {"tsv", Format::kTsv},
                                                             {"json", Format::kJson},
                                                             {"nl", Format::kNdjson},
                                                             {"markdown", Format::kMarkdown}}))
                       ->option_text("table|csv|tsv|json|nl|markdown");
    auto shortcut = [&](const char* flag, Format value, const char* help) {
        command
            .add_flag_callback(
                flag, [&options, value] { options.format = value; }, help)
            ->excludes(format);
    };
    shortcut("--csv", Format::kCsv, "Same as --format csv");
    shortcut("--tsv", Format::kTsv, "Same as --format tsv");
    shortcut("--json", Format::kJson, "Same as --format json");
    shortcut("--nl", Format::kNdjson, "Same as --format nl (one JSON object a line)");
}

void write_listing(std::ostream& out, const Listing& listing, const OutputOptions& options) {
    switch (options.format) {
    case Format::kTable: {
        std::vector<TableColumn> columns;
        for (const auto& column : listing.columns) {
            columns.push_back(TableColumn{column.header, column.align, column.wrap});
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : listing.rows) {
            std::vector<std::string> texts;
            for (const auto& value : row) {
                texts.push_back(display_text(value));
            }
            rows.push_back(std::move(texts));
        }
        write_table(out, columns, rows, options.color);
        return;
    }
    case Format::kCsv:
        write_delimited(out, listing, ',');
        return;
    case Format::kTsv:
        write_delimited(out, listing, '\t');
        return;
    case Format::kJson: {
        Json array = Json::array();
        for (const auto& row : listing.rows) {
            array.push_back(row_object(listing, row));
        }
        out << dump(array, 2) << '\n';
        return;
    }
    case Format::kNdjson:
        for (const auto& row : listing.rows) {
            out << dump(row_object(listing, row)) << '\n';
        }
        return;
    case Format::kMarkdown:
        write_markdown(out, listing);
        return;
    }
}

} // namespace jobkb::cli
