#include "jobkb/sha256.hpp"

#include "jobkb/error.hpp"

// SHA256_Init/Update/Final, not EVP: OpenSSL 3 deprecates them, but they are the whole of what
// jobkb needs. EVP_sha256() drags the provider machinery into the static link (3.4 MB of code,
// 355 KB of data and ~16,600 relocations that every CLI call paid at start-up, about 100 page
// faults of ~400); these bring ~25 KB.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <array>

namespace jobkb {
namespace {

std::string to_hex(const unsigned char* digest, std::size_t length) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * length);
    for (std::size_t i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0f]);
    }
    return hex;
}

} // namespace

struct Sha256::Context {
    SHA256_CTX state{};
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
    if (SHA256_Init(&context_->state) != 1) {
        throw Error(ErrorCode::kIo, "sha256: OpenSSL could not start a digest");
    }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    SHA256_Update(&context_->state, bytes.data(), bytes.size());
}

std::string Sha256::hex_digest() {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256_Final(digest.data(), &context_->state);
    return to_hex(digest.data(), digest.size());
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

std::string normalize_line_endings(std::string_view text) {
    std::string normalized;
    normalized.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            normalized.push_back(text[i]);
        }
    }
    return normalized;
}

} // namespace jobkb
