#include "web/conversions.hpp"

#include <CLI/Error.hpp>

#include <algorithm>

namespace jobkb::web {
namespace {

// The codes offered (the CLI suggests the same ones for a typo); a code asked for is added.
constexpr std::string_view kOffered[] = {"USD", "EUR", "GBP", "INR", "JPY", "CAD", "AUD", "CHF"};

} // namespace

std::vector<std::string_view> with_conversion_names(std::vector<std::string_view> names) {
    names.insert(names.end(), {"in", "ppp", "rate_on"});
    return names;
}

std::unique_ptr<cli::FigureConversions> conversions_of(Database& database, const Query& query) {
    cli::ConversionChoice choice;
    choice.in = query.one("in").value_or("");
    choice.ppp = query.flag("ppp");
    choice.rate_on = query.one("rate_on").value_or("");
    if (!choice.in.empty() && choice.ppp) {
        // What the CLI says for --in CUR --ppp.
        throw BadRequest("--in cannot be used with --ppp");
    }
    try {
        return cli::make_conversions(database, choice);
    } catch (const CLI::ValidationError& refused) {
        throw BadRequest(refused.what());
    }
}

void conversion_fields(Html& html, const Query& query) {
    const std::string asked = query.one("in").value_or("");
    // A code asked for that is not offered comes first, so that the form keeps it.
    std::vector<std::string_view> codes;
    if (!asked.empty() &&
        std::find(std::begin(kOffered), std::end(kOffered), asked) == std::end(kOffered)) {
        codes.push_back(asked);
    }
    codes.insert(codes.end(), std::begin(kOffered), std::end(kOffered));
    html.open("fieldset", {{"class", "conversion"}})
        .element("legend", "Convert salaries")
        .open("div", {{"class", "field"}})
        .element("label", "Also in", {{"for", "f-in"}})
        .open("select", {{"id", "f-in"}, {"name", "in"}})
        .open("option", {{"value", ""}})
        .text("(as reported only)")
        .close("option");
    for (const auto& code : codes) {
        html.open("option", {{"value", code}, {code == asked ? "selected" : "", "selected"}})
            .text(code)
            .close("option");
    }
    html.close("select")
        .close("div")
        .open("div", {{"class", "field check"}})
        .empty("input", {{"type", "checkbox"},
                         {"id", "f-ppp"},
                         {"name", "ppp"},
                         {"value", "1"},
                         {query.flag("ppp") ? "checked" : "", "checked"}})
        .element("label", "or in international dollars (PPP)", {{"for", "f-ppp"}})
        .close("div")
        .open("div", {{"class", "field"}})
        .element("label", "At the rates of", {{"for", "f-rate_on"}})
        .empty("input", {{"id", "f-rate_on"},
                         {"name", "rate_on"},
                         {"value", query.one("rate_on").value_or("")},
                         {"placeholder", "YYYY-MM-DD or latest"}})
        .close("div")
        .close("fieldset");
}

Html conversion_notes(const cli::FigureConversions* conversions) {
    Html html;
    if (conversions == nullptr) {
        return html;
    }
    if (!conversions->rates_used().empty()) {
        html.open("ul", {{"class", "rates note"}});
        for (const auto& rate : conversions->rates_used()) {
            html.element("li", (conversions->ppp() ? "PPP factor: " : "Rate: ") + rate);
        }
        html.close("ul");
    }
    if (!conversions->notes().empty()) {
        html.open("ol", {{"class", "conversion-notes note"}});
        for (const auto& note : conversions->notes()) {
            html.element("li", note);
        }
        html.close("ol");
    }
    return html;
}

} // namespace jobkb::web
