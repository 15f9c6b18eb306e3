#include "jobkb/record_reader.hpp"

#include "jobkb/error.hpp"
#include "jobkb/sha256.hpp"

#include <algorithm>
#include <cstring>

namespace jobkb {

struct InputSource::Hash {
    Sha256 sha;
};

InputSource::InputSource(std::istream& in, std::string name)
    : in_(in), name_(std::move(name)), hash_(std::make_unique<Hash>()) {}

InputSource::~InputSource() = default;

// Bytes from the stream itself: counted, hashed and reported as they arrive.
std::size_t InputSource::pull(char* buffer, std::size_t size) {
    in_.read(buffer, static_cast<std::streamsize>(size));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (got == 0 && in_.bad()) {
        throw Error(ErrorCode::kIo, name_ + ": cannot read the input");
    }
    hash_->sha.update(std::string_view(buffer, got));
    bytes_read_ += got;
    if (got > 0 && on_progress) {
        on_progress(bytes_read_);
    }
    return got;
}

std::size_t InputSource::read(char* buffer, std::size_t size) {
    if (lookahead_used_ < lookahead_.size()) {
        const std::size_t count = std::min(size, lookahead_.size() - lookahead_used_);
        std::memcpy(buffer, lookahead_.data() + lookahead_used_, count);
        lookahead_used_ += count;
        if (lookahead_used_ == lookahead_.size()) {
            lookahead_.clear();
            lookahead_used_ = 0;
        }
        return count;
    }
    return pull(buffer, size);
}

std::string_view InputSource::peek(std::size_t size) {
    lookahead_.erase(0, lookahead_used_);
    lookahead_used_ = 0;
    while (lookahead_.size() < size) {
        const std::size_t had = lookahead_.size();
        lookahead_.resize(size);
        const std::size_t got = pull(lookahead_.data() + had, size - had);
        lookahead_.resize(had + got);
        if (got == 0) {
            break;
        }
    }
    return std::string_view(lookahead_).substr(0, size);
}

std::string InputSource::sha256() { return hash_->sha.hex_digest(); }

} // namespace jobkb
