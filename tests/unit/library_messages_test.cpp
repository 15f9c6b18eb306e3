// The library names no command or option of a front end: its messages say "the row limit", and a
// Hint lets the CLI say "--max-rows N". This reads every string literal of the library's sources
// (comments aside) and fails on one that names an option ("--max-rows", "-p NAME") or a jobkb
// command ("'jobkb migrate'").
#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

namespace jobkb {
namespace {

// The string literals of C++ source text, without comments and character literals; raw strings
// included.
std::vector<std::string> string_literals(const std::string& source) {
    std::vector<std::string> literals;
    std::size_t i = 0;
    while (i < source.size()) {
        if (source.compare(i, 2, "//") == 0) {
            i = source.find('\n', i);
        } else if (source.compare(i, 2, "/*") == 0) {
            const auto end = source.find("*/", i + 2);
            i = end == std::string::npos ? end : end + 2;
        } else if (source.compare(i, 2, "R\"") == 0) {
            const auto open = source.find('(', i + 2);
            const std::string close = ")" + source.substr(i + 2, open - i - 2) + "\"";
            const auto end = source.find(close, open);
            literals.push_back(source.substr(open + 1, end - open - 1));
            i = end + close.size();
        } else if (source[i] == '\'' && i > 0 &&
                   std::isalnum(static_cast<unsigned char>(source[i - 1]))) {
            ++i; // a digit separator: 10'000'000
        } else if (source[i] == '"' || source[i] == '\'') {
            const char quote = source[i];
            std::string literal;
            for (++i; i < source.size() && source[i] != quote; ++i) {
                if (source[i] == '\\' && i + 1 < source.size()) {
                    ++i;
                }
                literal += source[i];
            }
            if (quote == '"') {
                literals.push_back(literal);
            }
            ++i;
        } else {
            ++i;
        }
        if (i == std::string::npos) {
            break;
        }
    }
    return literals;
}

// What in a literal names a front end's option or command.
bool names_a_cli_word(const std::string& literal) {
    static const std::regex kCliWords(R"(--[A-Za-z]|'jobkb [a-z]|(^|[ (])-[A-Za-z]( |$))");
    return std::regex_search(literal, kCliWords);
}

std::vector<std::string> cli_words_in(const std::string& source) {
    std::vector<std::string> found;
    for (const auto& literal : string_literals(source)) {
        if (names_a_cli_word(literal)) {
            found.push_back(literal);
        }
    }
    return found;
}

TEST(LibraryMessages, TheScanFindsCliWordsInLiteralsOnly) {
    EXPECT_EQ(cli_words_in("throw Error(kLimit, \"stopped (raise it with --max-rows N)\");"),
              std::vector<std::string>{"stopped (raise it with --max-rows N)"});
    EXPECT_EQ(cli_words_in("f(\"run 'jobkb migrate' first\"); g(\"pass -p x VALUE\");").size(), 2u);
    EXPECT_EQ(cli_words_in("f(R\"sql(SELECT 1 --x\n)sql\");").size(), 1u);
    EXPECT_EQ(cli_words_in("int n = 10'000'000; f(\"--time-limit\");").size(), 1u);
    // Comments, SQL comments and arithmetic are not CLI words.
    EXPECT_TRUE(cli_words_in("// pass --write\n/* see 'jobkb check' */ f(\"a - b\", '-');\n"
                             "g(\"--\"); h(R\"(SELECT 1 -- the first)\");")
                    .empty());
}

TEST(LibraryMessages, NameNoCommandOrOption) {
    const auto library = test::source_dir() / "src" / "jobkb";
    int files = 0;
    for (const auto& entry : test::fs::recursive_directory_iterator(library)) {
        const auto extension = entry.path().extension();
        if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) {
            continue;
        }
        const auto relative = entry.path().lexically_relative(library);
        ++files;
        for (const auto& literal : cli_words_in(test::read_bytes(entry.path()))) {
            ADD_FAILURE() << relative.string() << ": \"" << literal
                          << "\" names a CLI option or command: give the Error a Hint instead";
        }
    }
    EXPECT_GT(files, 40);
}

} // namespace
} // namespace jobkb
