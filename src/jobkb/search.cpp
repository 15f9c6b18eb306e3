// Full-text search over the index of migration 0006 (search_documents and its FTS5 index
// search_index), the "did you mean" candidates name lookups take from it, and its repair.
#include "jobkb/search.hpp"
#include "jobkb/error.hpp"
#include "jobkb/statement.hpp"
#include "jobkb/text.hpp"

#include <cctype>

namespace jobkb {
namespace {

using detail::Statement;

// Snippet markers: control characters that names and tasks do not hold, split out again below
// so that no caller ever sees markup it did not make.
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';

// One hit per entity: its best text by bm25 (names 10, titles 5, longer texts 1; bm25 is lower
// for better matches), then the snippet of that text alone (snippet() is costly: only for the
// hits shown). SQLite takes the bare columns doc and field from the row that gave min(score)
// (sum() is no min or max, so it does not compete). Across kinds: an entity whose name or alias
// is exactly the words comes first ("python": the skill Python), then roles, then skills, then
// industries, each best first: a search is most often for roles, and a skill's alias
// ("Chatbots") would otherwise outweigh every role's tasks.
// For "did you mean", an entity's score is the sum over its texts instead (SCORE below), so that
// one whose texts hold several of the name's words ranks first. hits is MATERIALIZED: bm25()
// works only in the query that reads the FTS5 table, which flattening would merge away.
constexpr std::string_view kSearchSql = R"sql(
WITH hits AS MATERIALIZED (
    SELECT d.kind, d.entity_id, d.id AS doc, d.field,
           bm25(search_index, 10.0, 5.0, 1.0) AS score,
           d.field IN ('name', 'alias') AND d.text = :words COLLATE NOCASE AS exact
    FROM search_index JOIN search_documents d ON d.id = search_index.rowid
    WHERE search_index MATCH :match AND (:kind IS NULL OR d.kind = :kind)),
best AS (
    SELECT kind, entity_id, doc, field, SCORE AS score, sum(exact) > 0 AS exact,
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
       -t.score
FROM top t
ORDER BY t.exact DESC, t.kind_order, t.score, t.name
)sql";

std::string search_sql(std::string_view score) {
    std::string sql(kSearchSql);
    sql.replace(sql.find("SCORE"), 5, score);
    return sql;
}

struct SearchStatements {
    explicit SearchStatements(Database& database)
        : search{database, "searching", search_sql("min(score)")},
          candidates{database, "looking for similar names", search_sql("sum(score)")},
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
    Statement candidates;   // the same, by all its texts
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

std::vector<SearchHit> run_search(Statement& statement, std::string_view words,
                                  const std::string& match, std::optional<NameKind> kind,
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
    std::vector<SearchHit> hits;
    while (row.step()) {
        hits.push_back(SearchHit{kind_of(row.text(0)), row.int64(1), row.text(2), row.text(3),
                                 snippet_parts(row.text(4)), row.real(5)});
    }
    return hits;
}

} // namespace

std::vector<SearchHit> search(Database& database, const SearchQuery& query) {
    if (query.limit == 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    ErrorDetails{{}, "search", "a limit of 0 (expected at least 1)", {}});
    }
    SearchStatements statements(database);
    return run_search(statements.search, query.words, fts_match_expression(query.words), query.kind,
                      query.limit);
}

std::vector<NamedId> search_candidates(Database& database, std::string_view name, NameKind kind,
                                       std::size_t limit) {
    // Any of the name's words, each a quoted string: a name is not a query.
    std::string match;
    std::size_t words = 0;
    std::string word;
    auto add_word = [&] {
        if (!word.empty() && words < 16) {
            match += (match.empty() ? "\"" : " OR \"") + word + "\"";
            ++words;
        }
        word.clear();
    };
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += c;
        } else {
            add_word();
        }
    }
    add_word();
    std::vector<NamedId> candidates;
    if (match.empty() || limit == 0) {
        return candidates;
    }
    SearchStatements statements(database);
    for (auto& hit : run_search(statements.candidates, name, match, kind, limit)) {
        candidates.push_back({hit.id, std::move(hit.name)});
    }
    return candidates;
}

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
