#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace skydns::service {

// PacketCache holds pre-encoded answers keyed by cacheKey() (see querykey.h), so that a hit costs a
// hash lookup and a copy: the caller patches the message ID and sends the bytes. One PacketCache
// lives in each worker thread (no locks). Two rules keep entries from ever being wrong:
// - generation: an entry built from mirror snapshot N is only served while the current snapshot is
//   N (pass 0 for entries that do not depend on the mirror, e.g. forwarded answers);
// - validUntilMs: the moment the answer would change with the clock alone (an etcd TTL counting
//   down, the SOA serial hour, rcache_ttl for forwarded answers).
// Answers built with randomness (round robin, CHAOS shuffle) keep up to kVariants encodings; the
// first kVariants lookups miss so the caller can add one encoding each, after that the variants are
// served in turn.
class PacketCache
{
public:
    // kVariants is how many encodings of a randomised answer are kept.
    static constexpr std::size_t kVariants = 8;

    // PacketCache keeps at most capacity entries (0 disables it: every lookup misses).
    explicit PacketCache(std::size_t capacity = 0) : m_capacity(capacity) {}

    // lookup returns the wire bytes for key that are valid for generation at nowMs, or nullptr.
    const std::string *lookup(const std::string &key, std::uint64_t generation, std::int64_t nowMs);

    // insert stores wire for key. randomised marks an answer that may come out differently each time
    // it is built; such encodings are added to a valid entry as variants instead of replacing it.
    void insert(const std::string &key, std::string wire, std::uint64_t generation, std::int64_t validUntilMs,
                bool randomised, std::int64_t nowMs);

    // clear drops every entry (e.g. after a configuration change).
    void clear() { m_entries.clear(); }
    // setCapacity changes the capacity; shrinking clears the cache.
    void setCapacity(std::size_t capacity);

    // size is the number of entries; capacity the most it keeps.
    std::size_t size() const { return m_entries.size(); }
    std::size_t capacity() const { return m_capacity; }

    // forEach calls f(key, generation, validUntilMs, variants, bytes) for every entry, for listings
    // (the admin API); in the owning thread only.
    template <typename F>
    void forEach(F &&f) const
    {
        for (const auto &[key, e] : m_entries) {
            std::size_t bytes = 0;
            for (const std::string &v : e.variants)
                bytes += v.size();
            f(key, e.generation, e.validUntilMs, e.variants.size(), bytes);
        }
    }

private:
    struct Entry
    {
        std::uint64_t generation = 0;
        std::int64_t validUntilMs = 0;
        bool randomised = false;
        std::uint32_t next = 0;
        std::vector<std::string> variants;
    };

    bool valid(const Entry &e, std::uint64_t generation, std::int64_t nowMs) const
    {
        return e.generation == generation && nowMs < e.validUntilMs;
    }
    void makeRoom(std::uint64_t generation, std::int64_t nowMs);

    std::size_t m_capacity;
    std::unordered_map<std::string, Entry> m_entries;
};

} // namespace skydns::service
