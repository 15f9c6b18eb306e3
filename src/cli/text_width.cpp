#include "cli/text_width.hpp"

#include <locale.h>
#include <wchar.h>

namespace jobkb::cli {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0900, 0x0903}, {0x093A, 0x094F}, {0x0951, 0x0957}, {0x0962, 0x0963}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

constexpr Range kDoubleWidth[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <std::size_t N> bool in_ranges(char32_t code_point, const Range (&ranges)[N]) {
    for (const auto& range : ranges) {
        if (code_point >= range.first && code_point <= range.last) {
            return true;
        }
    }
    return false;
}

// Decodes one code point at text[index] and advances index; an invalid byte decodes as itself.
char32_t next_code_point(std::string_view text, std::size_t& index) {
    const auto lead = static_cast<unsigned char>(text[index]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || index + length > text.size()) {
        ++index;
        return lead;
    }
    char32_t code_point = length == 1 ? char32_t{lead} : char32_t{lead} & (0x7Fu >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto continuation = static_cast<unsigned char>(text[index + i]);
        if ((continuation >> 6) != 0x2) {
            ++index;
            return lead;
        }
        code_point = (code_point << 6) | (continuation & 0x3F);
    }
    index += length;
    return code_point;
}

// glibc's wcwidth() knows the Unicode tables (spacing marks, emoji) but reads the thread's
// locale; C.UTF-8 is built into glibc. Without it, the small tables above are the fallback.
locale_t utf8_locale() {
    static const locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    return locale;
}

std::size_t fallback_width(char32_t code_point) {
    if (in_ranges(code_point, kZeroWidth)) {
        return 0;
    }
    return in_ranges(code_point, kDoubleWidth) ? 2u : 1u;
}

} // namespace

std::size_t display_width(std::string_view text) {
    const locale_t locale = utf8_locale();
    const locale_t previous = locale != locale_t{} ? ::uselocale(locale) : locale_t{};
    std::size_t width = 0;
    for (std::size_t index = 0; index < text.size();) {
        const char32_t code_point = next_code_point(text, index);
        if (locale == locale_t{}) {
            width += fallback_width(code_point);
            continue;
        }
        const int columns = ::wcwidth(static_cast<wchar_t>(code_point));
        // Control characters and invalid bytes (-1) still take a cell when printed.
        width += columns < 0 ? 1u : static_cast<std::size_t>(columns);
    }
    if (locale != locale_t{}) {
        ::uselocale(previous);
    }
    return width;
}

std::string visible_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
        const char32_t picture = byte == 0x7f ? U'\u2421' : U'\u2400' + byte;
        // Control pictures are three UTF-8 bytes: 1110xxxx 10xxxxxx 10xxxxxx.
        return {static_cast<char>(0xE0 | (picture >> 12)),
                static_cast<char>(0x80 | ((picture >> 6) & 0x3F)),
                static_cast<char>(0x80 | (picture & 0x3F))};
    }
    return std::string(1, c);
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
    std::vector<std::string> lines(1);
    std::size_t line_width = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view word = text.substr(start, end - start);
        const std::size_t word_width = display_width(word);
        if (!word.empty()) {
            if (line_width > 0 && line_width + 1 + word_width > width) {
                lines.emplace_back();
                line_width = 0;
            }
            if (line_width > 0) {
                lines.back() += ' ';
                ++line_width;
            }
            lines.back() += word;
            line_width += word_width;
        }
        start = end + 1;
    }
    return lines;
}

} // namespace jobkb::cli
