#include "jobkb/import/dimensions.hpp"

#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::detail {
namespace {

struct DimensionTable {
    std::string_view field;
    std::string_view noun;
    const char* sql; // code, its other spelling (survey code or remote ratio), in order
};

constexpr std::array<DimensionTable, kDimensionCount> kTables = {{
    {"level", "experience level",
     "SELECT code, survey_code FROM experience_levels ORDER BY position"},
    {"employment", "employment type",
     "SELECT code, survey_code FROM employment_types ORDER BY position"},
    {"work_setting", "work setting",
     "SELECT code, CAST(remote_ratio AS TEXT) FROM work_settings ORDER BY position"},
    {"company_size", "company size",
     "SELECT code, survey_code FROM company_sizes ORDER BY position"},
}};

} // namespace

DimensionVocabulary load_dimension_vocabulary(Database& database, std::string_view doing) {
    DimensionVocabulary vocabulary;
    for (std::size_t i = 0; i < kDimensionCount; ++i) {
        DimensionTerms& terms = vocabulary[i];
        terms.field = kTables[i].field;
        terms.noun = kTables[i].noun;
        std::vector<std::string> codes;
        std::vector<std::string> others;
        Statement statement(database, doing, kTables[i].sql);
        for (auto row = statement.use(); row.step();) {
            std::string code = row.text(0);
            std::string other = row.text(1);
            std::string spaced = code;
            std::replace(spaced.begin(), spaced.end(), '-', ' ');
            std::string underscored = code;
            std::replace(underscored.begin(), underscored.end(), '-', '_');
            std::string joined = code;
            joined.erase(std::remove(joined.begin(), joined.end(), '-'), joined.end());
            for (const std::string& spelling :
                 {code, ascii_lowered(other), spaced, underscored, joined}) {
                terms.spellings.emplace(spelling, code);
            }
            codes.push_back(std::move(code));
            others.push_back(std::move(other));
        }
        terms.expected = or_list(codes) +
                         (terms.field == "work_setting" ? " (or the remote ratio " : " (") +
                         or_list(others) + ")";
    }
    return vocabulary;
}

Dimensions check_dimensions(const FieldTexts& texts, std::size_t first,
                            const DimensionVocabulary& vocabulary,
                            std::vector<Diagnostic>& problems) {
    Dimensions dimensions;
    for (std::size_t i = 0; i < kDimensionCount; ++i) {
        const auto& text = texts[first + i];
        if (!text) {
            continue;
        }
        const DimensionTerms& terms = vocabulary[i];
        const auto found = terms.spellings.find(ascii_lowered(trimmed(*text)));
        if (found == terms.spellings.end()) {
            problems.push_back({{},
                                0,
                                std::string(terms.field),
                                fmt::format("unknown {} '{}'", terms.noun, elided(*text, 80)),
                                terms.expected,
                                {}});
            continue;
        }
        dimensions[i] = found->second;
    }
    return dimensions;
}

} // namespace jobkb::detail
