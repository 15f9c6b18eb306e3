#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <memory>
#include <optional>
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

/// Finds roles, skills and industries by name, slug or alias, ignoring letter case; a role also
/// by an occupation code it is (O*NET-SOC `15-2051.00`; SOC 2018 `15-2051`, which also finds the
/// role that is its O*NET occupation `15-2051.00`, or the one role that is an O*NET occupation
/// within it; ISCO-08; an ESCO URI) and by a title that names one role. In that order: the first
/// that finds something wins, so a role's own name is never shadowed by another's title. A name
/// that matches nothing is an Error(ErrorCode::kNotFound) that offers the closest known names
/// ("unknown skill 'pyton': did you mean Python?"); a title or SOC code that names several roles
/// is an Error(ErrorCode::kAmbiguous) that lists them, never a guess. Statements are prepared on
/// first use; the known spellings are read for suggestions once, at the first name that needs
/// them.
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
    /// matches, Error(ErrorCode::kAmbiguous) listing the roles when a title or code names several,
    /// Error(ErrorCode::kCorrupt) when an index names a row the file lacks, and Error when SQLite
    /// fails.
    NamedId resolve(NameKind kind, std::string_view name);

    /// The thing `name` names, or nullopt when nothing matches; no suggestions are computed (for
    /// callers that create what is missing). Throws Error(ErrorCode::kAmbiguous) listing the
    /// roles when a title or code names several, Error(ErrorCode::kCorrupt) when an index names a
    /// row the file lacks, and Error when SQLite fails.
    std::optional<NamedId> find(NameKind kind, std::string_view name);

    /// The roles a title or a SOC code names, by name, when it names more than one (an ambiguous
    /// name: resolve() refuses it); empty when it names one or none. At most `limit` names, and
    /// `count` (when given) gets how many there are. Throws Error when SQLite fails.
    std::vector<std::string> ambiguous_roles(std::string_view name, std::size_t limit = 10,
                                             std::size_t* count = nullptr);

    /// A country by ISO 3166-1 alpha-2 code ("in", "IN"), alpha-3 code ("USA"), short name
    /// ("India"), official name ("United States of America") or a common English name ("UK",
    /// "South Korea"), in any letter case; returns the upper-case alpha-2 code. Throws
    /// Error(ErrorCode::kNotFound) with suggestions ("United States (US)") for an unknown country,
    /// and Error when SQLite fails.
    std::string resolve_country(std::string_view code_or_name);

    /// Up to `limit` known names (canonical names, aliases and, for roles, titles, each reported
    /// as the canonical name it stands for) closest to `name`, best first: by their words, with
    /// abbreviations spelled out ("ML" is machine learning), seniority words ("Senior", "Lead")
    /// and word order set aside, plurals made singular, and a letter or two of difference
    /// forgiven. When those are fewer than `limit`, the search index adds up to 3 more (never one
    /// already there): roles, skills or industries whose texts hold every word of `name` (a role
    /// known by its tasks: "chatbot developer"), from any of their texts when the spellings
    /// found none, from their names and titles otherwise. Throws Error when SQLite fails.
    std::vector<std::string> suggestions(NameKind kind, std::string_view name,
                                         std::size_t limit = 3);

    /// Up to `limit` countries closest to `name`, as "United States (US)", best first. Throws
    /// Error when SQLite fails.
    std::vector<std::string> country_suggestions(std::string_view name, std::size_t limit = 3);

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
