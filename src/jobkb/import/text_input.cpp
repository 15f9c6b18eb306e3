#include "jobkb/import/text_input.hpp"

#include "jobkb/import/readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace jobkb::detail {
namespace {

// How much of the start the encoding is guessed from.
constexpr std::size_t kSniffBytes = 4096;

bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The length of the UTF-8 sequence at the start of `bytes`: 0 when it is invalid (overlong, a
// surrogate, beyond U+10FFFF, a stray continuation byte), kIncomplete when `bytes` ends inside it.
constexpr std::size_t kIncomplete = 99;
std::size_t utf8_length(std::string_view bytes) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF; // up to U+10FFFF
    } else {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (i >= bytes.size()) {
            return kIncomplete;
        }
        const unsigned char c = byte(i);
        if (c < (i == 1 ? low : 0x80) || c > (i == 1 ? high : 0xBF)) {
            return 0;
        }
    }
    return length;
}

// How many bytes either side of a stray byte must be plain ASCII text for it to read as
// Windows-1252: random or binary data has control characters and other high bytes nearby.
constexpr std::size_t kTextAround = 8;

bool plain_text(unsigned char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

// A byte that is no UTF-8 but reads as Windows-1252 text: an accented letter (À to þ, not × or
// ÷) beside an ASCII letter, or the euro and pound signs, curly quotes and dashes, amid plain
// ASCII text. Other invalid bytes (binary data, a damaged character) are left to the field checks.
bool looks_windows_1252(std::string_view before, unsigned char c, std::string_view after) {
    for (const std::string_view side : {before, after}) {
        for (const char byte : side) {
            if (!plain_text(static_cast<unsigned char>(byte))) {
                return false;
            }
        }
    }
    const unsigned char last = before.empty() ? 0 : static_cast<unsigned char>(before.back());
    const unsigned char next = after.empty() ? 0 : static_cast<unsigned char>(after.front());
    if (c >= 0xC0 && c <= 0xFE && c != 0xD7 && c != 0xF7) {
        return ascii_letter(last) || ascii_letter(next);
    }
    static constexpr std::array<unsigned char, 8> kSigns = {0x80, 0xA3, 0x91, 0x92,
                                                            0x93, 0x94, 0x96, 0x97};
    return std::find(kSigns.begin(), kSigns.end(), c) != kSigns.end();
}

struct Guess {
    const char* problem;  // nullptr: UTF-8 as far as can be told
    const char* encoding; // iconv's name for it
};

// What the first bytes say when they carry no byte-order mark jobkb reads: UTF-32 (every fourth
// byte text, the rest NUL) or UTF-16 (every other byte NUL) betray themselves by their NULs.
Guess guess_unmarked(std::string_view start) {
    std::array<std::size_t, 4> nuls{};
    const std::size_t size = start.size() - start.size() % 4;
    for (std::size_t i = 0; i < size; ++i) {
        nuls[i % 4] += start[i] == '\0' ? 1u : 0u;
    }
    const std::size_t quarter = size / 4;
    if (quarter == 0) {
        return {nullptr, nullptr};
    }
    const auto mostly = [&](std::size_t count) { return count * 4 >= quarter * 3; };
    const auto rarely = [&](std::size_t count) { return count * 8 <= quarter; };
    if (mostly(nuls[1]) && mostly(nuls[2]) && mostly(nuls[3]) && rarely(nuls[0])) {
        return {"looks like UTF-32 (little-endian) without a byte-order mark", "UTF-32LE"};
    }
    if (mostly(nuls[0]) && mostly(nuls[1]) && mostly(nuls[2]) && rarely(nuls[3])) {
        return {"looks like UTF-32 (big-endian) without a byte-order mark", "UTF-32BE"};
    }
    if (mostly(nuls[1]) && mostly(nuls[3]) && rarely(nuls[0] + nuls[2])) {
        return {"looks like UTF-16 (little-endian) without a byte-order mark", "UTF-16LE"};
    }
    if (mostly(nuls[0]) && mostly(nuls[2]) && rarely(nuls[1] + nuls[3])) {
        return {"looks like UTF-16 (big-endian) without a byte-order mark", "UTF-16BE"};
    }
    return {nullptr, nullptr};
}

} // namespace

TextInput::TextInput(InputSource& input)
    : input_(input), chunk_(std::make_unique_for_overwrite<char[]>(kReadChunk)) {
    const std::string_view start = input_.peek(kSniffBytes);
    const auto skip = [&](std::size_t bytes) {
        std::array<char, 4> mark{};
        input_.read(mark.data(), bytes);
    };
    if (start.starts_with(std::string_view("\xFF\xFE\0\0", 4)) ||
        start.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
        const bool little = start[0] != '\0';
        refuse(fmt::format("is UTF-32 ({}-endian, with a byte-order mark) (expected UTF-8, or "
                           "UTF-16 with a byte-order mark)",
                           little ? "little" : "big"),
               {HintKind::kConvertEncoding, {}, little ? "UTF-32LE" : "UTF-32BE"});
    }
    if (start.starts_with("\xEF\xBB\xBF")) {
        skip(3);
    } else if (start.starts_with("\xFF\xFE") || start.starts_with("\xFE\xFF")) {
        encoding_ = start[0] == '\xFF' ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be;
        skip(2);
    } else if (const Guess guess = guess_unmarked(start); guess.problem) {
        refuse(std::string(guess.problem) + " (expected UTF-8, or UTF-16 with a byte-order mark)",
               {HintKind::kConvertEncoding, {}, guess.encoding});
    }
}

void TextInput::refuse(const std::string& problem, Hint hint) {
    fail_input(input_.name(), line_, problem, std::move(hint));
}

bool TextInput::fill() {
    if (ended_) {
        return false;
    }
    out_.erase(0, out_used_);
    out_used_ = 0;
    const std::size_t got = input_.read(chunk_.get(), kReadChunk);
    raw_.append(chunk_.get(), got);
    ended_ = got == 0;
    if (encoding_ == TextEncoding::kUtf8) {
        decode_utf8(ended_);
    } else {
        decode_utf16(ended_);
    }
    return true;
}

void TextInput::emit(std::string_view text) {
    for (const char c : text) {
        if (c == '\n') {
            line_ += after_cr_ ? 0 : 1;
        } else if (c == '\r') {
            ++line_;
        }
        after_cr_ = c == '\r';
    }
    out_.append(text);
}

void TextInput::decode_utf8(bool at_end) {
    const std::string_view raw(raw_);
    std::size_t done = 0; // raw_[0, done) is emitted
    std::size_t i = 0;
    while (i < raw.size()) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = utf8_length(raw.substr(i));
        if (length == kIncomplete && !at_end) {
            break; // the rest of the character is in the next chunk
        }
        if (length == 0 || length == kIncomplete) {
            if (i + 1 + kTextAround > raw.size() && !at_end) {
                break; // what follows decides
            }
            // Before it: this chunk's bytes, or the end of the last one (kept in recent_).
            const std::size_t own = std::min(i, kTextAround);
            std::string before = i < kTextAround ? recent_ : std::string();
            before.append(raw.substr(i - own, own));
            before.erase(0, before.size() > kTextAround ? before.size() - kTextAround : 0);
            if (looks_windows_1252(before, c, raw.substr(i + 1, kTextAround))) {
                emit(raw.substr(done, i - done));
                refuse(fmt::format("byte 0x{:02X} is not UTF-8: the file looks like "
                                   "Windows-1252 or Latin-1 (expected UTF-8)",
                                   c),
                       {HintKind::kConvertEncoding, {}, "WINDOWS-1252"});
            }
            length = 1; // passed on: the field that holds it is not valid UTF-8
        }
        i += length;
    }
    emit(raw.substr(done, i - done));
    const std::size_t kept = std::min(i, kTextAround);
    recent_ = kept < kTextAround ? recent_ : std::string();
    recent_.append(raw.substr(i - kept, kept));
    recent_.erase(0, recent_.size() > kTextAround ? recent_.size() - kTextAround : 0);
    raw_.erase(0, i);
}

void TextInput::emit_code_point(char32_t code_point) {
    std::array<char, 4> bytes{};
    std::size_t size = 0;
    const auto byte = [](char32_t value) { return static_cast<char>(value); };
    if (code_point < 0x80) {
        bytes[size++] = byte(code_point);
    } else if (code_point < 0x800) {
        bytes[size++] = byte(0xC0 | (code_point >> 6));
        bytes[size++] = byte(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        bytes[size++] = byte(0xE0 | (code_point >> 12));
        bytes[size++] = byte(0x80 | ((code_point >> 6) & 0x3F));
        bytes[size++] = byte(0x80 | (code_point & 0x3F));
    } else {
        bytes[size++] = byte(0xF0 | (code_point >> 18));
        bytes[size++] = byte(0x80 | ((code_point >> 12) & 0x3F));
        bytes[size++] = byte(0x80 | ((code_point >> 6) & 0x3F));
        bytes[size++] = byte(0x80 | (code_point & 0x3F));
    }
    emit(std::string_view(bytes.data(), size));
}

void TextInput::decode_utf16(bool at_end) {
    const bool little = encoding_ == TextEncoding::kUtf16Le;
    const auto unit = [&](std::size_t i) -> char32_t {
        const auto first = static_cast<unsigned char>(raw_[i]);
        const auto second = static_cast<unsigned char>(raw_[i + 1]);
        return little ? char32_t{first} | char32_t{second} << 8
                      : char32_t{first} << 8 | char32_t{second};
    };
    std::size_t i = 0;
    while (i + 2 <= raw_.size()) {
        const char32_t first = unit(i);
        if (first >= 0xDC00 && first <= 0xDFFF) {
            refuse(fmt::format("a lone UTF-16 surrogate U+{:04X} (expected UTF-16 text: a low "
                               "surrogate only after a high one)",
                               static_cast<std::uint32_t>(first)));
        }
        if (first >= 0xD800 && first <= 0xDBFF) {
            if (i + 4 > raw_.size()) {
                if (!at_end) {
                    break; // the low surrogate is in the next chunk
                }
                refuse(fmt::format("a lone UTF-16 surrogate U+{:04X} at the end (expected a low "
                                   "surrogate after it)",
                                   static_cast<std::uint32_t>(first)));
            }
            const char32_t second = unit(i + 2);
            if (second < 0xDC00 || second > 0xDFFF) {
                refuse(fmt::format("a lone UTF-16 surrogate U+{:04X} (expected a low surrogate "
                                   "after it)",
                                   static_cast<std::uint32_t>(first)));
            }
            emit_code_point(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
            i += 4;
            continue;
        }
        emit_code_point(first);
        i += 2;
    }
    raw_.erase(0, i);
    if (at_end && !raw_.empty()) {
        refuse("ends in the middle of a UTF-16 character: an odd number of bytes (expected "
               "whole 2-byte units)");
    }
}

std::size_t TextInput::read(char* buffer, std::size_t size) {
    while (out_used_ == out_.size()) {
        if (!fill()) {
            return 0;
        }
    }
    const std::size_t count = std::min(size, out_.size() - out_used_);
    std::memcpy(buffer, out_.data() + out_used_, count);
    out_used_ += count;
    return count;
}

std::string_view TextInput::peek(std::size_t size) {
    while (out_.size() - out_used_ < size && fill()) {
    }
    return std::string_view(out_).substr(out_used_, size);
}

} // namespace jobkb::detail
