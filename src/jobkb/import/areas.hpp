#pragma once

#include "jobkb/database.hpp"
#include "jobkb/import.hpp"
#include "jobkb/import/lookups.hpp"
#include "jobkb/statement.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The areas of a salary import (migration 0011): a row's area, by name or code within the row's
// country, created under it when the import allows (recorded with the batch), and undoing a batch
// that created areas.
namespace jobkb::detail {

// What a row says of its area; either text may be absent.
struct AreaTexts {
    const std::optional<std::string>& name; // the area field: a name or a code
    const std::optional<std::string>& code; // the area_code field: a code
    const std::optional<std::string>& kind; // the area_kind field: for an area created
};

class AreaLookup {
public:
    AreaLookup(Database& database, std::string_view doing, bool create, std::int64_t batch_id);

    // The id of the area the texts name in `country` (nullopt when they name none); 0 with a
    // problem about the field when the area is unknown (with suggestions), of another country,
    // ambiguous, or its code or kind is malformed. An unknown area is created when allowed.
    std::optional<std::int64_t> id(const std::string& country, const AreaTexts& texts,
                                   std::vector<Diagnostic>& problems);

    // "US: Abilene, TX (10180)" of each area created, in order.
    const std::vector<std::string>& created() const noexcept { return created_; }

private:
    struct Found {
        std::int64_t id = 0;
        Diagnostic problem; // when id is 0
    };
    Found find(const std::string& country, const AreaTexts& texts);
    Found create(const std::string& country, const AreaTexts& texts);
    std::vector<std::string> suggestions(const std::string& country, const std::string& text);

    bool create_;
    std::int64_t batch_id_;
    Statement by_code_;           // :country, :code -> id
    Statement by_name_;           // :country, :name -> id, code (every match)
    Statement elsewhere_;         // :code -> the country of an area with that code
    Statement spellings_;         // :country -> name, code of every area
    Statement insert_;            // a new area, RETURNING id
    BoundedCache<Found> answers_; // country, code and name -> the answer
    std::vector<std::string> created_;
};

// Whether `code` is a well-formed area code: 1 to 20 letters, digits and inner hyphens.
bool is_area_code(std::string_view code);

// Removes the areas the batch (or an undone batch) created that no figure is in any more; returns
// how many. What undo
// does for areas (batch_contents()), after the batch's observations are gone.
std::int64_t remove_batch_areas(Database& database, std::int64_t batch_id);

} // namespace jobkb::detail
