#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Small ASCII text helpers the library's parsers and lookups share. Letter case is folded for
// ASCII only, as SQLite's NOCASE does, so C++ and SQL agree on what "the same name" means.
namespace jobkb::detail {

inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lowered(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), ascii_lower);
    return result;
}

inline std::string ascii_uppered(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    return result;
}

inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

// The text without leading and trailing spaces, tabs and line breaks.
inline std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return "";
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// "a, b or c": names joined for a message that offers them as choices.
inline std::string or_list(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return text;
}

// The text shortened to about max_bytes by leaving out its middle, for messages that quote what a
// file held: "abc…[1048000 bytes left out]…xyz". Cuts fall between UTF-8 characters.
inline std::string elided(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    const auto continuation = [&](std::size_t i) {
        return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    };
    std::size_t head = max_bytes / 2;
    while (head > 0 && continuation(head)) {
        --head;
    }
    std::size_t tail = text.size() - max_bytes / 4;
    while (tail < text.size() && continuation(tail)) {
        ++tail;
    }
    return std::string(text.substr(0, head)) + "…[" + std::to_string(tail - head) +
           " bytes left out]…" + std::string(text.substr(tail));
}

} // namespace jobkb::detail
