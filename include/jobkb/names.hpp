#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

enum class NameKind { kRole, kSkill, kIndustry };

// A named thing found by its name, slug or an alias.
struct NamedId {
    std::int64_t id = 0;
    std::string name; // canonical name
};

// Finds roles, skills and industries by name, slug or alias, ignoring letter case. A name that
// matches nothing is an Error(kNotFound) that offers the closest known names:
// "unknown skill 'pyton': did you mean Python?".
class NameResolver {
public:
    explicit NameResolver(Database& database) : database_(database) {}

    NamedId resolve(NameKind kind, std::string_view name);

    // A country by ISO code ("in", "IN") or name ("India"); returns the upper-case code.
    std::string resolve_country(std::string_view code_or_name);

    // Up to `limit` known names (canonical names and aliases, each reported as its canonical
    // name) closest to `name`: by edit distance, or containing it.
    std::vector<std::string> suggestions(NameKind kind, std::string_view name,
                                         std::size_t limit = 3);

private:
    Database& database_;
};

std::string_view to_string(NameKind kind); // "role", "skill", "industry"

// Levenshtein distance between two strings, ASCII letters compared without case.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace jobkb
