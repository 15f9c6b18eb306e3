#include "jobkb/record_reader.hpp"

#include "jobkb/error.hpp"
#include "jobkb/sha256.hpp"

namespace jobkb {

struct InputSource::Hash {
    Sha256 sha;
};

InputSource::InputSource(std::istream& in, std::string name)
    : in_(in), name_(std::move(name)), hash_(std::make_unique<Hash>()) {}

InputSource::~InputSource() = default;

std::size_t InputSource::read(char* buffer, std::size_t size) {
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

std::string InputSource::sha256() { return hash_->sha.hex_digest(); }

} // namespace jobkb
