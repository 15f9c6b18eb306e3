#include "jobkb/import/xlsx/zip_archive.hpp"

#include "jobkb/error.hpp"

#include "jobkb/import/xlsx/libzip.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>

namespace jobkb::detail::xlsx {
namespace {

// Past this the archive goes to a temporary file rather than memory.
constexpr std::size_t kInMemoryBytes = 16 << 20;

std::string mebibytes(std::uint64_t bytes) { return fmt::format("{} MiB", bytes >> 20); }

std::string zip_problem(int code) {
    switch (code) {
    case ZIP_ER_NOZIP:
        return "is not a zip archive, or only part of one (expected an Excel workbook, .xlsx)";
    case ZIP_ER_INCONS:
    case ZIP_ER_CRC:
    case ZIP_ER_EOF:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
        return "is a damaged zip archive (expected an Excel workbook, .xlsx)";
    case ZIP_ER_COMPNOTSUPP:
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return "is encrypted or compressed in a way Excel does not write (expected an "
               "unencrypted workbook)";
    case ZIP_ER_MEMORY:
        return "needs more memory than there is";
    default:
        break;
    }
    zip_error_t error;
    libzip().zip_error_init_with_code(&error, code);
    std::string text = fmt::format("cannot be read as a zip archive: {} (expected an Excel "
                                   "workbook, .xlsx)",
                                   libzip().zip_error_strerror(&error));
    libzip().zip_error_fini(&error);
    return text;
}

} // namespace

ZipArchive::ZipArchive(InputSource& input) : name_(input.name()) {
    const std::string_view start = input.peek(8);
    if (start.starts_with("\xD0\xCF\x11\xE0")) {
        refuse("is a legacy Excel file (.xls) or a password-protected workbook (expected an "
               "unencrypted .xlsx: save it again as an Excel Workbook without a password)");
    }
    std::array<char, 1 << 16> buffer{};
    std::uint64_t total = 0;
    while (const std::size_t size = input.read(buffer.data(), buffer.size())) {
        total += size;
        if (total > kMaxArchiveBytes) {
            refuse(fmt::format("is larger than {} (expected a smaller workbook)",
                               mebibytes(kMaxArchiveBytes)));
        }
        if (file_ == nullptr && memory_.size() + size > kInMemoryBytes) {
            file_ = std::tmpfile();
            if (file_ == nullptr ||
                std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size()) {
                refuse("cannot be copied to a temporary file");
            }
            std::string().swap(memory_);
        }
        if (file_ != nullptr) {
            if (std::fwrite(buffer.data(), 1, size, file_) != size) {
                refuse("cannot be copied to a temporary file");
            }
        } else {
            memory_.append(buffer.data(), size);
        }
    }
    zip_error_t error;
    libzip().zip_error_init(&error);
    zip_source_t* source =
        file_ != nullptr
            ? (std::fflush(file_) == 0 ? libzip().zip_source_filep_create(file_, 0, -1, &error)
                                       : nullptr)
            : libzip().zip_source_buffer_create(memory_.data(), memory_.size(), 0, &error);
    if (source == nullptr) {
        if (file_ != nullptr) {
            std::fclose(file_);
            file_ = nullptr;
        }
        libzip().zip_error_fini(&error);
        refuse("cannot be opened as a zip archive");
    }
    archive_ = libzip().zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive_ == nullptr) {
        const int code = libzip().zip_error_code_zip(&error);
        libzip().zip_error_fini(&error);
        libzip().zip_source_free(source); // closes the temporary file
        file_ = nullptr;
        refuse(zip_problem(code));
    }
    libzip().zip_error_fini(&error);
}

ZipArchive::~ZipArchive() {
    if (archive_ != nullptr) {
        libzip().zip_discard(archive_); // frees the source, which closes the temporary file
    }
}

void ZipArchive::refuse(const std::string& problem) const {
    throw Error(ErrorCode::kInvalidArgument, name_ + ": " + problem);
}

std::optional<std::uint64_t> ZipArchive::find(std::string_view entry) const {
    const std::string name(entry);
    const zip_int64_t index = libzip().zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(index);
}

void ZipArchive::read(std::uint64_t index, std::string_view entry, std::uint64_t limit,
                      const std::function<void(std::string_view)>& sink) {
    zip_stat_t stat;
    libzip().zip_stat_init(&stat);
    if (libzip().zip_stat_index(archive_, index, 0, &stat) != 0) {
        refuse(fmt::format(
            "{}: {}", entry,
            zip_problem(libzip().zip_error_code_zip(libzip().zip_get_error(archive_)))));
    }
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
        refuse(fmt::format("{} is encrypted (expected an unencrypted workbook: save it without a "
                           "password)",
                           entry));
    }
    const auto too_large = [&] {
        refuse(fmt::format("{} inflates to more than {} (expected a workbook of a sensible "
                           "size; this looks like a zip bomb)",
                           entry, mebibytes(limit)));
    };
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > limit) {
        too_large();
    }
    const auto close = [](zip_file_t* file) { libzip().zip_fclose(file); };
    std::unique_ptr<zip_file_t, decltype(close)> file(libzip().zip_fopen_index(archive_, index, 0),
                                                      close);
    if (!file) {
        refuse(fmt::format(
            "{}: {}", entry,
            zip_problem(libzip().zip_error_code_zip(libzip().zip_get_error(archive_)))));
    }
    std::array<char, 1 << 16> buffer{};
    std::uint64_t total = 0;
    while (true) {
        const zip_int64_t got = libzip().zip_fread(file.get(), buffer.data(), buffer.size());
        if (got < 0) {
            refuse(fmt::format(
                "{}: {}", entry,
                zip_problem(libzip().zip_error_code_zip(libzip().zip_file_get_error(file.get())))));
        }
        if (got == 0) {
            break;
        }
        total += static_cast<std::uint64_t>(got);
        if (total > limit) {
            too_large();
        }
        sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
}

} // namespace jobkb::detail::xlsx
