#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <filesystem>

// The hostile input files the hostile-input test feeds to the real binary (hostile_input_test.cpp
// runs them): each is refused with one FILE:LINE (or FILE: ...) line, exit code 1, in bounded
// time and memory, the database unchanged.
namespace jobkb::test {

// Writes the file to `path` (a generated one; a workbook needs a path to be written by libzip).
using Generator = std::function<void(const std::filesystem::path& path)>;

struct HostileFile {
    std::string name;                  // the test's name
    std::string file;                  // in tests/data/hostile/, or made by generate
    std::vector<std::string> expected; // in stderr; ":LINE: ..." follows the file's path
    std::vector<std::string> options = {};
    Generator generate = {};
};

// Test names, not bytes, when a case fails.
inline void PrintTo(const HostileFile& hostile, std::ostream* out) { *out << hostile.name; }

// Encodings, dialects and workbooks (hostile_dialect_files.cpp).
std::vector<HostileFile> hostile_dialect_files();

} // namespace jobkb::test
