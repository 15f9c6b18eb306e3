#pragma once

#include "jobkb/error.hpp"
#include "jobkb/import/validation.hpp"
#include "jobkb/text.hpp"

#include <string>
#include <string_view>

namespace jobkb::detail {

// A name a caller gives the base (a title, a role's new name), trimmed. Throws
// Error(kInvalidArgument) "WHAT: ..." for one that is empty, not UTF-8, or holds control
// characters: the schema's CHECKs would refuse only the first, and a name with a line break would
// break every listing it appears in.
inline std::string given_name(std::string_view text, std::string_view what) {
    std::string name = trimmed(text);
    const auto refuse = [&](std::string_view problem) {
        return Error(ErrorCode::kInvalidArgument, std::string(what) + ": " + std::string(problem));
    };
    if (name.empty()) {
        throw refuse("empty (expected a name)");
    }
    if (!valid_utf8(name)) {
        throw refuse("is not valid UTF-8 (expected UTF-8 text)");
    }
    if (has_control_characters(name) || name.find_first_of("\t\r\n") != std::string::npos) {
        throw refuse("holds a line break, tab or another control character (expected one line)");
    }
    return name;
}

} // namespace jobkb::detail
