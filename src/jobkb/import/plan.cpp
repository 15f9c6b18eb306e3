#include "jobkb/import/plan.hpp"

#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jobkb::detail {
namespace {

std::string normalized(std::string_view column) { return ascii_lowered(trimmed(column)); }

} // namespace

MappingPlan::MappingPlan(const FieldList& fields, const FileImportOptions& options,
                         std::vector<std::string> other_columns)
    : fields_(fields), options_(options), mapped_(fields.size(), false), constants_(fields.size()) {
    for (const std::string& column : other_columns) {
        other_columns_.push_back(normalized(column));
    }
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
            const bool other = std::find(other_columns_.begin(), other_columns_.end(), name) !=
                               other_columns_.end();
            if (!options_.ignore_unknown && !other) {
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

NamedColumns::NamedColumns(std::vector<std::string> columns, std::string purpose,
                           std::string file_name)
    : given_(std::move(columns)), purpose_(std::move(purpose)), file_name_(std::move(file_name)) {
    for (const std::string& column : given_) {
        columns_.push_back(normalized(column));
    }
    cells_.resize(columns_.size());
}

const std::vector<const std::string*>& NamedColumns::cells(const Record& record) {
    const auto find = [&](const std::vector<std::string>& names, std::size_t column) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (normalized(names[i]) == columns_[column]) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    static const std::vector<std::string> kNoNames;
    const std::vector<std::string>& names = record.names ? *record.names : kNoNames;
    if (record.header_line == 0) { // JSON: each object has its own keys
        index_.assign(columns_.size(), -1);
        for (std::size_t column = 0; column < columns_.size(); ++column) {
            index_[column] = find(names, column);
        }
    } else if (record.names != planned_names_ || names != planned_copy_) {
        planned_names_ = record.names;
        planned_copy_ = names;
        index_.assign(columns_.size(), -1);
        for (std::size_t column = 0; column < columns_.size(); ++column) {
            index_[column] = find(names, column);
            if (index_[column] < 0) {
                std::string header;
                for (const std::string& name : names) {
                    header += (header.empty() ? "" : ", ") + trimmed(name);
                }
                throw InputError({{file_name_,
                                   record.header_line,
                                   "header",
                                   fmt::format("no column '{}' {}", given_[column], purpose_),
                                   "one of the header's columns: " + header,
                                   {}}});
            }
        }
    }
    for (std::size_t column = 0; column < columns_.size(); ++column) {
        const int index = index_[column];
        cells_[column] = index >= 0 && static_cast<std::size_t>(index) < record.values.size() &&
                                 record.values[static_cast<std::size_t>(index)]
                             ? &*record.values[static_cast<std::size_t>(index)]
                             : nullptr;
    }
    return cells_;
}

std::string settings_fingerprint(const FileImportOptions& options,
                                 std::optional<std::int64_t> source_id) {
    Dialect dialect;
    dialect.format = options.format;
    dialect.delimiter = options.format == InputFormat::kTsv ? '\t' : ',';
    return settings_fingerprint(options, dialect, source_id);
}

std::string settings_fingerprint(const FileImportOptions& options, const Dialect& dialect,
                                 std::optional<std::int64_t> source_id) {
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
    for (const RowFilter& filter : options.filters) {
        text += ";where:" + normalized(filter.column) + (filter.equal ? "=" : "!=") +
                ascii_lowered(trimmed(filter.value));
    }
    text += ";source=" + (source_id ? std::to_string(*source_id) : std::string("file"));
    return text;
}

} // namespace jobkb::detail
