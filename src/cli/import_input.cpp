#include "cli/import_input.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace jobkb::cli {

std::map<std::string, std::string> field_pairs(const std::vector<std::string>& items,
                                               const char* flag,
                                               std::span<const std::string_view> fields) {
    std::map<std::string, std::string> result;
    for (const auto& item : items) {
        const auto equals = item.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        fmt::format("{} '{}': expected FIELD=VALUE", flag, item));
        }
        const std::string field = item.substr(0, equals);
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
            std::string list;
            for (const auto name : fields) {
                list += (list.empty() ? "" : ", ") + std::string(name);
            }
            throw Error(
                ErrorCode::kInvalidArgument,
                fmt::format("{}: unknown field '{}' (expected one of {})", flag, field, list));
        }
        result[field] = item.substr(equals + 1);
    }
    return result;
}

InputFormat input_format_of(const std::string& file, const std::string& input_format) {
    const bool from_stdin = file == "-";
    const std::optional<InputFormat> format =
        input_format.empty()
            ? (from_stdin ? std::optional(InputFormat::kCsv) : input_format_for(file))
            : parse_input_format(input_format);
    if (!format) {
        throw Error(ErrorCode::kInvalidArgument,
                    input_format.empty()
                        ? file + ": cannot tell the format from the file name (expected .csv, "
                                 ".tsv, .json or .ndjson, or --input-format)"
                        : "--input-format '" + input_format +
                              "': expected csv, tsv, json or ndjson");
    }
    return *format;
}

void open_import_input(Context& context, const std::string& file, ImportInput& input) {
    input.in = context.environment.input;
    if (file == "-") {
        if (input.in == nullptr) {
            throw Error(ErrorCode::kInvalidArgument, "-: no standard input to read");
        }
        return;
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        throw Error(ErrorCode::kIo, file + ": cannot read: " +
                                        (std::filesystem::exists(file, error) ? "not a regular file"
                                                                              : "no such file"));
    }
    input.size = std::filesystem::file_size(file, error);
    input.file.open(file, std::ios::binary);
    if (!input.file) {
        throw Error(ErrorCode::kIo, file + ": cannot open it for reading");
    }
    input.in = &input.file;
}

} // namespace jobkb::cli
