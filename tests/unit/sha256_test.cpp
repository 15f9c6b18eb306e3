// SHA-256 against the published test vectors (FIPS 180-2, appendix B), one-shot and streamed: the
// digests name every import's file (import_batches.sha256), so a wrong one would make a repeated
// import look new.
#include "jobkb/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jobkb {
namespace {

TEST(Sha256Test, MatchesThePublishedVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PiecesHashAsTheWhole) {
    const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
        Sha256 hash;
        for (std::size_t at = 0; at < text.size(); at += piece) {
            hash.update(std::string_view(text).substr(at, piece));
        }
        EXPECT_EQ(hash.hex_digest(), sha256_hex(text)) << "pieces of " << piece;
    }
}

} // namespace
} // namespace jobkb
