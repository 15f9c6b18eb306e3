#include "cli/import_report.hpp"

#include "cli/hints.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace jobkb::cli {
namespace {

using Json = nlohmann::ordered_json;

const char* kind_word(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::kCurrent:
        return "current";
    case ChangeKind::kNotCurrent:
        return "not_current";
    case ChangeKind::kReverts:
        return "reverts";
    case ChangeKind::kRetired:
        return "retired";
    }
    return "current";
}

// What the Change column says.
std::string change_text(const FigureChange& change) {
    switch (change.kind) {
    case ChangeKind::kNotCurrent:
        return "not current (another currency)";
    case ChangeKind::kReverts:
        return "reverts (superseded)";
    case ChangeKind::kRetired:
        return "retired (superseded)";
    case ChangeKind::kCurrent:
        break;
    }
    if (!change.current_minor || !change.current_currency) {
        return "new";
    }
    if (change.current_currency->code != change.new_currency.code) {
        return "other currency";
    }
    return fmt::format("{:+.1f}%",
                       100.0 * static_cast<double>(change.new_minor - *change.current_minor) /
                           static_cast<double>(*change.current_minor));
}

Json figure_json(std::int64_t amount_minor, const Currency& currency,
                 const std::string& qualifier) {
    return Json{{"amount_minor", amount_minor},
                {"currency", currency.code},
                {"qualifier", qualifier.empty() ? std::string("exact") : qualifier}};
}

} // namespace

std::string dimensions_shown(const std::string& key) {
    std::string shown;
    std::size_t start = 0;
    while (start < key.size()) {
        std::size_t end = key.find(';', start);
        if (end == std::string::npos) {
            end = key.size();
        }
        const std::string pair = key.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        // The area is in the key by its id; the listing names it in a column of its own.
        if (!pair.empty() && !pair.starts_with("area=")) {
            shown += (shown.empty() ? "" : ", ") +
                     (equals == std::string::npos ? pair : pair.substr(equals + 1));
        }
        start = end + 1;
    }
    return shown;
}

Listing changes_listing(const ImportReport& report) {
    const bool dimensions =
        std::any_of(report.changes.begin(), report.changes.end(), [](const FigureChange& change) {
            return !dimensions_shown(change.dimensions).empty();
        });
    const bool areas = std::any_of(report.changes.begin(), report.changes.end(),
                                   [](const FigureChange& change) { return !change.area.empty(); });
    Listing listing;
    listing.columns = {{"role", "Role", Align::kLeft, 26}, {"country", "Country"}};
    if (areas) {
        listing.columns.push_back({"area", "Area", Align::kLeft, 24});
    }
    if (dimensions) {
        listing.columns.push_back({"dimensions", "Dimensions", Align::kLeft, 24});
    }
    listing.columns.insert(listing.columns.end(), {{"statistic", "Statistic"},
                                                   {"period", "Per"},
                                                   {"current", "Current", Align::kRight},
                                                   {"new", "New", Align::kRight},
                                                   {"change", "Change", Align::kRight},
                                                   {"rows", "Rows", Align::kRight}});
    for (const auto& change : report.changes) {
        CellValue current;
        if (change.current_minor && change.current_currency) {
            current = MoneyValue{*change.current_minor, *change.current_currency,
                                 change.current_qualifier};
        }
        CellValue figure;
        if (change.kind != ChangeKind::kRetired) {
            figure = MoneyValue{change.new_minor, change.new_currency, change.new_qualifier};
        }
        std::vector<CellValue> row = {change.role, change.country_code};
        if (areas) {
            row.emplace_back(change.area);
        }
        if (dimensions) {
            row.emplace_back(dimensions_shown(change.dimensions));
        }
        row.insert(row.end(),
                   {change.statistic, change.period, current, figure, change_text(change),
                    change.kind == ChangeKind::kCurrent || change.kind == ChangeKind::kNotCurrent
                        ? CellValue{change.new_rows}
                        : CellValue{}});
        listing.rows.push_back(std::move(row));
    }
    return listing;
}

std::string report_json(const ImportReport& report, const std::string& file, bool dry_run) {
    Json json = Json::object();
    json["file"] = file;
    json["dry_run"] = dry_run;
    json["committed"] = report.committed;
    json["batch"] = report.committed ? Json(report.batch_id) : Json(nullptr);
    json["already_imported"] = report.already_imported;
    if (report.already_imported) {
        json["existing_batch"] = report.existing_batch;
    }
    json["rows_read"] = report.rows_read;
    json["rows_inserted"] = report.rows_inserted;
    json["rows_unchanged"] = report.rows_unchanged;
    json["rows_rejected"] = report.rows_rejected;
    json["rows_filtered"] = report.rows_filtered;
    json["bounds"] = report.bounds;
    json["ranges"] = report.ranges;
    json["change_count"] = report.change_count;
    json["revert_count"] = report.revert_count;
    json["retired_count"] = report.retired_count;
    Json changes = Json::array();
    for (const auto& change : report.changes) {
        Json item = Json::object();
        item["role"] = change.role;
        item["country"] = change.country_code;
        item["statistic"] = change.statistic;
        item["period"] = change.period;
        item["area"] = change.area.empty() ? Json(nullptr) : Json(change.area);
        item["dimensions"] = dimensions_shown(change.dimensions);
        item["kind"] = kind_word(change.kind);
        item["current"] = change.current_minor && change.current_currency
                              ? figure_json(*change.current_minor, *change.current_currency,
                                            change.current_qualifier)
                              : Json(nullptr);
        item["new"] =
            change.kind == ChangeKind::kRetired
                ? Json(nullptr)
                : figure_json(change.new_minor, change.new_currency, change.new_qualifier);
        item["rows"] = change.new_rows;
        changes.push_back(std::move(item));
    }
    json["changes"] = std::move(changes);
    json["superseded_batches"] = report.superseded_batches;
    json["created_roles"] = report.created_roles;
    json["error_count"] = report.error_count;
    Json errors = Json::array();
    for (std::size_t i = 0; i < report.errors.size(); ++i) {
        const std::size_t rows = i < report.error_rows.size() ? report.error_rows[i] : 1;
        errors.push_back(describe(report.errors[i], rows, cli_hint));
    }
    json["errors"] = std::move(errors);
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace jobkb::cli
