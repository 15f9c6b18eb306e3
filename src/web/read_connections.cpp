#include "web/read_connections.hpp"

#include "jobkb/knowledge_base.hpp"

namespace jobkb::web {

std::unique_ptr<Database> ReadConnections::open() const {
    return immutable_ ? open_immutable_knowledge_base(path_)
                      : open_knowledge_base(path_, Access::kReadOnly);
}

void ReadConnections::check() const { open(); }

Database& ReadConnections::for_this_thread() {
    const auto id = std::this_thread::get_id();
    {
        const std::lock_guard lock(mutex_);
        if (const auto found = connections_.find(id); found != connections_.end()) {
            return *found->second;
        }
    }
    // Opened outside the lock: other threads' requests go on meanwhile.
    auto connection = open();
    const std::lock_guard lock(mutex_);
    return *connections_.emplace(id, std::move(connection)).first->second;
}

} // namespace jobkb::web
