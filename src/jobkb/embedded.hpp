#pragma once

#include <span>
#include <string_view>

namespace jobkb::detail {

// A file compiled into the binary by tools/cmake/EmbedFiles.cmake.
struct EmbeddedFile {
    std::string_view path; // relative to its folder (migrations/, seed/ or recipes/)
    std::string_view content;
};

std::span<const EmbeddedFile> embedded_migrations();
std::span<const EmbeddedFile> embedded_seeds();
// The salary import's built-in recipes (recipes/*.json), compiled into the CLI (jobkb_cli), not
// the library: a recipe is a command line's options.
std::span<const EmbeddedFile> embedded_recipes();

} // namespace jobkb::detail
