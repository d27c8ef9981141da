#include "resolver/postprocess.h"

#include <algorithm>

namespace skydns::resolver {

namespace {

bool sameKey(const dns::Rr &a, const dns::Rr &b)
{
    if (a.type != b.type || a.cls != b.cls || a.owner != b.owner)
        return false;
    return a.type == dns::kTypeCNAME || a.rdata == b.rdata;
}

} // namespace

void dedup(std::vector<dns::Rr> &rrs)
{
    // Sections are small (a handful to a few hundred records); a quadratic scan over a few
    // hundred is cheaper than hashing owner and rdata of each, and the common case -- nothing
    // to remove -- allocates nothing. Past that size a sort-based pass takes over.
    const std::size_t n = rrs.size();
    if (n < 2)
        return;
    if (n <= 256) {
        std::size_t out = 0;
        for (std::size_t i = 0; i < n; ++i) {
            bool merged = false;
            for (std::size_t j = 0; j < out; ++j) {
                if (sameKey(rrs[j], rrs[i])) {
                    rrs[j] = std::move(rrs[i]); // last one wins, at the first one's place
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                if (out != i)
                    rrs[out] = std::move(rrs[i]);
                ++out;
            }
        }
        rrs.resize(out);
        return;
    }
    std::vector<std::size_t> idx(n);
    for (std::size_t i = 0; i < n; ++i)
        idx[i] = i;
    auto less = [&](std::size_t x, std::size_t y) {
        const dns::Rr &a = rrs[x], &b = rrs[y];
        if (a.type != b.type)
            return a.type < b.type;
        if (a.cls != b.cls)
            return a.cls < b.cls;
        if (a.owner != b.owner)
            return a.owner < b.owner;
        if (a.type != dns::kTypeCNAME && a.rdata != b.rdata)
            return a.rdata < b.rdata;
        return x < y;
    };
    std::sort(idx.begin(), idx.end(), less);
    // For each group of equal keys: keep the last record's value at the first index.
    std::vector<char> keep(n, 0);
    std::vector<std::size_t> source(n);
    for (std::size_t g = 0; g < n;) {
        std::size_t e = g + 1;
        while (e < n && sameKey(rrs[idx[g]], rrs[idx[e]]))
            ++e;
        keep[idx[g]] = 1;
        source[idx[g]] = idx[e - 1];
        g = e;
    }
    std::vector<dns::Rr> result;
    result.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (keep[i])
            result.push_back(std::move(rrs[source[i]]));
    }
    rrs = std::move(result);
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
