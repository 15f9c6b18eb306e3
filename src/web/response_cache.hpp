#pragma once

// Rendered answers kept for the next request that asks the same question of the same content.
// A role page takes milliseconds to build (its charts, its reports); the same page from memory
// takes microseconds, which is what lets `jobkb serve` keep up with a web server sending files.
//
// When is a kept answer current? Each worker thread reads through its own connection, and
// SQLite's data version (ReadSnapshot::data_version) tells a connection whether anything was
// committed since its previous snapshot. A thread that sees a change advances a shared
// generation, which retires every kept answer at once. An answer is kept under the generation
// read *before* its snapshot began, so an answer rendered from a snapshot older than a commit is
// retired by the thread that detects that commit, whenever that is: no answer older than a
// snapshot a reader has already seen is ever served again.

#include "web/http_types.hpp"

#include "jobkb/database.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace jobkb::web {

class ResponseCache {
public:
    // At most this many bytes of bodies are kept; beyond it the cache starts again empty.
    explicit ResponseCache(std::size_t max_bytes = 64u << 20) : max_bytes_(max_bytes) {}

    // What a request learnt before its snapshot began; pass it back to lookup and keep.
    struct Ticket {
        std::uint64_t generation = 0;
        std::string key;
        bool usable = true; // false: the base changed under this request; keep nothing from it
    };

    // Call before the request's ReadSnapshot begins.
    Ticket start(const Request& request) const;

    // Call inside the snapshot: notes a commit since this connection's previous snapshot, then
    // answers from memory if it can.
    std::optional<Response> lookup(Ticket& ticket, const Database& database,
                                   ReadSnapshot& snapshot);

    // Keeps a successful answer (status 200) for the next request under the same ticket's key.
    void keep(const Ticket& ticket, const Response& response);

    // How many answers came from memory (for the tests and the stop note).
    std::uint64_t hits() const { return hits_.load(); }

private:
    struct Entry {
        std::uint64_t generation;
        Response response;
    };

    std::size_t max_bytes_;
    std::atomic<std::uint64_t> generation_ = 1;
    std::atomic<std::uint64_t> hits_ = 0;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t bytes_ = 0;
};

} // namespace jobkb::web
