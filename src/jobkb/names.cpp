#include "jobkb/names.hpp"

#include "jobkb/error.hpp"
#include "jobkb/name_matching.hpp"
#include "jobkb/search_candidates.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <optional>

namespace jobkb {
namespace {

// Canonical name, else slug, else alias, else (roles) an occupation code the role is, else a title
// that names one role: coalesce() stops at the first index search that finds one, so the usual
// case is one search and nothing is sorted. One row always: a NULL id when nothing matched. The
// name is read from the row: an id with no row (an index pointing into a damaged page) comes back
// with a NULL name.
//
// Codes: the scheme IN list lets each probe use the (scheme, code) index; a code's shape belongs
// to one scheme, so at most one probe finds it. A SOC 2018 code ("15-2051") also finds the role
// that is its O*NET occupation "15-2051.00", or else the one role that is an O*NET occupation
// within it ("15-2051.01"); several such roles make it ambiguous (NULL here, listed by
// kAmbiguousRoles). A title names a role only when it names exactly one.
constexpr const char* kResolveRole = R"sql(
SELECT found.id, (SELECT name FROM roles WHERE id = found.id)
FROM (SELECT coalesce(
          (SELECT id FROM roles WHERE name = :name),
          (SELECT id FROM roles WHERE slug = lower(:name)),
          (SELECT role_id FROM role_aliases WHERE alias = :name),
          (SELECT role_id FROM role_codes
           WHERE scheme IN ('onet-soc-2019', 'soc-2018', 'isco-08', 'esco') AND code = :name
             AND relation = 'is'),
          (SELECT role_id FROM role_codes
           WHERE scheme = 'onet-soc-2019' AND code = :name || '.00' AND relation = 'is'
             AND :name GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9]'),
          (SELECT CASE WHEN count(*) = 1 THEN max(role_id) END FROM role_codes
           WHERE scheme = 'onet-soc-2019' AND code > :name || '.' AND code < :name || '/'
             AND relation = 'is' AND :name GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9]'),
          (SELECT CASE WHEN count(*) = 1 THEN max(role_id) END FROM role_titles
           WHERE title = :name)) AS id) AS found)sql";

// The roles an ambiguous title or SOC code names.
constexpr const char* kAmbiguousRoles = R"sql(
SELECT r.name FROM role_titles t JOIN roles r ON r.id = t.role_id WHERE t.title = :name
UNION
SELECT r.name FROM role_codes c JOIN roles r ON r.id = c.role_id
WHERE c.scheme = 'onet-soc-2019' AND c.code > :name || '.' AND c.code < :name || '/'
  AND c.relation = 'is' AND :name GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9]'
ORDER BY 1
LIMIT 1000)sql";

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
    "SELECT a.alias, r.name FROM role_aliases a JOIN roles r ON r.id = a.role_id UNION ALL "
    "SELECT t.title, r.name FROM role_titles t JOIN roles r ON r.id = t.role_id";
constexpr const char* kSkillSpellings =
    "SELECT name, name FROM skills UNION ALL "
    "SELECT a.alias, s.name FROM skill_aliases a JOIN skills s ON s.id = a.skill_id";
constexpr const char* kIndustrySpellings =
    "SELECT name, name FROM industries UNION ALL "
    "SELECT a.alias, i.name FROM industry_aliases a JOIN industries i ON i.id = a.industry_id";

// The alpha-2 code, else another name (alpha-3, official, common), else the short name: one row,
// the code or NULL.
constexpr const char* kResolveCountry = R"sql(
SELECT coalesce(
    (SELECT code FROM countries WHERE code = upper(:country)),
    (SELECT country_code FROM country_names WHERE name = :country),
    (SELECT code FROM countries WHERE name = :country COLLATE NOCASE)))sql";
// Every country's names, and how a suggestion shows the country.
constexpr const char* kCountrySpellings =
    "SELECT name, name || ' (' || code || ')' FROM countries UNION ALL "
    "SELECT n.name, c.name || ' (' || c.code || ')' FROM country_names n "
    "JOIN countries c ON c.code = n.country_code";

// The search index adds at most this many suggestions to the spellings'.
constexpr std::size_t kIndexSuggestions = 3;

// An ambiguous name's message lists this many of its roles.
constexpr std::size_t kListedCandidates = 8;

std::size_t index_of(NameKind kind) { return static_cast<std::size_t>(kind); }

// The known spellings of one kind, indexed, with the names they stand for.
struct Suggester {
    detail::SpellingIndex index;
    std::vector<std::string> names; // by target
};

} // namespace

namespace detail {

// Indexed by NameKind; the country's last.
struct NameStatements {
    explicit NameStatements(Database& database)
        : resolve{{{database, "looking up a name", kResolveRole},
                   {database, "looking up a name", kResolveSkill},
                   {database, "looking up a name", kResolveIndustry}}},
          spellings{{{database, "looking up names", kRoleSpellings},
                     {database, "looking up names", kSkillSpellings},
                     {database, "looking up names", kIndustrySpellings},
                     {database, "looking up names", kCountrySpellings}}},
          ambiguous{database, "looking up a name", kAmbiguousRoles}, country{database,
                                                                             "looking up a country",
                                                                             kResolveCountry} {}

    std::array<Statement, 3> resolve;   // the id and name of what :name names
    std::array<Statement, 4> spellings; // every spelling with what it stands for
    Statement ambiguous;                // the roles an ambiguous title or code names
    Statement country;                  // the code of the country :country names
    std::array<std::optional<Suggester>, 4> suggesters; // read at the first suggestion
};

} // namespace detail

namespace {

using detail::Statement;

// The spellings a statement lists (spelling, what it stands for), indexed by their words.
Suggester read_suggester(Statement& spellings, detail::WordRules rules) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (auto row = spellings.use(); row.step();) {
        rows.emplace_back(row.text(0), row.text(1));
    }
    Suggester suggester{detail::SpellingIndex(rules), {}};
    // Targets numbered in name order, so that equally close names come out alphabetically.
    for (const auto& [spelling, name] : rows) {
        suggester.names.push_back(name);
    }
    std::sort(suggester.names.begin(), suggester.names.end());
    suggester.names.erase(std::unique(suggester.names.begin(), suggester.names.end()),
                          suggester.names.end());
    for (const auto& [spelling, name] : rows) {
        const auto target = std::lower_bound(suggester.names.begin(), suggester.names.end(), name);
        suggester.index.add(spelling, static_cast<std::uint32_t>(target - suggester.names.begin()));
    }
    return suggester;
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

std::optional<NamedId> NameResolver::find(NameKind kind, std::string_view name) {
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
    if (kind == NameKind::kRole) {
        std::size_t count = 0;
        if (const auto roles = ambiguous_roles(name, kListedCandidates, &count); !roles.empty()) {
            std::string listed = fmt::format("{}", fmt::join(roles, ", "));
            if (count > roles.size()) {
                listed += fmt::format(" and {} more", count - roles.size());
            }
            throw Error(
                ErrorCode::kAmbiguous,
                fmt::format("ambiguous role '{}': it names {} roles: {}", name, count, listed));
        }
    }
    return std::nullopt;
}

NamedId NameResolver::resolve(NameKind kind, std::string_view name) {
    if (auto found = find(kind, name)) {
        return std::move(*found);
    }
    std::string message =
        "unknown " + std::string(to_string(kind)) + " '" + std::string(name) + "'";
    if (const auto near = suggestions(kind, name); !near.empty()) {
        message += ": did you mean " + detail::or_list(near) + "?";
    }
    throw Error(ErrorCode::kNotFound, message);
}

std::vector<std::string> NameResolver::ambiguous_roles(std::string_view name, std::size_t limit,
                                                       std::size_t* count) {
    std::vector<std::string> roles;
    std::size_t found = 0;
    for (auto row = statements().ambiguous.use().bind(":name", name); row.step(); ++found) {
        if (roles.size() < limit) {
            roles.push_back(row.text(0));
        }
    }
    if (count != nullptr) {
        *count = found > 1 ? found : 0;
    }
    return found > 1 ? roles : std::vector<std::string>{};
}

std::string NameResolver::resolve_country(std::string_view code_or_name) {
    {
        auto row = statements().country.use().bind(":country", code_or_name);
        if (row.step() && !row.is_null(0)) {
            return row.text(0);
        }
    }
    std::string message =
        "unknown country '" + std::string(code_or_name) +
        "' (expected an ISO 3166-1 code such as IN, US or USA, or a country name)";
    if (const auto near = country_suggestions(code_or_name); !near.empty()) {
        message += ": did you mean " + detail::or_list(near) + "?";
    }
    throw Error(ErrorCode::kNotFound, message);
}

std::vector<std::string> NameResolver::suggestions(NameKind kind, std::string_view name,
                                                   std::size_t limit) {
    auto& suggester = statements().suggesters[index_of(kind)];
    if (!suggester) {
        suggester =
            read_suggester(statements().spellings[index_of(kind)], detail::WordRules::kJobs);
    }
    std::vector<std::string> names;
    for (const std::uint32_t target : suggester->index.closest(name, limit)) {
        names.push_back(suggester->names[target]);
    }
    // Spellings answer slips; a name spelled like nothing known ("chatbot developer", an O*NET
    // alternate title the base lacks) may still be what a role's titles or tasks say. The index
    // fills the room the spellings leave, with at most kIndexSuggestions names that hold every
    // one of the name's words; beside a near spelling, only names and titles count (a task's
    // mention of "engineer" is no rival to a typo's fix).
    const std::size_t room = std::min(limit - std::min(limit, names.size()), kIndexSuggestions);
    if (room == 0) {
        return names;
    }
    const auto texts =
        names.empty() ? detail::CandidateTexts::kAll : detail::CandidateTexts::kNamesAndTitles;
    std::size_t added = 0;
    for (auto& candidate :
         detail::index_candidates(database_, name, kind, room + names.size(), texts)) {
        if (added < room && std::find(names.begin(), names.end(), candidate.name) == names.end()) {
            names.push_back(std::move(candidate.name));
            ++added;
        }
    }
    return names;
}

std::vector<std::string> NameResolver::country_suggestions(std::string_view name,
                                                           std::size_t limit) {
    auto& suggester = statements().suggesters[3];
    if (!suggester) {
        suggester = read_suggester(statements().spellings[3], detail::WordRules::kPlaces);
    }
    std::vector<std::string> names;
    for (const std::uint32_t target : suggester->index.closest(name, limit)) {
        names.push_back(suggester->names[target]);
    }
    return names;
}

} // namespace jobkb
