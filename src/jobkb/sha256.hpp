#pragma once

#include <string>
#include <string_view>

namespace jobkb {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// The text with CRLF line ends made LF, so that checksums do not depend on a checkout's settings.
std::string normalize_line_endings(std::string_view text);

} // namespace jobkb
