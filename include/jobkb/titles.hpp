#pragma once

#include "jobkb/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jobkb {

/// A job title of a role: what employers and surveys call it. Apart from aliases (another name
/// of one role), a title may name several roles (O*NET's "Data Analyst" names nine), and a name
/// that is a title of several roles is ambiguous wherever a role is named.
struct RoleTitle {
    std::string title;  ///< the title
    std::string role;   ///< the role's name
    std::string kind;   ///< occupation, alternate, short, reported or user (taught by hand)
    std::string source; ///< the title of the source that gave it; empty when none
};

/// What add_role_title() did.
struct AddedTitle {
    RoleTitle title;                     ///< the title added
    std::vector<std::string> also_names; ///< the other roles it is a title of, by name: when any,
                                         ///< the title is now ambiguous
};

/// The work of `jobkb title add`: teaches the base a title of a role (kind 'user', no source),
/// which then finds the role wherever a role is named, while it names no other. Throws
/// Error(ErrorCode::kNotFound) for an unknown role (with suggestions), Error(ErrorCode::kAmbiguous)
/// for a role named by an ambiguous title, Error(ErrorCode::kInvalidArgument) for an empty title,
/// text that is not UTF-8 or holds control characters, a title the role has already, and a title
/// that is already a role's name or alias (a title is looked up after names and aliases, so it
/// would never be reached), and Error when SQLite fails.
AddedTitle add_role_title(Database& database, const std::string& role, const std::string& title);

/// The work of `jobkb title list`: every title, or one role's, by role then title. Throws
/// Error(ErrorCode::kNotFound) or Error(ErrorCode::kAmbiguous) for a role that cannot be found,
/// and Error when SQLite fails.
std::vector<RoleTitle> list_role_titles(Database& database,
                                        const std::optional<std::string>& role = std::nullopt);

/// The work of `jobkb title remove`: forgets one title of a role (whoever added it). Throws
/// Error(ErrorCode::kNotFound) for an unknown role and, with HintKind::kListTitles, for a title
/// the role does not have; Error(ErrorCode::kAmbiguous) for an ambiguous role; Error when SQLite
/// fails.
RoleTitle remove_role_title(Database& database, const std::string& role, const std::string& title);

} // namespace jobkb
