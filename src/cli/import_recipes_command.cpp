// jobkb import recipes: the built-in recipes of `jobkb import salaries --recipe` (recipes/*.json,
// compiled in), each with what it reads and the options it sets.
#include "cli/commands.hpp"
#include "cli/import_recipe.hpp"
#include "cli/output.hpp"

#include <memory>

namespace jobkb::cli {

void register_import_recipes(CLI::App& import, Context& context) {
    auto output = std::make_shared<OutputOptions>();
    auto* recipes = import.add_subcommand(
        "recipes", "List the built-in recipes of 'jobkb import salaries --recipe NAME'");
    add_output_options(*recipes, *output);
    recipes->footer("A recipe holds the options that read one kind of published file: its maps, "
                    "sets, columns, filters, placeholders and top codes. Options given with "
                    "--recipe add to it or replace its own; --save-recipe FILE writes one.\n\n"
                    "Examples:\n  jobkb import recipes\n"
                    "  jobkb import salaries national_M2023_dl.csv --recipe bls-oews-national "
                    "--set as_of=2023-05");
    recipes->callback([&context, output] {
        Listing listing;
        listing.columns = {{"name", "Name"},
                           {"reads", "Reads", Align::kLeft, 40},
                           {"options", "Options", Align::kLeft, 60}};
        for (const BuiltinRecipe& recipe : builtin_recipes()) {
            listing.rows.push_back(
                {recipe.name, recipe.settings.description, recipe_options(recipe.settings)});
        }
        OutputOptions options = *output;
        options.color = context.use_color();
        write_listing(context.out, listing, options);
    });
}

} // namespace jobkb::cli
