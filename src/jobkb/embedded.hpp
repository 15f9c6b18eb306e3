#pragma once

#include <span>
#include <string_view>

namespace jobkb::detail {

// A file compiled into the binary by tools/cmake/EmbedFiles.cmake.
struct EmbeddedFile {
    std::string_view path; // relative to its folder (migrations/ or seed/)
    std::string_view content;
};

std::span<const EmbeddedFile> embedded_migrations();
std::span<const EmbeddedFile> embedded_seeds();

} // namespace jobkb::detail
