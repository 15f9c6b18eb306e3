#include "cli/import_input.hpp"

#include "cli/hints.hpp"

#include "jobkb/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace jobkb::cli {

// A bar on stderr while a file of known size is read: [#####     ] 45%  30.1 MB.
class ProgressBar {
public:
    ProgressBar(std::ostream& err, std::uint64_t total) : err_(err), total_(total) {}
    ~ProgressBar() {
        if (drawn_) {
            err_ << "\r" << std::string(60, ' ') << "\r" << std::flush;
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint64_t bytes) {
        const int percent = total_ == 0 ? 100 : static_cast<int>(bytes * 100 / total_);
        if (percent == last_percent_) {
            return;
        }
        last_percent_ = percent;
        drawn_ = true;
        const int filled = percent / 5;
        err_ << fmt::format("\r[{}{}] {:3}% {:7.1f} MB",
                            std::string(static_cast<std::size_t>(filled), '#'),
                            std::string(static_cast<std::size_t>(20 - filled), ' '), percent,
                            static_cast<double>(bytes) / 1e6)
             << std::flush;
    }

private:
    std::ostream& err_;
    std::uint64_t total_;
    int last_percent_ = -1;
    bool drawn_ = false;
};

std::uint64_t open_input_file(const std::string& path, std::ifstream& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw Error(ErrorCode::kIo, path + ": cannot read: " +
                                        (std::filesystem::exists(path, error) ? "not a regular file"
                                                                              : "no such file"));
    }
    const std::uint64_t size = std::filesystem::file_size(path, error);
    file.open(path, std::ios::binary);
    if (!file) {
        throw Error(ErrorCode::kIo, path + ": cannot open it for reading");
    }
    return size;
}

std::vector<TitleMapping> read_roles_from(Context& context, Database& database,
                                          const std::string& path, std::size_t max_errors) {
    std::ifstream file;
    open_input_file(path, file);
    InputSource input(file, path);
    TitleMappingFile mapping;
    try {
        mapping = read_title_mapping(database, input, path, max_errors);
    } catch (const InputError& refused) {
        throw Error(refused.code(), describe(refused.diagnostics(), cli_hint));
    }
    for (const auto& error : mapping.errors) {
        context.err << describe(error, cli_hint) << '\n';
    }
    if (mapping.error_count > 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: nothing imported: {} problem(s) in the title mapping {}{}",
                                path, mapping.error_count, path,
                                mapping.error_count > mapping.errors.size()
                                    ? fmt::format(" ({} not shown)",
                                                  mapping.error_count - mapping.errors.size())
                                    : ""));
    }
    return std::move(mapping.mappings);
}

ImportInput::ImportInput(Context& context, const std::string& file, bool quiet) {
    const bool from_stdin = file == "-";
    std::istream* in = context.environment.input;
    std::uint64_t size = 0;
    if (!from_stdin) {
        size = open_input_file(file, file_);
        in = &file_;
    } else if (in == nullptr) {
        throw Error(ErrorCode::kInvalidArgument, "-: no standard input to read");
    }
    source_.emplace(*in, file);
    if (!quiet && !from_stdin && context.environment.stderr_is_terminal) {
        bar_ = std::make_unique<ProgressBar>(context.err, size);
        source_->on_progress = [this](std::uint64_t bytes) {
            if (bar_) {
                bar_->update(bytes);
            }
        };
    }
}

ImportInput::~ImportInput() = default;

void ImportInput::done() { bar_.reset(); }

std::optional<InputFormat> input_format_of(const std::string& file,
                                           const std::string& input_format) {
    if (input_format.empty() && file == "-") {
        return std::nullopt; // told by its first bytes
    }
    const std::optional<InputFormat> format =
        input_format.empty() ? input_format_for(file) : parse_input_format(input_format);
    if (!format) {
        throw Error(ErrorCode::kInvalidArgument,
                    input_format.empty()
                        ? file + ": cannot tell the format from the file name (expected .csv, "
                                 ".tsv, .json, .ndjson or .xlsx, or --input-format)"
                        : "--input-format '" + input_format +
                              "': expected csv, tsv, json, ndjson or xlsx");
    }
    return format;
}

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

} // namespace jobkb::cli
