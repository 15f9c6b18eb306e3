#include "web/response_cache.hpp"

#include <mutex>

namespace jobkb::web {
namespace {

// The data version each thread's connection showed last. A thread may serve several Database
// objects over its life (the in-process tests): a connection not seen before counts as a change,
// since nothing says what it saw before.
struct LastSeen {
    const Database* database = nullptr;
    std::int64_t data_version = 0;
};
thread_local LastSeen last_seen;

} // namespace

ResponseCache::Ticket ResponseCache::start(const Request& request) const {
    Ticket ticket;
    ticket.generation = generation_.load();
    // The key: method aside (HEAD is GET without the body), the path and every parameter in
    // order, each length-prefixed so that no two requests share a key.
    ticket.key = std::to_string(request.path.size()) + ':' + request.path;
    for (const auto& [name, value] : request.parameters) {
        ticket.key +=
            std::to_string(name.size()) + ':' + name + std::to_string(value.size()) + ':' + value;
    }
    return ticket;
}

std::optional<Response> ResponseCache::lookup(Ticket& ticket, const Database& database,
                                              ReadSnapshot& snapshot) {
    const std::int64_t version = snapshot.data_version();
    if (last_seen.database != &database || last_seen.data_version != version) {
        last_seen = LastSeen{&database, version};
        ++generation_; // every kept answer may predate what this snapshot sees
        ticket.usable = false;
        return std::nullopt;
    }
    const std::shared_lock lock(mutex_);
    const auto found = entries_.find(ticket.key);
    if (found == entries_.end() || found->second.generation != generation_.load()) {
        return std::nullopt;
    }
    ++hits_;
    return found->second.response;
}

void ResponseCache::keep(const Ticket& ticket, const Response& response) {
    if (!ticket.usable || response.status != 200 || response.body.size() > max_bytes_ / 16) {
        return;
    }
    const std::unique_lock lock(mutex_);
    if (ticket.generation != generation_.load()) {
        return; // retired before it was kept
    }
    if (bytes_ + response.body.size() > max_bytes_) {
        entries_.clear();
        bytes_ = 0;
    }
    const auto [at, added] = entries_.try_emplace(ticket.key, Entry{ticket.generation, response});
    if (!added) {
        bytes_ -= at->second.response.body.size();
        at->second = Entry{ticket.generation, response};
    }
    bytes_ += response.body.size();
}

} // namespace jobkb::web
