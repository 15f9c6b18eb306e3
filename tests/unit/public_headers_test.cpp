// The public interface as an embedder sees it: jobkb/jobkb.hpp includes every public header,
// jobkb/version.hpp agrees with itself and with the CLI, and the README's Embedding example is
// tests/package/. (That each public header compiles on its own, without src/ on the include path,
// is checked by building jobkb_public_headers; tests/package/check-package uses an install.)
#include "jobkb/jobkb.hpp"
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>

namespace jobkb {
namespace {

std::set<std::string> umbrella_includes() {
    const std::string text = test::read_bytes(test::source_dir() / "include/jobkb/jobkb.hpp");
    const std::regex include_line(R"(^#include "jobkb/([^"]+)\"$)");
    std::set<std::string> names;
    for (const auto& line : test::lines_of(text)) {
        std::smatch match;
        if (std::regex_match(line, match, include_line)) {
            names.insert(match[1]);
        }
    }
    return names;
}

TEST(PublicHeaders, UmbrellaIncludesEveryPublicHeader) {
    std::set<std::string> headers{"version.hpp"}; // generated into the build tree
    for (const auto& entry : test::fs::directory_iterator(test::source_dir() / "include/jobkb")) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() == ".hpp" && name != "jobkb.hpp") {
            headers.insert(name);
        }
    }
    ASSERT_GT(headers.size(), 10U);
    EXPECT_EQ(umbrella_includes(), headers)
        << "include/jobkb/jobkb.hpp must include exactly the headers in include/jobkb/ (and "
           "jobkb/version.hpp)";
}

TEST(PublicHeaders, VersionHeaderAgreesWithItselfAndTheCli) {
    const std::string parts = std::to_string(JOBKB_VERSION_MAJOR) + "." +
                              std::to_string(JOBKB_VERSION_MINOR) + "." +
                              std::to_string(JOBKB_VERSION_PATCH);
    EXPECT_EQ(parts, JOBKB_VERSION);
    const auto result = test::run_cli({"--version"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "jobkb " + parts + "\n");
}

// The fenced block of this language that follows `heading` in the README.
std::string readme_block(const std::string& heading, const std::string& language) {
    const std::string readme = test::read_bytes(test::source_dir() / "README.md");
    const auto section = readme.find("\n" + heading + "\n");
    const std::string fence = "\n```" + language + "\n";
    const auto start = readme.find(fence, section);
    if (section == std::string::npos || start == std::string::npos) {
        return "";
    }
    const auto body = start + fence.size();
    return readme.substr(body, readme.find("```", body) - body);
}

// From the first line that starts with `first`: the file without its leading comment.
std::string from_line(const std::string& text, const std::string& first) {
    const auto at = text.starts_with(first) ? 0 : text.find("\n" + first);
    return at == std::string::npos ? text : text.substr(at == 0 ? 0 : at + 1);
}

// The README's Embedding example is the consumer project the package test builds.
TEST(PublicHeaders, ReadmeEmbeddingExampleIsTheTestedConsumer) {
    const auto package = test::source_dir() / "tests/package";
    EXPECT_EQ(readme_block("## Embedding", "cmake"),
              from_line(test::read_bytes(package / "CMakeLists.txt"), "cmake_minimum_required"));
    EXPECT_EQ(readme_block("## Embedding", "cpp"),
              from_line(test::read_bytes(package / "main.cpp"), "#include"));
}

} // namespace
} // namespace jobkb
