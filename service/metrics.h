#pragma once

#include <QByteArray>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace skydns::service {

// MetricSystem is the `system` label of SkyDNS's metrics (spec 10).
enum class MetricSystem { Auth, Cache, Recursive, Reverse, Stub };
inline constexpr std::size_t kSystemCount = 5;

// ErrorCause is the `cause` label of dns_error_count_total (spec 10; "nodata" is declared by SkyDNS
// but never used, so it never shows).
enum class ErrorCause { NxDomain, ServFail, Refused, Truncated, Overflow };
inline constexpr std::size_t kCauseCount = 5;

// CacheKind is the `cache` label: SkyDNS's response and signature caches; "local" is ours, the
// generation-checked cache of local answers.
enum class CacheKind { Response, Signature, Local };
inline constexpr std::size_t kCacheKindCount = 3;

// Counter is a monotonic count with exactly one writer thread and any number of readers: the
// increment is a plain load and store (no locked instruction on the query path).
class Counter
{
public:
    // add increments the counter (from its writer thread only); value reads it from any thread.
    void add(std::uint64_t n = 1) { m_value.store(m_value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); }
    std::uint64_t value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> m_value{0};
};

// Histogram counts observations into fixed buckets (integer bounds, e.g. ns or bytes), one writer.
template <std::size_t N>
class Histogram
{
public:
    // observe adds v to the first bucket whose bound is >= v (the last one is +Inf).
    void observe(const std::array<std::uint64_t, N> &bounds, std::uint64_t v)
    {
        std::size_t i = 0;
        while (i < N && v > bounds[i])
            ++i;
        m_buckets[i].add();
        m_sum.add(v);
    }
    // bucket is the count of bucket i (not cumulative); sum the total of observed values.
    std::uint64_t bucket(std::size_t i) const { return m_buckets[i].value(); }
    std::uint64_t sum() const { return m_sum.value(); }

private:
    std::array<Counter, N + 1> m_buckets;
    Counter m_sum;
};

// kDurationBoundsNs are SkyDNS's duration buckets (0.001, 0.003, then Prometheus's defaults) in ns.
inline constexpr std::array<std::uint64_t, 13> kDurationBoundsNs{
    1000000, 3000000, 5000000, 10000000, 25000000, 50000000, 100000000,
    250000000, 500000000, 1000000000, 2500000000, 5000000000, 10000000000};
// kSizeBounds are SkyDNS's response size buckets: 0, 512, 1024, 1500, 2048, 4096, then 8192 to 65536
// in steps of 4096.
inline constexpr std::array<std::uint64_t, 21> kSizeBounds{
    0, 512, 1024, 1500, 2048, 4096, 8192, 12288, 16384, 20480, 24576, 28672,
    32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440, 65536};

// WorkerMetrics are the counters of one worker thread (its only writer). The registry sums every
// worker's counters when scraped.
struct WorkerMetrics
{
    std::array<Counter, kSystemCount> requests;
    std::array<Histogram<kDurationBoundsNs.size()>, kSystemCount> duration;
    std::array<Histogram<kSizeBounds.size()>, kSystemCount> size;
    std::array<std::array<Counter, kCauseCount>, kSystemCount> errors;
    std::array<Counter, kCacheKindCount> cacheMisses;
    std::array<Counter, kCacheKindCount> cacheHits;
    Counter formErrors;     // malformed queries answered FORMERR
    Counter dropped;        // packets dropped unanswered (responses, short, stub loops)
    Counter tcpRejected;    // TCP connections closed at the connection cap

    // request records one answered query: its path, time taken and response size (spec 10).
    void request(MetricSystem system, std::uint64_t durationNs, std::size_t bytes)
    {
        const auto s = std::size_t(system);
        requests[s].add();
        duration[s].observe(kDurationBoundsNs, durationNs);
        size[s].observe(kSizeBounds, bytes);
    }
    // error counts a response of system that ended in cause.
    void error(MetricSystem system, ErrorCause cause) { errors[std::size_t(system)][std::size_t(cause)].add(); }
};

// ServiceGauges are the values of the service (not per worker) shown with the counters.
struct ServiceGauges
{
    std::uint64_t generation = 0;
    std::uint64_t etcdIndex = 0;
    std::uint64_t records = 0;
    std::uint64_t malformed = 0;
    bool synced = false;
    bool etcdConnected = false;
    double staleSeconds = 0;   // how long etcd has been unreachable (0 when connected)
    double watchLagSeconds = 0; // last watch event: from etcd's response to the published snapshot
    std::uint64_t watchEvents = 0;
    std::uint64_t fullReads = 0;
    std::uint64_t configReloads = 0;
    std::uint64_t cacheEntries = 0;
    std::uint64_t signatureHits = 0, signatureMisses = 0; // dnssec::ZoneSigner counters
};

// MetricsRegistry owns every worker's WorkerMetrics and renders them in the Prometheus text
// exposition format (version 0.0.4) with SkyDNS's names: <namespace>_<subsystem>_<name>.
class MetricsRegistry
{
public:
    MetricsRegistry(std::string ns = "skydns", std::string subsystem = "skydns");

    // addWorker returns the counters of a new worker; they live as long as the registry.
    WorkerMetrics *addWorker();

    // render returns the exposition text: SkyDNS's families (only label sets that were used, as
    // client_golang shows vectors), then ours (always shown).
    QByteArray render(const ServiceGauges &gauges) const;

    // prefix is "<namespace>_<subsystem>_" (parts left out when empty).
    const std::string &prefix() const { return m_prefix; }

private:
    std::string m_prefix;
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<WorkerMetrics>> m_workers;
};

// systemName and causeName give the label values.
const char *systemName(MetricSystem system);
const char *causeName(ErrorCause cause);
const char *cacheName(CacheKind kind);

} // namespace skydns::service
