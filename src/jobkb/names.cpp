#include "jobkb/names.hpp"

#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>

namespace jobkb {
namespace {

// Canonical name, else slug, else alias: coalesce() stops at the first index search that finds
// one, so the usual case is one search and nothing is sorted. One row always: a NULL id when
// nothing matched. The name is read from the row: an id with no row (an index pointing into a
// damaged page) comes back with a NULL name.
constexpr const char* kResolveRole = R"sql(
SELECT found.id, (SELECT name FROM roles WHERE id = found.id)
FROM (SELECT coalesce(
          (SELECT id FROM roles WHERE name = :name),
          (SELECT id FROM roles WHERE slug = lower(:name)),
          (SELECT role_id FROM role_aliases WHERE alias = :name)) AS id) AS found)sql";

constexpr const char* kResolveSkill = R"sql(
SELECT found.id, (SELECT name FROM skills WHERE id = found.id)
FROM (SELECT coalesce(
          (SELECT id FROM skills WHERE name = :name),
          (SELECT id FROM skills WHERE slug = lower(:name)),
          (SELECT skill_id FROM skill_aliases WHERE alias = :name)) AS id) AS found)sql";

constexpr const char* kResolveIndustry = R"sql(
SELECT found.id, (SELECT name FROM industries WHERE id = found.id)
FROM (SELECT coalesce(
          (SELECT id FROM industries WHERE name = :name),
          (SELECT id FROM industries WHERE slug = lower(:name)),
          (SELECT industry_id FROM industry_aliases WHERE alias = :name)) AS id) AS found)sql";

// Every spelling and the canonical name it stands for, for suggestions.
constexpr const char* kRoleSpellings =
    "SELECT name, name FROM roles UNION ALL "
    "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id";
constexpr const char* kSkillSpellings =
    "SELECT name, name FROM skills UNION ALL "
    "SELECT a.alias, s.name FROM skill_aliases a JOIN skills s ON s.id = a.skill_id";
constexpr const char* kIndustrySpellings =
    "SELECT name, name FROM industries UNION ALL "
    "SELECT a.alias, i.name FROM industry_aliases a JOIN industries i ON i.id = a.industry_id";

// "UK" is reserved in ISO 3166-1 for the United Kingdom, whose code is GB; people write it anyway.
constexpr const char* kResolveCountry =
    "SELECT code FROM countries WHERE code = upper(:country) OR name = :country COLLATE NOCASE "
    "OR (upper(:country) = 'UK' AND code = 'GB') ORDER BY code = upper(:country) DESC LIMIT 1";
constexpr const char* kCountryNames = "SELECT name, code FROM countries";

std::size_t index_of(NameKind kind) { return static_cast<std::size_t>(kind); }

} // namespace

namespace detail {

// Indexed by NameKind.
struct NameStatements {
    explicit NameStatements(Database& database)
        : resolve{{{database, "looking up a name", kResolveRole},
                   {database, "looking up a name", kResolveSkill},
                   {database, "looking up a name", kResolveIndustry}}},
          spellings{{{database, "looking up names", kRoleSpellings},
                     {database, "looking up names", kSkillSpellings},
                     {database, "looking up names", kIndustrySpellings}}},
          country{database, "looking up a country", kResolveCountry},
          country_names{database, "looking up names", kCountryNames} {}

    std::array<Statement, 3> resolve;   // the id and name of what :name names
    std::array<Statement, 3> spellings; // every spelling with its canonical name
    Statement country;                  // the code of the country :country names
    Statement country_names;            // every country's name and code
};

} // namespace detail

namespace {

using detail::Statement;

std::string quote_list(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
        text += names[i];
    }
    return text;
}

// Ranks spellings (spelling -> canonical name) by closeness to `wanted`.
std::vector<std::string> closest(Statement& spellings, std::string_view wanted, std::size_t limit) {
    const std::string needle = detail::ascii_lowered(wanted);
    // Short names are near too many others to make useful suggestions at distance 2.
    const std::size_t tolerance =
        needle.size() <= 3 ? 1 : std::max<std::size_t>(2, needle.size() / 3);
    std::map<std::string, std::size_t> best; // canonical name -> best score
    auto row = spellings.use();
    while (row.step()) {
        const std::string spelling = detail::ascii_lowered(row.text(0));
        // The distance is at least the difference in length: what cannot be near is not
        // measured (a long name from a file would otherwise cost its length squared).
        const std::size_t gap =
            std::max(needle.size(), spelling.size()) - std::min(needle.size(), spelling.size());
        std::size_t score = gap > tolerance ? gap : edit_distance(needle, spelling);
        if (needle.size() >= 3 && spelling.find(needle) != std::string::npos) {
            score = std::min<std::size_t>(score, 1); // "learning" -> "Deep Learning"
        }
        if (score <= tolerance) {
            auto [entry, added] = best.emplace(row.text(1), score);
            if (!added) {
                entry->second = std::min(entry->second, score);
            }
        }
    }
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [name, score] : best) {
        ranked.emplace_back(score, name);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> names;
    for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) {
        names.push_back(ranked[i].second);
    }
    return names;
}

} // namespace

std::string_view to_string(NameKind kind) {
    switch (kind) {
    case NameKind::kRole:
        return "role";
    case NameKind::kSkill:
        return "skill";
    case NameKind::kIndustry:
        return "industry";
    }
    return "name";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution =
                previous[j - 1] +
                (detail::ascii_lower(a[i - 1]) == detail::ascii_lower(b[j - 1]) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

NameResolver::NameResolver(Database& database) : database_(database) {}

NameResolver::~NameResolver() = default;

NameResolver::NameResolver(NameResolver&& other) noexcept
    : database_(other.database_), statements_(std::move(other.statements_)) {}

detail::NameStatements& NameResolver::statements() {
    if (!statements_) {
        statements_ = std::make_unique<detail::NameStatements>(database_);
    }
    return *statements_;
}

NamedId NameResolver::resolve(NameKind kind, std::string_view name) {
    {
        auto row = statements().resolve[index_of(kind)].use().bind(":name", name);
        if (row.step() && !row.is_null(0)) {
            if (row.is_null(1)) {
                throw Error(ErrorCode::kCorrupt,
                            ErrorDetails{database_.path().string(), "looking up a name",
                                         fmt::format("the file is damaged ({} '{}' is named in "
                                                     "an index but has no row)",
                                                     to_string(kind), name),
                                         Hint{HintKind::kCheck, {}, {}}});
            }
            return NamedId{row.int64(0), row.text(1)};
        }
    }
    std::string message =
        "unknown " + std::string(to_string(kind)) + " '" + std::string(name) + "'";
    if (const auto near = suggestions(kind, name); !near.empty()) {
        message += ": did you mean " + quote_list(near) + "?";
    }
    throw Error(ErrorCode::kNotFound, message);
}

std::string NameResolver::resolve_country(std::string_view code_or_name) {
    {
        auto row = statements().country.use().bind(":country", code_or_name);
        if (row.step()) {
            return row.text(0);
        }
    }
    std::string message = "unknown country '" + std::string(code_or_name) +
                          "' (expected an ISO 3166-1 code such as IN or US, or a country name)";
    if (const auto near = closest(statements().country_names, code_or_name, 3); !near.empty()) {
        message += ": did you mean " + quote_list(near) + "?";
    }
    throw Error(ErrorCode::kNotFound, message);
}

std::vector<std::string> NameResolver::suggestions(NameKind kind, std::string_view name,
                                                   std::size_t limit) {
    return closest(statements().spellings[index_of(kind)], name, limit);
}

} // namespace jobkb
