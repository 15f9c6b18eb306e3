#pragma once

#include "jobkb/import/lookups.hpp"
#include "jobkb/names.hpp"
#include "jobkb/occupation_codes.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What imports of roles and of O*NET releases look up before they decide to create: roles by the
// occupation code they are and by name, skills and industries by name, and their creation with
// the batch that made them. A private lookup by code until NameResolver resolves codes itself.
namespace jobkb::detail {

class RoleFinder {
public:
    RoleFinder(Database& database, std::string_view doing);

    // The role that *is* this code.
    std::optional<std::int64_t> by_code(const OccupationCode& code);
    // The role this name names: its name, slug or an alias, ASCII letter case aside.
    std::optional<NamedId> by_name(const std::string& name);
    // The role whose canonical name this is, and the role this alias is of.
    std::optional<std::int64_t> named(const std::string& name);
    std::optional<std::int64_t> alias_of(const std::string& alias);
    // A new role under a unique slug.
    std::int64_t create(const std::string& name, const std::optional<std::string>& summary,
                        std::int64_t source_id, std::int64_t batch_id);

private:
    Statement by_code_;
    Statement by_name_;
    Statement named_;
    Statement alias_of_;
    Statement slug_taken_;
    Statement insert_;
};

// Skills or industries by name, slug or alias (ASCII letter case aside), created with the batch
// when new; a new skill may get a category.
class EntityFinder {
public:
    EntityFinder(Database& database, NameKind kind, std::string_view doing, std::int64_t batch_id);

    std::optional<std::int64_t> find(const std::string& name);
    std::int64_t create(const std::string& name, std::optional<std::int64_t> category_id = {});

    const std::vector<std::string>& created() const noexcept { return created_; } // the first 50
    std::int64_t created_count() const noexcept { return created_count_; }

private:
    std::int64_t batch_id_;
    Statement find_;
    Statement slug_taken_;
    Statement insert_;
    BoundedCache<std::int64_t> known_; // lower-case name -> id
    std::vector<std::string> created_;
    std::int64_t created_count_ = 0;
    std::string key_;
};

} // namespace jobkb::detail
