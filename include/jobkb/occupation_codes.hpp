#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jobkb {

/// An occupation code of one classification scheme, as role_codes stores it.
struct OccupationCode {
    std::string scheme; ///< "onet-soc-2019", "soc-2018", "isco-08" or "esco"
    std::string code;   ///< "15-2051.00", "15-2051", "2511", "http://data.europa.eu/esco/..."
};

/// What a role is of an occupation code.
enum class CodeRelation {
    kIs,     ///< the role is that occupation (one role per code)
    kWithin, ///< the role is a specialisation of that broader occupation
};

/// "is" or "within", as role_codes.relation stores it.
std::string_view to_string(CodeRelation relation);

/// One scheme jobkb knows a code's shape for.
struct OccupationScheme {
    std::string_view code;  ///< as occupation_schemes.code: "onet-soc-2019"
    std::string_view name;  ///< for people: "O*NET-SOC 2019"
    std::string_view shape; ///< the shape of its codes, for messages: "NN-NNNN.NN"
};

/// The schemes of migration 0003's occupation_schemes, in the order codes are recognised.
std::span<const OccupationScheme> occupation_schemes();

/// The scheme of this code ("onet-soc-2019"), or nullptr for one jobkb does not know.
const OccupationScheme* find_occupation_scheme(std::string_view code);

/// Whether `code` has the shape of a code of `scheme` (role_codes' CHECK): O*NET-SOC 2019
/// `15-2051.00`, SOC 2018 `15-2051`, ISCO-08 one to four digits, ESCO an occupation URI
/// `http://data.europa.eu/esco/occupation/...`.
bool has_code_shape(std::string_view scheme, std::string_view code);

/// The code a text names, by its shape alone: `15-2051.00` is O*NET-SOC, `15-2051` SOC, a one- to
/// four-digit number ISCO-08, an ESCO occupation URI ESCO. nullopt for any other text.
std::optional<OccupationCode> recognise_occupation_code(std::string_view text);

/// A code as an import file or a command line writes it: `SCHEME:CODE` (`onet-soc-2019:15-2051.00`,
/// `isco-08:2511`), or a bare code recognised by its shape. nullopt when the text is neither, or
/// when a scheme is named and the code does not have its shape.
std::optional<OccupationCode> parse_occupation_code(std::string_view text);

} // namespace jobkb
