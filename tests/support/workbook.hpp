#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

// Zip archives and Excel workbooks made for tests, with libzip: small ones from their parts, and
// hostile ones (an entry that inflates to gigabytes, made on the fly, never held in memory).
namespace jobkb::test {

using ZipEntries = std::vector<std::pair<std::string, std::string>>; // name, content

// Writes the entries as a zip archive (deflated) to `path`.
void write_zip(const std::filesystem::path& path, const ZipEntries& entries);

// Writes the entries and one more, `name`, of `size` bytes that `produce` makes in chunks
// (called with the offset and a buffer to fill), deflated.
void write_zip_with_generated(
    const std::filesystem::path& path, const ZipEntries& entries, const std::string& name,
    std::size_t size,
    const std::function<void(std::size_t offset, char* buffer, std::size_t length)>& produce);

// The parts of a minimal workbook with one sheet per element of `sheets` (name, the XML inside
// <sheetData>), the shared strings given, and no styles.
ZipEntries workbook_parts(const std::vector<std::pair<std::string, std::string>>& sheets,
                          const std::vector<std::string>& shared_strings = {});

// A row of cells as sheet XML: each value a shared-string index ("s:3"), a number ("n:52.04"), an
// inline string ("i:text") or a formula's text ("f:text"), in columns A, B, ...
std::string sheet_row(unsigned row, const std::vector<std::string>& cells);

} // namespace jobkb::test
