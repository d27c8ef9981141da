#include "resolver/postprocess.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace skydns::resolver {

namespace {

bool sameKey(const dns::Rr &a, const dns::Rr &b)
{
    if (a.type != b.type || a.cls != b.cls || a.owner != b.owner)
        return false;
    return a.type == dns::kTypeCNAME || a.rdata == b.rdata;
}

// hashRdata hashes rdata eight bytes at a time (rdata is short: std::hash's out-of-line call and
// byte-wise tail cost more than this loop for 4- to 40-byte records).
std::uint64_t hashRdata(const std::string &d)
{
    const char *p = d.data();
    std::size_t n = d.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0x100000001B3ULL;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    for (std::size_t i = 0; i < n; ++i)
        tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ tail) * 0x100000001B3ULL;
    return h ^ (h >> 32);
}

} // namespace

void dedup(std::vector<dns::Rr> &rrs)
{
    const std::size_t n = rrs.size();
    if (n < 2)
        return;
    // keep[i]: record i survives; from[i]: the record whose value it takes (the last duplicate).
    thread_local std::vector<int> slots;
    thread_local std::vector<std::uint64_t> hashes;
    thread_local std::vector<std::uint32_t> from;
    thread_local std::vector<char> keep;
    from.resize(n);
    keep.assign(n, 1);
    for (std::size_t i = 0; i < n; ++i)
        from[i] = static_cast<std::uint32_t>(i);
    bool removed = false;
    if (n <= 8) {
        // Small sections: a pairwise scan is cheaper than hashing.
        for (std::size_t i = 1; i < n; ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (keep[j] && sameKey(rrs[j], rrs[i])) {
                    keep[i] = 0;
                    from[j] = static_cast<std::uint32_t>(i);
                    removed = true;
                    break;
                }
            }
        }
    } else {
        // Large sections (100-record SRV answers): an open-addressing table of representatives,
        // probed by hash; only equal hashes are compared in full.
        std::size_t size = 16;
        while (size < 2 * n)
            size *= 2;
        slots.assign(size, -1);
        hashes.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const dns::Rr &r = rrs[i];
            // The owner is left out of the hash (answers mostly share it); sameKey checks it.
            std::uint64_t k = (static_cast<std::uint64_t>(r.owner.size()) << 32)
                | (static_cast<std::uint64_t>(r.type) << 16) | r.cls;
            if (r.type != dns::kTypeCNAME)
                k ^= hashRdata(r.rdata) * 0x9E3779B97F4A7C15ULL;
            hashes[i] = k;
            for (std::size_t p = (k ^ (k >> 29)) & (size - 1);; p = (p + 1) & (size - 1)) {
                const int rep = slots[p];
                if (rep < 0) {
                    slots[p] = static_cast<int>(i);
                    break;
                }
                if (hashes[static_cast<std::size_t>(rep)] == k && sameKey(rrs[static_cast<std::size_t>(rep)], r)) {
                    keep[i] = 0;
                    from[static_cast<std::size_t>(rep)] = static_cast<std::uint32_t>(i); // the last one wins
                    removed = true;
                    break;
                }
            }
        }
    }
    if (!removed)
        return;
    std::size_t out = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!keep[i])
            continue;
        // The last one wins, at the first one's place.
        if (from[i] != i)
            rrs[out] = std::move(rrs[from[i]]);
        else if (out != i)
            rrs[out] = std::move(rrs[i]);
        ++out;
    }
    rrs.resize(out);
}

void applyAnswerTtl(std::vector<dns::Rr> &answer, std::uint32_t configTtl)
{
    if (answer.size() <= 1)
        return;
    std::uint32_t minTtl = configTtl;
    for (const dns::Rr &r : answer)
        minTtl = std::min(minTtl, r.ttl);
    for (dns::Rr &r : answer)
        r.ttl = minTtl;
}

void postProcess(dns::Message &m, const config::ServiceConfig &config)
{
    if (m.header.rcode == dns::kRcodeServFail)
        return;
    // SkyDNS draws dns.Id() on a CNAME clash but keeps the last CNAME either way: nothing to draw.
    dedup(m.answer);
    dedup(m.additional);
    applyAnswerTtl(m.answer, config.ttl);
}

} // namespace skydns::resolver
