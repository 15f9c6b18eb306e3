#include "cli/table.hpp"

#include "cli/text_width.hpp"

#include <algorithm>

namespace jobkb::cli {
namespace {

using Lines = std::vector<std::string>;

// A cell's lines: its own line breaks kept, other control characters made visible, and each
// line wrapped to the column's width.
Lines cell_lines(const std::string& text, const TableColumn& column) {
    Lines lines;
    std::string line;
    auto finish = [&] {
        if (column.max_width == 0) {
            lines.push_back(line);
        } else {
            for (auto& wrapped : wrap_text(line, column.max_width)) {
                lines.push_back(std::move(wrapped));
            }
        }
        line.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue; // the CR of a CRLF
        }
        if (text[i] == '\n') {
            finish();
        } else {
            line += visible_control(text[i]);
        }
    }
    finish();
    return lines;
}

std::string repeat(std::string_view piece, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += piece;
    }
    return text;
}

void write_rule(std::ostream& out, const std::vector<std::size_t>& widths, std::string_view left,
                std::string_view middle, std::string_view right) {
    out << left;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        out << repeat("─", widths[i] + 2) << (i + 1 < widths.size() ? middle : right);
    }
    out << '\n';
}

void write_row(std::ostream& out, const std::vector<TableColumn>& columns,
               const std::vector<std::size_t>& widths, const std::vector<Lines>& cells,
               bool bold = false) {
    std::size_t height = 0;
    for (const auto& lines : cells) {
        height = std::max(height, lines.size());
    }
    for (std::size_t line = 0; line < height; ++line) {
        out << "│";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string text = line < cells[i].size() ? cells[i][line] : "";
            const std::string padding(widths[i] - display_width(text), ' ');
            const std::string aligned =
                columns[i].align == Align::kRight ? padding + text : text + padding;
            out << ' ' << (bold ? "\033[1m" + aligned + "\033[0m" : aligned) << " │";
        }
        out << '\n';
    }
}

} // namespace

void write_table(std::ostream& out, const std::vector<TableColumn>& columns,
                 const std::vector<std::vector<std::string>>& rows, bool bold_header) {
    std::vector<Lines> headers;
    std::vector<std::vector<Lines>> body;
    std::vector<std::size_t> widths(columns.size(), 0);
    auto measure = [&](const std::vector<Lines>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            for (const auto& line : cells[i]) {
                widths[i] = std::max(widths[i], display_width(line));
            }
        }
    };
    for (const auto& column : columns) {
        headers.push_back(Lines{column.header});
    }
    measure(headers);
    for (const auto& row : rows) {
        std::vector<Lines> cells;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            cells.push_back(cell_lines(i < row.size() ? row[i] : "", columns[i]));
        }
        measure(cells);
        body.push_back(std::move(cells));
    }
    write_rule(out, widths, "┌", "┬", "┐");
    write_row(out, columns, widths, headers, bold_header);
    write_rule(out, widths, "├", "┼", "┤");
    // Wrapped cells run together unless the rows are ruled apart.
    const bool wrapped = std::any_of(body.begin(), body.end(), [](const auto& cells) {
        return std::any_of(cells.begin(), cells.end(),
                           [](const Lines& lines) { return lines.size() > 1; });
    });
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (wrapped && i > 0) {
            write_rule(out, widths, "├", "┼", "┤");
        }
        write_row(out, columns, widths, body[i]);
    }
    write_rule(out, widths, "└", "┴", "┘");
}

} // namespace jobkb::cli
