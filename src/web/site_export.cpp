#include "web/site_export.hpp"

#include "web/assets.hpp"
#include "web/links.hpp"
#include "web/pages/pages.hpp"

#include "jobkb/comparison.hpp"
#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include <unistd.h>

namespace jobkb::web {
namespace {

namespace fs = std::filesystem;

// Marks a folder as an export of jobkb, which a later export may replace.
constexpr const char* kMarker = ".jobkb-site";
constexpr std::size_t kPairsPerRole = 5;

Error io_error(const fs::path& path, const std::string& cause) {
    return Error(ErrorCode::kIo, ErrorDetails{path.string(), "exporting the site", cause, {}});
}

void write_file(const fs::path& path, std::string_view content) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (error || !out) {
        throw io_error(path, "cannot write the file");
    }
}

// Slugs name files: the schema allows only a-z, 0-9 and '-', and a page is written only for one.
bool safe_slug(const std::string& slug) {
    return !slug.empty() && slug.front() != '-' &&
           std::all_of(slug.begin(), slug.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

void check_target(const fs::path& folder) {
    std::error_code error;
    if (!fs::exists(folder, error)) {
        return;
    }
    if (!fs::is_directory(folder, error)) {
        throw io_error(folder, "is not a folder");
    }
    if (!fs::is_empty(folder, error) && !fs::exists(folder / kMarker, error)) {
        throw io_error(folder, "is not empty and holds no earlier export of jobkb (refusing to "
                               "replace what is there)");
    }
}

} // namespace

SiteExportReport export_site(Database& database, const fs::path& folder,
                             const std::string& base_label) {
    check_target(folder);
    const fs::path target = fs::absolute(folder).lexically_normal();
    const fs::path building =
        target.parent_path() /
        fmt::format(".{}.building-{}", target.filename().string(), ::getpid());
    std::error_code ignored;
    fs::remove_all(building, ignored);
    SiteExportReport report;
    try {
        ReadSnapshot snapshot(database); // every page of one state of the base
        Catalog catalog(database);
        const auto roles = catalog.roles();
        ExportedPages exported;
        for (const auto& role : roles) {
            if (!safe_slug(role.slug)) {
                throw io_error(folder, "role '" + role.name + "' has a slug unfit for a file name");
            }
            exported.slugs.emplace(role.name, role.slug);
        }
        for (const auto& role : roles) {
            for (const auto& other : related_roles(catalog, role.slug, kPairsPerRole)) {
                exported.pairs.emplace(role.slug, exported.slugs.at(other.name));
            }
        }
        auto write_page = [&](const std::string& file, int depth, Page page) {
            const Links links = Links::exported(depth, exported);
            page.frame.base_label = base_label;
            // Pages were rendered with their links; the frame needs them too.
            write_file(building / file, render_page(links, page.frame, page.content));
            ++report.pages;
        };
        const Links top = Links::exported(0, exported);
        const Links below = Links::exported(1, exported);
        PageContext index{catalog, top, base_label};
        const Parameters none;
        write_page("index.html", 0, roles_page(index, Query(none, {})));
        write_page("imports.html", 0, imports_page(index));
        PageContext nested{catalog, below, base_label};
        for (const auto& role : roles) {
            write_page(Links::role_file(role.slug), 1,
                       role_page(nested, role.slug, Query(none, {})));
            ++report.roles;
        }
        for (const auto& [from, to] : exported.pairs) {
            write_page(Links::compare_file(from, to), 1,
                       compare_page(nested, {from, to}, Query(none, {})));
            write_page(Links::gap_file(from, to), 1, gap_page(nested, from, to));
        }
        for (const auto& asset : assets()) {
            write_file(building / "assets" / asset.hashed, asset.content);
        }
        write_file(building / kMarker, "This folder was written by jobkb export site.\n");
        // Into place: the earlier export goes only once the new one is whole.
        const fs::path old = target.parent_path() /
                             fmt::format(".{}.old-{}", target.filename().string(), ::getpid());
        std::error_code error;
        const bool had = fs::exists(target, error);
        if (had) {
            fs::rename(target, old, error);
            if (error) {
                throw io_error(folder, "cannot move the earlier export aside: " + error.message());
            }
        }
        fs::rename(building, target, error);
        if (error) {
            if (had) {
                fs::rename(old, target, ignored);
            }
            throw io_error(folder, "cannot move the new export into place: " + error.message());
        }
        fs::remove_all(old, ignored);
    } catch (...) {
        fs::remove_all(building, ignored);
        throw;
    }
    return report;
}

} // namespace jobkb::web
