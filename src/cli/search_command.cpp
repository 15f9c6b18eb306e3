// jobkb search: roles, skills and industries whose names, titles, summaries or tasks match words.
#include "cli/commands.hpp"

#include "jobkb/search.hpp"

#include <cmath>
#include <memory>

namespace jobkb::cli {

Listing search_listing(const std::vector<SearchHit>& hits) {
    Listing listing;
    listing.columns = {{"kind", "Kind"},
                       {"name", "Name"},
                       {"field", "Field"},
                       {"snippet", "Why it matched", Align::kLeft, 60},
                       {"score", "Score", Align::kRight}};
    for (const auto& hit : hits) {
        listing.rows.push_back({std::string(to_string(hit.kind)), hit.name, hit.field,
                                snippet_text(hit.snippet, "**", "**"),
                                std::round(hit.score * 1000) / 1000});
    }
    return listing;
}

namespace {

struct SearchOptions {
    std::vector<std::string> words;
    std::string kind; // empty: every kind
    std::int64_t limit = 20;
    OutputOptions output;
};

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) {
        text += (text.empty() ? "" : " ") + word;
    }
    return text;
}

void run_search(Context& context, const SearchOptions& options) {
    SearchQuery query;
    query.words = joined(options.words);
    query.limit = static_cast<std::size_t>(options.limit);
    if (options.kind == "role") {
        query.kind = NameKind::kRole;
    } else if (options.kind == "skill") {
        query.kind = NameKind::kSkill;
    } else if (options.kind == "industry") {
        query.kind = NameKind::kIndustry;
    }
    auto database = context.open(Access::kReadOnly);
    context.print(search_listing(search(*database, query)), options.output);
}

} // namespace

void register_search_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<SearchOptions>();
    auto* search = app.add_subcommand(
        "search", "Find roles, skills and industries by words in their names, titles and tasks");
    search->add_option("WORDS", options->words, "What to look for")->required();
    search->add_option("--kind", options->kind, "Only roles, skills or industries")
        ->option_text("role|skill|industry")
        ->check(one_of<std::string>(
            "kind", {{"role", "role"}, {"skill", "skill"}, {"industry", "industry"}}));
    search->add_option("--limit", options->limit, "At most this many results (default 20)")
        ->option_text("N")
        ->check(whole_number(1, 1000));
    add_output_options(*search, options->output);
    search->footer(
        R"(Searches role names, aliases, titles, summaries, what sources say of roles and their
responsibilities (tasks), skills with their aliases and categories, and industries.
One line per role, skill or industry: first one whose name or alias is exactly the
words, then roles, skills and industries, each best first (a match in a name or
alias ranks above one in a title, and a title above a task). The snippet shows the
text that matched, with the matched words between ** and **.

Words match in any letter case, without accents, and by stem ("chatbot" finds
"chatbots"); several words must all match one text. Syntax:
  pipe*              words starting with "pipe"
  "computer vision"  the phrase
  A OR B, A AND B, A NOT B   operators, in capitals, between two terms
Everything else is a word (quote a phrase to search for OR, AND or NOT).

Examples:
  jobkb search chatbot
  jobkb search pipe* --kind skill
  jobkb search '"computer vision"' --limit 5 --json
  jobkb search python OR java --kind role)");
    search->callback([&context, options] { run_search(context, *options); });
}

} // namespace jobkb::cli
