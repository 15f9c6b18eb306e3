// sniff_delimited(): which delimiter a delimited file uses, from its first records.
#include "jobkb/import/readers.hpp"

#include <array>
#include <vector>

namespace jobkb::detail {
namespace {

// The records sniffed: enough to tell a consistent split from a chance one.
constexpr std::size_t kSniffRecords = 21;

// Walks the first kSniffRecords records of `sample` split on `delimiter` (RFC 4180 quoting, blank
// lines skipped; `complete`: the last record is whole too), telling `visit` of each character of
// a field (text), each field's end (field) and each record's end (record), after its last field.
template <class Visitor>
void walk_records(std::string_view sample, char delimiter, bool complete, Visitor& visit) {
    std::size_t records = 0;
    std::size_t fields = 0; // fields of this record ended by a delimiter
    bool has_text = false;  // the field has a character
    bool quoted = false;
    bool started = false;
    const auto end_record = [&] {
        if (started || fields > 0) {
            visit.field();
            visit.record();
            ++records;
        }
        fields = 0;
        has_text = false;
        started = false;
    };
    const auto text = [&](char c) {
        visit.text(c);
        has_text = true;
    };
    for (std::size_t i = 0; i < sample.size() && records < kSniffRecords; ++i) {
        const char c = sample[i];
        if (quoted) {
            if (c == '"' && i + 1 < sample.size() && sample[i + 1] == '"') {
                text('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                text(c);
            }
        } else if (c == '"' && !has_text) {
            quoted = true;
            started = true;
        } else if (c == delimiter) {
            visit.field();
            ++fields;
            has_text = false;
            started = true;
        } else if (c == '\n' || c == '\r') {
            end_record();
        } else {
            text(c);
            started = true;
        }
    }
    if (complete && records < kSniffRecords) {
        end_record();
    }
}

// The fields of each of the first records (for the decimal-comma check).
std::vector<std::vector<std::string>> split_records(std::string_view sample, char delimiter,
                                                    bool complete) {
    struct Split {
        std::vector<std::vector<std::string>> records;
        std::vector<std::string> fields;
        std::string current;
        void text(char c) { current += c; }
        void field() {
            fields.push_back(std::move(current));
            current.clear();
        }
        void record() {
            records.push_back(std::move(fields));
            fields.clear();
        }
    } split;
    walk_records(sample, delimiter, complete, split);
    return std::move(split.records);
}

// The number of fields of each of the first records, without making them: sniffing tries every
// candidate delimiter on every file it reads.
struct FieldCounts {
    std::array<std::size_t, kSniffRecords> of{};
    std::size_t records = 0;
    std::size_t fields = 0; // of the record being read

    void text(char) {}
    void field() { ++fields; }
    void record() {
        of[records++] = fields;
        fields = 0;
    }
};

FieldCounts count_fields(std::string_view sample, char delimiter, bool complete) {
    FieldCounts counts;
    walk_records(sample, delimiter, complete, counts);
    return counts;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 1.234,56 or 12,5: a number with a decimal comma. A comma followed by exactly three digits
// (1,234) is a thousands separator, and no decimal comma.
bool has_decimal_comma(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    const std::size_t comma = text.find(',');
    if (comma == std::string_view::npos || comma == 0 || comma + 1 == text.size() ||
        text.size() - comma - 1 == 3) {
        return false;
    }
    for (std::size_t i = comma + 1; i < text.size(); ++i) {
        if (!is_digit(text[i])) {
            return false;
        }
    }
    // Before the comma: digits, grouped by points in threes (1.234.567) or not at all.
    std::size_t digits = 0;
    for (std::size_t i = comma; i-- > 0;) {
        if (is_digit(text[i])) {
            ++digits;
        } else if (text[i] == '.' && digits == 3 && i > 0) {
            digits = 0;
        } else {
            return false;
        }
    }
    return digits > 0 && digits <= (text.find('.') < comma ? 3u : 20u);
}

} // namespace

SniffedDialect sniff_delimited(std::string_view sample, bool complete,
                               std::optional<char> delimiter) {
    SniffedDialect sniffed;
    if (delimiter) {
        sniffed.delimiter = *delimiter;
    } else {
        // Candidates in order of preference: a tie goes to the earlier one.
        static constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
        std::size_t best_consistent = 0;
        std::size_t best_fields = 1;
        for (const char candidate : kCandidates) {
            const auto counts = count_fields(sample, candidate, complete);
            if (counts.records == 0 || counts.of[0] < 2) {
                continue; // the header does not split: not this one
            }
            const std::size_t fields = counts.of[0];
            std::size_t consistent = 0;
            for (std::size_t i = 1; i < counts.records; ++i) {
                consistent += counts.of[i] == fields ? 1u : 0u;
            }
            // More records split alike wins; with as many, more fields, but only where some
            // record agrees (random bytes split on anything; a comma's chance split stays).
            if (best_fields == 1 || consistent > best_consistent ||
                (consistent == best_consistent && consistent > 0 && fields > best_fields)) {
                best_consistent = consistent;
                best_fields = fields;
                sniffed.delimiter = candidate;
            }
        }
    }
    if (sniffed.delimiter != ',') {
        const auto records = split_records(sample, sniffed.delimiter, complete);
        for (std::size_t i = 1; i < records.size() && !sniffed.decimal_comma; ++i) {
            for (const auto& field : records[i]) {
                if (has_decimal_comma(field)) {
                    sniffed.decimal_comma = true;
                    break;
                }
            }
        }
    }
    return sniffed;
}

} // namespace jobkb::detail
