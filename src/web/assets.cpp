#include "web/assets.hpp"

#include "jobkb/embedded.hpp"
#include "jobkb/sha256.hpp"

#include <stdexcept>
#include <vector>

namespace jobkb::web {
namespace {

std::string content_type_of(std::string_view name) {
    if (name.ends_with(".css")) {
        return "text/css; charset=utf-8";
    }
    if (name.ends_with(".svg")) {
        return "image/svg+xml";
    }
    return "application/octet-stream";
}

std::vector<Asset> hash_assets() {
    std::vector<Asset> all;
    for (const auto& file : detail::web_assets()) {
        const std::string name(file.path);
        const auto dot = name.rfind('.');
        const std::string hash = sha256_hex(file.content).substr(0, 12);
        all.push_back(Asset{name,
                            dot == std::string::npos
                                ? name + "." + hash
                                : name.substr(0, dot) + "." + hash + name.substr(dot),
                            content_type_of(name), file.content});
    }
    return all;
}

} // namespace

std::span<const Asset> assets() {
    static const std::vector<Asset> all = hash_assets(); // thread-safe initialisation
    return all;
}

const Asset& asset(std::string_view name) {
    for (const auto& candidate : assets()) {
        if (candidate.name == name) {
            return candidate;
        }
    }
    throw std::out_of_range("no web asset " + std::string(name));
}

const Asset* find_hashed_asset(std::string_view hashed) {
    for (const auto& candidate : assets()) {
        if (candidate.hashed == hashed) {
            return &candidate;
        }
    }
    return nullptr;
}

} // namespace jobkb::web
