#include "dnssec/signaturecache.h"

#include <functional>

namespace skydns::dnssec {

SignatureCache::SignatureCache(int capacity)
    : m_capacity(capacity < 0 ? 0 : capacity)
    , m_perShard((static_cast<std::size_t>(m_capacity) + kShards - 1) / kShards)
{
}

SignatureCache::Shard &SignatureCache::shardOf(const std::string &key) const
{
    return m_shards[std::hash<std::string>{}(key) % kShards];
}

bool SignatureCache::find(const std::string &key, std::int64_t nowSeconds, std::string &rrsig) const
{
    if (m_capacity == 0)
        return false;
    Shard &s = shardOf(key);
    std::lock_guard<std::mutex> lock(s.mutex);
    auto it = s.map.find(key);
    if (it == s.map.end())
        return false;
    if (it->second.expiration - nowSeconds <= kRefreshSeconds) {
        s.map.erase(it);
        return false;
    }
    rrsig = it->second.rrsig;
    return true;
}

void SignatureCache::insert(const std::string &key, std::string rrsig, std::int64_t expiration)
{
    if (m_capacity == 0)
        return;
    Shard &s = shardOf(key);
    std::lock_guard<std::mutex> lock(s.mutex);
    auto it = s.map.find(key);
    if (it == s.map.end()) {
        if (s.map.size() >= m_perShard && !s.map.empty())
            s.map.erase(s.map.begin()); // hash order: as good as random
        s.map.emplace(key, Entry{std::move(rrsig), expiration});
    } else {
        it->second = Entry{std::move(rrsig), expiration};
    }
}

std::size_t SignatureCache::size() const
{
    std::size_t n = 0;
    for (const Shard &s : m_shards) {
        std::lock_guard<std::mutex> lock(s.mutex);
        n += s.map.size();
    }
    return n;
}

} // namespace skydns::dnssec
