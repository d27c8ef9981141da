#include "packetcache.h"

namespace skydns::service {

const std::string *PacketCache::lookup(const std::string &key, std::uint64_t generation, std::int64_t nowMs)
{
    if (m_capacity == 0)
        return nullptr;
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return nullptr;
    Entry &e = it->second;
    if (!valid(e, generation, nowMs) || e.variants.empty())
        return nullptr;
    if (!e.randomised)
        return &e.variants.front();
    // Until kVariants encodings exist, miss so the caller builds (and inserts) another one: the
    // cached answers then show as many orders as SkyDNS's shuffle would over a few queries.
    if (e.variants.size() < kVariants)
        return nullptr;
    const std::string *wire = &e.variants[e.next % e.variants.size()];
    ++e.next;
    return wire;
}

void PacketCache::insert(const std::string &key, std::string wire, std::uint64_t generation,
                         std::int64_t validUntilMs, bool randomised, std::int64_t nowMs)
{
    if (m_capacity == 0 || validUntilMs <= nowMs)
        return;
    auto it = m_entries.find(key);
    if (it != m_entries.end()) {
        Entry &e = it->second;
        if (randomised && e.randomised && valid(e, generation, nowMs) && e.variants.size() < kVariants) {
            // The entry expires with its earliest variant, so no variant outlives its data.
            if (validUntilMs < e.validUntilMs)
                e.validUntilMs = validUntilMs;
            e.variants.push_back(std::move(wire));
            return;
        }
        e.generation = generation;
        e.validUntilMs = validUntilMs;
        e.randomised = randomised;
        e.next = 0;
        e.variants.clear();
        e.variants.push_back(std::move(wire));
        return;
    }
    if (m_entries.size() >= m_capacity)
        makeRoom(generation, nowMs);
    Entry &e = m_entries[key];
    e.generation = generation;
    e.validUntilMs = validUntilMs;
    e.randomised = randomised;
    e.variants.push_back(std::move(wire));
}

void PacketCache::setCapacity(std::size_t capacity)
{
    if (capacity < m_capacity)
        m_entries.clear();
    m_capacity = capacity;
}

void PacketCache::makeRoom(std::uint64_t generation, std::int64_t nowMs)
{
    // First drop what can never be served again; when everything is still valid, start over.
    // Clearing is O(n) once per capacity insertions, so amortised O(1), and keeps no LRU list on the
    // hot path.
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.generation != generation || nowMs >= it->second.validUntilMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
    if (m_entries.size() >= m_capacity)
        m_entries.clear();
}

} // namespace skydns::service
