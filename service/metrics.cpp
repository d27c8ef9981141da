#include "metrics.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace skydns::service {

const char *systemName(MetricSystem system)
{
    static const char *const names[] = {"auth", "cache", "recursive", "reverse", "stub"};
    return names[std::size_t(system)];
}

const char *causeName(ErrorCause cause)
{
    static const char *const names[] = {"nxdomain", "servfail", "refused", "truncated", "overflow"};
    return names[std::size_t(cause)];
}

const char *cacheName(CacheKind kind)
{
    static const char *const names[] = {"response", "signature", "local"};
    return names[std::size_t(kind)];
}

MetricsRegistry::MetricsRegistry(std::string ns, std::string subsystem)
{
    // client_golang's BuildFQName: empty parts are left out with their underscore.
    if (!ns.empty())
        m_prefix += ns + "_";
    if (!subsystem.empty())
        m_prefix += subsystem + "_";
}

WorkerMetrics *MetricsRegistry::addWorker()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_workers.push_back(std::make_unique<WorkerMetrics>());
    return m_workers.back().get();
}

namespace {

// Text builds the exposition; numbers as Go's strconv.FormatFloat('g'-like) would look to a parser.
class Text
{
public:
    explicit Text(const std::string &prefix) : m_prefix(prefix) {}

    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP " + m_prefix + name + " " + help + "\n";
        m_out += "# TYPE " + m_prefix + name + " " + type + "\n";
    }
    void sample(const std::string &name, const std::string &labels, double value)
    {
        m_out += m_prefix + name;
        if (!labels.empty())
            m_out += "{" + labels + "}";
        m_out += " " + number(value) + "\n";
    }
    void sample(const std::string &name, const std::string &labels, std::uint64_t value)
    {
        m_out += m_prefix + name;
        if (!labels.empty())
            m_out += "{" + labels + "}";
        m_out += " " + std::to_string(value) + "\n";
    }
    // number writes v as Go's strconv.FormatFloat(v, 'g', -1, 64) does for the values we show:
    // integers plainly, others in the shortest form that reads back as the same double.
    static std::string number(double v)
    {
        char buf[64];
        if (v == std::floor(v) && std::fabs(v) < 1e15) {
            std::snprintf(buf, sizeof buf, "%.0f", v);
            return buf;
        }
        for (int precision = 1; precision <= 17; ++precision) {
            std::snprintf(buf, sizeof buf, "%.*g", precision, v);
            if (std::strtod(buf, nullptr) == v)
                break;
        }
        return buf;
    }
    QByteArray take() { return QByteArray::fromStdString(m_out); }

private:
    const std::string &m_prefix;
    std::string m_out;
};

std::string label(const char *name, const char *value)
{
    return std::string(name) + "=\"" + value + "\"";
}

template <std::size_t N>
void histogram(Text &t, const char *name, const std::string &labels, const std::array<std::uint64_t, N> &bounds,
               const std::array<std::uint64_t, N + 1> &buckets, std::uint64_t sum, double scale)
{
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < N; ++i) {
        cumulative += buckets[i];
        t.sample(std::string(name) + "_bucket", labels + ",le=\"" + Text::number(double(bounds[i]) * scale) + "\"",
                 cumulative);
    }
    cumulative += buckets[N];
    t.sample(std::string(name) + "_bucket", labels + ",le=\"+Inf\"", cumulative);
    t.sample(std::string(name) + "_sum", labels, double(sum) * scale);
    t.sample(std::string(name) + "_count", labels, cumulative);
}

} // namespace

QByteArray MetricsRegistry::render(const ServiceGauges &g) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::array<std::uint64_t, kSystemCount> requests{};
    std::array<std::array<std::uint64_t, kDurationBoundsNs.size() + 1>, kSystemCount> dur{};
    std::array<std::uint64_t, kSystemCount> durSum{};
    std::array<std::array<std::uint64_t, kSizeBounds.size() + 1>, kSystemCount> size{};
    std::array<std::uint64_t, kSystemCount> sizeSum{};
    std::array<std::array<std::uint64_t, kCauseCount>, kSystemCount> errors{};
    std::array<std::uint64_t, kCacheKindCount> misses{}, hits{};
    std::uint64_t formErrors = 0, dropped = 0, tcpRejected = 0;
    for (const auto &w : m_workers) {
        for (std::size_t s = 0; s < kSystemCount; ++s) {
            requests[s] += w->requests[s].value();
            for (std::size_t b = 0; b <= kDurationBoundsNs.size(); ++b)
                dur[s][b] += w->duration[s].bucket(b);
            durSum[s] += w->duration[s].sum();
            for (std::size_t b = 0; b <= kSizeBounds.size(); ++b)
                size[s][b] += w->size[s].bucket(b);
            sizeSum[s] += w->size[s].sum();
            for (std::size_t c = 0; c < kCauseCount; ++c)
                errors[s][c] += w->errors[s][c].value();
        }
        for (std::size_t c = 0; c < kCacheKindCount; ++c) {
            misses[c] += w->cacheMisses[c].value();
            hits[c] += w->cacheHits[c].value();
        }
        formErrors += w->formErrors.value();
        dropped += w->dropped.value();
        tcpRejected += w->tcpRejected.value();
    }
    hits[std::size_t(CacheKind::Signature)] += g.signatureHits;
    misses[std::size_t(CacheKind::Signature)] += g.signatureMisses;

    Text t(m_prefix);
    auto anySystem = [](const auto &values) {
        for (auto v : values)
            if (v)
                return true;
        return false;
    };
    if (anySystem(requests)) {
        t.family("dns_request_count_total", "counter", "Counter of DNS requests made.");
        for (std::size_t s = 0; s < kSystemCount; ++s)
            if (requests[s])
                t.sample("dns_request_count_total", label("system", systemName(MetricSystem(s))), requests[s]);
        t.family("dns_request_duration_seconds", "histogram",
                 "Histogram of the time (in seconds) each request took to resolve.");
        for (std::size_t s = 0; s < kSystemCount; ++s)
            if (requests[s])
                histogram(t, "dns_request_duration_seconds", label("system", systemName(MetricSystem(s))),
                          kDurationBoundsNs, dur[s], durSum[s], 1e-9);
        t.family("dns_response_size_bytes", "histogram", "Size of the returns response in bytes.");
        for (std::size_t s = 0; s < kSystemCount; ++s)
            if (requests[s])
                histogram(t, "dns_response_size_bytes", label("system", systemName(MetricSystem(s))), kSizeBounds,
                          size[s], sizeSum[s], 1.0);
    }
    bool anyError = false;
    for (const auto &row : errors)
        anyError = anyError || anySystem(row);
    if (anyError) {
        t.family("dns_error_count_total", "counter", "Counter of DNS requests resulting in an error.");
        for (std::size_t s = 0; s < kSystemCount; ++s)
            for (std::size_t c = 0; c < kCauseCount; ++c)
                if (errors[s][c])
                    t.sample("dns_error_count_total",
                             label("system", systemName(MetricSystem(s))) + "," +
                                 label("cause", causeName(ErrorCause(c))),
                             errors[s][c]);
    }
    // SkyDNS's cache label set is response and signature; "local" misses are ours and shown below.
    if (misses[0] || misses[1]) {
        t.family("dns_cachemiss_count_total", "counter", "Counter of DNS requests that result in a cache miss.");
        for (std::size_t c = 0; c < 2; ++c)
            if (misses[c])
                t.sample("dns_cachemiss_count_total", label("cache", cacheName(CacheKind(c))), misses[c]);
    }

    // Ours: always present so dashboards and tests find them from the first scrape.
    t.family("dns_cache_hits_total", "counter", "Answers served from a cache (local: generation-checked local answers; response: rcache).");
    for (std::size_t c = 0; c < kCacheKindCount; ++c)
        if (c != std::size_t(CacheKind::Signature))
            t.sample("dns_cache_hits_total", label("cache", cacheName(CacheKind(c))), hits[c]);
    t.family("dns_cache_misses_total", "counter", "Lookups that missed a cache (local and response caches).");
    for (std::size_t c = 0; c < kCacheKindCount; ++c)
        if (c != std::size_t(CacheKind::Signature))
            t.sample("dns_cache_misses_total", label("cache", cacheName(CacheKind(c))), misses[c]);
    t.family("dns_cache_entries", "gauge", "Entries in the packet caches of all workers.");
    t.sample("dns_cache_entries", "", g.cacheEntries);
    t.family("dns_formerr_count_total", "counter", "Malformed queries answered with FORMERR.");
    t.sample("dns_formerr_count_total", "", formErrors);
    t.family("dns_dropped_count_total", "counter", "Packets dropped without an answer (responses, runts, stub loops).");
    t.sample("dns_dropped_count_total", "", dropped);
    t.family("dns_tcp_rejected_total", "counter", "TCP connections closed because the connection cap was reached.");
    t.sample("dns_tcp_rejected_total", "", tcpRejected);
    t.family("mirror_generation", "gauge", "Generation of the mirror snapshot answers come from.");
    t.sample("mirror_generation", "", g.generation);
    t.family("mirror_etcd_index", "gauge", "etcd index the current snapshot reflects.");
    t.sample("mirror_etcd_index", "", g.etcdIndex);
    t.family("mirror_records", "gauge", "Service records in the current snapshot.");
    t.sample("mirror_records", "", g.records);
    t.family("mirror_malformed_records", "gauge", "Values under the prefix skipped because they are not valid service JSON.");
    t.sample("mirror_malformed_records", "", g.malformed);
    t.family("mirror_synced", "gauge", "1 once a complete copy of the etcd subtree was loaded.");
    t.sample("mirror_synced", "", std::uint64_t(g.synced ? 1 : 0));
    t.family("etcd_connected", "gauge", "1 while etcd answers the mirror, 0 while it cannot be reached.");
    t.sample("etcd_connected", "", std::uint64_t(g.etcdConnected ? 1 : 0));
    t.family("mirror_stale_seconds", "gauge", "Seconds since etcd became unreachable (0 when connected).");
    t.sample("mirror_stale_seconds", "", g.staleSeconds);
    t.family("mirror_watch_lag_seconds", "gauge", "Time from the watch response to the published snapshot, last event.");
    t.sample("mirror_watch_lag_seconds", "", g.watchLagSeconds);
    t.family("mirror_watch_events_total", "counter", "Watch events applied to the mirror.");
    t.sample("mirror_watch_events_total", "", g.watchEvents);
    t.family("mirror_full_reads_total", "counter", "Complete reads of the etcd subtree.");
    t.sample("mirror_full_reads_total", "", g.fullReads);
    t.family("config_reloads_total", "counter", "Configuration reloads (SIGHUP or a change of /<prefix>/config).");
    t.sample("config_reloads_total", "", g.configReloads);
    return t.take();
}

} // namespace skydns::service
