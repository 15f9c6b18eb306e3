// A recipe file (--recipe FILE): the bytes read by parse_recipe(), and a recipe it accepts written
// back by recipe_json() (what --save-recipe writes) and read again. Fails the input when anything
// but a jobkb::Error escapes, when a refusal is not kInvalidArgument or not one line naming the
// file, when the JSON a recipe is saved as does not read back to the same recipe, or when making
// its command-line form (`jobkb import recipes`) lets anything but a jobkb::Error escape. Reading
// a recipe touches no base.
#include "fuzz_support.hpp"

#include "cli/import_recipe.hpp"

#include <fmt/format.h>

namespace {

using namespace jobkb;
using namespace jobkb::fuzz;

constexpr const char* kFile = "recipe.json";

void expect_refusal(const Error& refusal, std::string_view input) {
    if (refusal.code() != ErrorCode::kInvalidArgument) {
        fail(fmt::format("refused with error code {}: {}", static_cast<int>(refusal.code()),
                         escaped(refusal.what())),
             input);
    }
    const std::string message = refusal.what();
    if (!message.starts_with(std::string(kFile) + ":") || has_control_characters(message)) {
        fail("a message is not one line naming the file: " + escaped(message), input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    cli::RecipeSettings recipe;
    if (const auto refusal = refusal_of([&] { recipe = cli::parse_recipe(input, kFile); }, input)) {
        expect_refusal(*refusal, input);
        return 0;
    }
    const std::string saved = cli::recipe_json(recipe);
    cli::RecipeSettings again;
    if (const auto refusal = refusal_of([&] { again = cli::parse_recipe(saved, kFile); }, input)) {
        fail("a saved recipe does not read back: " + escaped(refusal->what()) + " in " +
                 escaped(saved),
             input);
    }
    if (cli::recipe_json(again) != saved) {
        fail("a saved recipe reads back as another: " + escaped(saved), input);
    }
    refusal_of([&] { cli::recipe_options(recipe); }, input);
    return 0;
}
