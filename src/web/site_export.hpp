#pragma once

// `jobkb export site DIR`: the served pages as files with relative links, for a content team to
// publish or to open from disk: index.html (every role), role/SLUG.html, compare/ and gap/ pages
// for each role and its most related roles, imports.html, and assets/.

#include "jobkb/database.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace jobkb::web {

struct SiteExportReport {
    std::size_t pages = 0;
    std::size_t roles = 0;
};

// Writes the site into `folder`, which must not exist, be empty, or hold an earlier export (it
// is replaced whole). The pages are built in a folder beside it and moved into place, so a failure
// leaves what was there. Throws Error(ErrorCode::kIo) when the folder cannot be written or holds
// something else, and the database's Error.
SiteExportReport export_site(Database& database, const std::filesystem::path& folder,
                             const std::string& base_label);

} // namespace jobkb::web
