#include "jobkb/import/validation.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace jobkb::detail {
namespace {

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string_view trimmed_view(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

void add(std::vector<Diagnostic>& problems, std::string_view field, std::string problem,
         std::string expected) {
    problems.push_back({{}, 0, std::string(field), std::move(problem), std::move(expected), {}});
}

} // namespace

bool read_field_texts(const Record& record, const ColumnPlan& plan, const MappingPlan& mapping,
                      FieldTexts& texts, std::vector<Diagnostic>& problems) {
    const FieldList& fields = mapping.fields();
    const std::size_t before = problems.size();
    texts.resize(fields.size());
    for (std::size_t field = 0; field < fields.size(); ++field) {
        auto& text = texts[field];
        const int column = plan.column[field];
        if (const auto& constant = mapping.constant(field)) {
            text ? text->assign(*constant) : text.emplace(*constant);
        } else if (column >= 0 && static_cast<std::size_t>(column) < record.values.size() &&
                   record.values[static_cast<std::size_t>(column)]) {
            // Into the text's own buffer: texts are reused from row to row, so a long name costs
            // no allocation per row.
            const std::string_view value =
                trimmed_view(*record.values[static_cast<std::size_t>(column)]);
            text ? text->assign(value) : text.emplace(value);
        } else {
            text.reset();
        }
        const bool list_value = !mapping.constant(field) && column >= 0 &&
                                static_cast<std::size_t>(column) < record.lists.size() &&
                                record.lists[static_cast<std::size_t>(column)];
        if (text && list_value && !fields[field].list) {
            add(problems, fields[field].name, "holds a list", "one value");
            text = "?"; // reported; not reported again as empty
        } else if (text && !valid_utf8(*text)) {
            add(problems, fields[field].name, "is not valid UTF-8", "UTF-8 text");
            text = "?"; // reported; not reported again as empty
        } else if (text && has_control_characters(*text)) {
            add(problems, fields[field].name, "holds a NUL or another control character",
                "text; tabs and line breaks are fine in a note");
            text = "?";
        }
        if (text && text->empty()) {
            text.reset();
        }
    }
    for (std::size_t field = 0; field < fields.size(); ++field) {
        if (fields[field].required && !texts[field]) {
            add(problems, fields[field].name, "is empty", "a value");
        }
    }
    return problems.size() == before;
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

bool has_control_characters(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f;
    });
}

bool check_date(std::string_view field, const std::string& text, const std::string& today,
                std::vector<Diagnostic>& problems) {
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
    constexpr const char* expected = "a date 2026-04-06, a month 2026-04 or a year 2026";
    if (!shape) {
        add(problems, field, "'" + text + "' is not a date", expected);
        return false;
    }
    const int y = std::stoi(text.substr(0, 4));
    const int m = text.size() >= 7 ? std::stoi(text.substr(5, 2)) : 1;
    const int d = text.size() == 10 ? std::stoi(text.substr(8, 2)) : 1;
    if (y < 1900) {
        add(problems, field, "'" + text + "' is before 1900", expected);
        return false;
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        add(problems, field, "'" + text + "' is no such day", expected);
        return false;
    }
    if (text > today.substr(0, text.size())) {
        add(problems, field, "'" + text + "' is in the future", "a date up to " + today);
        return false;
    }
    return true;
}

std::string system_date() {
    const auto today = std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(today.year()),
                       static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
}

} // namespace jobkb::detail
