#include "dnssec/rrsig.h"

#include "dnssec/keypair.h"
#include "dns/bytes.h"
#include "dns/name.h"

#include <algorithm>

namespace skydns::dnssec {

using dns::put16;
using dns::put32;

namespace {

// lowerName lower-cases the uncompressed wire name at s[pos..]; returns the position after it or
// npos if it runs past the end.
std::size_t lowerName(std::string &s, std::size_t pos)
{
    while (pos < s.size()) {
        const auto len = static_cast<unsigned char>(s[pos]);
        if (len == 0)
            return pos + 1;
        if (len > 63 || pos + 1 + len > s.size())
            return std::string::npos;
        for (std::size_t i = pos + 1; i <= pos + len; ++i)
            if (s[i] >= 'A' && s[i] <= 'Z')
                s[i] = static_cast<char>(s[i] - 'A' + 'a');
        pos += 1 + len;
    }
    return std::string::npos;
}

} // namespace

std::string canonicalRdata(std::uint16_t type, const std::string &rdata)
{
    std::string r = rdata;
    std::size_t pos = 0;
    switch (type) {
    case dns::kTypeNS:
    case dns::kTypeCNAME:
    case dns::kTypePTR:
        pos = lowerName(r, 0);
        break;
    case dns::kTypeMX:
        pos = r.size() < 2 ? std::string::npos : lowerName(r, 2);
        break;
    case dns::kTypeSRV:
        pos = r.size() < 6 ? std::string::npos : lowerName(r, 6);
        break;
    case dns::kTypeSOA:
        pos = lowerName(r, 0);
        if (pos != std::string::npos)
            pos = lowerName(r, pos);
        break;
    default:
        return r;
    }
    return pos == std::string::npos ? std::string() : r;
}

bool canonicalRrset(const std::vector<const dns::Rr *> &rrs, std::uint32_t originalTtl, CanonicalRrset &out)
{
    if (rrs.empty())
        return false;
    out.ownerWire.clear();
    std::string owner = rrs.front()->owner;
    dns::lowerAscii(owner);
    if (!dns::nameToWire(owner, out.ownerWire))
        return false;
    int labels = 0;
    for (std::size_t p = 0; out.ownerWire[p] != 0; p += 1 + static_cast<unsigned char>(out.ownerWire[p]))
        ++labels;
    if (labels > 0 && out.ownerWire[0] == 1 && out.ownerWire[1] == '*')
        --labels; // RFC 4034 3.1.3: the wildcard label is not counted
    out.labels = static_cast<std::uint8_t>(labels);
    out.type = rrs.front()->type;
    out.cls = rrs.front()->cls;
    out.originalTtl = originalTtl;
    out.rdata.clear();
    out.rdata.reserve(rrs.size());
    for (const dns::Rr *rr : rrs) {
        std::string r = canonicalRdata(rr->type, rr->rdata);
        if (r.empty() && !rr->rdata.empty())
            return false;
        out.rdata.push_back(std::move(r));
    }
    // RFC 4034 6.3: rdata as left-justified octet strings; identical records appear once.
    std::sort(out.rdata.begin(), out.rdata.end());
    out.rdata.erase(std::unique(out.rdata.begin(), out.rdata.end()), out.rdata.end());
    return true;
}

bool rrsetCacheKey(const std::vector<const dns::Rr *> &rrs, std::uint32_t originalTtl, std::string &out)
{
    out.clear();
    if (rrs.empty())
        return false;
    const dns::Rr &first = *rrs.front();
    put16(out, first.type);
    put16(out, first.cls);
    put32(out, originalTtl);
    const std::size_t ownerAt = out.size();
    if (!dns::nameToWire(first.owner, out))
        return false;
    for (std::size_t i = ownerAt; i < out.size(); ++i)
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = static_cast<char>(out[i] - 'A' + 'a'); // length bytes are < 64: never letters
    auto append = [&out](const std::string &r) {
        put16(out, static_cast<std::uint16_t>(r.size()));
        out += r;
    };
    if (rrs.size() == 1) {
        append(first.rdata);
        return true;
    }
    thread_local std::vector<const std::string *> sorted;
    sorted.clear();
    for (const dns::Rr *rr : rrs)
        sorted.push_back(&rr->rdata);
    std::sort(sorted.begin(), sorted.end(), [](const std::string *a, const std::string *b) { return *a < *b; });
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (i == 0 || *sorted[i] != *sorted[i - 1])
            append(*sorted[i]);
    return true;
}

std::string signRrset(const KeyPair &key, const CanonicalRrset &set, std::uint32_t inception, std::uint32_t expiration)
{
    // RFC 4034 3.1.8.1: RRSIG rdata without the signature, then every RR in canonical order.
    std::string rdata;
    put16(rdata, set.type);
    rdata.push_back(static_cast<char>(key.algorithm()));
    rdata.push_back(static_cast<char>(set.labels));
    put32(rdata, set.originalTtl);
    put32(rdata, expiration);
    put32(rdata, inception);
    put16(rdata, key.keyTag());
    rdata += key.ownerWire();

    std::string data = rdata;
    for (const std::string &r : set.rdata) {
        data += set.ownerWire;
        put16(data, set.type);
        put16(data, set.cls);
        put32(data, set.originalTtl);
        put16(data, static_cast<std::uint16_t>(r.size()));
        data += r;
    }
    const std::string sig = key.sign(data);
    if (sig.empty())
        return {};
    return rdata + sig;
}

std::uint32_t rrsigExpiration(const std::string &r)
{
    if (r.size() < 12)
        return 0;
    auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(r[i])); };
    return b(8) << 24 | b(9) << 16 | b(10) << 8 | b(11);
}

} // namespace skydns::dnssec
