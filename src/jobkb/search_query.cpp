// The user's search words as an FTS5 MATCH expression: every term becomes a quoted FTS5 string,
// so that FTS5 sees no syntax the user did not mean (a column filter "name:", a NEAR group, a
// parenthesis or a caret are all just characters of a word), and the few operators jobkb offers
// are checked here, with a message in the user's terms rather than FTS5's "syntax error near".
#include "jobkb/error.hpp"
#include "jobkb/import/diagnostics.hpp"
#include "jobkb/search.hpp"
#include "jobkb/text.hpp"

#include <string>
#include <vector>

namespace jobkb {
namespace {

constexpr std::size_t kMaxQueryBytes = 1000;
constexpr std::size_t kMaxTerms = 64;

[[noreturn]] void malformed(std::string_view words, const std::string& what,
                            const std::string& expected) {
    throw Error(ErrorCode::kInvalidArgument,
                ErrorDetails{{},
                             "search",
                             what + " in '" + detail::one_line(detail::elided(words, 120)) +
                                 "' (expected " + expected + ")",
                             {}});
}

// Spaces and control characters (a NUL would end FTS5's reading of the expression) separate
// words.
bool is_space(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f;
}

// One piece of the query: a term (a word or a phrase, maybe a prefix) or an operator.
struct Piece {
    std::string text; // a term's words; an operator's name
    bool is_operator = false;
    bool prefix = false;
};

std::string quoted(const Piece& term) {
    std::string result = "\"";
    for (const char c : term.text) {
        result += c;
        if (c == '"') {
            result += '"'; // never happens (quotes delimit phrases), but an FTS5 string needs it
        }
    }
    result += '"';
    if (term.prefix) {
        result += '*';
    }
    return result;
}

std::vector<Piece> pieces_of(std::string_view words) {
    std::vector<Piece> pieces;
    std::size_t at = 0;
    while (at < words.size()) {
        if (is_space(words[at])) {
            ++at;
            continue;
        }
        Piece piece;
        if (words[at] == '"') {
            const std::size_t close = words.find('"', at + 1);
            if (close == std::string_view::npos) {
                malformed(words, "unbalanced quote", "a closing \" after the phrase");
            }
            piece.text = std::string(words.substr(at + 1, close - at - 1));
            for (char& c : piece.text) {
                if (is_space(c)) {
                    c = ' '; // inside a phrase too: FTS5 would stop reading at a NUL
                }
            }
            at = close + 1;
            if (at < words.size() && words[at] == '*') {
                piece.prefix = true;
                ++at;
            }
            if (detail::trimmed(piece.text).empty()) {
                malformed(words, "an empty phrase", "words between the quotes");
            }
        } else {
            const std::size_t start = at;
            while (at < words.size() && !is_space(words[at]) && words[at] != '"') {
                ++at;
            }
            piece.text = std::string(words.substr(start, at - start));
            if (piece.text == "AND" || piece.text == "OR" || piece.text == "NOT") {
                piece.is_operator = true;
            } else if (piece.text.find_first_not_of('*') == std::string::npos) {
                malformed(words, "a lone '*'", "it at the end of a word, as in pipe*");
            } else if (piece.text.back() == '*') {
                piece.text.pop_back();
                piece.prefix = true;
                if (piece.text.back() == '*') {
                    malformed(words, "'" + piece.text + "*' ends in more than one '*'",
                              "one, as in pipe*");
                }
            }
        }
        pieces.push_back(std::move(piece));
    }
    return pieces;
}

} // namespace

std::string fts_match_expression(std::string_view words) {
    if (words.size() > kMaxQueryBytes) {
        malformed(words, "a query of " + std::to_string(words.size()) + " bytes",
                  "at most " + std::to_string(kMaxQueryBytes));
    }
    const std::vector<Piece> pieces = pieces_of(words);
    if (pieces.empty()) {
        malformed(words, "nothing to search for", "a word");
    }
    if (pieces.size() > kMaxTerms) {
        malformed(words, std::to_string(pieces.size()) + " words",
                  "at most " + std::to_string(kMaxTerms));
    }
    std::string expression;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const Piece& piece = pieces[i];
        if (piece.is_operator) {
            const bool has_left = i > 0 && !pieces[i - 1].is_operator;
            const bool has_right = i + 1 < pieces.size() && !pieces[i + 1].is_operator;
            if (!has_left || !has_right) {
                malformed(words, "'" + piece.text + "' without a word on each side",
                          "WORD " + piece.text + " WORD; quote it to search for the word: \"" +
                              piece.text + "\"");
            }
            expression += " " + piece.text + " ";
        } else {
            if (i > 0 && !pieces[i - 1].is_operator) {
                expression += " "; // adjacent terms: both must match
            }
            expression += quoted(piece);
        }
    }
    return expression;
}

std::string snippet_text(const std::vector<SnippetPart>& snippet, std::string_view open,
                         std::string_view close) {
    std::string text;
    for (const auto& part : snippet) {
        if (part.matched) {
            text.append(open).append(part.text).append(close);
        } else {
            text += part.text;
        }
    }
    return text;
}

} // namespace jobkb
