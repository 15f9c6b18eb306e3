#include "jobkb/aliases.hpp"

#include "jobkb/error.hpp"
#include "jobkb/names.hpp"
#include "jobkb/text.hpp"

namespace jobkb {

RoleAlias add_role_alias(Database& database, const std::string& role, const std::string& alias) {
    const std::string name = detail::trimmed(alias);
    if (name.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "alias: empty (expected a name)");
    }
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    return database.guard("adding an alias", [&] {
        WriteTransaction transaction(database);
        auto& taken =
            database.statement("SELECT r.name FROM roles r WHERE r.name = :alias UNION ALL "
                               "SELECT r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                               "WHERE a.alias = :alias");
        taken.bind(":alias", name);
        if (taken.executeStep()) {
            const std::string owner = taken.getColumn(0).getString();
            taken.reset();
            throw Error(ErrorCode::kInvalidArgument,
                        "alias '" + name + "' already names " + owner +
                            (owner == target.name ? "" : " (remove it first: jobkb alias remove)"));
        }
        auto& insert =
            database.statement("INSERT INTO role_aliases (alias, role_id) VALUES (:alias, :role)");
        insert.bind(":alias", name);
        insert.bind(":role", target.id);
        insert.exec();
        transaction.commit();
        return RoleAlias{name, target.name};
    });
}

std::vector<RoleAlias> list_role_aliases(Database& database,
                                         const std::optional<std::string>& role) {
    std::optional<std::int64_t> role_id;
    if (role) {
        role_id = NameResolver(database).resolve(NameKind::kRole, *role).id;
    }
    auto& query = database.statement(
        role_id ? "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                  "WHERE a.role_id = :role ORDER BY a.alias"
                : "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                  "ORDER BY r.name, a.alias");
    if (role_id) {
        query.bind(":role", *role_id);
    }
    return database.guard("listing aliases", [&] {
        std::vector<RoleAlias> aliases;
        while (query.executeStep()) {
            aliases.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
        }
        return aliases;
    });
}

RoleAlias remove_role_alias(Database& database, const std::string& alias_text) {
    const std::string alias = detail::trimmed(alias_text);
    return database.guard("removing an alias", [&] {
        WriteTransaction transaction(database);
        auto& remove =
            database.statement("DELETE FROM role_aliases WHERE alias = :alias RETURNING alias, "
                               "(SELECT name FROM roles WHERE id = role_id)");
        remove.bind(":alias", alias);
        if (!remove.executeStep()) {
            throw Error(ErrorCode::kNotFound, "no alias '" + alias + "' (see 'jobkb alias list')");
        }
        RoleAlias removed{remove.getColumn(0).getString(), remove.getColumn(1).getString()};
        remove.reset();
        transaction.commit();
        return removed;
    });
}

} // namespace jobkb
