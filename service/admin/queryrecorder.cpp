#include "queryrecorder.h"

#include <netinet/in.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace skydns::service {

std::size_t latencyBucket(std::uint64_t latencyNs)
{
    if (latencyNs < 1024)
        return 0;
    // Two buckets per octave: [2^k, 1.5*2^k) and [1.5*2^k, 2^(k+1)) ns from 1024 ns on, found with one clz.
    const int k = 63 - __builtin_clzll(latencyNs);
    const std::size_t half = std::size_t((latencyNs >> (k - 1)) & 1);
    return std::min<std::size_t>(1 + 2 * std::size_t(k - 10) + half, kLatencyBuckets - 1);
}

double bucketUpperMs(std::size_t bucket)
{
    if (bucket == 0)
        return 1024 / 1e6;
    const int k = 10 + int((bucket - 1) / 2);
    const double base = std::ldexp(1.0, k); // ns
    return ((bucket - 1) % 2 == 0 ? base * 1.5 : base * 2) / 1e6;
}

QueryRecorder::QueryRecorder()
    : m_series(std::make_unique<Second[]>(kSeriesSeconds)), m_log(std::make_unique<LogEntry[]>(kLogCapacity))
{
}

void QueryRecorder::record(const QueryRecord &r)
{
    const std::size_t bucket = latencyBucket(r.latencyNs);
    const bool hit = r.served == Served::Cache;
    if (r.rcode >= 0) {
        m_bySystemRcode[std::size_t(r.system)][std::size_t(r.rcode & 15)].add();
        (hit ? m_hits : m_misses).add();
        m_latency[bucket].add();

        const std::int64_t second = r.nowMs / 1000;
        Second &s = m_series[std::size_t(second % std::int64_t(kSeriesSeconds))];
        if (s.second.load(std::memory_order_relaxed) != second) {
            // A new second reuses the slot of an hour ago. Readers racing with this reset may see a
            // partly cleared second; they check `second` and the error is one second of one worker.
            s.second.store(-1, std::memory_order_relaxed);
            for (Counter *c : {&s.queries, &s.noError, &s.nxDomain, &s.servFail, &s.refused, &s.other, &s.hits, &s.misses})
                c->reset();
            for (Counter &c : s.latency)
                c.reset();
            s.second.store(second, std::memory_order_release);
        }
        s.queries.add();
        switch (r.rcode) {
        case 0: s.noError.add(); break;
        case 2: s.servFail.add(); break;
        case 3: s.nxDomain.add(); break;
        case 5: s.refused.add(); break;
        default: s.other.add(); break;
        }
        (hit ? s.hits : s.misses).add();
        s.latency[bucket].add();
    }

    std::lock_guard<std::mutex> lock(m_logMutex);
    LogEntry &e = m_log[m_next & (kLogCapacity - 1)];
    e.seq = m_next++;
    e.timeMs = r.nowMs;
    e.latencyUs = std::uint32_t(std::min<std::uint64_t>(r.latencyNs / 1000, UINT32_MAX));
    e.rcode = std::int16_t(r.rcode);
    e.served = r.served;
    e.tcp = r.tcp;
    e.family = 0;
    if (r.peer && r.peer->sa_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(r.peer);
        e.family = AF_INET;
        std::memcpy(e.addr.data(), &v4->sin_addr, 4);
        e.port = ntohs(v4->sin_port);
    } else if (r.peer && r.peer->sa_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(r.peer);
        e.family = AF_INET6;
        std::memcpy(e.addr.data(), &v6->sin6_addr, 16);
        e.port = ntohs(v6->sin6_port);
    } else {
        const std::size_t n = std::min(r.clientText.size(), e.clientText.size() - 1);
        std::memcpy(e.clientText.data(), r.clientText.data(), n);
        e.clientText[n] = 0;
    }
    // The question as sent: labels up to the root (a compression pointer or the end of the bytes
    // stops the copy; the reader shows what there is), then the type.
    std::size_t pos = 12, len = 0;
    while (pos < r.size && len < e.name.size()) {
        const unsigned char l = r.query[pos];
        if (l == 0 || (l & 0xC0) || pos + 1 + l > r.size || len + 1 + l > e.name.size())
            break;
        std::memcpy(e.name.data() + len, r.query + pos, 1 + std::size_t(l));
        len += 1 + std::size_t(l);
        pos += 1 + std::size_t(l);
    }
    e.nameLen = std::uint8_t(len);
    const bool complete = pos < r.size && r.query[pos] == 0 && pos + 3 <= r.size;
    e.qtype = complete ? std::uint16_t((r.query[pos + 1] << 8) | r.query[pos + 2]) : 0;
}

void QueryRecorder::addTotals(Totals &t) const
{
    for (std::size_t s = 0; s < kSystemCount; ++s)
        for (std::size_t rc = 0; rc < 16; ++rc)
            t.bySystemRcode[s][rc] += m_bySystemRcode[s][rc].get();
    t.cacheHits += m_hits.get();
    t.cacheMisses += m_misses.get();
    for (std::size_t b = 0; b < kLatencyBuckets; ++b)
        t.latency[b] += m_latency[b].get();
}

void QueryRecorder::addSeries(std::int64_t first, std::size_t n, std::vector<skydns::admin::StatsPoint> &points,
                              std::vector<std::array<std::uint64_t, kLatencyBuckets>> &hist) const
{
    for (std::size_t i = 0; i < n && i < kSeriesSeconds; ++i) {
        const std::int64_t second = first + std::int64_t(i);
        const Second &s = m_series[std::size_t(second % std::int64_t(kSeriesSeconds))];
        if (s.second.load(std::memory_order_acquire) != second)
            continue;
        skydns::admin::StatsPoint &p = points[i];
        p.queries += s.queries.get();
        p.noError += s.noError.get();
        p.nxDomain += s.nxDomain.get();
        p.servFail += s.servFail.get();
        p.refused += s.refused.get();
        p.other += s.other.get();
        p.cacheHits += s.hits.get();
        p.cacheMisses += s.misses.get();
        for (std::size_t b = 0; b < kLatencyBuckets; ++b)
            hist[i][b] += s.latency[b].get();
    }
}

void QueryRecorder::collect(std::uint64_t after, bool newest, std::size_t limit, std::vector<LogEntry> &out,
                            std::uint64_t *head, std::uint64_t *oldest) const
{
    std::lock_guard<std::mutex> lock(m_logMutex);
    const std::uint64_t last = m_next - 1;
    const std::uint64_t first = m_next > kLogCapacity ? m_next - kLogCapacity : 1;
    *head = last;
    *oldest = first;
    if (last == 0 || limit == 0)
        return;
    std::uint64_t from, to;
    if (newest) {
        to = last;
        from = last >= limit ? std::max(first, last - limit + 1) : first;
    } else {
        from = std::max(first, after + 1);
        if (from > last)
            return;
        to = std::min(last, from + limit - 1);
    }
    for (std::uint64_t seq = from; seq <= to; ++seq)
        out.push_back(m_log[seq & (kLogCapacity - 1)]);
}

} // namespace skydns::service
