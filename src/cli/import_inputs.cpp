#include "cli/import_inputs.hpp"

#include "cli/hints.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace jobkb::cli {

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

} // namespace jobkb::cli
