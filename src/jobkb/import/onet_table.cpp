#include "jobkb/import/onet_table.hpp"

#include "jobkb/import/readers.hpp"
#include "jobkb/occupation_codes.hpp"
#include "jobkb/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace jobkb::detail {

OnetTable::OnetTable(OnetRun& run, InputSource& input, OnetFileReport& file,
                     std::span<const OnetColumn> columns)
    : run_(run), input_(input), file_(file), columns_(columns) {
    // FieldList matches lower-case names; messages use O*NET's own spelling (problem()).
    spec_names_.reserve(columns.size());
    for (const OnetColumn& column : columns) {
        spec_names_.push_back(ascii_lowered(column.name));
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        specs_.push_back({spec_names_[i], columns[i].required});
    }
    fields_.emplace(specs_);
    options_.file_name = input.name();
    options_.ignore_unknown = true;
    mapping_.emplace(*fields_, options_);
}

void OnetTable::problem(const Record& record, std::size_t column, std::string text,
                        std::string expected) {
    run_.problem({input_.name(),
                  record.line,
                  std::string(columns_[column].name),
                  std::move(text),
                  std::move(expected),
                  {}});
}

void OnetTable::read(const std::function<void(const Record&, FieldTexts&)>& row) {
    read_plain_tsv(input_, [&](const Record& record) {
        ++file_.rows;
        if (run_.stopped() || header_refused_) {
            return;
        }
        if (record.names != planned_header_) {
            planned_header_ = record.names;
            plan_.column.assign(columns_.size(), -1);
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                for (std::size_t c = 0; c < record.names->size(); ++c) {
                    if (equals_ignoring_case(trimmed((*record.names)[c]), columns_[i].name)) {
                        plan_.column[i] = static_cast<int>(c);
                    }
                }
                if (plan_.column[i] < 0 && columns_[i].required) {
                    std::string all;
                    for (const OnetColumn& column : columns_) {
                        all += (all.empty() ? "" : ", ") + std::string(column.name);
                    }
                    run_.problem({input_.name(),
                                  record.header_line,
                                  "header",
                                  fmt::format("no column '{}'", columns_[i].name),
                                  "O*NET's columns " + all,
                                  {}});
                    header_refused_ = true;
                }
            }
            if (header_refused_) {
                return;
            }
        }
        problems_.clear();
        if (!record.problem.empty()) {
            problems_.push_back({{}, 0, "row", record.problem, {}, {}});
        } else if (read_field_texts(record, plan_, *mapping_, texts_, problems_)) {
            row(record, texts_);
            return;
        }
        for (Diagnostic& problem : problems_) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                if (problem.field == spec_names_[i]) {
                    problem.field = columns_[i].name;
                }
            }
            problem.file = input_.name();
            problem.line = record.line;
            run_.problem(std::move(problem));
        }
    });
}

std::optional<std::string> OnetTable::code(const Record& record, const FieldTexts& texts,
                                           std::size_t column) {
    const std::string& text = *texts[column];
    if (!has_code_shape("onet-soc-2019", text)) {
        problem(record, column, "'" + elided(text, 80) + "' is not an O*NET-SOC code",
                "NN-NNNN.NN, such as 15-2051.00");
        return std::nullopt;
    }
    return text;
}

Occupation* OnetTable::occupation(const Record& record, const std::string& code) {
    const auto found = run_.occupations.find(code);
    if (found == run_.occupations.end()) {
        problem(record, 0, code + " is not an occupation of " + std::string(kOnetOccupations),
                "the code of one of the release's occupations");
        return nullptr;
    }
    return &found->second;
}

std::optional<std::int64_t> OnetTable::number(const Record& record, const FieldTexts& texts,
                                              std::size_t column, std::int64_t max) {
    const std::string& text = *texts[column];
    const bool digits =
        !text.empty() && text.size() <= 18 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const std::int64_t value = digits ? std::stoll(text) : 0;
    if (!digits || value < 1 || value > max) {
        const bool bounded = max < std::numeric_limits<std::int64_t>::max();
        problem(record, column,
                "'" + elided(text, 80) + "' is not " +
                    (bounded ? fmt::format("a whole number from 1 to {}", max)
                             : std::string("a positive whole number")),
                bounded ? fmt::format("1 to {}", max) : "1, 2, 3, ...");
        return std::nullopt;
    }
    return value;
}

} // namespace jobkb::detail
