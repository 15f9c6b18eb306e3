#pragma once

// The server's connections to the base: one read-only connection per worker thread, opened on the
// thread's first request (a Database belongs to one thread at a time), all closed together when
// the server has stopped.

#include "jobkb/database.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace jobkb::web {

class ReadConnections {
public:
    // `immutable`: the file is a published copy nobody writes (SQLite's immutable=1: no locks,
    // no -wal or -shm beside it).
    ReadConnections(std::filesystem::path path, bool immutable)
        : path_(std::move(path)), immutable_(immutable) {}

    // The calling thread's connection. Throws what opening the base throws.
    Database& for_this_thread();

    // Opens one connection now, so that a base that cannot be served is reported at start-up.
    void check() const;

private:
    std::unique_ptr<Database> open() const;

    std::filesystem::path path_;
    bool immutable_;
    std::mutex mutex_;
    std::map<std::thread::id, std::unique_ptr<Database>> connections_;
};

} // namespace jobkb::web
