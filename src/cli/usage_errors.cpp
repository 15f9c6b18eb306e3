#include "cli/usage_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace jobkb::cli {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_option_like(std::string_view token) {
    // "-" alone is a value (standard input); "-5" is a number unless an option is named so.
    return token.size() > 1 && token[0] == '-' && !(token[1] >= '0' && token[1] <= '9');
}

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

// The commands being read when parsing stopped: the app, then each subcommand it had reached.
std::vector<CLI::App*> parsed_chain(CLI::App& app) {
    std::vector<CLI::App*> chain{&app};
    for (;;) {
        const auto parsed = chain.back()->get_subcommands(
            [](CLI::App* sub) { return !sub->get_name().empty() && sub->parsed(); });
        if (parsed.empty()) {
            return chain;
        }
        chain.push_back(parsed.front());
    }
}

std::string command_path(const std::vector<CLI::App*>& chain) {
    std::string path = "jobkb";
    for (std::size_t i = 1; i < chain.size(); ++i) {
        path += " " + chain[i]->get_name();
    }
    return path;
}

// Subcommands that --help lists (a hidden one has no group).
std::vector<std::string> visible_commands(CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands(
             [](CLI::App* s) { return !s->get_name().empty() && !s->get_group().empty(); })) {
        names.push_back(sub->get_name());
    }
    return names;
}

std::vector<CLI::Option*> positionals(CLI::App& app) {
    return app.get_options([](CLI::Option* option) {
        return option->get_positional() && !option->get_group().empty();
    });
}

// "jobkb gap FROM TO [options]": what --help's first line says, in short.
std::string usage_line(const std::vector<CLI::App*>& chain) {
    CLI::App& command = *chain.back();
    std::string usage = command_path(chain);
    const auto arguments = positionals(command);
    if (arguments.empty() && !visible_commands(command).empty()) {
        usage += " COMMAND";
    }
    for (const auto* argument : arguments) {
        const std::string name = argument->get_name(true, false);
        std::string shown = name;
        for (int i = 1; i < argument->get_items_expected_min(); ++i) {
            shown += " " + name;
        }
        if (argument->get_items_expected_max() > argument->get_items_expected_min()) {
            shown += "...";
        }
        usage += " " + (argument->get_required() ? shown : "[" + shown + "]");
    }
    const auto options = command.get_options([&command](CLI::Option* option) {
        return !option->get_positional() && option != command.get_help_ptr() &&
               !option->get_group().empty();
    });
    if (!options.empty()) {
        usage += " [options]";
    }
    return usage;
}

std::size_t tolerance(std::size_t length) {
    // Short words are near too many others to make useful suggestions at distance 2.
    return length <= 3 ? 1 : std::max<std::size_t>(2, length / 3);
}

// The candidates nearest to what was typed (all of them when several are as near), dashes and
// letter case aside; a candidate that starts with the typed word counts as near ("rol": role,
// roles).
std::vector<std::string> closest(std::string_view typed,
                                 const std::vector<std::string>& candidates) {
    auto bare = [](std::string_view text) {
        std::string word(text.substr(std::min(text.find_first_not_of('-'), text.size())));
        std::transform(word.begin(), word.end(), word.begin(), lower);
        return word;
    };
    const std::string wanted = bare(typed);
    std::vector<std::pair<std::size_t, std::string>> near;
    if (wanted.size() < 2) {
        return {}; // one letter is near every other letter
    }
    for (const auto& candidate : candidates) {
        const std::string name = bare(candidate);
        std::size_t score = typo_distance(wanted, name);
        if (wanted.size() >= 3 && name.starts_with(wanted)) {
            score = std::min<std::size_t>(score, 1);
        }
        if (score <= tolerance(wanted.size()) &&
            std::none_of(near.begin(), near.end(),
                         [&](const auto& entry) { return entry.second == candidate; })) {
            near.emplace_back(score, candidate);
        }
    }
    std::stable_sort(near.begin(), near.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> best;
    for (const auto& [score, candidate] : near) {
        if (score == near.front().first && best.size() < 3) {
            best.push_back(candidate);
        }
    }
    return best;
}

// Every option name valid where parsing stopped: the command's and, since global options may
// follow the command, those of the commands above it.
std::vector<std::string> option_names(const std::vector<CLI::App*>& chain) {
    std::vector<std::string> names;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        for (const auto* option : (*it)->get_options()) {
            if (option->get_positional() || option->get_group().empty()) {
                continue;
            }
            for (const auto& name : option->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const auto& name : option->get_snames()) {
                names.push_back("-" + name);
            }
        }
    }
    return names;
}

CLI::Option* find_option(const std::vector<CLI::App*>& chain, const std::string& name) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (auto* option = (*it)->get_option_no_throw(name); option != nullptr) {
            return option;
        }
    }
    return nullptr;
}

std::string unknown_command(const std::vector<CLI::App*>& chain, const std::string& word) {
    CLI::App& command = *chain.back();
    std::string prefix;
    for (std::size_t i = 1; i < chain.size(); ++i) {
        prefix += chain[i]->get_name() + " ";
    }
    const auto commands = visible_commands(command);
    const auto near = closest(word, commands);
    if (near.empty()) {
        return "unknown command " + in_quotes(prefix + word) + " (expected " + word_list(commands) +
               ")";
    }
    std::vector<std::string> suggestions;
    for (const auto& name : near) {
        suggestions.push_back(in_quotes(prefix + name));
    }
    return "unknown command " + in_quotes(prefix + word) + " (did you mean " +
           word_list(suggestions) + "?)";
}

std::string unknown_option(const std::vector<CLI::App*>& chain, const std::string& token) {
    const std::string name = token.substr(0, token.find('='));
    const auto near = closest(name, option_names(chain));
    return "unknown option " + name +
           (near.empty() ? "" : " (did you mean " + word_list(near) + "?)");
}

// An option given without (all of) its values: found on the command line as CLI11 reads it,
// where an option takes the words after it as its values even when they look like options, so
// only the end of the line leaves it short.
std::optional<std::string> option_without_value(const std::vector<CLI::App*>& chain,
                                                const std::vector<std::string>& arguments) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& token = arguments[i];
        if (token == "--") {
            break;
        }
        if (!is_option_like(token) || token.find('=') != std::string::npos) {
            continue;
        }
        const CLI::Option* option = find_option(chain, token);
        if (option == nullptr || option->get_items_expected_min() == 0) {
            continue;
        }
        const auto wanted = static_cast<std::size_t>(option->get_items_expected_min());
        const std::size_t given = std::min(wanted, arguments.size() - i - 1);
        if (given < wanted) {
            const std::string text = option->get_option_text().empty() ? option->get_type_name()
                                                                       : option->get_option_text();
            return wanted == 1 ? fmt::format("{} needs a value ({})", token, text)
                               : fmt::format("{} needs {} values ({})", token, wanted, text);
        }
        i += given;
    }
    return std::nullopt;
}

// Where an option first appears on the command line (its name, or NAME=VALUE).
std::size_t position(const CLI::Option& option, const std::vector<std::string>& arguments) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (is_option_like(arguments[i]) &&
            option.check_name(arguments[i].substr(0, arguments[i].find('=')))) {
            return i;
        }
    }
    return arguments.size();
}

bool is_whole_number(const std::string& text) {
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return !text.empty() && end == text.data() + text.size() && error == std::errc();
}

template <typename E> bool is(const CLI::ParseError& error) {
    return dynamic_cast<const E*>(&error) != nullptr;
}

std::string describe(const std::vector<CLI::App*>& chain, const CLI::ParseError& error,
                     const std::vector<std::string>& arguments) {
    CLI::App& command = *chain.back();
    std::vector<std::string> leftovers;
    for (auto& leftover : chain.front()->remaining(true)) {
        if (leftover != "--") {
            leftovers.push_back(std::move(leftover));
        }
    }
    // Words CLI11 could not place come first: they are the cause of most other complaints
    // ("--limt 3" leaves a required argument missing).
    if (!leftovers.empty() && !is_option_like(leftovers.front()) &&
        !visible_commands(command).empty() && positionals(command).empty()) {
        return unknown_command(chain, leftovers.front());
    }
    for (const auto& leftover : leftovers) {
        if (is_option_like(leftover)) {
            return unknown_option(chain, leftover);
        }
    }
    if (is<CLI::ArgumentMismatch>(error)) {
        if (auto missing = option_without_value(chain, arguments)) {
            return *missing;
        }
        for (const auto* argument : positionals(command)) {
            const auto count = static_cast<int>(argument->count());
            if (count > 0 && count < argument->get_items_expected_min()) {
                return fmt::format("expected at least {} {} arguments, got {} (usage: {})",
                                   argument->get_items_expected_min(),
                                   argument->get_name(true, false), count, usage_line(chain));
            }
        }
    }
    if (is<CLI::RequiredError>(error)) {
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            for (const auto* option : (*it)->get_options()) {
                if (option->get_required() && option->count() == 0) {
                    return option->get_positional()
                               ? fmt::format("missing {} (usage: {})",
                                             option->get_name(true, false), usage_line(chain))
                               : "missing option " + option->get_name();
                }
            }
        }
        if (command.get_require_subcommand_min() > 0) {
            const std::string expected = " (expected " + word_list(visible_commands(command)) + ")";
            return chain.size() == 1 ? "missing command" + expected
                                     : "missing command after " +
                                           in_quotes(command_path(chain).substr(6)) + expected;
        }
    }
    if (is<CLI::ConversionError>(error)) {
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            for (const auto* option : (*it)->get_options()) {
                const std::string type = option->get_type_name();
                if (type != "INT" && type != "UINT") {
                    continue;
                }
                for (const auto& value : option->results()) {
                    if (!is_whole_number(value)) {
                        return option->get_name(true, false) + ": must be a whole number, not " +
                               in_quotes(value);
                    }
                }
            }
        }
    }
    if (is<CLI::ExcludesError>(error)) {
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            for (const auto* option : (*it)->get_options()) {
                for (const auto* other : option->get_excludes()) {
                    if (option->count() > 0 && other->count() > 0) {
                        // In the order they were typed.
                        const bool option_first =
                            position(*option, arguments) <= position(*other, arguments);
                        return (option_first ? option : other)->get_name() +
                               " cannot be used with " +
                               (option_first ? other : option)->get_name();
                    }
                }
            }
        }
    }
    if (is<CLI::ExtrasError>(error) && !leftovers.empty()) {
        return "unexpected argument " + in_quotes(leftovers.front()) +
               " (usage: " + usage_line(chain) + ")";
    }
    // Our own checks (ValidationError) already speak our words: "NAME: MESSAGE".
    return error.what();
}

} // namespace

CLI::Validator whole_number(std::int64_t min, std::int64_t max) {
    auto check = [min, max](std::string& value) -> std::string {
        std::int64_t number = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, number);
        if (value.empty() || stop != end) {
            return "must be a whole number, not '" + value + "'";
        }
        const bool too_small =
            error == std::errc::result_out_of_range ? value.front() == '-' : number < min;
        const bool too_large = error == std::errc::result_out_of_range ? !too_small : number > max;
        if (too_small) {
            return fmt::format("must be at least {}", min);
        }
        if (too_large) {
            return fmt::format("must be at most {}", max);
        }
        return "";
    };
    return CLI::Validator(check, "", "whole_number");
}

std::string word_list(const std::vector<std::string>& words, std::string_view last) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == words.size() ? std::string(last) : ", ");
        text += words[i];
    }
    return text;
}

std::size_t typo_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programme: two back for a swap.
    std::vector<std::size_t> before(b.size() + 1);
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string usage_message(CLI::App& app, const CLI::ParseError& error,
                          const std::vector<std::string>& arguments) {
    const auto chain = parsed_chain(app);
    return describe(chain, error, arguments) + " (see '" + command_path(chain) + " --help')";
}

} // namespace jobkb::cli
