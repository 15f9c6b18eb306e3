#include "jobkb/import/fields.hpp"

#include "jobkb/names.hpp"
#include "jobkb/text.hpp"

#include <algorithm>

namespace jobkb::detail {
namespace {

// The names a field answers to: its name, then its spellings.
template <typename Visit> void for_each_name(const FieldSpec& field, Visit&& visit) {
    visit(field.name);
    for (const std::string_view spelling : field.spellings) {
        visit(spelling);
    }
}

std::string joined(std::span<const FieldSpec> fields, bool required_only) {
    std::string list;
    for (const FieldSpec& field : fields) {
        if (!required_only || field.required) {
            list += (list.empty() ? "" : ", ") + std::string(field.name);
        }
    }
    return list;
}

} // namespace

bool FieldList::has_lists() const noexcept {
    return std::any_of(fields_.begin(), fields_.end(), [](const FieldSpec& f) { return f.list; });
}

std::optional<std::size_t> FieldList::index(std::string_view name) const {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].name == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> FieldList::match(std::string_view column) const {
    const std::string wanted = ascii_lowered(trimmed(column));
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        bool found = false;
        for_each_name(fields_[i], [&](std::string_view name) { found = found || name == wanted; });
        if (found) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> FieldList::closest(std::string_view column,
                                              const std::vector<bool>& taken) const {
    std::string wanted = ascii_lowered(trimmed(column));
    std::replace_if(
        wanted.begin(), wanted.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
    // Short names are near too many others at distance 2.
    const std::size_t tolerance = wanted.size() <= 4 ? 1 : 2;
    std::optional<std::size_t> best;
    std::size_t best_distance = tolerance + 1;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (i < taken.size() && taken[i]) {
            continue;
        }
        for_each_name(fields_[i], [&](std::string_view name) {
            const std::size_t gap =
                std::max(name.size(), wanted.size()) - std::min(name.size(), wanted.size());
            // What cannot be near is not measured: a long column name would cost its square.
            const std::size_t distance = gap > tolerance ? gap : edit_distance(wanted, name);
            if (distance < best_distance) {
                best = i;
                best_distance = distance;
            }
        });
    }
    return best;
}

std::string FieldList::names() const { return joined(fields_, false); }

std::string FieldList::required_names() const { return joined(fields_, true); }

} // namespace jobkb::detail
