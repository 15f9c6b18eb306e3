#pragma once

#include <zip.h>

// libzip, loaded when the first workbook is read rather than linked: linked, it and what it
// links (libcrypto, libbz2, zlib) cost every jobkb process ~0.8 ms and ~130 page faults at
// start-up, and only an Excel import uses it. The functions keep libzip's own names and the
// types its header gives them.
namespace jobkb::detail::xlsx {

// Every libzip function zip_archive.cpp calls.
#define JOBKB_LIBZIP_FUNCTIONS(X)                                                                  \
    X(zip_discard)                                                                                 \
    X(zip_error_code_zip)                                                                          \
    X(zip_error_fini)                                                                              \
    X(zip_error_init)                                                                              \
    X(zip_error_init_with_code)                                                                    \
    X(zip_error_strerror)                                                                          \
    X(zip_fclose)                                                                                  \
    X(zip_file_get_error)                                                                          \
    X(zip_fopen_index)                                                                             \
    X(zip_fread)                                                                                   \
    X(zip_get_error)                                                                               \
    X(zip_name_locate)                                                                             \
    X(zip_open_from_source)                                                                        \
    X(zip_source_buffer_create)                                                                    \
    X(zip_source_filep_create)                                                                     \
    X(zip_source_free)                                                                             \
    X(zip_stat_index)                                                                              \
    X(zip_stat_init)

struct LibZip {
#define JOBKB_LIBZIP_POINTER(name) decltype(&::name) name = nullptr;
    JOBKB_LIBZIP_FUNCTIONS(JOBKB_LIBZIP_POINTER)
#undef JOBKB_LIBZIP_POINTER
};

// libzip's functions, loaded on the first call (thread-safe) and kept until the process ends.
// Throws Error(kIo) naming the library when it cannot be loaded or lacks a function.
const LibZip& libzip();

} // namespace jobkb::detail::xlsx
