#pragma once

#include <CLI/App.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace jobkb::cli {

// Checks of option and argument values in the CLI's words. CLI11 reports a failed check as
// "NAME: MESSAGE", the form of every jobkb message about one field ("--limit: must be at least
// 1"). A command that finds a usage problem in its callback throws CLI::ValidationError(NAME,
// MESSAGE) the same way: it exits 2 like any other usage error.

// A whole number in [min, max]: "must be a whole number, not 'ten'", "must be at least 1".
CLI::Validator whole_number(std::int64_t min,
                            std::int64_t max = std::numeric_limits<std::int64_t>::max());

// "a, b or c"
std::string word_list(const std::vector<std::string>& words, std::string_view last = " or ");

// One of a fixed set of words, in any letter case: "unknown format 'xml' (expected table, csv,
// tsv, json, nl or markdown)". The word becomes the value CLI11 assigns (an enum's number).
template <typename T>
CLI::Validator one_of(std::string noun, std::vector<std::pair<std::string, T>> choices) {
    auto check = [noun = std::move(noun), choices = std::move(choices)](std::string& value) {
        std::string lowered = value;
        for (char& c : lowered) {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        for (const auto& [word, choice] : choices) {
            if (word == lowered) {
                if constexpr (std::is_enum_v<T>) {
                    value = std::to_string(static_cast<std::underlying_type_t<T>>(choice));
                } else {
                    value = choice;
                }
                return std::string();
            }
        }
        std::vector<std::string> words;
        for (const auto& choice : choices) {
            words.push_back(choice.first);
        }
        return "unknown " + noun + " '" + value + "' (expected " + word_list(words) + ")";
    };
    return CLI::Validator(check, "", "one_of");
}

// The one line a failed command line gets (without "jobkb: "), in words that say what to type,
// naming the help of the command that was being read:
//   unknown command 'rolse' (did you mean 'roles' or 'role'?) (see 'jobkb --help')
//   unknown option --skil (did you mean --skill?) (see 'jobkb roles --help')
// `arguments` is the command line as given (without the program name).
std::string usage_message(CLI::App& app, const CLI::ParseError& error,
                          const std::vector<std::string>& arguments);

// Optimal string alignment distance (Levenshtein plus swapping two neighbours, the commonest
// slip: "rolse" is one from "roles"), ASCII letters compared without case.
std::size_t typo_distance(std::string_view a, std::string_view b);

} // namespace jobkb::cli
