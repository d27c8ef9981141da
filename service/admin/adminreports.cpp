#include "adminreports.h"

#include "dns/message.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cmath>

namespace skydns::service {

namespace api = skydns::admin;

namespace {

const char *const kSystemNames[kSystemCount] = {"auth", "cache", "recursive", "reverse", "stub"};

const char *servedName(Served s)
{
    switch (s) {
    case Served::Cache:
        return "cache";
    case Served::Mirror:
        return "mirror";
    case Served::Forwarder:
        return "forwarder";
    case Served::None:
        break;
    }
    return "none";
}

} // namespace

api::LatencyPercentiles percentiles(const std::array<std::uint64_t, kLatencyBuckets> &buckets)
{
    api::LatencyPercentiles p;
    for (const std::uint64_t c : buckets)
        p.samples += c;
    if (p.samples == 0)
        return p;
    // Each percentile is the upper bound of the bucket that holds it: never below the truth, at most
    // 1.5x above it.
    auto at = [&](double q) {
        // Nearest rank: the smallest value with at least q of the samples at or below it.
        const std::uint64_t rank = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * double(p.samples))));
        std::uint64_t seen = 0;
        for (std::size_t b = 0; b < kLatencyBuckets; ++b) {
            seen += buckets[b];
            if (seen >= rank)
                return bucketUpperMs(b);
        }
        return bucketUpperMs(kLatencyBuckets - 1);
    };
    p.p50Ms = at(0.50);
    p.p90Ms = at(0.90);
    p.p99Ms = at(0.99);
    p.p999Ms = at(0.999);
    return p;
}

api::Stats buildStats(const std::vector<const QueryRecorder *> &recorders, int seriesSeconds, std::int64_t nowMs)
{
    api::Stats st;
    st.nowMs = nowMs;
    QueryRecorder::Totals totals;
    for (const QueryRecorder *r : recorders)
        r->addTotals(totals);
    for (std::size_t s = 0; s < kSystemCount; ++s)
        for (int rc = 0; rc < 16; ++rc) {
            const std::uint64_t n = totals.bySystemRcode[s][std::size_t(rc)];
            if (n == 0)
                continue;
            st.bySystem[kSystemNames[s]][api::rcodeName(rc)] += n;
            st.byRcode[api::rcodeName(rc)] += n;
            st.queries += n;
        }
    st.cacheHits = totals.cacheHits;
    st.cacheMisses = totals.cacheMisses;
    st.latency = percentiles(totals.latency);

    // The series ends with the last complete second; the last minute is computed from it too.
    const std::int64_t nowSecond = nowMs / 1000;
    const std::size_t n = std::size_t(std::max(seriesSeconds, 60));
    const std::int64_t first = nowSecond - std::int64_t(n);
    std::vector<api::StatsPoint> points(n);
    std::vector<std::array<std::uint64_t, kLatencyBuckets>> hist(n);
    for (const QueryRecorder *r : recorders)
        r->addSeries(first, n, points, hist);
    std::array<std::uint64_t, kLatencyBuckets> minute{};
    for (std::size_t i = 0; i < n; ++i) {
        points[i].second = first + std::int64_t(i);
        const api::LatencyPercentiles p = percentiles(hist[i]);
        points[i].p50Ms = p.p50Ms;
        points[i].p99Ms = p.p99Ms;
        if (i + 60 >= n)
            for (std::size_t b = 0; b < kLatencyBuckets; ++b)
                minute[b] += hist[i][b];
    }
    st.latencyLastMinute = percentiles(minute);
    st.series.assign(points.end() - seriesSeconds, points.end());
    return st;
}

std::string wireNameText(const std::uint8_t *labels, std::size_t size)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < size) {
        const std::size_t len = labels[pos];
        if (len == 0) // the root label ends the name
            break;
        ++pos;
        for (std::size_t i = 0; i < len && pos < size; ++i, ++pos) {
            const unsigned char c = labels[pos];
            if (c == '.' || c == '\\') {
                out.push_back('\\');
                out.push_back(char(c));
            } else if (c <= 0x20 || c >= 0x7f) {
                char buf[5];
                std::snprintf(buf, sizeof buf, "\\%03u", unsigned(c));
                out += buf;
            } else {
                out.push_back(char(c));
            }
        }
        out.push_back('.');
    }
    return out.empty() ? std::string(".") : out;
}

api::QueryLogEntry toApiEntry(const LogEntry &e)
{
    api::QueryLogEntry a;
    a.timeMs = e.timeMs;
    if (e.family == AF_INET || e.family == AF_INET6) {
        char buf[INET6_ADDRSTRLEN] = {};
        ::inet_ntop(e.family, e.addr.data(), buf, sizeof buf);
        a.client = e.family == AF_INET6 ? "[" + std::string(buf) + "]:" + std::to_string(e.port)
                                        : std::string(buf) + ":" + std::to_string(e.port);
    } else {
        a.client = std::string(e.clientText.data());
    }
    a.transport = e.tcp ? "tcp" : "udp";
    a.name = wireNameText(e.name.data(), e.nameLen);
    a.type = dns::typeName(e.qtype);
    a.rcode = e.rcode >= 0 ? api::rcodeName(e.rcode) : std::string();
    a.latencyMs = double(e.latencyUs) / 1000.0;
    a.servedFrom = servedName(e.served);
    return a;
}

api::QueryLogPage readQueryLog(const std::vector<const QueryRecorder *> &recorders, const std::string &epoch,
                               const std::optional<api::QueryLogCursor> &after, int limit)
{
    api::QueryLogPage page;
    const std::size_t workers = recorders.size();
    const bool newest = !after;
    std::vector<std::uint64_t> from(workers, 0);
    if (after && (after->epoch != epoch || after->positions.size() != workers))
        page.reset = true; // another run (or worker count): everything here is new to the client
    else if (after)
        from = after->positions;

    std::vector<std::vector<LogEntry>> got(workers);
    std::vector<std::uint64_t> heads(workers), oldest(workers);
    for (std::size_t w = 0; w < workers; ++w)
        recorders[w]->collect(from[w], newest, std::size_t(limit), got[w], &heads[w], &oldest[w]);

    api::QueryLogCursor next;
    next.epoch = epoch;
    next.positions.resize(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        if (newest) {
            next.positions[w] = heads[w]; // the newest page covers everything up to now
        } else {
            std::uint64_t pos = std::min(from[w], heads[w]);
            if (pos + 1 < oldest[w]) { // overwritten before the client came back
                page.missed += oldest[w] - pos - 1;
                pos = oldest[w] - 1;
            }
            next.positions[w] = pos;
        }
    }
    // A merge by time that takes each worker's entries in sequence order, so what a page leaves out
    // of a worker is always a suffix and the cursor (one position per worker) skips nothing. Forward
    // pages merge from the oldest ends, the newest page from the newest ends.
    std::vector<std::size_t> cursor(workers);
    for (std::size_t w = 0; w < workers; ++w)
        cursor[w] = newest ? got[w].size() : 0;
    std::vector<std::pair<std::size_t, const LogEntry *>> picked;
    while (picked.size() < std::size_t(limit)) {
        std::size_t best = workers;
        for (std::size_t w = 0; w < workers; ++w) {
            if (newest ? cursor[w] == 0 : cursor[w] == got[w].size())
                continue;
            const LogEntry &e = newest ? got[w][cursor[w] - 1] : got[w][cursor[w]];
            if (best == workers) {
                best = w;
                continue;
            }
            const LogEntry &b = newest ? got[best][cursor[best] - 1] : got[best][cursor[best]];
            if (newest ? e.timeMs > b.timeMs : e.timeMs < b.timeMs)
                best = w;
        }
        if (best == workers)
            break;
        const LogEntry *e = newest ? &got[best][--cursor[best]] : &got[best][cursor[best]++];
        picked.emplace_back(best, e);
    }
    if (newest)
        std::reverse(picked.begin(), picked.end());
    for (const auto &[w, e] : picked) {
        page.entries.push_back(toApiEntry(*e));
        if (!newest)
            next.positions[w] = std::max(next.positions[w], e->seq);
    }
    page.next = next.toString();
    return page;
}

bool describeCacheKey(const std::string &key, api::CacheEntry &e)
{
    // Layout (querykey.cpp): flags1, flags2, EDNS byte, size limit (2 bytes), question (name, type, class).
    if (key.size() < 5 + 1 + 4)
        return false;
    const auto *k = reinterpret_cast<const std::uint8_t *>(key.data());
    const std::uint8_t edns = k[2];
    e.edns = edns != 0;
    e.dnssecOk = edns == 2;
    e.sizeLimit = (k[3] << 8) | k[4];
    const std::size_t nameStart = 5;
    std::size_t pos = nameStart;
    while (pos < key.size() && k[pos] != 0) {
        if (k[pos] & 0xC0)
            return false;
        pos += 1 + k[pos];
    }
    if (pos + 5 > key.size())
        return false;
    e.name = wireNameText(k + nameStart, pos - nameStart);
    e.type = dns::typeName(std::uint16_t((k[pos + 1] << 8) | k[pos + 2]));
    return true;
}

} // namespace skydns::service
