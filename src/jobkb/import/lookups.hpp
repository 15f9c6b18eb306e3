#pragma once

#include "jobkb/import.hpp"
#include "jobkb/names.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Lookups of an import: names in a file to ids in the base, each answer remembered in a bounded
// cache, with the creation of what is new (under a unique slug) where the import allows it.
namespace jobkb::detail {

// Answers remembered: the names a file repeats are looked up once. Memory stays bounded whatever
// the file holds: a name longer than max_key_bytes is not remembered (it is looked up every time),
// and the cache forgets everything when it holds max_entries.
template <typename Value> class BoundedCache {
public:
    BoundedCache(std::size_t max_entries, std::size_t max_key_bytes)
        : max_entries_(max_entries), max_key_bytes_(max_key_bytes) {}

    const Value* find(const std::string& key) const {
        const auto found = entries_.find(key);
        return found == entries_.end() ? nullptr : &found->second;
    }

    void remember(const std::string& key, Value value) {
        if (key.size() > max_key_bytes_) {
            return;
        }
        if (entries_.size() >= max_entries_) {
            entries_.clear();
        }
        entries_.insert_or_assign(key, std::move(value));
    }

    std::size_t size() const noexcept { return entries_.size(); }

private:
    std::size_t max_entries_;
    std::size_t max_key_bytes_;
    std::unordered_map<std::string, Value> entries_;
};

// Names known to the base: a base of 100,000 roles fits (about 10 MB).
inline constexpr std::size_t kMaxKnownNames = 100'000;
// Names the base does not know, with why: a file of distinct misspellings must not fill memory.
inline constexpr std::size_t kMaxUnknownNames = 10'000;
// Longer names are looked up every time: a file of long names must not fill the memory.
inline constexpr std::size_t kMaxRememberedNameBytes = 256;

// "machine-learning-engineer" from "Machine Learning Engineer"; "item" when nothing is left.
std::string slug_of(std::string_view name);

// A slug for the name that `taken` (binding :slug, returning a row when the slug is taken) finds
// unused: "name", "name-2", "name-3", ...
std::string unique_slug(Statement& taken, std::string_view name);

// Roles, skills or industries by name, slug or alias (NameResolver; roles also by code and title),
// created when allowed: a new name gets a unique slug, the batch that created it (and, for a role,
// the import's source). Names the import maps itself (a title mapping) come first.
class NameLookup {
public:
    NameLookup(Database& database, NameKind kind, std::string_view doing, bool create,
               std::int64_t source_id, std::int64_t batch_id = 0);

    // For this import, `name` (any letter case) names the thing `id`, whatever the base says.
    void map(std::string_view name, std::int64_t id);

    // The id of the thing the name names; 0 with a problem about `field` when there is none (or,
    // for a role, a title names several) and creating is not allowed.
    std::int64_t id(std::string_view field, const std::string& name,
                    std::vector<Diagnostic>& problems);

    // The names created, in order.
    const std::vector<std::string>& created() const noexcept { return created_; }
    // Names remembered, known and unknown.
    std::size_t remembered() const noexcept { return known_.size() + unknown_.size(); }
    // Distinct names that named nothing (or several roles), and the lookups that met one. Names
    // longer than kMaxRememberedNameBytes, and names met again after the memory of unknown names
    // filled up, count again.
    std::size_t unknown_names() const noexcept { return unknown_names_; }
    std::int64_t unknown_lookups() const noexcept { return unknown_lookups_; }
    // The mapped names that were looked up, lower-case.
    const std::vector<std::string>& mapped_used() const noexcept { return mapped_used_; }

private:
    std::int64_t create(const std::string& name);

    NameResolver names_;
    NameKind kind_;
    bool create_;
    std::int64_t source_id_;
    std::int64_t batch_id_;
    Statement taken_;
    Statement insert_;
    BoundedCache<std::int64_t> known_; // lower-case name -> id
    BoundedCache<Diagnostic> unknown_; // lower-case name -> the problem
    std::unordered_map<std::string, std::pair<std::int64_t, bool>> mapped_; // -> id, used
    std::vector<std::string> mapped_used_;
    std::vector<std::string> created_;
    std::size_t unknown_names_ = 0;
    std::int64_t unknown_lookups_ = 0;
    std::string key_; // the name looked up, lower-case
};

// Countries by ISO code or name.
class CountryLookup {
public:
    explicit CountryLookup(Database& database);

    // The country's code; nullopt with a problem about `field` when there is none.
    std::optional<std::string> code(std::string_view field, const std::string& text,
                                    std::vector<Diagnostic>& problems);

    std::size_t remembered() const noexcept { return answers_.size(); }

private:
    struct Answer {
        std::string code;    // empty when unknown
        std::string problem; // why, when unknown
    };
    NameResolver names_;
    BoundedCache<Answer> answers_; // text as written -> answer
};

// Sources by slug or title (any case), created from the text when new.
class SourceLookup {
public:
    SourceLookup(Database& database, std::string_view doing, std::string today);

    std::int64_t id(const std::string& text);

private:
    std::string today_; // a new source's retrieved_on
    Statement find_;
    Statement taken_;
    Statement insert_;
    BoundedCache<std::int64_t> known_; // lower-case text -> id
    std::string key_;                  // the text looked up, lower-case
};

} // namespace jobkb::detail
