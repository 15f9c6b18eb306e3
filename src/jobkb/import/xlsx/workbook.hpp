#pragma once

#include "jobkb/import/readers.hpp"
#include "jobkb/import/xlsx/zip_archive.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// What a workbook's sheet is read with: its shared strings, and the sheet's XML streamed into
// records (sheet_reader.cpp). The bounds keep a hostile workbook cheap.
namespace jobkb::detail::xlsx {

inline constexpr std::uint64_t kMaxPartBytes = 16 << 20;         // workbook.xml, relationships
inline constexpr std::uint64_t kMaxSharedStringBytes = 64 << 20; // sharedStrings.xml
inline constexpr std::uint64_t kMaxSheetBytes = std::uint64_t{512} << 20; // a sheet's XML
inline constexpr std::size_t kMaxSharedStrings = 2'000'000;

// The workbook's shared strings, in one buffer (a string each would cost more than most are
// long).
class SharedStrings {
public:
    std::size_t size() const noexcept { return ends_.size(); }
    std::string_view at(std::size_t index) const {
        const std::uint32_t begin = index == 0 ? 0 : ends_[index - 1];
        return std::string_view(text_).substr(begin, ends_[index] - begin);
    }
    std::string& text() noexcept { return text_; } // the one being read goes at the end
    void close_string() { ends_.push_back(static_cast<std::uint32_t>(text_.size())); }

private:
    std::string text_;
    std::vector<std::uint32_t> ends_;
};

// Reads the sheet in `entry` into records.
void read_sheet(ZipArchive& archive, std::uint64_t index, const std::string& entry,
                const SharedStrings& strings, const RecordVisitor& visit);

} // namespace jobkb::detail::xlsx
