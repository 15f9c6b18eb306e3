#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

namespace detail {
struct NameStatements;
} // namespace detail

/// What a name names.
enum class NameKind {
    kRole,     ///< a job role
    kSkill,    ///< a skill
    kIndustry, ///< an industry
};

/// A named thing found by its name, slug or an alias.
struct NamedId {
    std::int64_t id = 0; ///< its row id
    std::string name;    ///< its canonical name
};

/// Finds roles, skills and industries by name, slug or alias, ignoring letter case. A name that
/// matches nothing is an Error(ErrorCode::kNotFound) that offers the closest known names:
/// "unknown skill 'pyton': did you mean Python?". Statements are prepared on first use.
class NameResolver {
public:
    /// A resolver reading `database`, which must outlive it.
    explicit NameResolver(Database& database);
    ~NameResolver();
    /// Moves the resolver (its statements go with it).
    NameResolver(NameResolver&& other) noexcept;
    NameResolver(const NameResolver&) = delete;
    NameResolver& operator=(const NameResolver&) = delete;

    /// The thing `name` names. Throws Error(ErrorCode::kNotFound) with suggestions when nothing
    /// matches, Error(ErrorCode::kCorrupt) when an index names a row the file lacks, and Error
    /// when SQLite fails.
    NamedId resolve(NameKind kind, std::string_view name);

    /// A country by ISO code ("in", "IN") or name ("India"); returns the upper-case code.
    /// Throws Error(ErrorCode::kNotFound) with suggestions for an unknown country, and Error when
    /// SQLite fails.
    std::string resolve_country(std::string_view code_or_name);

    /// Up to `limit` known names (canonical names and aliases, each reported as its canonical
    /// name) closest to `name`: by edit distance, or containing it. Throws Error when SQLite
    /// fails.
    std::vector<std::string> suggestions(NameKind kind, std::string_view name,
                                         std::size_t limit = 3);

private:
    detail::NameStatements& statements();

    Database& database_;
    std::unique_ptr<detail::NameStatements> statements_; // made on the first lookup
};

/// The kind's name: "role", "skill", "industry".
std::string_view to_string(NameKind kind);

/// Levenshtein distance between two strings, ASCII letters compared without case.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace jobkb
