#include "jobkb/name_matching.hpp"

#include "jobkb/text.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace jobkb::detail {
namespace {

// Abbreviations in job titles, skills and industries, and what they stand for. Only those whose
// meaning in job vocabulary is clear: "CV" is a curriculum vitae elsewhere, but in a job title it
// is computer vision ("CV Engineer"); "DS" is data science ("DS Manager").
constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    {"ml", "machine learning"},
    {"ai", "artificial intelligence"},
    {"nlp", "natural language processing"},
    {"cv", "computer vision"},
    {"dl", "deep learning"},
    {"bi", "business intelligence"},
    {"ds", "data science"},
    {"llm", "large language model"},
    {"it", "information technology"},
    {"hr", "human resources"},
    {"qa", "quality assurance"},
    {"swe", "software engineer"},
    {"sde", "software development engineer"},
    {"sre", "site reliability engineer"},
    {"vp", "vice president"},
    {"sw", "software"},
    {"eng", "engineer"},
    {"engr", "engineer"},
    {"dev", "developer"},
    {"mgr", "manager"},
    {"ops", "operations"},
    {"sr", "senior"},
    {"snr", "senior"},
    {"jr", "junior"},
    {"jnr", "junior"},
};

// Words of one family, named by one of them, so that "Data Science Manager" shares a word with
// "Data Scientist" and "Data Engineering" with "Data Engineer". Applied after plurals are made
// singular.
constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
    {"scientist", "science"},
    {"scientific", "science"},
    {"engineering", "engineer"},
    {"analytic", "analyst"},
    {"analysis", "analyst"},
    {"analytical", "analyst"},
    {"development", "developer"},
    {"researcher", "research"},
    {"architecture", "architect"},
    {"management", "manager"},
    {"consulting", "consultant"},
    {"consultancy", "consultant"},
    {"statistician", "statistic"},
    {"statistical", "statistic"},
    {"programming", "programmer"},
    {"designer", "design"},
    {"administration", "administrator"},
    {"operational", "operation"},
};

// Words that say how senior a job is, not what it is: "Senior Data Scientist" is a data
// scientist. Roman numerals are levels ("Data Scientist II").
constexpr std::string_view kSeniorityWords[] = {
    "senior", "junior",  "lead",  "principal", "staff", "head", "intern", "associate",
    "entry",  "trainee", "level", "mid",       "i",     "ii",   "iii",    "iv",
};

// Little words that join the others and tell names apart by nothing.
constexpr std::string_view kLittleWords[] = {"of", "the", "and", "for",  "in", "at",
                                             "to", "a",   "an",  "with", "on", "de"};

template <std::size_t N> bool listed(const std::string_view (&words)[N], std::string_view word) {
    return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

template <std::size_t N>
std::string_view replacement(const std::pair<std::string_view, std::string_view> (&table)[N],
                             std::string_view word) {
    for (const auto& [from, to] : table) {
        if (from == word) {
            return to;
        }
    }
    return {};
}

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '#' || byte >= 0x80;
}

// "technologies" -> "technology", "scientists" -> "scientist", "searches" -> "search"; words of
// three letters and words ending in ss, us or is ("class", "status", "analysis") stay.
std::string singular(std::string word) {
    const auto ends = [&](std::string_view suffix) { return word.ends_with(suffix); };
    if (word.size() < 4 || !ends("s") || ends("ss") || ends("us") || ends("is")) {
        return word;
    }
    if (ends("ies") && word.size() > 4) {
        word.replace(word.size() - 3, 3, "y");
    } else if (ends("sses") || ends("ches") || ends("shes") || ends("xes")) {
        word.resize(word.size() - 2);
    } else {
        word.pop_back();
    }
    return word;
}

// The name's raw words, lower-cased, at most kMaxWords of at most kMaxWordBytes.
std::vector<std::string> raw_words(std::string_view name) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < name.size() && words.size() < kMaxWords) {
        while (i < name.size() && !is_word_byte(name[i])) {
            ++i;
        }
        std::string word;
        for (; i < name.size() && is_word_byte(name[i]); ++i) {
            if (word.size() < kMaxWordBytes) {
                word.push_back(ascii_lower(name[i]));
            }
        }
        if (!word.empty()) {
            words.push_back(std::move(word));
        }
    }
    return words;
}

// How strongly a vocabulary word matches a wanted one: the same word, one or two letters off
// (more for longer words), or the wanted word begins it ("tensor" begins "tensorflow").
double strength(const std::string& wanted, const std::string& known) {
    if (wanted == known) {
        return 1.0;
    }
    const std::size_t tolerance = wanted.size() < 4 ? 0 : wanted.size() < 8 ? 1 : 2;
    const std::size_t gap =
        wanted.size() > known.size() ? wanted.size() - known.size() : known.size() - wanted.size();
    if (tolerance > 0 && gap <= tolerance) {
        const std::size_t distance = transposition_distance(wanted, known, tolerance);
        if (distance <= tolerance) {
            return distance == 1 ? 0.8 : 0.6;
        }
    }
    if (wanted.size() >= 3 && known.size() > wanted.size() && known.starts_with(wanted)) {
        return 0.7;
    }
    return 0.0;
}

// Spellings scored closely enough to have their whole names compared, for the final order.
constexpr std::size_t kMaxRanked = 50;
// How far below the best a suggestion may score (of 3: all of the wanted words and all of its
// own). "ML Engineer" is Machine Learning Engineer (3); "Big Data Engineer for ML" has two words
// more (2.6) and is suggested too; AI/ML Research Scientist (2.3) is not.
constexpr double kCloseToTheBest = 0.5;
// How much of the wanted name's weight a spelling must share to be suggested at all: "Cloud Data
// Engineer" shares data and engineer with Big Data Engineer, but not its rarest word.
constexpr double kMinWantedShare = 0.4;

} // namespace

std::vector<ComparableWord> comparable_word_forms(std::string_view name, WordRules rules) {
    std::vector<std::string> expanded;
    for (const std::string& word : raw_words(name)) {
        const std::string_view spelled =
            rules == WordRules::kJobs ? replacement(kAbbreviations, word) : std::string_view();
        if (spelled.empty()) {
            expanded.push_back(word);
            continue;
        }
        for (const std::string& part : raw_words(spelled)) {
            expanded.push_back(part);
        }
    }
    std::vector<ComparableWord> kept;
    std::vector<ComparableWord> all;
    const auto add_distinct = [](std::vector<ComparableWord>& words, const ComparableWord& word) {
        if (std::none_of(words.begin(), words.end(),
                         [&](const ComparableWord& w) { return w.word == word.word; })) {
            words.push_back(word);
        }
    };
    for (std::string& text : expanded) {
        ComparableWord word;
        word.written = singular(std::move(text));
        word.word = word.written;
        if (rules == WordRules::kJobs) {
            if (const auto family = replacement(kFamilies, word.word); !family.empty()) {
                word.word = std::string(family);
            }
        }
        const bool dropped = listed(kLittleWords, word.word) ||
                             (rules == WordRules::kJobs && listed(kSeniorityWords, word.word));
        if (!dropped) {
            add_distinct(kept, word);
        }
        add_distinct(all, word);
    }
    if (kept.empty()) {
        kept = std::move(all); // "Lead", "AND": the name is its little words
    }
    if (kept.size() > kMaxWords) {
        kept.resize(kMaxWords);
    }
    return kept;
}

std::vector<std::string> comparable_words(std::string_view name, WordRules rules) {
    std::vector<std::string> words;
    for (ComparableWord& word : comparable_word_forms(name, rules)) {
        words.push_back(std::move(word.word));
    }
    return words;
}

std::size_t transposition_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size()) {
        std::swap(a, b);
    }
    if (b.size() - a.size() > limit) {
        return limit + 1;
    }
    // Three rows of the table: two before the current one, for the swap of adjacent letters.
    std::vector<std::size_t> before(b.size() + 1);
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
            std::size_t cell =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
                ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
                cell = std::min(cell, before[j - 2] + 1);
            }
            current[j] = cell;
            row_best = std::min(row_best, cell);
        }
        if (row_best > limit) {
            return limit + 1; // every later row is at least this far
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

std::uint32_t SpellingIndex::word_id(const std::string& word) {
    const auto [found, added] = word_ids_.emplace(word, static_cast<std::uint32_t>(words_.size()));
    if (added) {
        words_.push_back(word);
        postings_.emplace_back();
        forms_.emplace_back(word, found->second);
    }
    return found->second;
}

void SpellingIndex::add(std::string_view spelling, std::uint32_t target) {
    Entry entry;
    entry.target = target;
    std::string key = std::to_string(target);
    for (const ComparableWord& word : comparable_word_forms(spelling, rules_)) {
        const std::uint32_t id = word_id(word.word);
        entry.words.push_back(id);
        key += '/' + word.word;
        // "scientist", written so, is the word "science": a slip in it ("scientis") is still
        // near it.
        if (word.written != word.word && form_ids_.emplace(word.written, id).second) {
            forms_.emplace_back(word.written, id);
        }
    }
    // "Data Scientist" and its alias "Data Scientists" are one spelling here: counted twice they
    // would make their words look common.
    if (entry.words.empty() || !seen_.emplace(std::move(key), 0).second) {
        return;
    }
    const auto index = static_cast<std::uint32_t>(entries_.size());
    for (const std::uint32_t word : entry.words) {
        postings_[word].push_back(index);
    }
    entries_.push_back(std::move(entry));
}

std::vector<std::unordered_map<std::uint32_t, double>>
SpellingIndex::matches(const std::vector<std::string>& wanted) const {
    std::vector<std::unordered_map<std::uint32_t, double>> result(wanted.size());
    for (const auto& [form, id] : forms_) {
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (const double s = strength(wanted[i], form); s > 0) {
                auto [entry, added] = result[i].emplace(id, s);
                if (!added) {
                    entry->second = std::max(entry->second, s);
                }
            }
        }
    }
    return result;
}

std::string SpellingIndex::joined(const Entry& entry) const {
    std::string text;
    for (const std::uint32_t word : entry.words) {
        text += (text.empty() ? "" : " ") + words_[word];
    }
    return text;
}

std::vector<std::uint32_t> SpellingIndex::closest(std::string_view wanted,
                                                  std::size_t limit) const {
    const std::vector<std::string> words = comparable_words(wanted, rules_);
    if (words.empty() || entries_.empty() || limit == 0) {
        return {};
    }
    const auto matched = matches(words);
    // A wanted word weighs more the fewer spellings have it (or the word nearest it): "research"
    // tells roles apart, "engineer" hardly. A word no spelling has weighs most.
    const double count = static_cast<double>(entries_.size());
    std::vector<double> weight(words.size());
    double total = 0;
    std::vector<std::uint32_t> candidates;
    for (std::size_t i = 0; i < words.size(); ++i) {
        double best = 0;
        std::size_t users = 0;
        for (const auto& [word, s] : matched[i]) {
            const std::size_t n = postings_[word].size();
            if (s > best || (s == best && n > users)) {
                best = s;
                users = n;
            }
            candidates.insert(candidates.end(), postings_[word].begin(), postings_[word].end());
        }
        weight[i] = 1.0 + std::log(count / (1.0 + static_cast<double>(users)));
        total += weight[i];
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    std::vector<Scored> scored;
    for (const std::uint32_t index : candidates) {
        const Entry& entry = entries_[index];
        double covered = 0; // of the wanted words' weight
        double own = 0;     // of the spelling's words
        std::vector<double> best_of_own(entry.words.size(), 0.0);
        for (std::size_t i = 0; i < words.size(); ++i) {
            double best = 0;
            for (std::size_t k = 0; k < entry.words.size(); ++k) {
                const auto found = matched[i].find(entry.words[k]);
                if (found != matched[i].end()) {
                    best = std::max(best, found->second);
                    best_of_own[k] = std::max(best_of_own[k], found->second);
                }
            }
            covered += weight[i] * best;
        }
        for (const double s : best_of_own) {
            own += s;
        }
        const double wanted_share = covered / total;
        if (wanted_share < kMinWantedShare) {
            continue;
        }
        scored.push_back(
            {2 * wanted_share + own / static_cast<double>(entry.words.size()), 0, index});
    }
    const auto by_score = [&](const Scored& a, const Scored& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        return entries_[a.entry].target < entries_[b.entry].target;
    };
    const std::size_t ranked = std::min(scored.size(), kMaxRanked);
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(ranked),
                      scored.end(), by_score);
    scored.resize(ranked);
    std::string wanted_text;
    for (const std::string& word : words) {
        wanted_text += (wanted_text.empty() ? "" : " ") + word;
    }
    for (Scored& candidate : scored) {
        const std::string text = joined(entries_[candidate.entry]);
        candidate.distance =
            transposition_distance(wanted_text, text, std::max(wanted_text.size(), text.size()));
    }
    std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        if (a.distance != b.distance) {
            return a.distance < b.distance;
        }
        return entries_[a.entry].target < entries_[b.entry].target;
    });
    std::vector<std::uint32_t> targets;
    for (const Scored& candidate : scored) {
        if (candidate.score < scored.front().score - kCloseToTheBest) {
            break; // a clear winner is suggested alone
        }
        const std::uint32_t target = entries_[candidate.entry].target;
        if (std::find(targets.begin(), targets.end(), target) == targets.end()) {
            targets.push_back(target);
            if (targets.size() == limit) {
                break;
            }
        }
    }
    return targets;
}

} // namespace jobkb::detail
