#pragma once

#include "jobkb/catalog.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jobkb {

/// One skill or industry across the compared roles.
struct ComparedItem {
    std::string name;                  ///< the skill's or industry's name
    std::vector<std::string> per_role; ///< per role: "key", "mentioned", "yes", or "" (absent)
    std::size_t shared_by = 0;         ///< how many of the roles have it
};

/// The latest figure for one country, statistic and period, per compared role.
struct ComparedSalary {
    std::string country_code;                          ///< ISO 3166-1 alpha-2
    std::string statistic;                             ///< average, median, ...
    std::string period;                                ///< year, month or hour
    std::vector<std::optional<SalaryFigure>> per_role; ///< per role; nullopt when it has none
};

/// Roles side by side (compare_roles()).
struct Comparison {
    std::vector<std::string> roles;       ///< canonical names, in the order asked
    std::vector<ComparedItem> skills;     ///< shared by all first, then by how many share them
    std::vector<ComparedItem> industries; ///< likewise
    std::vector<ComparedSalary> salaries; ///< by country, statistic, period
};

/// One skill of the role moved to, with what the current role has of it.
struct GapItem {
    std::string skill;      ///< the skill's name
    std::string in_target;  ///< "key" or "mentioned"
    std::string in_current; ///< "key", "mentioned", or "" when the current role lacks it
};

/// What moving from one role to another asks: the skills the target needs that the current role
/// lacks, and those that carry over.
struct SkillGap {
    std::string from;                  ///< the current role's name
    std::string to;                    ///< the target role's name
    std::vector<GapItem> to_learn;     ///< key skills first, then in the target's order
    std::vector<GapItem> carries_over; ///< likewise
};

/// A role that shares skills with another (related_roles()).
struct RelatedRole {
    std::string name;                       ///< the role's name
    std::int64_t shared = 0;                ///< skills both roles have
    std::int64_t union_size = 0;            ///< skills either has
    std::vector<std::string> shared_skills; ///< the shared skills, in the first role's order
    /// The Jaccard similarity of the two skill sets: shared / union_size (0 when both are empty).
    double similarity() const {
        return union_size == 0 ? 0.0
                               : static_cast<double>(shared) / static_cast<double>(union_size);
    }
};

/// The work of `jobkb compare`: roles side by side. Throws Error(ErrorCode::kNotFound) for an
/// unknown role (with suggestions), Error(ErrorCode::kInvalidArgument) for fewer than two roles
/// or a role named twice, and Error when SQLite fails.
Comparison compare_roles(Catalog& catalog, const std::vector<std::string>& roles);

/// The work of `jobkb gap`: what moving from one role to another asks. Throws
/// Error(ErrorCode::kNotFound) for an unknown role, Error(ErrorCode::kInvalidArgument) when both
/// name the same role, and Error when SQLite fails.
SkillGap skill_gap(Catalog& catalog, std::string_view from, std::string_view to);

/// The work of `jobkb related`: up to `limit` roles ranked by the Jaccard similarity of their
/// skill sets (key and mentioned skills), most similar first; roles sharing no skill are left
/// out. Throws Error(ErrorCode::kNotFound) for an unknown role, and Error when SQLite fails.
std::vector<RelatedRole> related_roles(Catalog& catalog, std::string_view role, std::size_t limit);

} // namespace jobkb
