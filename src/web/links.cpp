#include "web/links.hpp"

#include "web/assets.hpp"
#include "web/html.hpp"

namespace jobkb::web {

Links Links::served() { return Links(0, nullptr); }

Links Links::exported(int depth, const ExportedPages& pages) { return Links(depth, &pages); }

std::string Links::up() const {
    std::string prefix;
    for (int i = 0; i < depth_; ++i) {
        prefix += "../";
    }
    return prefix;
}

std::string Links::slug_of(std::string_view name) const {
    const auto found = pages_->slugs.find(std::string(name));
    return found == pages_->slugs.end() ? std::string() : found->second;
}

bool Links::has_pair(std::string_view first, std::string_view second) const {
    return pages_->pairs.contains({std::string(first), std::string(second)});
}

std::string Links::asset(std::string_view name) const {
    const std::string& hashed = web::asset(name).hashed;
    return is_served() ? "/static/" + hashed : up() + "assets/" + hashed;
}

std::string Links::roles() const { return is_served() ? "/roles" : up() + "index.html"; }

std::string Links::roles_with(std::string_view parameter, std::string_view value) const {
    return is_served() ? "/roles?" + query_string({{parameter, value}}) : std::string();
}

std::string Links::role(std::string_view name, std::string_view slug) const {
    if (is_served()) {
        return "/role/" + percent_encode(slug.empty() ? name : slug);
    }
    const std::string file_slug = slug.empty() ? slug_of(name) : std::string(slug);
    return file_slug.empty() ? std::string() : up() + role_file(file_slug);
}

std::string Links::compare(std::string_view first, std::string_view second) const {
    if (is_served()) {
        return "/compare?" + query_string({{"roles", first}, {"roles", second}});
    }
    const std::string a = slug_of(first);
    const std::string b = slug_of(second);
    return has_pair(a, b) ? up() + compare_file(a, b) : std::string();
}

std::string Links::gap(std::string_view from, std::string_view to) const {
    if (is_served()) {
        return "/gap?" + query_string({{"from", from}, {"to", to}});
    }
    const std::string a = slug_of(from);
    const std::string b = slug_of(to);
    return has_pair(a, b) ? up() + gap_file(a, b) : std::string();
}

std::string Links::imports() const { return is_served() ? "/imports" : up() + "imports.html"; }

std::string Links::server(std::string_view path) const {
    return is_served() ? std::string(path) : std::string();
}

std::string Links::role_file(std::string_view slug) {
    return "role/" + std::string(slug) + ".html";
}

std::string Links::compare_file(std::string_view first_slug, std::string_view second_slug) {
    return "compare/" + std::string(first_slug) + "--" + std::string(second_slug) + ".html";
}

std::string Links::gap_file(std::string_view from_slug, std::string_view to_slug) {
    return "gap/" + std::string(from_slug) + "--" + std::string(to_slug) + ".html";
}

} // namespace jobkb::web
