#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace skydns::dnssec {

// SignatureCache keeps RRSIG rdata per RRset (key: rrsetCacheKey, i.e. owner, type,
// class, original TTL and the complete rdata). Safe for concurrent use: the keys are spread over
// shards, each with its own mutex. A capacity of 0 disables it (every lookup misses).
class SignatureCache
{
public:
    // kRefreshSeconds: a cached signature is reused while it stays valid this much longer
    // (SkyDNS: 48 hours of its 7 days).
    static constexpr std::int64_t kRefreshSeconds = 48 * 3600;

    // SignatureCache holds about capacity signatures (negative counts as 0; the limit is per shard,
    // capacity/16 rounded up, so small capacities round up to a multiple of 16).
    explicit SignatureCache(int capacity);
    SignatureCache(const SignatureCache &) = delete;
    SignatureCache &operator=(const SignatureCache &) = delete;

    // find copies the cached RRSIG rdata for key into rrsig if it expires more than
    // kRefreshSeconds after nowSeconds; false otherwise (an old entry is then dropped).
    bool find(const std::string &key, std::int64_t nowSeconds, std::string &rrsig) const;

    // insert stores rrsig for key (replacing any older one); when the shard is full an arbitrary
    // entry goes first (SkyDNS evicts at random).
    void insert(const std::string &key, std::string rrsig, std::int64_t expiration);

    // size is the number of cached signatures.
    std::size_t size() const;

    // capacity is the configured capacity.
    int capacity() const { return m_capacity; }

private:
    static constexpr std::size_t kShards = 16;
    struct Entry
    {
        std::string rrsig;
        std::int64_t expiration = 0;
    };
    struct Shard
    {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Entry> map;
    };
    Shard &shardOf(const std::string &key) const;

    int m_capacity;
    std::size_t m_perShard;
    mutable std::array<Shard, kShards> m_shards;
};

} // namespace skydns::dnssec
