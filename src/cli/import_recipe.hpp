#pragma once

#include "cli/import_tables.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Recipes of `jobkb import salaries` (--recipe, --save-recipe, `jobkb import recipes`): a JSON
// file holding what a command line sets about how a kind of file is read (its maps, sets,
// columns, filters, placeholders, top codes, source and reading options), so that one name
// imports a published table. A recipe is the CLI's: the library sees only the ImportOptions the
// merged command line amounts to.
namespace jobkb::cli {

// What --map and --set (and a recipe's map and set) may name: the import format's fields and the
// lookup ones (code).
inline constexpr auto kMappableFields = [] {
    std::array<std::string_view, kImportFields.size() + kImportLookupFields.size()> fields{};
    std::size_t i = 0;
    for (const auto field : kImportFields) {
        fields[i++] = field;
    }
    for (const auto field : kImportLookupFields) {
        fields[i++] = field;
    }
    return fields;
}();

// A recipe is a few keys: a file larger than this is refused unread.
inline constexpr std::size_t kMaxRecipeBytes = 1 << 20;

// The options of `jobkb import salaries` a recipe can hold, as the command line spells them
// (--map and --set as FIELD=VALUE, --column as COLUMN=STATISTIC/PERIOD, ...). Empty or false
// means "not set".
struct RecipeSettings {
    std::string description; // what the recipe reads (a recipe file's own; no option sets it)
    std::string input_format;
    std::string delimiter;
    std::string sheet;
    std::vector<std::string> mappings;  // --map FIELD=COLUMN
    std::vector<std::string> constants; // --set FIELD=VALUE
    std::string source;
    bool ignore_unknown = false;
    bool create_roles = false;
    bool create_areas = false;
    bool currency_from_country = false;
    bool supersede = false;
    bool allow_outliers = false;
    std::string scale;     // --scale N: a power of ten (is_scale), "" when not set
    TableArguments tables; // --column, --na, --top-code, --where
};

// Whether `text` is what --scale takes: a power of ten from 10 on (10, 100, 1000, ...), digits
// only, at most 10^18.
bool is_scale(const std::string& text);

// A recipe compiled into the binary (recipes/NAME.json).
struct BuiltinRecipe {
    std::string name;
    RecipeSettings settings;
};

// The built-in recipes, by name. Parsed once; a malformed one is a build's bug (the recipes test
// reads them all).
std::span<const BuiltinRecipe> builtin_recipes();

// Reads a recipe file's text (import_recipe_reader.cpp). Problems are Error(kInvalidArgument) of
// one line, `FILE:LINE: key: what was wrong (expected ...)`: text that is not JSON, a key a recipe
// does not have (or has twice), a value of the wrong type or shape, more than 1 MiB.
RecipeSettings parse_recipe(std::string_view text, const std::string& file_name);

// --recipe NAME|FILE: a built-in by name, or (a value with a '/' or ending in .json) a file.
// Throws CLI::ValidationError for an unknown name (listing the built-ins), Error(kIo) for a file
// that cannot be read, and parse_recipe's errors.
RecipeSettings load_recipe(const std::string& name_or_file);

// The command line over the recipe: a --map or --set of a field the recipe has replaces the
// recipe's, a --column of a column it has replaces that column's statistic and period, a
// --top-code of a text and period it has replaces its amount, the others add to the recipe's;
// --where filters add (all must hold); --na replaces the recipe's placeholders; --input-format,
// --delimiter, --sheet and --source replace the recipe's; a flag is on when either sets it.
RecipeSettings merge_recipe(const RecipeSettings& recipe, const RecipeSettings& command_line);

// The recipe as a file's JSON text (what --save-recipe writes; parse_recipe reads it back to the
// same settings).
std::string recipe_json(const RecipeSettings& settings);

// The settings as command-line options ("--map role=OCC_TITLE --column A_MEAN=average/year
// ..."), for `jobkb import recipes`.
std::string recipe_options(const RecipeSettings& settings);

} // namespace jobkb::cli
