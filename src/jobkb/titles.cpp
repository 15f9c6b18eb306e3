// `jobkb title add/list/remove`: the titles of roles, taught and forgotten by hand.
#include "jobkb/titles.hpp"

#include "jobkb/error.hpp"
#include "jobkb/given_name.hpp"
#include "jobkb/names.hpp"
#include "jobkb/statement.hpp"

#include <fmt/format.h>

namespace jobkb {
namespace {

using detail::Statement;

constexpr const char* kTitleColumns =
    "t.title, r.name, t.kind, coalesce(s.title, '') FROM role_titles t "
    "JOIN roles r ON r.id = t.role_id LEFT JOIN sources s ON s.id = t.source_id";

struct TitleStatements {
    explicit TitleStatements(Database& database)
        : owner{database, "adding a title",
                "SELECT r.id, r.name, 1 FROM roles r WHERE r.name = :title UNION ALL "
                "SELECT r.id, r.name, 0 FROM role_aliases a JOIN roles r "
                "ON r.id = a.role_id WHERE a.alias = :title"},
          has{database, "adding a title",
              "SELECT 1 FROM role_titles WHERE title = :title AND role_id = :role"},
          insert{database, "adding a title",
                 "INSERT INTO role_titles (title, role_id, kind) VALUES (:title, :role, 'user')"},
          others{database, "adding a title",
                 "SELECT r.name FROM role_titles t JOIN roles r ON r.id = t.role_id "
                 "WHERE t.title = :title AND t.role_id <> :role ORDER BY r.name"},
          of_role{database, "listing titles",
                  std::string("SELECT ") + kTitleColumns +
                      " WHERE t.role_id = :role ORDER BY t.title"},
          all{database, "listing titles",
              std::string("SELECT ") + kTitleColumns + " ORDER BY r.name, t.title"},
          remove{database, "removing a title",
                 "DELETE FROM role_titles WHERE title = :title AND role_id = :role "
                 "RETURNING title, kind, (SELECT title FROM sources WHERE id = source_id)"} {}

    Statement owner;   // the role whose name (1) or alias (0) a title is
    Statement has;     // whether the role has the title
    Statement insert;  // a new title
    Statement others;  // the other roles a title names
    Statement of_role; // one role's titles
    Statement all;     // every title
    Statement remove;  // forgets a title, returning it
};

} // namespace

AddedTitle add_role_title(Database& database, const std::string& role, const std::string& title) {
    const std::string text = detail::given_name(title, "title");
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    TitleStatements statements(database);
    WriteTransaction transaction(database);
    {
        auto owner = statements.owner.use().bind(":title", text);
        if (owner.step()) {
            const bool is_name = owner.integer(2) == 1;
            if (owner.int64(0) == target.id) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("title '{}' is already {} of {}", text,
                                        is_name ? "the name" : "an alias", target.name));
            }
            // Names and aliases are looked up before titles: this one would never be reached.
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("title '{}' is {} of another role, {} (a title is looked up "
                                    "after names and aliases, so it would never find {})",
                                    text, is_name ? "the name" : "an alias", owner.text(1),
                                    target.name));
        }
    }
    if (statements.has.use().bind(":title", text).bind(":role", target.id).step()) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("'{}' is already a title of {}", text, target.name));
    }
    statements.insert.use().bind(":title", text).bind(":role", target.id).exec();
    AddedTitle added{{text, target.name, "user", ""}, {}};
    for (auto row = statements.others.use().bind(":title", text).bind(":role", target.id);
         row.step();) {
        added.also_names.push_back(row.text(0));
    }
    transaction.commit();
    return added;
}

std::vector<RoleTitle> list_role_titles(Database& database,
                                        const std::optional<std::string>& role) {
    std::optional<std::int64_t> role_id;
    if (role) {
        role_id = NameResolver(database).resolve(NameKind::kRole, *role).id;
    }
    TitleStatements statements(database);
    auto query = role_id ? statements.of_role.use().bind(":role", *role_id) : statements.all.use();
    std::vector<RoleTitle> titles;
    while (query.step()) {
        titles.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
    }
    return titles;
}

RoleTitle remove_role_title(Database& database, const std::string& role, const std::string& title) {
    const std::string text = detail::trimmed(title);
    const NamedId target = NameResolver(database).resolve(NameKind::kRole, role);
    TitleStatements statements(database);
    WriteTransaction transaction(database);
    RoleTitle removed;
    {
        auto remove = statements.remove.use().bind(":title", text).bind(":role", target.id);
        if (!remove.step()) {
            throw Error(ErrorCode::kNotFound,
                        fmt::format("'{}' is no title of {}", text, target.name),
                        Hint{HintKind::kListTitles, {}, {}});
        }
        removed = {remove.text(0), target.name, remove.text(1), remove.text(2)};
    }
    transaction.commit();
    return removed;
}

} // namespace jobkb
