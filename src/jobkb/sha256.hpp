#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace jobkb {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// SHA-256 over bytes that arrive in pieces (a file being streamed).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    std::string hex_digest(); // ends the hashing

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

// The text with CRLF line ends made LF, so that checksums do not depend on a checkout's settings.
std::string normalize_line_endings(std::string_view text);

} // namespace jobkb
