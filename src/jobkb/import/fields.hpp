#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The fields an importer reads, as data: each importer declares its own list (salary_fields() for
// salaries), and the mapping plan, the field texts and the messages work from that list.
namespace jobkb::detail {

struct FieldSpec {
    std::string_view name; // canonical, lower-case, as headers, mappings and messages name it
    bool required = false; // a row without it is rejected; a header without it is refused
    // Other header names that mean this field ("job_title" for a role), lower-case.
    std::span<const std::string_view> spellings = {};
    // A list of names: in JSON an array, in a CSV or TSV cell names separated by ';' (or a JSON
    // array). A JSON array for a field that is no list is a problem of the row.
    bool list = false;
    // Holds a number: in a file whose numbers have decimal commas (Dialect::decimal_comma), the
    // field's problems say so.
    bool number = false;
};

class FieldList {
public:
    constexpr explicit FieldList(std::span<const FieldSpec> fields) : fields_(fields) {}

    std::size_t size() const noexcept { return fields_.size(); }
    const FieldSpec& operator[](std::size_t index) const { return fields_[index]; }

    // The field of this canonical name (a mapping's or a constant's key), exactly.
    std::optional<std::size_t> index(std::string_view name) const;
    // The field a header column names, by its name or a spelling, in any case and with spaces
    // around it.
    std::optional<std::size_t> match(std::string_view column) const;
    // The field a column that matched none most likely is, among those not `taken`, for a hint:
    // the same once spaces and hyphens read as underscores (" As Of " is as_of), or within a
    // small edit distance of a name or spelling ("curency"). nullopt when none is close.
    std::optional<std::size_t> closest(std::string_view column,
                                       const std::vector<bool>& taken) const;

    // Whether any field is a list (the JSON readers then accept arrays as values).
    bool has_lists() const noexcept;

    std::string names() const;          // "role, country, currency, ..."
    std::string required_names() const; // "role, country, currency, amount, as_of"

private:
    std::span<const FieldSpec> fields_;
};

} // namespace jobkb::detail
