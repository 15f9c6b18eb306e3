#include "cli/completion_scripts.hpp"

#include <algorithm>

namespace jobkb::cli {
namespace {

CompletedValue value_of(const CLI::Option& option) {
    std::string text = option.get_option_text();
    if (text.empty() && option.get_positional()) {
        text = option.get_name(true, false);
    }
    CompletedValue value;
    if (text.find('|') != std::string::npos) {
        value.kind = ValueKind::kChoice;
        for (std::size_t start = 0; start <= text.size();) {
            const std::size_t bar = std::min(text.find('|', start), text.size());
            value.choices.push_back(text.substr(start, bar - start));
            start = bar + 1;
        }
    } else if (text == "ROLE") {
        value.kind = ValueKind::kRole;
    } else if (text == "SKILL") {
        value.kind = ValueKind::kSkill;
    } else if (text == "INDUSTRY") {
        value.kind = ValueKind::kIndustry;
    } else if (text == "CC" || text == "COUNTRY") {
        value.kind = ValueKind::kCountry;
    } else if (text == "FILE" || text == "PATH" || text == "DIR") {
        value.kind = ValueKind::kFile;
    }
    return value;
}

void walk(const CLI::App& app, const std::string& path, std::vector<CompletedCommand>& table) {
    CompletedCommand command;
    command.path = path;
    const auto visible = app.get_subcommands(
        [](const CLI::App* sub) { return !sub->get_name().empty() && !sub->get_group().empty(); });
    for (const auto* sub : visible) {
        command.commands.push_back(sub->get_name());
    }
    for (const auto* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue; // hidden
        }
        if (option->get_positional()) {
            // At least one word each; CLI11 counts an optional one as expecting one too.
            const int words = std::max(1, option->get_items_expected_min());
            for (int i = 0; i < words; ++i) {
                command.arguments.push_back(
                    {value_of(*option), i + 1 == words && option->get_items_expected_max() >
                                                              option->get_items_expected_min()});
            }
            continue;
        }
        CompletedOption completed;
        for (const auto& name : option->get_snames()) {
            completed.names.push_back("-" + name);
        }
        for (const auto& name : option->get_lnames()) {
            completed.names.push_back("--" + name);
        }
        completed.values = option->get_items_expected_min();
        completed.value = value_of(*option);
        command.options.push_back(std::move(completed));
    }
    table.push_back(std::move(command));
    for (const auto* sub : visible) {
        walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), table);
    }
}

// A value's kind as the scripts spell it: role, skill, industry, country, file, a|b|c, or -.
std::string kind_word(const CompletedValue& value) {
    switch (value.kind) {
    case ValueKind::kNone:
        return "-";
    case ValueKind::kRole:
        return "role";
    case ValueKind::kSkill:
        return "skill";
    case ValueKind::kIndustry:
        return "industry";
    case ValueKind::kCountry:
        return "country";
    case ValueKind::kFile:
        return "file";
    case ValueKind::kChoice: {
        std::string words;
        for (const auto& choice : value.choices) {
            words += (words.empty() ? "" : "|") + choice;
        }
        return words;
    }
    }
    return "-";
}

// The scripts keep the table in single-quoted, space-separated words: anything else in a name
// would break them, and no jobkb name needs it.
bool plain(const std::string& word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '|' || c == '.' || c == '+';
    });
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) {
        if (plain(word)) {
            text += (text.empty() ? "" : " ") + word;
        }
    }
    return text;
}

// _jobkb_spec PATH sets jk_subs (the subcommands), jk_opts (the options, as NAME:COUNT:KIND)
// and jk_args (the positional arguments' kinds; a last one ending in + repeats). The same text
// is valid bash and zsh.
std::string spec_function(const std::vector<CompletedCommand>& table) {
    std::string text = "_jobkb_spec() {\n    case $1 in\n";
    for (const auto& command : table) {
        std::vector<std::string> options;
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                options.push_back(name + ":" + std::to_string(option.values) + ":" +
                                  kind_word(option.value));
            }
        }
        std::vector<std::string> arguments;
        for (const auto& argument : command.arguments) {
            arguments.push_back(kind_word(argument.value) + (argument.repeats ? "+" : ""));
        }
        std::string options_text;
        for (const auto& option : options) {
            // A name is plain; its kind may hold | (choices) and : separates the parts.
            const std::string name = option.substr(0, option.find(':'));
            if (plain(name)) {
                options_text += (options_text.empty() ? "" : " ") + option;
            }
        }
        text += "    '" + command.path + "')\n";
        text += "        jk_subs='" + joined(command.commands) + "'\n";
        text += "        jk_opts='" + options_text + "'\n";
        text += "        jk_args='" + joined(arguments) + "' ;;\n";
    }
    text += "    *) jk_subs= jk_opts= jk_args= ;;\n    esac\n}\n";
    return text;
}

constexpr const char* kBashEngine = R"BASH(
# Completes a value of KIND (role, skill, industry, country: names read from the base through
# PROGRAM [--db PATH]; file; a|b|c; - for nothing): _jobkb_values KIND CUR PROGRAM [--db PATH]
_jobkb_values() {
    local kind=$1 cur=$2 program=$3 quote= name escaped
    shift 3
    COMPREPLY=()
    case $kind in
    -) ;;
    file)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    role|skill|industry|country)
        case $cur in \"*|\'*) quote=${cur:0:1} cur=${cur:1} ;; esac
        while IFS= read -r name; do
            if [[ -n $quote ]]; then
                COMPREPLY+=("$quote$name$quote")
            else
                printf -v escaped '%q' "$name"
                COMPREPLY+=("$escaped")
            fi
        done < <("$program" "$@" completion names "$kind" "$cur" 2>/dev/null) ;;
    *) mapfile -t COMPREPLY < <(compgen -W "${kind//|/ }" -- "$cur") ;;
    esac
}

_jobkb() {
    local cur=${COMP_WORDS[COMP_CWORD]} command_path= all= npos=0 i=1 word token spec count
    local jk_subs jk_opts jk_args kind=-
    local -a dbopt=() kinds=()
    [[ $cur == = ]] && cur= # --skill=<Tab>: bash makes the = a word of its own
    _jobkb_spec ''
    all=$jk_opts
    while (( i < COMP_CWORD )); do
        word=${COMP_WORDS[i]}
        if [[ $word == -?* ]]; then
            spec=
            for token in $all; do
                [[ ${token%%:*} == "$word" ]] && spec=${token#*:}
            done
            count=${spec%%:*}
            if [[ -n $spec && $count != 0 ]]; then
                [[ ${COMP_WORDS[i+1]} == = ]] && (( i++ ))
                if (( i + count >= COMP_CWORD )); then
                    _jobkb_values "${spec#*:}" "$cur" "${COMP_WORDS[0]}" "${dbopt[@]}"
                    return 0
                fi
                [[ $word == --db ]] && dbopt=(--db "${COMP_WORDS[i+1]/#\~/$HOME}")
                (( i += count ))
            fi
        elif (( npos == 0 )) && [[ " $jk_subs " == *" $word "* ]]; then
            command_path=${command_path:+$command_path }$word
            _jobkb_spec "$command_path"
            all="$all $jk_opts"
        else
            (( npos++ ))
        fi
        (( i++ ))
    done
    if [[ $cur == -* ]]; then
        local names=
        for token in $all; do
            [[ " $names " == *" ${token%%:*} "* ]] || names+=" ${token%%:*}"
        done
        mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
    elif [[ -n $jk_subs && -z $jk_args ]] && (( npos == 0 )); then
        mapfile -t COMPREPLY < <(compgen -W "$jk_subs" -- "$cur")
    else
        kinds=($jk_args)
        if (( npos < ${#kinds[@]} )); then
            kind=${kinds[npos]}
        elif (( ${#kinds[@]} > 0 )) && [[ ${kinds[${#kinds[@]}-1]} == *+ ]]; then
            kind=${kinds[${#kinds[@]}-1]}
        fi
        _jobkb_values "${kind%+}" "$cur" "${COMP_WORDS[0]}" "${dbopt[@]}"
    fi
    return 0
}

complete -F _jobkb jobkb
)BASH";

constexpr const char* kZshEngine = R"ZSH(
# Sets REPLY to what KIND's values are (words, files or none) and reply to the words: names read
# from the base through PROGRAM [--db PATH], or the choices a|b|c.
# _jobkb_values KIND CUR PROGRAM [--db PATH]
_jobkb_values() {
    local kind=$1 cur=$2 program=$3
    shift 3
    case $kind in
    -) REPLY=none ;;
    file) REPLY=files ;;
    role|skill|industry|country)
        REPLY=words
        reply=(${(f)"$("$program" "$@" completion names "$kind" "${(Q)cur}" 2>/dev/null)"}) ;;
    *) REPLY=words; reply=(${(s:|:)kind}) ;;
    esac
}

# What the word under the cursor can be, from words and CURRENT: REPLY and reply as above.
_jobkb_candidates() {
    local cur=${words[CURRENT]} command_path= all= npos=0 i=2 word token spec count kind=-
    local jk_subs jk_opts jk_args
    local -a dbopt kinds
    reply=()
    REPLY=none
    _jobkb_spec ''
    all=$jk_opts
    while (( i < CURRENT )); do
        word=${words[i]}
        if [[ $word == -?* ]]; then
            spec=
            for token in ${=all}; do
                [[ ${token%%:*} == "$word" ]] && spec=${token#*:}
            done
            count=${spec%%:*}
            if [[ -n $spec && $count != 0 ]]; then
                if (( i + count >= CURRENT )); then
                    _jobkb_values "${spec#*:}" "$cur" "${words[1]}" $dbopt
                    return 0
                fi
                [[ $word == --db ]] && dbopt=(--db "${words[i+1]/#\~/$HOME}")
                (( i += count ))
            fi
        elif (( npos == 0 )) && [[ " $jk_subs " == *" $word "* ]]; then
            command_path=${command_path:+$command_path }$word
            _jobkb_spec "$command_path"
            all="$all $jk_opts"
        else
            (( npos++ ))
        fi
        (( i++ ))
    done
    if [[ $cur == -*=* ]]; then
        # --skill=Py: the value after the equals sign
        spec=
        for token in ${=all}; do
            [[ ${token%%:*} == "${cur%%=*}" ]] && spec=${token#*:}
        done
        [[ -n $spec ]] && _jobkb_values "${spec#*:}" "${cur#*=}" "${words[1]}" $dbopt
    elif [[ $cur == -* ]]; then
        REPLY=words
        for token in ${=all}; do reply+=("${token%%:*}"); done
        reply=(${(u)reply})
    elif [[ -n $jk_subs && -z $jk_args ]] && (( npos == 0 )); then
        REPLY=words
        reply=(${=jk_subs})
    else
        kinds=(${=jk_args})
        if (( npos < ${#kinds} )); then
            kind=${kinds[npos+1]}
        elif (( ${#kinds} > 0 )) && [[ ${kinds[-1]} == *+ ]]; then
            kind=${kinds[-1]}
        fi
        _jobkb_values "${kind%+}" "$cur" "${words[1]}" $dbopt
    fi
    return 0
}

_jobkb() {
    local -a reply
    local REPLY
    _jobkb_candidates
    case $REPLY in
    files) _files ;;
    words)
        [[ $PREFIX == -*=* ]] && compset -P '*='
        compadd -a reply ;;
    esac
}

# Autoloaded from a folder in fpath, this file is the body of _jobkb: run it. Sourced, the
# compdef above has registered it.
if [[ $funcstack[1] == _jobkb ]]; then
    _jobkb "$@"
fi
)ZSH";

} // namespace

std::vector<CompletedCommand> completion_table(const CLI::App& app) {
    std::vector<CompletedCommand> table;
    walk(app, "", table);
    return table;
}

std::string bash_script(const std::vector<CompletedCommand>& table) {
    return "# bash completion for jobkb, generated by 'jobkb completion bash' from jobkb's own\n"
           "# command table: commands, options, choices, files, and role, skill, industry and\n"
           "# country names read from the base (the one --db names, or the default).\n"
           "# Installed as share/bash-completion/completions/jobkb; or: source <(jobkb "
           "completion bash)\n\n" +
           spec_function(table) + kBashEngine;
}

std::string zsh_script(const std::vector<CompletedCommand>& table) {
    return "#compdef jobkb\n"
           "# zsh completion for jobkb, generated by 'jobkb completion zsh' from jobkb's own\n"
           "# command table (see 'jobkb completion --help').\n"
           "# Installed as share/zsh/site-functions/_jobkb; or, after compinit: source <(jobkb "
           "completion zsh)\n"
           "(( $+functions[compdef] )) && compdef _jobkb jobkb\n\n" +
           spec_function(table) + kZshEngine;
}

} // namespace jobkb::cli
