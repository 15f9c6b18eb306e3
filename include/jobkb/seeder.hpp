#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

// The data sets compiled in from seed/: reference data every base needs (ISO countries and
// currencies) and the content of the article jobkb started from.
enum class SeedSet { kReference, kArticle };

std::string_view seed_set_name(SeedSet set); // its folder under seed/: "reference", "article"

struct SeedResult {
    std::string name;
    bool already_applied = false; // this exact version was loaded before: nothing was done
    std::int64_t rows_added = 0;
};

// Loads seed sets, all in one write transaction. Idempotent: rows already present (by natural
// key) are left as they are, including edits users made to them, and loading a version recorded
// in seed_sets again writes nothing at all.
class Seeder {
public:
    explicit Seeder(Database& database) : database_(database) {}

    // Throws Error(kBadSeed, "seed/FILE:LINE: ...") when the data breaks a constraint, or the
    // database's own Error (disk full, ...); either way nothing is loaded.
    std::vector<SeedResult> apply(const std::vector<SeedSet>& sets);

private:
    Database& database_;
};

} // namespace jobkb
