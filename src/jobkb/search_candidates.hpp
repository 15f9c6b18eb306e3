#pragma once

#include "jobkb/database.hpp"
#include "jobkb/names.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

// "Did you mean" from the search index, for NameResolver: the entities whose texts hold every
// word of a name that names nothing (search_candidates is the public face, over all texts).
namespace jobkb::detail {

// Which of an entity's texts may hold the words.
enum class CandidateTexts {
    kAll,            // names, aliases, titles, summaries, descriptions, tasks, categories
    kNamesAndTitles, // names, aliases and titles only
};

// A name's first this many distinct words are looked for (the statement binds :w1 to :w6).
inline constexpr std::size_t kCandidateWords = 6;

// Up to `limit` entities of `kind` whose `texts` hold every one of the name's first
// kCandidateWords words (each word in any of them), best first. Throws Error when SQLite fails.
std::vector<NamedId> index_candidates(Database& database, std::string_view name, NameKind kind,
                                      std::size_t limit, CandidateTexts texts);

} // namespace jobkb::detail
