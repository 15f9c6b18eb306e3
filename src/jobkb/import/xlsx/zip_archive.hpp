#pragma once

#include "jobkb/record_reader.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct zip;

// A workbook's zip archive, read with libzip. A zip's directory is at its end, so the input is
// read whole first: into memory while it is small, else into an anonymous temporary file, so
// memory stays flat for a large workbook read from a pipe. Entries are streamed, each bounded by
// the size it may inflate to (a zip bomb stops at the bound, whatever its header claims); nothing
// is ever written out, so entry names cannot escape anywhere.
namespace jobkb::detail::xlsx {

// The largest workbook file.
inline constexpr std::uint64_t kMaxArchiveBytes = std::uint64_t{1} << 30;

class ZipArchive {
public:
    // Reads the whole input and opens it. Throws Error(kInvalidArgument, "NAME: ...") for input
    // that is no zip archive (naming a legacy or encrypted Excel file as such), a damaged one,
    // or one larger than kMaxArchiveBytes.
    explicit ZipArchive(InputSource& input);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    const std::string& name() const noexcept { return name_; }

    // The entry of this name (in any case, as Office reads them), if there is one.
    std::optional<std::uint64_t> find(std::string_view entry) const;

    // Streams the entry's inflated bytes to `sink`, in chunks. Throws Error(kInvalidArgument,
    // "NAME: ENTRY ...") when it would inflate past `limit` bytes, is encrypted or damaged.
    void read(std::uint64_t index, std::string_view entry, std::uint64_t limit,
              const std::function<void(std::string_view)>& sink);

private:
    [[noreturn]] void refuse(const std::string& problem) const;

    std::string name_;
    std::string memory_;        // the archive, while it is small
    std::FILE* file_ = nullptr; // or the temporary file that holds it (owned by archive_)
    zip* archive_ = nullptr;
};

} // namespace jobkb::detail::xlsx
