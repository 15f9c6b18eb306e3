#pragma once

// Query parameters as a page or an API endpoint reads them: only the names it takes, each
// single-valued one at most once, empty values as not given (what an empty form field sends).

#include "web/site.hpp"

#include "jobkb/catalog.hpp"
#include "jobkb/search.hpp"

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb::web {

// A request the site cannot answer as asked: 400 with this message.
class BadRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Query {
public:
    // Throws BadRequest for a parameter not in `names`.
    Query(const Parameters& parameters, const std::vector<std::string_view>& names);

    // The value, or nothing when absent or empty; BadRequest when given twice.
    std::optional<std::string> one(std::string_view name) const;
    // Every non-empty value, in order.
    std::vector<std::string> all(std::string_view name) const;
    // Absent, "", 0, false, off: false; 1, true, on, yes: true; else BadRequest.
    bool flag(std::string_view name) const;

    const Parameters& parameters() const { return parameters_; }

private:
    const Parameters& parameters_;
};

// The parameters a roles filter takes (the `jobkb roles` options by name: skill, match,
// key_only, industry, country, min_salary, sort).
// `extra` names what else the page or endpoint takes.
std::vector<std::string_view> role_filter_names(std::initializer_list<std::string_view> extra = {});

// The filter the parameters ask for. Throws BadRequest for a match or sort it does not know.
RoleFilter role_filter(const Query& query);

// The parameters a search takes (the `jobkb search` words and options by name: q, kind, limit),
// and `extra`.
std::vector<std::string_view> search_names(std::initializer_list<std::string_view> extra = {});

// The search the parameters ask for: q the words (empty when not given), kind role, skill or
// industry, limit 1 to 1000 (default 20), as `jobkb search` checks them. Throws BadRequest.
SearchQuery search_query(const Query& query);

} // namespace jobkb::web
