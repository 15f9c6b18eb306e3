#include "jobkb/catalog.hpp"

#include <unordered_map>

namespace jobkb {
namespace {

constexpr const char* kRoles = "SELECT id, slug, name, coalesce(summary, '') FROM roles "
                               "ORDER BY name";

constexpr const char* kKeySkills =
    "SELECT rs.role_id, s.name FROM role_skills rs JOIN skills s ON s.id = rs.skill_id "
    "WHERE rs.relevance = 'key' ORDER BY rs.role_id, rs.position";

constexpr const char* kIndustries =
    "SELECT ri.role_id, i.name FROM role_industries ri "
    "JOIN industries i ON i.id = ri.industry_id ORDER BY ri.role_id, ri.position";

constexpr const char* kHeadlineSalaries =
    "SELECT l.role_id, o.country_code, c.code, coalesce(c.symbol, ''), c.minor_unit, "
    "c.digit_grouping, o.amount_minor, o.period, o.statistic, o.as_of "
    "FROM salary_latest l "
    "JOIN salary_observations o ON o.id = l.observation_id "
    "JOIN currencies c ON c.code = o.currency_code "
    "WHERE l.statistic = 'average' AND l.period = 'year' "
    "ORDER BY l.role_id, l.country_code";

} // namespace

std::vector<RoleOverview> Catalog::role_overviews() {
    return database_.guard("listing roles", [&] {
        std::vector<RoleOverview> roles;
        std::unordered_map<std::int64_t, std::size_t> index_of;
        auto& role_query = database_.statement(kRoles);
        while (role_query.executeStep()) {
            index_of.emplace(role_query.getColumn(0).getInt64(), roles.size());
            roles.push_back(RoleOverview{role_query.getColumn(1).getString(),
                                         role_query.getColumn(2).getString(),
                                         role_query.getColumn(3).getString(),
                                         {},
                                         {},
                                         {}});
        }
        // One query per kind of detail, joined here, rather than one query per role.
        auto& skills = database_.statement(kKeySkills);
        while (skills.executeStep()) {
            roles[index_of.at(skills.getColumn(0).getInt64())].key_skills.push_back(
                skills.getColumn(1).getString());
        }
        auto& industries = database_.statement(kIndustries);
        while (industries.executeStep()) {
            roles[index_of.at(industries.getColumn(0).getInt64())].industries.push_back(
                industries.getColumn(1).getString());
        }
        auto& salaries = database_.statement(kHeadlineSalaries);
        while (salaries.executeStep()) {
            SalaryFigure figure;
            figure.country_code = salaries.getColumn(1).getString();
            figure.currency =
                Currency{salaries.getColumn(2).getString(), salaries.getColumn(3).getString(),
                         salaries.getColumn(4).getInt(),
                         parse_digit_grouping(salaries.getColumn(5).getString())};
            figure.amount_minor = salaries.getColumn(6).getInt64();
            figure.period = salaries.getColumn(7).getString();
            figure.statistic = salaries.getColumn(8).getString();
            figure.as_of = salaries.getColumn(9).getString();
            roles[index_of.at(salaries.getColumn(0).getInt64())].headline_salaries.push_back(
                std::move(figure));
        }
        return roles;
    });
}

} // namespace jobkb
