// `jobkb role rename` and `jobkb role delete`.
#include "jobkb/role_management.hpp"

#include "jobkb/error.hpp"
#include "jobkb/given_name.hpp"
#include "jobkb/names.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

using detail::Statement;

struct RenameStatements {
    explicit RenameStatements(Database& database)
        : owner{database, "renaming a role",
                "SELECT r.id, r.name, 1 FROM roles r WHERE r.name = :name UNION ALL "
                "SELECT r.id, r.name, 0 FROM role_aliases a JOIN roles r ON r.id = a.role_id "
                "WHERE a.alias = :name"},
          drop_alias{database, "renaming a role",
                     "DELETE FROM role_aliases WHERE alias = :name AND role_id = :role"},
          rename{database, "renaming a role",
                 "UPDATE roles SET name = :name WHERE id = :role RETURNING slug"},
          keep_old{database, "renaming a role",
                   "INSERT INTO role_aliases (alias, role_id) VALUES (:alias, :role) "
                   "ON CONFLICT DO NOTHING"} {}

    Statement owner;      // the role whose name (1) or alias (0) a name is
    Statement drop_alias; // the role's alias that becomes its name
    Statement rename;     // the new name, returning the slug
    Statement keep_old;   // the old name as an alias
};

struct DeleteStatements {
    explicit DeleteStatements(Database& database)
        : counts{database, "deleting a role", R"sql(
SELECT (SELECT count(*) FROM salary_observations WHERE role_id = :role),
       (SELECT min(id) FROM role_merges WHERE into_role_id = :role AND undone_at IS NULL),
       (SELECT count(*) FROM role_aliases WHERE role_id = :role),
       (SELECT count(*) FROM role_titles WHERE role_id = :role),
       (SELECT count(*) FROM role_codes WHERE role_id = :role)
         + (SELECT count(*) FROM role_skills WHERE role_id = :role)
         + (SELECT count(*) FROM role_industries WHERE role_id = :role)
         + (SELECT count(*) FROM role_relations WHERE role_id = :role)
         + (SELECT count(*) FROM role_relations WHERE related_role_id = :role)
         + (SELECT count(*) FROM role_sources WHERE role_id = :role),
       (SELECT count(*) FROM responsibilities WHERE role_id = :role))sql"},
          forget_undone{database, "deleting a role",
                        "DELETE FROM role_merges WHERE into_role_id = :role AND undone_at IS NOT "
                        "NULL"},
          remove{database, "deleting a role", "DELETE FROM roles WHERE id = :role"} {}

    Statement counts;        // what refers to the role
    Statement forget_undone; // records of undone merges into it, which refer to it
    Statement remove;        // the role, and by cascade what only describes it
};

} // namespace

RenamedRole rename_role(Database& database, const std::string& role, const std::string& new_name,
                        bool keep_old_name) {
    const std::string name = detail::given_name(new_name, "new name");
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    if (name == target.name) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{} is already named '{}'", target.name, name));
    }
    RenameStatements statements(database);
    WriteTransaction transaction(database);
    {
        auto owner = statements.owner.use().bind(":name", name);
        while (owner.step()) {
            if (owner.int64(0) == target.id) {
                continue; // its own alias, or its own name in another letter case
            }
            if (owner.integer(2) == 1) {
                throw Error(
                    ErrorCode::kInvalidArgument,
                    fmt::format("'{}' is the name of another role, {}", name, owner.text(1)),
                    Hint{HintKind::kMergeOrRename, target.name, owner.text(1)});
            }
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' is an alias of another role, {}", name, owner.text(1)),
                        Hint{HintKind::kRemoveAliasFirst, {}, owner.text(1)});
        }
    }
    statements.drop_alias.use().bind(":name", name).bind(":role", target.id).exec();
    RenamedRole renamed{target.name, name, "", false};
    renamed.slug =
        statements.rename.use().bind(":name", name).bind(":role", target.id).single_row().text(0);
    // A change of letter case needs no alias: names are found in any case.
    if (keep_old_name && !detail::equals_ignoring_case(name, target.name)) {
        statements.keep_old.use().bind(":alias", target.name).bind(":role", target.id).exec();
        renamed.old_name_kept = true;
    }
    transaction.commit();
    return renamed;
}

DeletedRole delete_role(Database& database, const std::string& role) {
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    DeleteStatements statements(database);
    WriteTransaction transaction(database);
    DeletedRole deleted{target.name, 0, 0, 0, 0};
    {
        auto counts = statements.counts.use().bind(":role", target.id).single_row();
        if (const std::int64_t observations = counts.int64(0); observations > 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{} has {} salary observation(s), which deleting it would "
                                    "lose",
                                    target.name, observations),
                        Hint{HintKind::kMergeInstead, {}, target.name});
        }
        if (const auto merge = counts.optional_int64(1)) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("a role was merged into {} (merge {}), which deleting it would "
                                    "make impossible to undo",
                                    target.name, *merge),
                        Hint{HintKind::kUndoMergeFirst, {}, std::to_string(*merge)});
        }
        deleted.aliases = counts.int64(2);
        deleted.titles = counts.int64(3);
        deleted.links = counts.int64(4);
        deleted.responsibilities = counts.int64(5);
    }
    statements.forget_undone.use().bind(":role", target.id).exec();
    statements.remove.use().bind(":role", target.id).exec();
    transaction.commit();
    return deleted;
}

} // namespace jobkb
