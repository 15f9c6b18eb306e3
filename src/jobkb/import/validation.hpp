#pragma once

#include "jobkb/import.hpp"
#include "jobkb/import/plan.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Row validation shared by every importer, pure (no database): the text of each field of a
// record, and the rules any text or date obeys. Problems are Diagnostics without file and line
// (the reject log adds them).
namespace jobkb::detail {

// Each field's text for one record, by field index: nullopt when the record gives none.
using FieldTexts = std::vector<std::optional<std::string>>;

// Fills `texts` with each field's text for the record under `plan`: its constant, else its
// column's value, trimmed; empty text counts as none. Refuses text that is not UTF-8 or holds
// control characters, and required fields without text. Returns false when it added problems.
bool read_field_texts(const Record& record, const ColumnPlan& plan, const MappingPlan& mapping,
                      FieldTexts& texts, std::vector<Diagnostic>& problems);

bool valid_utf8(std::string_view text);

// NUL and the C0 controls other than tab and line breaks; DEL.
bool has_control_characters(std::string_view text);

// A date 2026-04-06, a month 2026-04 or a year 2026, from 1900 to `today` (YYYY-MM-DD). Returns
// false when it added a problem about `field`.
bool check_date(std::string_view field, const std::string& text, const std::string& today,
                std::vector<Diagnostic>& problems);

// Today in UTC, YYYY-MM-DD.
std::string system_date();

} // namespace jobkb::detail
