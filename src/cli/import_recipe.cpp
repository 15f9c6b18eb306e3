// Recipes as the salary import uses them: the built-ins by name, a file by path, the command
// line over a recipe, and a recipe written back out (JSON) or as options.
#include "cli/import_recipe.hpp"

#include "cli/import_input.hpp"
#include "cli/usage_errors.hpp"

#include "jobkb/embedded.hpp"
#include "jobkb/error.hpp"
#include "jobkb/record_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <map>

namespace jobkb::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string lowered(std::string_view text) {
    std::string result;
    for (const char c : text) {
        result += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const auto first = result.find_first_not_of(" \t");
    const auto last = result.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : result.substr(first, last - first + 1);
}

// The recipe's items with the command line's over them: an item whose key (as `key_of` tells)
// the command line gives too is replaced in place, the command line's others added after.
template <typename KeyOf>
std::vector<std::string> overlay(const std::vector<std::string>& recipe,
                                 const std::vector<std::string>& command_line, KeyOf key_of) {
    std::vector<std::string> merged = recipe;
    for (const std::string& item : command_line) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&](const std::string& had) {
            return key_of(had) == key_of(item);
        });
        if (same != merged.end()) {
            *same = item;
        } else {
            merged.push_back(item);
        }
    }
    return merged;
}

std::string before_equals(const std::string& item) { return item.substr(0, item.find('=')); }

std::string shell_quoted(const std::string& text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("_-./=:,").find(c) != std::string_view::npos;
    });
    if (plain) {
        return text;
    }
    std::string quoted = "'";
    for (const char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace

std::span<const BuiltinRecipe> builtin_recipes() {
    static const std::vector<BuiltinRecipe> recipes = [] {
        std::vector<BuiltinRecipe> all;
        for (const auto& file : detail::embedded_recipes()) {
            std::string name(file.path);
            name = name.substr(0, name.size() - std::string_view(".json").size());
            all.push_back({name, parse_recipe(file.content, "recipes/" + std::string(file.path))});
        }
        std::sort(all.begin(), all.end(),
                  [](const BuiltinRecipe& a, const BuiltinRecipe& b) { return a.name < b.name; });
        return all;
    }();
    return recipes;
}

RecipeSettings load_recipe(const std::string& name_or_file) {
    const bool file = name_or_file.find('/') != std::string::npos ||
                      name_or_file.ends_with(".json") || name_or_file.ends_with(".JSON");
    if (!file) {
        std::vector<std::string> names;
        for (const BuiltinRecipe& recipe : builtin_recipes()) {
            if (recipe.name == lowered(name_or_file)) {
                return recipe.settings;
            }
            names.push_back(recipe.name);
        }
        throw CLI::ValidationError(
            "--recipe", fmt::format("unknown recipe '{}' (expected {}, or a file: ./NAME or "
                                    "NAME.json; 'jobkb import recipes' lists them)",
                                    name_or_file, word_list(names)));
    }
    std::ifstream in;
    const std::uint64_t size = open_input_file(name_or_file, in);
    if (size > kMaxRecipeBytes) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: too large for a recipe ({} bytes; at most 1 MiB)",
                                name_or_file, size));
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size)) && size > 0) {
        throw Error(ErrorCode::kIo, name_or_file + ": cannot read the recipe");
    }
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_recipe(text, name_or_file);
}

bool is_scale(const std::string& text) {
    return text.size() >= 2 && text.size() <= 19 && text[0] == '1' &&
           text.find_first_not_of('0', 1) == std::string::npos;
}

RecipeSettings merge_recipe(const RecipeSettings& recipe, const RecipeSettings& command_line) {
    RecipeSettings merged = recipe;
    const auto replace = [](std::string& into, const std::string& given) {
        if (!given.empty()) {
            into = given;
        }
    };
    replace(merged.input_format, command_line.input_format);
    replace(merged.delimiter, command_line.delimiter);
    replace(merged.sheet, command_line.sheet);
    replace(merged.source, command_line.source);
    merged.mappings = overlay(recipe.mappings, command_line.mappings, before_equals);
    merged.constants = overlay(recipe.constants, command_line.constants, before_equals);
    merged.tables.columns =
        overlay(recipe.tables.columns, command_line.tables.columns,
                [](const std::string& spec) { return lowered(before_equals(spec)); });
    merged.tables.top_codes = overlay(
        recipe.tables.top_codes, command_line.tables.top_codes, [](const std::string& spec) {
            return before_equals(spec) + "/" + lowered(spec.substr(spec.rfind('/') + 1));
        });
    merged.tables.filters.insert(merged.tables.filters.end(), command_line.tables.filters.begin(),
                                 command_line.tables.filters.end());
    if (!command_line.tables.placeholders.empty()) {
        merged.tables.placeholders = command_line.tables.placeholders;
    }
    merged.ignore_unknown = recipe.ignore_unknown || command_line.ignore_unknown;
    merged.create_roles = recipe.create_roles || command_line.create_roles;
    merged.create_areas = recipe.create_areas || command_line.create_areas;
    merged.currency_from_country =
        recipe.currency_from_country || command_line.currency_from_country;
    merged.supersede = recipe.supersede || command_line.supersede;
    merged.allow_outliers = recipe.allow_outliers || command_line.allow_outliers;
    replace(merged.scale, command_line.scale);
    return merged;
}

std::string recipe_json(const RecipeSettings& settings) {
    Json recipe = Json::object();
    const auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            recipe[key] = value;
        }
    };
    const auto pairs = [&](const char* key, const std::vector<std::string>& items) {
        for (const std::string& item : items) {
            recipe[key][before_equals(item)] = item.substr(item.find('=') + 1);
        }
    };
    put("description", settings.description);
    put("input_format", settings.input_format);
    put("delimiter", settings.delimiter);
    put("sheet", settings.sheet);
    pairs("map", settings.mappings);
    pairs("set", settings.constants);
    put("source", settings.source);
    pairs("columns", settings.tables.columns);
    if (!settings.tables.placeholders.empty()) {
        recipe["na"] = settings.tables.placeholders;
    }
    for (const std::string& spec : settings.tables.top_codes) {
        const auto equals = spec.find('=');
        const auto slash = spec.rfind('/');
        recipe["top_codes"].push_back({{"text", spec.substr(0, equals)},
                                       {"amount", spec.substr(equals + 1, slash - equals - 1)},
                                       {"period", spec.substr(slash + 1)}});
    }
    if (!settings.tables.filters.empty()) {
        recipe["where"] = settings.tables.filters;
    }
    for (const auto& [key, on] :
         {std::pair{"ignore_unknown", settings.ignore_unknown},
          std::pair{"create_roles", settings.create_roles},
          std::pair{"create_areas", settings.create_areas},
          std::pair{"currency_from_country", settings.currency_from_country},
          std::pair{"supersede", settings.supersede},
          std::pair{"allow_outliers", settings.allow_outliers}}) {
        if (on) {
            recipe[key] = true;
        }
    }
    if (!settings.scale.empty()) {
        recipe["scale"] = std::stoull(settings.scale);
    }
    return recipe.dump(2) + "\n";
}

std::string recipe_options(const RecipeSettings& settings) {
    std::string options;
    const auto add_flag = [&](const char* option) {
        options += (options.empty() ? "" : " ") + std::string(option);
    };
    const auto add_all = [&](const char* option, const std::vector<std::string>& values) {
        for (const std::string& value : values) {
            add_flag(option);
            options += " " + shell_quoted(value);
        }
    };
    const auto add = [&](const char* option, const std::string& value) {
        if (!value.empty()) {
            add_all(option, {value});
        }
    };
    add("--input-format", settings.input_format);
    add("--delimiter", settings.delimiter);
    add("--sheet", settings.sheet);
    add_all("--map", settings.mappings);
    add_all("--set", settings.constants);
    add("--source", settings.source);
    add_all("--column", settings.tables.columns);
    add_all("--na", settings.tables.placeholders);
    add_all("--top-code", settings.tables.top_codes);
    add_all("--where", settings.tables.filters);
    for (const auto& [option, on] :
         {std::pair{"--ignore-unknown", settings.ignore_unknown},
          std::pair{"--create-roles", settings.create_roles},
          std::pair{"--create-areas", settings.create_areas},
          std::pair{"--currency-from-country", settings.currency_from_country},
          std::pair{"--supersede", settings.supersede},
          std::pair{"--allow-outliers", settings.allow_outliers}}) {
        if (on) {
            add_flag(option);
        }
    }
    add("--scale", settings.scale);
    return options;
}

} // namespace jobkb::cli
