// Occupation codes by shape: what role_codes' CHECK accepts, in C++, so that an import can say
// which code is wrong before SQLite would refuse it.
#include "jobkb/occupation_codes.hpp"

#include <algorithm>
#include <array>

namespace jobkb {
namespace {

constexpr std::string_view kEscoPrefix = "http://data.europa.eu/esco/occupation/";

constexpr std::array<OccupationScheme, 4> kSchemes = {{
    {"onet-soc-2019", "O*NET-SOC 2019", "NN-NNNN.NN"},
    {"soc-2018", "SOC 2018", "NN-NNNN"},
    {"isco-08", "ISCO-08", "one to four digits"},
    {"esco", "ESCO", "an ESCO occupation URI"},
}};

bool digit(char c) { return c >= '0' && c <= '9'; }

// `pattern`: 'N' a digit, anything else itself.
bool matches(std::string_view text, std::string_view pattern) {
    if (text.size() != pattern.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (pattern[i] == 'N' ? !digit(text[i]) : text[i] != pattern[i]) {
            return false;
        }
    }
    return true;
}

bool esco_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || digit(c) || c == ':' || c == '/' ||
           c == '.' || c == '_' || c == '-';
}

} // namespace

std::string_view to_string(CodeRelation relation) {
    return relation == CodeRelation::kIs ? "is" : "within";
}

std::span<const OccupationScheme> occupation_schemes() { return kSchemes; }

const OccupationScheme* find_occupation_scheme(std::string_view code) {
    const auto found = std::find_if(kSchemes.begin(), kSchemes.end(),
                                    [&](const OccupationScheme& s) { return s.code == code; });
    return found == kSchemes.end() ? nullptr : &*found;
}

bool has_code_shape(std::string_view scheme, std::string_view code) {
    if (scheme == "onet-soc-2019") {
        return matches(code, "NN-NNNN.NN");
    }
    if (scheme == "soc-2018") {
        return matches(code, "NN-NNNN");
    }
    if (scheme == "isco-08") {
        return !code.empty() && code.size() <= 4 && std::all_of(code.begin(), code.end(), digit);
    }
    if (scheme == "esco") {
        return code.size() > kEscoPrefix.size() && code.starts_with(kEscoPrefix) &&
               std::all_of(code.begin(), code.end(), esco_character);
    }
    return false;
}

std::optional<OccupationCode> recognise_occupation_code(std::string_view text) {
    for (const OccupationScheme& scheme : kSchemes) {
        if (has_code_shape(scheme.code, text)) {
            return OccupationCode{std::string(scheme.code), std::string(text)};
        }
    }
    return std::nullopt;
}

std::optional<OccupationCode> parse_occupation_code(std::string_view text) {
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        if (const OccupationScheme* scheme = find_occupation_scheme(text.substr(0, colon))) {
            const std::string_view code = text.substr(colon + 1);
            if (!has_code_shape(scheme->code, code)) {
                return std::nullopt;
            }
            return OccupationCode{std::string(scheme->code), std::string(code)};
        }
    }
    return recognise_occupation_code(text);
}

} // namespace jobkb
