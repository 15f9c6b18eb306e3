#include "jobkb/aliases.hpp"

#include "jobkb/error.hpp"
#include "jobkb/names.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

namespace jobkb {
namespace {

using detail::Statement;

struct AliasStatements {
    explicit AliasStatements(Database& database)
        : owner{database, "adding an alias",
                "SELECT r.name, 1 FROM roles r WHERE r.name = :alias UNION ALL "
                "SELECT r.name, 0 FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                "WHERE a.alias = :alias"},
          insert{database, "adding an alias",
                 "INSERT INTO role_aliases (alias, role_id) VALUES (:alias, :role)"},
          of_role{database, "listing aliases",
                  "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                  "WHERE a.role_id = :role ORDER BY a.alias"},
          all{database, "listing aliases",
              "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
              "ORDER BY r.name, a.alias"},
          remove{database, "removing an alias",
                 "DELETE FROM role_aliases WHERE alias = :alias RETURNING alias, "
                 "(SELECT name FROM roles WHERE id = role_id)"} {}

    Statement owner;   // the role a name already names, and whether as its name (1) or an alias
    Statement insert;  // a new alias
    Statement of_role; // one role's aliases
    Statement all;     // every alias
    Statement remove;  // forgets an alias, returning it and its role
};

} // namespace

RoleAlias add_role_alias(Database& database, const std::string& role, const std::string& alias) {
    const std::string name = detail::trimmed(alias);
    if (name.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "alias: empty (expected a name)");
    }
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    AliasStatements statements(database);
    WriteTransaction transaction(database);
    {
        auto owner = statements.owner.use().bind(":alias", name);
        if (owner.step()) {
            const std::string owner_name = owner.text(0);
            if (owner_name == target.name) {
                throw Error(ErrorCode::kInvalidArgument,
                            "alias '" + name + "' already names " + owner_name);
            }
            // Another role's own name cannot become an alias: the two are one role (merge them)
            // or the other needs another name (rename it). Removing an alias would not help.
            if (owner.integer(1) == 1) {
                throw Error(ErrorCode::kInvalidArgument,
                            "alias '" + name + "' is the name of another role, " + owner_name,
                            Hint{HintKind::kMergeOrRename, target.name, owner_name});
            }
            throw Error(ErrorCode::kInvalidArgument,
                        "alias '" + name + "' already names " + owner_name,
                        Hint{HintKind::kRemoveAliasFirst, {}, owner_name});
        }
    }
    statements.insert.use().bind(":alias", name).bind(":role", target.id).exec();
    transaction.commit();
    return RoleAlias{name, target.name};
}

std::vector<RoleAlias> list_role_aliases(Database& database,
                                         const std::optional<std::string>& role) {
    std::optional<std::int64_t> role_id;
    if (role) {
        role_id = NameResolver(database).resolve(NameKind::kRole, *role).id;
    }
    AliasStatements statements(database);
    auto query = role_id ? statements.of_role.use().bind(":role", *role_id) : statements.all.use();
    std::vector<RoleAlias> aliases;
    while (query.step()) {
        aliases.push_back({query.text(0), query.text(1)});
    }
    return aliases;
}

RoleAlias remove_role_alias(Database& database, const std::string& alias_text) {
    const std::string alias = detail::trimmed(alias_text);
    AliasStatements statements(database);
    WriteTransaction transaction(database);
    RoleAlias removed;
    {
        auto remove = statements.remove.use().bind(":alias", alias);
        if (!remove.step()) {
            throw Error(ErrorCode::kNotFound, "no alias '" + alias + "'",
                        Hint{HintKind::kListAliases, {}, {}});
        }
        removed = {remove.text(0), remove.text(1)};
    }
    transaction.commit();
    return removed;
}

} // namespace jobkb
