// Full-text search over the index of migration 0006 (search_documents and its FTS5 index
// search_index), the "did you mean" candidates name lookups take from it, and its repair.
#include "jobkb/search.hpp"
#include "jobkb/error.hpp"
#include "jobkb/search_candidates.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace jobkb {
namespace {

using detail::Statement;

// Snippet markers: control characters that names and tasks do not hold, split out again below
// so that no caller ever sees markup it did not make.
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';

// One tier's hits (:match holds the tier's column filter), one per entity: its best text by
// bm25 (names 10, titles 5, longer texts 1; bm25 is lower for better matches), then the snippet
// of that text alone (snippet() is costly: only for the hits shown). SQLite takes the bare
// columns doc and field from the row that gave min(score). Across kinds: an entity whose name or
// alias is exactly the words comes first ("python": the skill Python), then roles, then skills,
// then industries, each best first: a search is most often for roles, and a skill's alias
// ("Chatbots") would otherwise outweigh every role's tasks. hits is MATERIALIZED: bm25() works
// only in the query that reads the FTS5 table, which flattening would merge away.
constexpr std::string_view kSearchSql = R"sql(
WITH hits AS MATERIALIZED (
    SELECT d.kind, d.entity_id, d.id AS doc, d.field,
           bm25(search_index, 10.0, 5.0, 1.0) AS score,
           d.field IN ('name', 'alias') AND d.text = :words COLLATE NOCASE AS exact
    FROM search_index JOIN search_documents d ON d.id = search_index.rowid
    WHERE search_index MATCH :match AND (:kind IS NULL OR d.kind = :kind)),
best AS (
    SELECT kind, entity_id, doc, field, min(score) AS score, sum(exact) > 0 AS exact,
           CASE kind WHEN 'role' THEN 0 WHEN 'skill' THEN 1 ELSE 2 END AS kind_order
    FROM hits GROUP BY kind, entity_id),
top AS (
    SELECT b.*, CASE b.kind WHEN 'role' THEN r.name WHEN 'skill' THEN s.name ELSE i.name END
                AS name
    FROM best b
    LEFT JOIN roles r ON b.kind = 'role' AND r.id = b.entity_id
    LEFT JOIN skills s ON b.kind = 'skill' AND s.id = b.entity_id
    LEFT JOIN industries i ON b.kind = 'industry' AND i.id = b.entity_id
    ORDER BY b.exact DESC, b.kind_order, b.score, name
    LIMIT :limit)
SELECT t.kind, t.entity_id, t.name, t.field,
       (SELECT snippet(search_index, -1, char(1), char(2), '…', 12) FROM search_index
        WHERE search_index MATCH :match AND rowid = t.doc),
       -t.score, t.exact
FROM top t
ORDER BY t.exact DESC, t.kind_order, t.score, t.name
)sql";

// "Did you mean" from the index: the entities of :kind whose texts hold every one of the name's
// words (:w1 to :w6, each an FTS5 string; NULL for none), each word in any one of its texts, so
// that "chatbot developer" finds the role whose tasks say "chatbots" and whose name says
// "Developer". One pass over the index per word, and no bm25: a common word's thousands of texts
// cost a count, not a ranking. Best first: the words found in names (3), titles (2) or longer
// texts (1), summed over the words, then the number of texts that hold them, then the name.
// CROSS JOIN keeps the order words, index, documents: the planner would otherwise walk every
// document of the kind and probe the index for each.
constexpr std::string_view kCandidatesSql = R"sql(
WITH words (word) AS (
    SELECT column1 FROM (VALUES (:w1), (:w2), (:w3), (:w4), (:w5), (:w6))
    WHERE column1 IS NOT NULL),
found AS (
    SELECT w.word, d.entity_id,
           max(CASE WHEN d.field IN ('name', 'alias') THEN 3
                    WHEN d.field IN ('title', 'source title') THEN 2 ELSE 1 END) AS weight,
           count(*) AS texts
    FROM words w CROSS JOIN search_index CROSS JOIN search_documents d
    WHERE search_index MATCH w.word AND d.id = search_index.rowid AND d.kind = :kind
    GROUP BY w.word, d.entity_id),
entities AS (
    SELECT entity_id, sum(weight) AS weight, sum(texts) AS texts FROM found GROUP BY entity_id
    HAVING count(*) = (SELECT count(*) FROM words)),
named AS (
    SELECT entity_id, weight, texts,
           CASE :kind WHEN 'role' THEN (SELECT name FROM roles WHERE id = entity_id)
                      WHEN 'skill' THEN (SELECT name FROM skills WHERE id = entity_id)
                      ELSE (SELECT name FROM industries WHERE id = entity_id) END AS name
    FROM entities)
SELECT entity_id, name FROM named ORDER BY weight DESC, texts DESC, name LIMIT :limit
)sql";

// The columns a search ranks in turn (see search()): a hit in a name or alias before one in a
// title before one in a longer text, whatever bm25 says across them. Each pass scores only its
// column's texts, so a common word costs the texts of the first tiers that fill the answer:
// "data" at O*NET scale is a few hundred names, not 35,000 texts.
// Which kinds have texts in each column is migration 0006's search_expected: every kind has
// names, only roles have titles, roles and skills (categories) longer texts; a search for one
// kind skips the columns it has none in.
struct Tier {
    std::string_view columns; // the FTS5 column filter
    bool skills = false;      // skills have texts here
    bool industries = false;  // industries have texts here
};
constexpr std::array<Tier, 3> kTiers = {
    {{"{name}", true, true}, {"{title}", false, false}, {"{body}", true, false}}};

struct SearchStatements {
    explicit SearchStatements(Database& database)
        : search{database, "searching", std::string(kSearchSql)},
          rebuild{database, "rebuilding the search index",
                  "INSERT INTO search_index (search_index) VALUES ('rebuild')"},
          remove_stale{database, "repairing the search index",
                       "DELETE FROM search_documents WHERE (kind, entity_id, field, ref, text) "
                       "NOT IN (SELECT kind, entity_id, field, ref, text FROM search_expected)"},
          add_missing{database, "repairing the search index",
                      "INSERT INTO search_documents (kind, entity_id, field, ref, text) "
                      "SELECT kind, entity_id, field, ref, text FROM search_expected EXCEPT "
                      "SELECT kind, entity_id, field, ref, text FROM search_documents"} {}

    Statement search;       // ranked hits, one per entity, by its best text
    Statement rebuild;      // the FTS5 index from search_documents
    Statement remove_stale; // texts no source has any more
    Statement add_missing;  // texts the sources have and the index lacks
};

std::string_view kind_code(NameKind kind) { return to_string(kind); }

NameKind kind_of(const std::string& code) {
    if (code == "skill") {
        return NameKind::kSkill;
    }
    return code == "industry" ? NameKind::kIndustry : NameKind::kRole;
}

std::vector<SnippetPart> snippet_parts(const std::string& marked) {
    std::vector<SnippetPart> parts;
    SnippetPart part;
    for (const char c : marked) {
        if (c == kOpen || c == kClose) {
            if (!part.text.empty()) {
                parts.push_back(std::move(part));
            }
            part = SnippetPart{{}, c == kOpen};
        } else {
            part.text += c;
        }
    }
    if (!part.text.empty()) {
        parts.push_back(std::move(part));
    }
    return parts;
}

// The hits of one tier, in the statement's order, each with whether its name or alias is exactly
// the words.
std::vector<std::pair<SearchHit, bool>> run_search(Statement& statement, std::string_view words,
                                                   const std::string& match,
                                                   std::optional<NameKind> kind,
                                                   std::size_t limit) {
    auto row = statement.use()
                   .bind(":match", match)
                   .bind(":words", detail::trimmed(words))
                   .bind(":limit", static_cast<std::int64_t>(limit));
    if (kind) {
        row.bind(":kind", kind_code(*kind));
    } else {
        row.bind_null(":kind");
    }
    std::vector<std::pair<SearchHit, bool>> hits;
    while (row.step()) {
        hits.emplace_back(SearchHit{kind_of(row.text(0)), row.int64(1), row.text(2), row.text(3),
                                    snippet_parts(row.text(4)), row.real(5)},
                          row.int64(6) != 0);
    }
    return hits;
}

} // namespace

std::vector<SearchHit> search(Database& database, const SearchQuery& query) {
    if (query.limit == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    ErrorDetails{{}, "search", "a limit of 0 (expected at least 1)", {}});
    }
    const std::string match = fts_match_expression(query.words);
    SearchStatements statements(database);
    // Tier by tier (see kTiers), each ranked alone; stop as soon as no later tier can place a hit
    // among the first `limit`. A later tier's hit comes after every hit found so far of its kind
    // or an earlier one, so a role there can only displace skills and industries: the answer is
    // settled once `limit` hits are exact or roles (or, with one kind asked for, once there are
    // `limit` hits).
    struct Ranked {
        SearchHit hit;
        bool exact = false;
        std::size_t tier = 0;
    };
    std::vector<Ranked> ranked;
    std::set<std::pair<NameKind, std::int64_t>> seen;
    for (std::size_t tier = 0; tier < kTiers.size(); ++tier) {
        const std::size_t settled = static_cast<std::size_t>(
            std::count_if(ranked.begin(), ranked.end(), [&](const Ranked& r) {
                return query.kind || r.exact || r.hit.kind == NameKind::kRole;
            }));
        if (settled >= query.limit) {
            break;
        }
        if ((query.kind == NameKind::kSkill && !kTiers[tier].skills) ||
            (query.kind == NameKind::kIndustry && !kTiers[tier].industries)) {
            continue;
        }
        // Entities found in an earlier tier come again here (a role's name and its title):
        // asking for as many more keeps `limit` new ones within reach.
        const std::string tier_match = std::string(kTiers[tier].columns) + " : (" + match + ")";
        for (auto& [hit, exact] : run_search(statements.search, query.words, tier_match, query.kind,
                                             query.limit + seen.size())) {
            if (seen.insert({hit.kind, hit.id}).second) {
                ranked.push_back({std::move(hit), exact, tier});
            }
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        if (a.exact != b.exact) {
            return a.exact;
        }
        if (a.hit.kind != b.hit.kind) {
            return a.hit.kind < b.hit.kind;
        }
        return a.tier < b.tier; // within a tier, the statement's order (score, then name)
    });
    std::vector<SearchHit> hits;
    for (std::size_t i = 0; i < ranked.size() && i < query.limit; ++i) {
        hits.push_back(std::move(ranked[i].hit));
    }
    return hits;
}

std::vector<NamedId> search_candidates(Database& database, std::string_view name, NameKind kind,
                                       std::size_t limit) {
    return detail::index_candidates(database, name, kind, limit, detail::CandidateTexts::kAll);
}

namespace detail {

std::vector<NamedId> index_candidates(Database& database, std::string_view name, NameKind kind,
                                      std::size_t limit, CandidateTexts texts) {
    // The name's distinct words, lower-cased, each an FTS5 string (a name is not a query: its
    // quotes and operators are words), restricted to the name and title columns when asked.
    const std::string_view columns =
        texts == CandidateTexts::kNamesAndTitles ? "{name title} : " : "";
    std::vector<std::string> words;
    std::string word;
    auto add_word = [&] {
        if (!word.empty() && words.size() < kCandidateWords) {
            std::string term = std::string(columns) + "\"" + word + "\"";
            if (std::find(words.begin(), words.end(), term) == words.end()) {
                words.push_back(std::move(term));
            }
        }
        word.clear();
    };
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += detail::ascii_lower(c);
        } else {
            add_word();
        }
    }
    add_word();
    std::vector<NamedId> candidates;
    if (words.empty() || limit == 0) {
        return candidates;
    }
    Statement statement{database, "looking for similar names", std::string(kCandidatesSql)};
    auto row = statement.use()
                   .bind(":kind", kind_code(kind))
                   .bind(":limit", static_cast<std::int64_t>(limit));
    for (std::size_t i = 0; i < kCandidateWords; ++i) {
        const std::string parameter = ":w" + std::to_string(i + 1);
        if (i < words.size()) {
            row.bind(parameter.c_str(), words[i]);
        } else {
            row.bind_null(parameter.c_str());
        }
    }
    while (row.step()) {
        if (!row.is_null(1)) {
            candidates.push_back({row.int64(0), row.text(1)});
        }
    }
    return candidates;
}

} // namespace detail

std::int64_t repair_search_index(Database& database) {
    SearchStatements statements(database);
    WriteTransaction transaction(database);
    // First the index agrees with search_documents, so that the triggers' deletes below find
    // what they delete; then search_documents agrees with the sources.
    statements.rebuild.use().exec();
    const std::int64_t removed = statements.remove_stale.use().exec();
    const std::int64_t added = statements.add_missing.use().exec();
    transaction.commit();
    return removed + added;
}

} // namespace jobkb
