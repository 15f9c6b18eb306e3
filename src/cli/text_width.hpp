#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jobkb::cli {

// Columns a UTF-8 string takes in a terminal: combining marks take none, East Asian wide and
// fullwidth characters two, everything else one. Invalid bytes count one each.
std::size_t display_width(std::string_view text);

// A control character as its Unicode control picture (TAB as ␉, ESC as ␛, DEL as ␡), so that it
// can neither misalign a table nor drive the terminal; any other byte as itself.
std::string visible_control(char c);

// Splits text into lines of at most `width` columns, breaking at spaces; a word longer than the
// width gets a line of its own. Never returns an empty vector.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);

} // namespace jobkb::cli
