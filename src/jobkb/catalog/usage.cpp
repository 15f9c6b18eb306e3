// `jobkb skills` and `jobkb industries`: how many roles use each skill or industry.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/rows.hpp"
#include "jobkb/catalog/statements.hpp"

namespace jobkb {

namespace detail {

// A role may have a skill both as key (or mentioned) and as technology: it counts once.
UsageStatements::UsageStatements(Database& database)
    : skills{database, "listing skills",
             "SELECT s.name, count(DISTINCT rs.role_id), "
             "count(CASE WHEN rs.relevance = 'key' THEN 1 END), '' "
             "FROM skills s LEFT JOIN role_skills rs ON rs.skill_id = s.id "
             "GROUP BY s.id ORDER BY 2 DESC, 3 DESC, s.name"},
      skills_of_role{database, "listing skills",
                     "SELECT s.name, (SELECT count(DISTINCT x.role_id) FROM role_skills x "
                     "WHERE x.skill_id = s.id), "
                     "(SELECT count(*) FROM role_skills x WHERE x.skill_id = s.id "
                     "AND x.relevance = 'key'), mine.relevance "
                     "FROM role_skills mine JOIN skills s ON s.id = mine.skill_id "
                     "WHERE mine.role_id = :role AND " +
                         strongest_link("mine") + " ORDER BY mine.relevance, mine.position"},
      industries{database, "listing industries",
                 "SELECT i.name, count(ri.role_id), 0, '' FROM industries i "
                 "LEFT JOIN role_industries ri ON ri.industry_id = i.id "
                 "GROUP BY i.id ORDER BY 2 DESC, i.name"},
      industries_of_role{database, "listing industries",
                         "SELECT i.name, (SELECT count(*) FROM role_industries x "
                         "WHERE x.industry_id = i.id), 0, '' "
                         "FROM role_industries mine JOIN industries i "
                         "ON i.id = mine.industry_id "
                         "WHERE mine.role_id = :role ORDER BY mine.position"} {}

} // namespace detail

std::vector<Usage> Catalog::skills(const std::optional<std::string>& role) {
    auto& statements = this->statements().usage();
    return usage(statements.skills, statements.skills_of_role, role);
}

std::vector<Usage> Catalog::industries(const std::optional<std::string>& role) {
    auto& statements = this->statements().usage();
    return usage(statements.industries, statements.industries_of_role, role);
}

std::vector<Usage> Catalog::usage(detail::Statement& all, detail::Statement& of_role,
                                  const std::optional<std::string>& role) {
    ReadSnapshot snapshot(database_);
    auto row =
        role ? of_role.use().bind(":role", names_.resolve(NameKind::kRole, *role).id) : all.use();
    std::vector<Usage> usage;
    while (row.step()) {
        usage.push_back(Usage{row.text(0), row.int64(1), row.int64(2), row.text(3)});
    }
    return usage;
}

} // namespace jobkb
