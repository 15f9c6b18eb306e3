#pragma once

// The web view's own files (src/web/assets/: the stylesheet, the icon), compiled into the binary
// and named by their content's hash (style.3f2a9c1b7d4e.css), so a browser may keep them for a
// year: a changed file is a new name.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jobkb::detail {
struct EmbeddedFile;
std::span<const EmbeddedFile> web_assets(); // generated from src/web/assets/
} // namespace jobkb::detail

namespace jobkb::web {

struct Asset {
    std::string name;   // as written in src/web/assets/: "style.css"
    std::string hashed; // with the first 12 hex digits of its SHA-256: "style.3f2a9c1b7d4e.css"
    std::string content_type;
    std::string_view content;
};

// Every asset (hashed once, on first use).
std::span<const Asset> assets();

// The asset named `name` ("style.css"); throws std::out_of_range for a name this build lacks
// (a defect of the page code, never of a request).
const Asset& asset(std::string_view name);

// The asset whose hashed name is `hashed`, for a request of /static/HASHED: nothing else is
// served from there, and no request reaches the file system.
const Asset* find_hashed_asset(std::string_view hashed);

} // namespace jobkb::web
