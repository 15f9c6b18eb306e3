#pragma once

#include "jobkb/error.hpp"

#include <string>

namespace jobkb::cli {

// A library hint in the CLI's words: the command to run or the option to pass
// ("run 'jobkb migrate' first", "add it with --create-roles, ...").
std::string cli_hint(const Hint& hint);

// An error's one-line message with its hint in the CLI's words (without the "jobkb: " prefix).
std::string cli_message(const Error& error);

// Text quoted for a POSIX shell when it needs it, so a suggested command can be pasted:
// as_of=As Of -> 'as_of=As Of'.
std::string shell_quoted(const std::string& text);

} // namespace jobkb::cli
