#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"
#include "jobkb/import/validation.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The survey dimensions of a salary figure (experience level, employment type, work setting,
// company size: migration 0010): their vocabularies read from the base once per import, and the
// check of a row's texts against them. Pure once loaded.
namespace jobkb::detail {

// The four dimensions, in the order of their fields (kImportFields' last four).
inline constexpr std::size_t kDimensionCount = 4;

// A figure's dimensions as codes; nullopt where the source does not say.
using Dimensions = std::array<std::optional<std::string>, kDimensionCount>;

// One dimension's vocabulary.
struct DimensionTerms {
    std::string_view field;                                 // "level"
    std::string_view noun;                                  // "experience level"
    std::unordered_map<std::string, std::string> spellings; // lower-case spelling -> code
    std::string expected; // "entry, mid, senior or executive (EN, MI, SE, EX)"
};

using DimensionVocabulary = std::array<DimensionTerms, kDimensionCount>;

// The terms of experience_levels, employment_types, work_settings and company_sizes: each code,
// its survey code (EN, FT, S) or remote ratio (0, 50, 100), and the code with '_' or ' ' for '-'.
// Throws Error when SQLite fails.
DimensionVocabulary load_dimension_vocabulary(Database& database, std::string_view doing);

// The codes of the dimension texts `texts` holds from field index `first` on (nullopt for an
// absent text); a text that names no term adds a problem naming the accepted ones.
Dimensions check_dimensions(const FieldTexts& texts, std::size_t first,
                            const DimensionVocabulary& vocabulary,
                            std::vector<Diagnostic>& problems);

} // namespace jobkb::detail
