// `jobkb role`: everything the base knows of one role.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"

namespace jobkb {

namespace detail {
namespace {
constexpr const char* kReading = "reading a role";
} // namespace

RoleProfileStatements::RoleProfileStatements(Database& database)
    : role{database, kReading,
           "SELECT slug, name, coalesce(summary, '') FROM roles WHERE id = :role"},
      aliases{database, kReading,
              "SELECT alias FROM role_aliases WHERE role_id = :role ORDER BY alias"},
      responsibilities{database, kReading,
                       "SELECT description FROM responsibilities WHERE role_id = :role "
                       "ORDER BY position"},
      industries{database, kReading,
                 "SELECT i.name FROM role_industries ri JOIN industries i "
                 "ON i.id = ri.industry_id WHERE ri.role_id = :role ORDER BY ri.position"} {}

} // namespace detail

namespace {

std::vector<std::string> names_of(detail::Statement& statement, std::int64_t role_id) {
    auto row = statement.use().bind(":role", role_id);
    std::vector<std::string> names;
    while (row.step()) {
        names.push_back(row.text(0));
    }
    return names;
}

} // namespace

RoleProfile Catalog::role_profile(std::string_view role) {
    ReadSnapshot snapshot(database_);
    const NamedId found = names_.resolve(NameKind::kRole, role);
    auto& statements = this->statements().profile();
    RoleProfile profile;
    {
        auto row = statements.role.use().bind(":role", found.id);
        if (!row.step()) {
            throw Error(ErrorCode::kCorrupt,
                        ErrorDetails{database_.path().string(), detail::kReading,
                                     "the file is damaged (" + found.name +
                                         " is named in an index but has no row)",
                                     Hint{HintKind::kCheck, {}, {}}});
        }
        profile.slug = row.text(0);
        profile.name = row.text(1);
        profile.summary = row.text(2);
    }
    profile.aliases = names_of(statements.aliases, found.id);
    profile.responsibilities = names_of(statements.responsibilities, found.id);
    for (const auto& [skill, relevance] : role_skills(found.id)) {
        (relevance == "key" ? profile.key_skills : profile.mentioned_skills).push_back(skill);
    }
    profile.industries = names_of(statements.industries, found.id);
    profile.latest_salaries = salaries_of(found.id, std::nullopt, false);
    return profile;
}

} // namespace jobkb
