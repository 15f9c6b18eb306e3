#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Suggestions for a name that names nothing: the known spellings closest to it as people write
// names, by their words rather than letter by letter. "ML Engineer" is near "Machine Learning
// Engineer" (an abbreviation), "Senior Data Scientist" near "Data Scientist" (a seniority word),
// "Engineer, Machine Learning" near it too (word order), "Data Scientists" (a plural), and
// "Data Scientis" or "pyton" (a slip of one or two letters) near what they misspell.
namespace jobkb::detail {

// How much of the rules a kind of name takes. Roles, skills and industries are job vocabulary
// (abbreviations, seniority and word families apply); countries are place names, compared by
// their words only (their alpha-2 codes would read as abbreviations: "CV", "AI", "ML").
enum class WordRules {
    kJobs,
    kPlaces,
};

// The words of a name as suggestions compare them: ASCII letters folded to lower case; split at
// anything that is not a letter, digit, '+' or '#' (so "C++" and "C#" stay words; bytes of other
// scripts count as letters); a plural made singular; with kJobs, abbreviations spelled out ("ml"
// -> "machine learning"), a word family named by one member ("scientist" -> "science") and
// seniority words left out ("senior", "lead", "head of"); little words ("of", "and") left out.
// When leaving words out would leave none, they stay. At most kMaxWords words of at most
// kMaxWordBytes bytes each, so a name of any length costs a bounded amount.
std::vector<std::string> comparable_words(std::string_view name, WordRules rules);

// A comparable word, and the form it was written in before a word family named it ("science"
// written "scientist"): suggestions forgive slips in the written form.
struct ComparableWord {
    std::string word;
    std::string written;
};
std::vector<ComparableWord> comparable_word_forms(std::string_view name, WordRules rules);

inline constexpr std::size_t kMaxWords = 16;
inline constexpr std::size_t kMaxWordBytes = 64;

// The optimal string alignment distance of a and b (Levenshtein's, with a swap of two adjacent
// letters counting one: "indai" is 1 from "india"), ASCII letters compared without case. Gives
// up at limit + 1: a pair further apart than `limit` costs no more than the first rows that prove
// it.
std::size_t transposition_distance(std::string_view a, std::string_view b, std::size_t limit);

// The known spellings of one kind of name (names, aliases, titles), each standing for a target
// (the caller's index of what it names), and the closest of them to a wanted name. Spellings are
// indexed by word, so a lookup compares the wanted words with the distinct words once and scores
// only the spellings that share a word with it: its cost grows with the vocabulary, not with the
// number of spellings times their lengths.
class SpellingIndex {
public:
    explicit SpellingIndex(WordRules rules) : rules_(rules) {}

    // Adds a spelling of `target`.
    void add(std::string_view spelling, std::uint32_t target);

    // Up to `limit` targets closest to `wanted`, best first, each once. A spelling counts when it
    // shares at least 40% of the wanted name's weight (rare words weigh more than common ones);
    // spellings are ranked by how much of the wanted words they cover and how much of their own
    // words the wanted name covers, then by the distance of the whole names, then by target.
    std::vector<std::uint32_t> closest(std::string_view wanted, std::size_t limit) const;

    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct Entry {
        std::vector<std::uint32_t> words; // word ids, distinct
        std::uint32_t target = 0;
    };
    struct Scored {
        double score = 0;
        std::size_t distance = 0;
        std::uint32_t entry = 0;
    };

    // The word's id, added to the vocabulary if new.
    std::uint32_t word_id(const std::string& word);
    // For each wanted word, how strongly each vocabulary word matches it (1 for the same word,
    // less for a near one or one it begins), through the words and their written forms.
    std::vector<std::unordered_map<std::uint32_t, double>>
    matches(const std::vector<std::string>& wanted) const;
    std::string joined(const Entry& entry) const;

    WordRules rules_;
    std::vector<Entry> entries_;
    std::vector<std::string> words_;                           // by id
    std::unordered_map<std::string, std::uint32_t> word_ids_;  // word -> id
    std::vector<std::vector<std::uint32_t>> postings_;         // word id -> entries that have it
    std::vector<std::pair<std::string, std::uint32_t>> forms_; // every word and written form
    std::unordered_map<std::string, std::uint32_t> form_ids_;  // written form -> word id
    std::unordered_map<std::string, std::uint32_t> seen_;      // "target/words" of each entry
};

} // namespace jobkb::detail
