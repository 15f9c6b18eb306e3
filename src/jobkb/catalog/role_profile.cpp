// `jobkb role`: everything the base knows of one role. The role is found by name, slug or alias,
// or by an occupation code it is; what sources say of it (codes, descriptions, tasks, technology
// skills, titles, stated relations) is read in role_details.cpp.
#include "jobkb/catalog.hpp"
#include "jobkb/catalog/role_details.hpp"
#include "jobkb/catalog/statements.hpp"
#include "jobkb/error.hpp"
#include "jobkb/occupation_codes.hpp"

#include <fmt/format.h>

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
                       "AND task_id IS NULL ORDER BY position"},
      industries{database, kReading,
                 "SELECT i.name FROM role_industries ri JOIN industries i "
                 "ON i.id = ri.industry_id WHERE ri.role_id = :role ORDER BY ri.position"},
      by_code{database, kReading,
              "SELECT r.id, r.name, r.slug FROM role_codes c JOIN roles r ON r.id = c.role_id "
              "WHERE c.scheme = :scheme AND c.code = :code AND c.relation = 'is'"},
      within_code{database, kReading,
                  "SELECT r.name FROM role_codes c JOIN roles r ON r.id = c.role_id "
                  "WHERE c.scheme = :scheme AND c.code = :code AND c.relation = 'within' "
                  "ORDER BY r.name"},
      codes{database, kReading,
            "SELECT c.scheme, c.code, c.relation, coalesce(s.title, ''), c.source_id "
            "FROM role_codes c LEFT JOIN sources s ON s.id = c.source_id "
            "WHERE c.role_id = :role ORDER BY c.relation, c.scheme, c.code"},
      occupation_title{database, kReading,
                       "SELECT title, source_id FROM role_sources WHERE role_id = :role AND "
                       "title IS NOT NULL ORDER BY source_id DESC LIMIT 1"},
      descriptions{database, kReading,
                   "SELECT s.title, coalesce(rs.title, ''), coalesce(rs.description, ''), "
                   "rs.job_zone FROM role_sources rs JOIN sources s ON s.id = rs.source_id "
                   "WHERE rs.role_id = :role ORDER BY rs.source_id"},
      tasks{database, kReading,
            "SELECT p.description, coalesce(p.task_type, ''), p.task_id, coalesce(s.title, '') "
            "FROM responsibilities p LEFT JOIN sources s ON s.id = p.source_id "
            "WHERE p.role_id = :role AND p.task_id IS NOT NULL "
            "ORDER BY p.task_type IS NULL, p.task_type, p.position"},
      technology{database, kReading,
                 "SELECT k.name, coalesce(c.title, ''), rs.hot_technology, rs.in_demand, "
                 "coalesce(s.title, '') FROM role_skills rs JOIN skills k ON k.id = rs.skill_id "
                 "LEFT JOIN skill_categories c ON c.id = k.category_id "
                 "LEFT JOIN sources s ON s.id = rs.source_id "
                 "WHERE rs.role_id = :role AND rs.relevance = 'technology' ORDER BY rs.position"},
      titles{database, kReading,
             "SELECT t.title, t.kind, coalesce(s.title, '') FROM role_titles t "
             "LEFT JOIN sources s ON s.id = t.source_id WHERE t.role_id = :role "
             "ORDER BY CASE t.kind WHEN 'occupation' THEN 0 WHEN 'user' THEN 1 ELSE 2 END, "
             "t.title"},
      relations{database, kReading,
                "SELECT r.name, r.slug, rr.tier, rr.position, s.title FROM role_relations rr "
                "JOIN roles r ON r.id = rr.related_role_id JOIN sources s ON s.id = rr.source_id "
                "WHERE rr.role_id = :role ORDER BY rr.source_id, rr.position"},
      source_ids{database, kReading, R"sql(
SELECT source_id FROM roles WHERE id = :role
UNION SELECT source_id FROM responsibilities WHERE role_id = :role
UNION SELECT source_id FROM role_skills WHERE role_id = :role
UNION SELECT source_id FROM role_industries WHERE role_id = :role
UNION SELECT source_id FROM role_codes WHERE role_id = :role
UNION SELECT source_id FROM role_sources WHERE role_id = :role
UNION SELECT source_id FROM role_titles WHERE role_id = :role
UNION SELECT source_id FROM role_relations WHERE role_id = :role
UNION SELECT o.source_id FROM salary_latest l JOIN salary_observations o
      ON o.id = l.observation_id WHERE l.role_id = :role)sql"},
      source{database, kReading,
             "SELECT title, coalesce(publisher, ''), coalesce(version, ''), "
             "coalesce(licence, ''), coalesce(attribution, ''), coalesce(url, ''), "
             "coalesce(published_on, ''), coalesce(note, '') FROM sources WHERE id = :source"} {}

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
    auto& statements = this->statements().profile();
    NamedId found;
    // NameResolver finds a role by a code it is (a SOC prefix too); for a code no role is, say
    // which roles are within it.
    const auto code = parse_occupation_code(role);
    try {
        found = names_.resolve(NameKind::kRole, role);
    } catch (const Error& error) {
        if (!code || error.code() != ErrorCode::kNotFound) {
            throw;
        }
        std::string within;
        auto inside =
            statements.within_code.use().bind(":scheme", code->scheme).bind(":code", code->code);
        while (inside.step()) {
            within += (within.empty() ? "" : ", ") + inside.text(0);
        }
        const auto* scheme = find_occupation_scheme(code->scheme);
        throw Error(ErrorCode::kNotFound,
                    within.empty()
                        ? fmt::format("no role is occupation {} {}", scheme->name, code->code)
                        : fmt::format("no role is occupation {} {}; within it: {}", scheme->name,
                                      code->code, within));
    }
    RoleProfile profile;
    {
        auto row = statements.role.use().bind(":role", found.id);
        if (!row.step()) {
            throw Error(ErrorCode::kCorrupt,
                        ErrorDetails{database_.path().string(), "reading a role",
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
        if (relevance == "key") {
            profile.key_skills.push_back(skill);
        } else if (relevance == "mentioned") {
            profile.mentioned_skills.push_back(skill);
        }
    }
    profile.industries = names_of(statements.industries, found.id);
    profile.latest_salaries = salaries_of(found.id, std::nullopt, false);
    std::vector<std::int64_t> source_ids;
    detail::read_role_details(statements, found.id, profile, source_ids);
    for (auto& broader : profile.broader) {
        if (const auto id = detail::broader_role(statements, broader, source_ids)) {
            broader.latest_salaries = salaries_of(*id, std::nullopt, false);
        }
    }
    detail::read_sources(statements, source_ids, profile);
    return profile;
}

} // namespace jobkb
