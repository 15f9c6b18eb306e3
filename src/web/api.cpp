#include "web/api.hpp"

#include "web/conversions.hpp"
#include "web/pages/pages.hpp"
#include "web/query.hpp"

#include "cli/commands.hpp"
#include "cli/listings.hpp"

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/search.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <sstream>

namespace jobkb::web {
namespace {

using cli::Format;

struct FormatName {
    std::string_view name;
    std::string_view suffix;
    Format format;
    std::string_view content_type;
};

constexpr FormatName kFormats[] = {
    {"json", ".json", Format::kJson, "application/json; charset=utf-8"},
    {"nl", ".nl", Format::kNdjson, "application/x-ndjson; charset=utf-8"},
    {"csv", ".csv", Format::kCsv, "text/csv; charset=utf-8"},
    {"tsv", ".tsv", Format::kTsv, "text/tab-separated-values; charset=utf-8"},
    {"markdown", ".md", Format::kMarkdown, "text/markdown; charset=utf-8"},
};

// The format a suffix (/api/roles.csv) or ?format= asks for; JSON when neither does.
const FormatName& format_of(const std::string_view suffix, const Query& query) {
    const auto asked = query.one("format");
    if (!suffix.empty() && asked) {
        throw BadRequest("give the format once: as the suffix or as ?format=");
    }
    for (const auto& format : kFormats) {
        if (suffix.empty() ? (!asked || *asked == format.name) : suffix == format.suffix) {
            return format;
        }
    }
    throw BadRequest(suffix.empty() ? "parameter 'format': unknown format '" + asked.value_or("") +
                                          "' (expected json, nl, csv, tsv or markdown)"
                                    : "unknown format suffix '" + std::string(suffix) +
                                          "' (expected .json, .nl, .csv, .tsv or .md)");
}

std::size_t whole_number(const std::string& text, std::string_view name) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 100000) {
        throw BadRequest("parameter '" + std::string(name) + "': '" + text +
                         "' is not a whole number from 1 to 100000");
    }
    return value;
}

std::string written(const cli::Listing& listing, Format format) {
    std::ostringstream out;
    cli::OutputOptions options;
    options.format = format;
    cli::write_listing(out, listing, options);
    return out.str();
}

// A converted listing for people (markdown) ends, as on the CLI's stdout, with the rates used.
std::string with_rates(std::string text, const cli::FigureConversions* conversions, Format format) {
    if (conversions != nullptr && !cli::is_machine_format(format)) {
        std::ostringstream out;
        conversions->print_rates(out);
        text += out.str();
    }
    return text;
}

// The names an endpoint takes besides `format`.
std::vector<std::string_view> names_of(std::string_view endpoint) {
    if (endpoint == "roles") {
        return with_conversion_names(role_filter_names({"format"}));
    }
    if (endpoint == "role") {
        return with_conversion_names({"name", "format"});
    }
    if (endpoint == "salaries") {
        return {"role", "country", "history", "reports", "format"};
    }
    if (endpoint == "skills" || endpoint == "industries") {
        return {"role", "format"};
    }
    if (endpoint == "compare") {
        return with_conversion_names({"roles", "format"});
    }
    if (endpoint == "gap") {
        return {"from", "to", "format"};
    }
    if (endpoint == "related") {
        return {"role", "limit", "format"};
    }
    if (endpoint == "imports") {
        return {"format"};
    }
    if (endpoint == "search") {
        return search_names({"format"});
    }
    if (endpoint == "sql") {
        return {"q", "format"};
    }
    return {};
}

std::string required(const Query& query, std::string_view name) {
    auto value = query.one(name);
    if (!value) {
        throw BadRequest("missing parameter '" + std::string(name) + "'");
    }
    return *value;
}

// What the endpoint's command writes to stdout, in `format`.
std::string answer_of(std::string_view endpoint, const Query& query, Format format,
                      Catalog& catalog, const SiteOptions& options, Response& response) {
    if (endpoint == "roles") {
        // As `jobkb roles` runs: the filter's names first, then the conversion's choice.
        const RoleFilter filter = role_filter(query);
        const auto conversions = conversions_of(catalog.database(), query);
        return with_rates(
            written(cli::roles_listing(catalog, filter, format, conversions.get()), format),
            conversions.get(), format);
    }
    if (endpoint == "role") {
        const RoleProfile profile = catalog.role_profile(required(query, "name"));
        const auto conversions = conversions_of(catalog.database(), query);
        std::ostringstream out;
        cli::OutputOptions output;
        output.format = format;
        cli::write_profile(out, profile, output, conversions.get());
        return out.str();
    }
    if (endpoint == "salaries") {
        SalaryQuery question;
        question.role = query.one("role");
        question.country = query.one("country");
        question.history = query.flag("history");
        if (query.flag("reports")) {
            if (question.history) {
                throw BadRequest("history and reports exclude each other (as --history and "
                                 "--reports do)");
            }
            return written(cli::reports_listing(catalog.report_summaries(question), format),
                           format);
        }
        return written(cli::salaries_listing(catalog.salaries(question), true, nullptr, format),
                       format);
    }
    if (endpoint == "skills") {
        const auto role = query.one("role");
        return written(cli::skills_listing(catalog.skills(role), role.has_value()), format);
    }
    if (endpoint == "industries") {
        return written(cli::industries_listing(catalog.industries(query.one("role"))), format);
    }
    if (endpoint == "compare") {
        const Comparison comparison = compare_roles(catalog, query.all("roles"));
        const auto conversions = conversions_of(catalog.database(), query);
        return with_rates(
            written(cli::comparison_listing(comparison, conversions.get(), format), format),
            conversions.get(), format);
    }
    if (endpoint == "gap") {
        return written(
            cli::gap_listing(skill_gap(catalog, required(query, "from"), required(query, "to"))),
            format);
    }
    if (endpoint == "related") {
        const auto limit = query.one("limit");
        return written(
            cli::related_listing(related_roles(catalog, required(query, "role"),
                                               limit ? whole_number(*limit, "limit") : 10)),
            format);
    }
    if (endpoint == "imports") {
        return written(cli::imports_listing(list_import_batches(catalog.database())), format);
    }
    if (endpoint == "search") {
        SearchQuery question = search_query(query);
        question.words = required(query, "q");
        return written(cli::search_listing(search(catalog.database(), question)), format);
    }
    // sql, only with --allow-sql (the router answers 404 otherwise): jobkb sql's limits on the
    // read-only connection, so a write is refused however it is spelled.
    (void)options;
    const SqlResult result =
        run_adhoc_sql(catalog.database(), required(query, "q"), AdHocOptions{});
    if (result.truncated) {
        response.headers.emplace_back(
            "Jobkb-Warning", "the query returned more rows than the row cap: these are the first");
    }
    return result.columns.empty() ? std::string()
                                  : written(cli::sql_result_listing(result), format);
}

} // namespace

Response api_error(int status, std::string_view message) {
    Response response;
    response.status = status;
    response.content_type = "application/json; charset=utf-8";
    response.body = nlohmann::ordered_json{{"error", message}}.dump(
                        2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                    "\n";
    return response;
}

Response api_answer(std::string_view endpoint, const Parameters& parameters, Catalog& catalog,
                    const SiteOptions& options) {
    std::string_view suffix;
    if (const auto dot = endpoint.rfind('.'); dot != std::string_view::npos) {
        suffix = endpoint.substr(dot);
        endpoint = endpoint.substr(0, dot);
    }
    const auto names = names_of(endpoint);
    if (names.empty() || (endpoint == "sql" && !options.allow_sql)) {
        return api_error(404, "no API endpoint /api/" + std::string(endpoint) +
                                  " (expected roles, role, salaries, skills, industries, compare, "
                                  "gap, related, search or imports)");
    }
    try {
        const Query query(parameters, names);
        const FormatName& format = format_of(suffix, query);
        Response response;
        response.body = answer_of(endpoint, query, format.format, catalog, options, response);
        response.content_type = std::string(format.content_type);
        if (format.format == Format::kCsv || format.format == Format::kTsv) {
            response.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"" + std::string(endpoint) +
                                              std::string(format.suffix) + "\"");
        }
        return response;
    } catch (const BadRequest& bad) {
        return api_error(400, bad.what());
    } catch (const Error& error) {
        if (error.code() == ErrorCode::kCorrupt || error.code() == ErrorCode::kIo ||
            error.code() == ErrorCode::kSqlite) {
            throw; // the base failed, not the question: a 500 from the router
        }
        return api_error(status_of(error), web_message(error));
    }
}

} // namespace jobkb::web
