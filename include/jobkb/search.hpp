#pragma once

#include "jobkb/database.hpp"
#include "jobkb/names.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// A full-text search: the user's words and which things to look for.
///
/// Words are matched as the index tokenizes them (letter case and diacritics ignored, English
/// stems: "chatbot" finds "chatbots"). Several words must all match (in any of an entity's
/// texts' one text). `pipe*` matches words starting with "pipe"; `"computer vision"` matches the
/// phrase; `AND`, `OR` and `NOT` in capitals join two terms (`python OR java`, `data NOT
/// science`). Nothing else is syntax: other punctuation separates words.
struct SearchQuery {
    std::string words;            ///< what the user typed
    std::optional<NameKind> kind; ///< only roles, skills or industries; nullopt: all three
    std::size_t limit = 20;       ///< at most this many results (at least 1)
};

/// A piece of a snippet: text, and whether it is what the query matched.
struct SnippetPart {
    std::string text;     ///< the text, as stored (never markup)
    bool matched = false; ///< true for a word the query matched
};

/// One thing a search found: the entity, its best-matching text, and how well it matched.
struct SearchHit {
    NameKind kind = NameKind::kRole;  ///< what was found
    std::int64_t id = 0;              ///< its row id
    std::string name;                 ///< its canonical name
    std::string field;                ///< which text matched: "name", "alias", "title",
                                      ///< "source title", "summary", "description", "task",
                                      ///< "category"
    std::vector<SnippetPart> snippet; ///< that text around the match (shortened with "…")
    double score = 0;                 ///< relevance within its kind: higher is better (bm25,
                                      ///< negated)
};

/// The things matching `query`, best first: one hit per entity (its best-matching text). An
/// entity whose name or alias is exactly the words comes first; then roles, skills and
/// industries in that order; within a kind, those matched in a name or alias, then those
/// matched only in a title, then only in a longer text (summary, description, task, category),
/// each group ranked by bm25 (`score`). Only as many of those groups are ranked as the limit
/// needs, so a common word costs the names that hold it, not every text. Throws
/// Error(ErrorCode::kInvalidArgument) for a malformed query (an unbalanced quote, an operator
/// without a term on each side, a lone `*`, no words) or a limit of 0, and Error when SQLite fails.
std::vector<SearchHit> search(Database& database, const SearchQuery& query);

/// The FTS5 MATCH expression for the user's words (see SearchQuery): every term quoted as an FTS5
/// string, so that nothing the user types is FTS5 syntax but the documented operators, prefixes
/// and phrases. The result is meant to be bound as a parameter. Throws
/// Error(ErrorCode::kInvalidArgument) for a malformed query.
std::string fts_match_expression(std::string_view words);

/// The snippet as one line, each matched piece between `open` and `close` ("**", "**").
std::string snippet_text(const std::vector<SnippetPart>& snippet, std::string_view open,
                         std::string_view close);

/// Candidates for "did you mean" when `name` names no `kind`: up to `limit` entities whose texts
/// hold every one of the name's first six words, each word in any of the entity's texts (an
/// unknown role "chatbot engineer" finds NLP Engineer by its name and its tasks), best first:
/// by where the words are (names, then titles, then longer texts), then by how many texts hold
/// them, then by name. Never throws for what the name contains (a name is not a query: its
/// quotes and operators are words); throws Error when SQLite fails.
std::vector<NamedId> search_candidates(Database& database, std::string_view name, NameKind kind,
                                       std::size_t limit = 3);

/// Brings the search index up to date with the roles, skills and industries it indexes (after
/// hand-written SQL wrote to its tables directly): rebuilds the full-text index and adds or
/// removes the texts that differ. Returns the number of texts added or removed. Writes, in one
/// transaction; throws Error(ErrorCode::kReadOnly) for a read-only database and Error when SQLite
/// fails.
std::int64_t repair_search_index(Database& database);

} // namespace jobkb
