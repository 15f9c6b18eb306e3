#pragma once

#include "jobkb/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb {

/// The data sets compiled in from seed/.
enum class SeedSet {
    kReference, ///< reference data every base needs: ISO countries and currencies
    kArticle,   ///< the content of the article jobkb started from: roles, skills, salaries
};

/// The set's folder under seed/: "reference", "article".
std::string_view seed_set_name(SeedSet set);

/// What loading one seed set did.
struct SeedResult {
    std::string name;             ///< the set's name (seed_set_name())
    bool already_applied = false; ///< this exact version was loaded before: nothing was done
    std::int64_t rows_added = 0;  ///< rows the set added
};

/// Loads seed sets, all in one write transaction. Idempotent: rows already present (by natural
/// key) are left as they are, including edits users made to them, and loading a version recorded
/// in seed_sets again writes nothing at all.
class Seeder {
public:
    /// A seeder writing to `database`, which must outlive it.
    explicit Seeder(Database& database) : database_(database) {}

    /// Loads the sets not loaded yet in this version. Throws Error(ErrorCode::kBadSeed,
    /// "seed/FILE:LINE: ...") when the data breaks a constraint, or the database's own Error
    /// (disk full, a lock, damage); either way nothing is loaded.
    std::vector<SeedResult> apply(const std::vector<SeedSet>& sets);

private:
    Database& database_;
};

} // namespace jobkb
