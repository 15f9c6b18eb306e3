#pragma once

// Where a page links to: the server's paths (/role/NAME, /compare?roles=A&roles=B), or a static
// site's relative file names (../role/SLUG.html), so that an exported site opens from disk. A
// page the static site does not have (a filtered listing, a pair not exported) is an empty link,
// which Html::link() writes as plain text.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace jobkb::web {

// What a static site holds: its roles (canonical name -> slug) and the role pairs (by slug) it
// has compare and gap pages for.
struct ExportedPages {
    std::map<std::string, std::string> slugs;
    std::set<std::pair<std::string, std::string>> pairs;
};

class Links {
public:
    static Links served();
    // Links from a static page `depth` folders below the site's top (index.html: 0,
    // role/SLUG.html: 1).
    static Links exported(int depth, const ExportedPages& pages);

    bool is_served() const { return pages_ == nullptr; }

    std::string asset(std::string_view name) const;
    std::string roles() const;
    // The roles listing filtered by one parameter (skill, industry, country); served only.
    std::string roles_with(std::string_view parameter, std::string_view value) const;
    // A role by its canonical name (its slug where known).
    std::string role(std::string_view name, std::string_view slug = {}) const;
    std::string compare(std::string_view first, std::string_view second) const;
    std::string gap(std::string_view from, std::string_view to) const;
    std::string imports() const;
    // Served only: a page of the server (/compare, /gap, /search) or the API (/api/roles?...).
    std::string server(std::string_view path) const;

    // A static site's file names.
    static std::string role_file(std::string_view slug);
    static std::string compare_file(std::string_view first_slug, std::string_view second_slug);
    static std::string gap_file(std::string_view from_slug, std::string_view to_slug);

private:
    Links(int depth, const ExportedPages* pages) : depth_(depth), pages_(pages) {}
    std::string up() const;
    std::string slug_of(std::string_view name) const;
    bool has_pair(std::string_view first, std::string_view second) const;

    int depth_ = 0;
    const ExportedPages* pages_ = nullptr;
};

} // namespace jobkb::web
