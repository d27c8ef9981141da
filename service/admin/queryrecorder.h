#pragma once
// The admin API's view of the query path: each DNS worker owns one QueryRecorder and is its only
// writer; the admin server reads them from its own threads. Recording costs a handful of relaxed
// stores and one uncontended per-worker mutex (the query log ring): no global lock, no allocation.
#include "metrics.h"

#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <sys/socket.h>

namespace skydns::service {

// Served says where an answer came from, for the query log.
enum class Served : std::uint8_t { Cache, Mirror, Forwarder, None };

// QueryRecord describes one handled query. query/size are the raw client bytes (the question is
// copied from them); peer is the client (nullptr: clientText names it); rcode -1 when nothing was sent.
struct QueryRecord
{
    const unsigned char *query = nullptr;
    std::size_t size = 0;
    bool tcp = false;
    const sockaddr *peer = nullptr;
    std::string_view clientText;
    int rcode = -1;
    Served served = Served::None;
    MetricSystem system = MetricSystem::Auth;
    std::uint64_t latencyNs = 0;
    std::int64_t nowMs = 0;    // wall clock, ms since the epoch
};

// PendingQuery keeps what the query log needs of a query answered later (forwarding, lookups): the
// question bytes and the client, copied because the receive buffer and the target are reused.
struct PendingQuery
{
    std::string bytes;
    sockaddr_storage peer{};
    bool hasPeer = false;
    std::string client;
    bool tcp = false;

    // fill sets r's query and client from what was kept (r's other fields are left alone).
    void fill(QueryRecord &r) const
    {
        r.query = reinterpret_cast<const unsigned char *>(bytes.data());
        r.size = bytes.size();
        r.tcp = tcp;
        r.peer = hasPeer ? reinterpret_cast<const sockaddr *>(&peer) : nullptr;
        r.clientText = client;
    }
};

// kLatencyBuckets is the number of latency buckets: <1024 ns, then two per octave up to ~17 s.
inline constexpr std::size_t kLatencyBuckets = 48;
// kSeriesSeconds is how many seconds of per-second series are kept.
inline constexpr std::size_t kSeriesSeconds = 3600;
// kLogCapacity is the number of query log entries kept per worker (a power of two).
inline constexpr std::size_t kLogCapacity = 4096;

// latencyBucket maps a latency to its bucket; bucketUpperMs is a bucket's upper bound in ms.
std::size_t latencyBucket(std::uint64_t latencyNs);
double bucketUpperMs(std::size_t bucket);

// LogEntry is a query log entry as stored (fixed size: the ring never allocates). Cache-line aligned,
// with the fields every entry writes first and the name right after them, so recording a typical
// query touches two cache lines.
struct alignas(64) LogEntry
{
    std::uint64_t seq = 0;
    std::int64_t timeMs = 0;
    std::uint32_t latencyUs = 0;
    std::uint16_t qtype = 0;
    std::int16_t rcode = -1;
    Served served = Served::None;
    bool tcp = false;
    std::uint8_t family = 0;    // AF_INET, AF_INET6, or 0: clientText holds the client
    std::uint8_t nameLen = 0;   // bytes of name (wire labels)
    std::uint16_t port = 0;
    std::array<std::uint8_t, 16> addr{};
    std::array<std::uint8_t, 255> name{};
    std::array<char, 48> clientText{};
};

// QueryRecorder is one worker's statistics and query log.
class QueryRecorder
{
public:
    QueryRecorder();

    // record accounts one query (from the worker's thread only).
    void record(const QueryRecord &r);

    // Readers (any thread). addCounts adds this worker's lifetime counts into the arrays;
    // addSeries adds seconds [first, first + n) into points (points[i] is second first + i) and
    // their latency buckets into hist.
    struct Totals
    {
        std::array<std::array<std::uint64_t, 16>, kSystemCount> bySystemRcode{};
        std::uint64_t cacheHits = 0, cacheMisses = 0;
        std::array<std::uint64_t, kLatencyBuckets> latency{};
    };
    void addTotals(Totals &t) const;
    void addSeries(std::int64_t first, std::size_t n, std::vector<skydns::admin::StatsPoint> &points,
                   std::vector<std::array<std::uint64_t, kLatencyBuckets>> &hist) const;

    // collect copies log entries: with after (a sequence number) the oldest up to limit entries
    // after it, else the newest up to limit; *head is the last sequence number written and *oldest
    // the oldest still held.
    void collect(std::uint64_t after, bool newest, std::size_t limit, std::vector<LogEntry> &out,
                 std::uint64_t *head, std::uint64_t *oldest) const;

private:
    struct Counter
    {
        std::atomic<std::uint64_t> v{0};
        void add() { v.store(v.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
        void reset() { v.store(0, std::memory_order_relaxed); }
        std::uint64_t get() const { return v.load(std::memory_order_relaxed); }
    };
    struct Second
    {
        std::atomic<std::int64_t> second{-1};
        Counter queries, noError, nxDomain, servFail, refused, other, hits, misses;
        std::array<Counter, kLatencyBuckets> latency;
    };

    std::array<std::array<Counter, 16>, kSystemCount> m_bySystemRcode;
    Counter m_hits, m_misses;
    std::array<Counter, kLatencyBuckets> m_latency;
    std::unique_ptr<Second[]> m_series;

    mutable std::mutex m_logMutex;
    std::unique_ptr<LogEntry[]> m_log;
    std::uint64_t m_next = 1; // sequence number of the next entry (guarded by m_logMutex)
};

} // namespace skydns::service
