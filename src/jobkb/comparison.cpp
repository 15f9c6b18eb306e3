#include "jobkb/comparison.hpp"

#include "jobkb/catalog/rows.hpp"

#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace jobkb {
namespace {

using detail::Statement;

// One statement: the target's skills in its order (key first), each with what the current role
// has of it. A role may have a skill twice, as key (or mentioned) and as an occupation's
// technology skill (migration 0008): each is taken once, at its strongest relevance.
std::string gap_sql() {
    return R"sql(
SELECT s.name, t.relevance,
       coalesce((SELECT min(c.relevance) FROM role_skills c
                 WHERE c.role_id = :current AND c.skill_id = t.skill_id), '')
FROM role_skills t
JOIN skills s ON s.id = t.skill_id
WHERE t.role_id = :target AND )sql" +
           detail::strongest_link("t") + " ORDER BY t.relevance, t.position";
}

// Roles sharing a skill, found through role_skills_by_skill from this role's skills; the other
// role's skill count comes from its primary-key range. Skills count once however many
// relevances a role has them with.
constexpr const char* kOverlap = R"sql(
SELECT r.name, other.role_id, count(DISTINCT other.skill_id) AS shared,
       (SELECT count(DISTINCT skill_id) FROM role_skills mine WHERE mine.role_id = :role) +
       (SELECT count(DISTINCT skill_id) FROM role_skills theirs
        WHERE theirs.role_id = other.role_id) - count(DISTINCT other.skill_id)
FROM role_skills mine
JOIN role_skills other ON other.skill_id = mine.skill_id AND other.role_id <> mine.role_id
JOIN roles r ON r.id = other.role_id
WHERE mine.role_id = :role
GROUP BY other.role_id)sql";

std::string shared_skills_sql() {
    return R"sql(
SELECT s.name FROM role_skills mine
JOIN skills s ON s.id = mine.skill_id
WHERE mine.role_id = :role
  AND EXISTS (SELECT 1 FROM role_skills other
              WHERE other.role_id = :other AND other.skill_id = mine.skill_id)
  AND )sql" +
           detail::strongest_link("mine") + " ORDER BY mine.relevance, mine.position";
}

struct ComparisonStatements {
    explicit ComparisonStatements(Database& database)
        : gap{database, "comparing two roles' skills", gap_sql()}, overlap{database,
                                                                           "finding related roles",
                                                                           kOverlap},
          shared_skills{database, "finding related roles", shared_skills_sql()} {}

    Statement gap;           // the target's skills with the current role's relevance of each
    Statement overlap;       // roles sharing skills with :role, with the counts
    Statement shared_skills; // the skills :role and :other share
};

// Items with their order of first appearance, so ties keep the sources' order.
struct ItemTable {
    std::vector<ComparedItem> items;
    std::map<std::string, std::size_t> index;

    void mark(const std::string& name, std::size_t role, std::size_t role_count,
              const std::string& how) {
        auto [entry, added] = index.emplace(name, items.size());
        if (added) {
            items.push_back(ComparedItem{name, std::vector<std::string>(role_count), 0});
        }
        auto& item = items[entry->second];
        if (item.per_role[role].empty()) {
            item.per_role[role] = how;
            ++item.shared_by;
        }
    }

    std::vector<ComparedItem> ranked() && {
        std::stable_sort(items.begin(), items.end(),
                         [](const auto& a, const auto& b) { return a.shared_by > b.shared_by; });
        return std::move(items);
    }
};

} // namespace

Comparison compare_roles(Catalog& catalog, const std::vector<std::string>& roles) {
    ReadSnapshot snapshot(catalog.database());
    if (roles.size() < 2) {
        throw Error(ErrorCode::kInvalidArgument, "a comparison needs at least two roles");
    }
    std::vector<RoleProfile> profiles;
    for (const auto& role : roles) {
        profiles.push_back(catalog.role_profile(role));
        for (std::size_t i = 0; i + 1 < profiles.size(); ++i) {
            if (profiles[i].name == profiles.back().name) {
                throw Error(ErrorCode::kInvalidArgument,
                            "role '" + role + "' is " + profiles.back().name + ", named twice");
            }
        }
    }
    Comparison comparison;
    ItemTable skills;
    ItemTable industries;
    std::map<std::tuple<std::string, std::string, std::string>, ComparedSalary> salaries;
    const std::size_t count = profiles.size();
    for (std::size_t i = 0; i < count; ++i) {
        const auto& profile = profiles[i];
        comparison.roles.push_back(profile.name);
        for (const auto& skill : profile.key_skills) {
            skills.mark(skill, i, count, "key");
        }
        for (const auto& skill : profile.mentioned_skills) {
            skills.mark(skill, i, count, "mentioned");
        }
        for (const auto& industry : profile.industries) {
            industries.mark(industry, i, count, "yes");
        }
        for (const auto& figure : profile.latest_salaries) {
            if (!figure.area.empty() || !figure.level.empty() || !figure.employment.empty() ||
                !figure.work_setting.empty() || !figure.company_size.empty()) {
                // The roles are compared by their countries' figures, not a state's or a survey
                // group's (a senior level's median would take the place of the whole median).
                continue;
            }
            auto key = std::tuple{figure.country_code, figure.statistic, figure.period};
            auto [entry, added] = salaries.try_emplace(key);
            if (added) {
                entry->second = ComparedSalary{figure.country_code, figure.statistic, figure.period,
                                               std::vector<std::optional<SalaryFigure>>(count)};
            }
            entry->second.per_role[i] = figure;
        }
    }
    comparison.skills = std::move(skills).ranked();
    comparison.industries = std::move(industries).ranked();
    for (auto& [key, salary] : salaries) {
        comparison.salaries.push_back(std::move(salary));
    }
    return comparison;
}

SkillGap skill_gap(Catalog& catalog, std::string_view from, std::string_view to) {
    ReadSnapshot snapshot(catalog.database());
    const NamedId current = catalog.names().resolve(NameKind::kRole, from);
    const NamedId target = catalog.names().resolve(NameKind::kRole, to);
    if (current.id == target.id) {
        throw Error(ErrorCode::kInvalidArgument,
                    ErrorDetails{{},
                                 "finding the skill gap",
                                 "'" + std::string(from) + "' and '" + std::string(to) +
                                     "' are both " + current.name +
                                     " (expected two different roles)",
                                 {}});
    }
    SkillGap gap{current.name, target.name, {}, {}};
    ComparisonStatements statements(catalog.database());
    auto row = statements.gap.use().bind(":current", current.id).bind(":target", target.id);
    while (row.step()) {
        GapItem item{row.text(0), row.text(1), row.text(2)};
        (item.in_current.empty() ? gap.to_learn : gap.carries_over).push_back(std::move(item));
    }
    return gap;
}

std::vector<RelatedRole> related_roles(Catalog& catalog, std::string_view role, std::size_t limit) {
    ReadSnapshot snapshot(catalog.database());
    const NamedId found = catalog.names().resolve(NameKind::kRole, role);
    ComparisonStatements statements(catalog.database());
    std::vector<std::pair<RelatedRole, std::int64_t>> candidates;
    {
        auto row = statements.overlap.use().bind(":role", found.id);
        while (row.step()) {
            RelatedRole related;
            related.name = row.text(0);
            related.shared = row.int64(2);
            related.union_size = row.int64(3);
            candidates.emplace_back(std::move(related), row.int64(1));
        }
    }
    // Compare shared/union exactly as fractions: a*d > c*b.
    std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
        const auto& a = x.first;
        const auto& b = y.first;
        const auto left = a.shared * b.union_size;
        const auto right = b.shared * a.union_size;
        if (left != right) {
            return left > right;
        }
        if (a.shared != b.shared) {
            return a.shared > b.shared;
        }
        return a.name < b.name;
    });
    if (candidates.size() > limit) {
        candidates.resize(limit);
    }
    std::vector<RelatedRole> related;
    for (auto& [candidate, other_id] : candidates) {
        auto row = statements.shared_skills.use().bind(":role", found.id).bind(":other", other_id);
        while (row.step()) {
            candidate.shared_skills.push_back(row.text(0));
        }
        related.push_back(std::move(candidate));
    }
    return related;
}

} // namespace jobkb
