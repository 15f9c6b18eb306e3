#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// What kind of thing a name names.
enum class NameKind {
    kRole,     ///< a job role
    kSkill,    ///< a skill
    kIndustry, ///< an industry
};

/// A named thing found by its name, slug or an alias.
struct NamedId {
    std::int64_t id = 0; ///< its row id in the base
    std::string name;    ///< its canonical name
};

/// Finds roles, skills and industries by name, slug or alias, ignoring letter case. A name that
/// matches nothing is an Error(kNotFound) that offers the closest known names:
/// "unknown skill 'pyton': did you mean Python?".
class NameResolver {
public:
    /// A resolver reading `database` (which must outlive it).
    explicit NameResolver(Database& database) : database_(database) {}

    /// The thing of this kind that `name` names. Throws Error(kNotFound) with suggestions when
    /// none does, Error(kCorrupt) when the base's index and rows disagree.
    NamedId resolve(NameKind kind, std::string_view name);

    /// A country by ISO code ("in", "IN") or name ("India"); returns the upper-case code. Throws
    /// Error(kNotFound) with suggestions for an unknown country.
    std::string resolve_country(std::string_view code_or_name);

    /// Up to `limit` known names (canonical names and aliases, each reported as its canonical
    /// name) closest to `name`: by edit distance, or containing it.
    std::vector<std::string> suggestions(NameKind kind, std::string_view name,
                                         std::size_t limit = 3);

private:
    Database& database_;
};

/// The kind as a word: "role", "skill", "industry". Throws nothing.
std::string_view to_string(NameKind kind);

/// The Levenshtein distance between two strings, ASCII letters compared without case. Throws
/// nothing but std::bad_alloc.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace jobkb
