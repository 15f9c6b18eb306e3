#include "jobkb/import/plan.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

namespace jobkb::detail {
namespace {

std::string normalized(std::string_view column) { return ascii_lowered(trimmed(column)); }

} // namespace

MappingPlan::MappingPlan(const FieldList& fields, const FileImportOptions& options)
    : fields_(fields), options_(options), mapped_(fields.size(), false), constants_(fields.size()) {
    for (const auto& [what, pairs] : {std::pair{"the mapping", &options.mapping},
                                      std::pair{"the constants", &options.constants}}) {
        for (const auto& [field, value] : *pairs) {
            if (!fields.index(field)) {
                throw Error(ErrorCode::kInvalidArgument,
                            fmt::format("{}: unknown field '{}' (expected one of {})", what, field,
                                        fields.names()));
            }
        }
    }
    for (const auto& [field, column] : options.mapping) {
        const std::size_t index = *fields.index(field);
        mapping_.emplace_back(index, normalized(column));
        mapped_[index] = true;
    }
    for (const auto& [field, value] : options.constants) {
        constants_[*fields.index(field)] = value;
    }
}

const ColumnPlan& MappingPlan::plan_for(const Record& record) {
    const bool same = record.names == planned_names_ && planned_names_ != nullptr &&
                      *record.names == planned_copy_;
    if (!same) {
        planned_names_ = record.names;
        planned_copy_ = record.names ? *record.names : std::vector<std::string>{};
        plan(planned_copy_);
        if (!plan_.problems.empty() && record.header_line > 0) {
            for (Diagnostic& problem : plan_.problems) {
                problem.file = options_.file_name;
                problem.line = record.header_line;
            }
            throw InputError(plan_.problems);
        }
    }
    return plan_;
}

void MappingPlan::plan(const std::vector<std::string>& names) {
    plan_.column.assign(fields_.size(), -1);
    plan_.problems.clear();
    // Columns that are no field (nullopt) and fields given twice, in the header's order.
    std::vector<std::pair<std::size_t, std::optional<std::size_t>>> conflicts;
    for (std::size_t column = 0; column < names.size(); ++column) {
        const std::string name = normalized(names[column]);
        std::optional<std::size_t> field;
        for (const auto& [mapped_field, mapped_column] : mapping_) {
            if (mapped_column == name) {
                field = mapped_field;
            }
        }
        // A column named as a field that the mapping gives another column is not that field.
        if (const auto named = fields_.match(name); !field && named && !mapped_[*named]) {
            field = named;
        }
        if (!field) {
            if (!options_.ignore_unknown) {
                conflicts.emplace_back(column, std::nullopt);
            }
            continue;
        }
        if (plan_.column[*field] >= 0) {
            conflicts.emplace_back(column, field);
        }
        plan_.column[*field] = static_cast<int>(column);
    }
    // A hint names the field an unknown column most likely is, among those nothing gives yet.
    std::vector<bool> given(fields_.size(), false);
    for (std::size_t field = 0; field < fields_.size(); ++field) {
        given[field] = plan_.column[field] >= 0 || constants_[field].has_value();
    }
    for (const auto& [column, twice] : conflicts) {
        if (twice) {
            plan_.problems.push_back(
                {{},
                 0,
                 "header",
                 fmt::format("two columns give the field {}", fields_[*twice].name),
                 "one",
                 {}});
            continue;
        }
        const auto likely = fields_.closest(names[column], given);
        plan_.problems.push_back(
            {{},
             0,
             "header",
             fmt::format("unknown column '{}'", names[column]),
             "one of " + fields_.names(),
             Hint{HintKind::kMapColumn, likely ? std::string(fields_[*likely].name) : std::string(),
                  trimmed(names[column])}});
    }
    for (std::size_t field = 0; field < fields_.size(); ++field) {
        if (fields_[field].required && !given[field]) {
            plan_.problems.push_back(
                {{},
                 0,
                 "header",
                 fmt::format("missing required column '{}'", fields_[field].name),
                 "the columns " + fields_.required_names(),
                 Hint{HintKind::kSupplyField, std::string(fields_[field].name), {}}});
        }
    }
}

std::string settings_fingerprint(const FileImportOptions& options, std::int64_t source_id) {
    Dialect dialect;
    dialect.format = options.format;
    dialect.delimiter = options.format == InputFormat::kTsv ? '\t' : ',';
    return settings_fingerprint(options, dialect, source_id);
}

std::string settings_fingerprint(const FileImportOptions& options, const Dialect& dialect,
                                 std::int64_t source_id) {
    std::string text = "format=" + std::string(to_string(dialect.format));
    if (dialect.format == InputFormat::kCsv && dialect.delimiter != ',') {
        text += ";delimiter=" + delimiter_name(dialect.delimiter);
    }
    if (dialect.format == InputFormat::kXlsx) {
        text += ";sheet=";
        for (const char c : dialect.sheet) { // ; and % escaped: the text stays unambiguous
            text += c == ';'   ? std::string("%3B")
                    : c == '%' ? std::string("%25")
                               : std::string(1, c);
        }
    }
    for (const auto& [field, column] : options.mapping) {
        const std::string column_name = normalized(column);
        if (column_name != field) {
            text += ";map:" + field + "=" + column_name;
        }
    }
    for (const auto& [field, value] : options.constants) {
        text += ";set:" + field + "=" + value;
    }
    text += ";source=" + std::to_string(source_id);
    return text;
}

} // namespace jobkb::detail
