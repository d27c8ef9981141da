// SkyDNS's record builders (server/server.go), one function each, in SkyDNS's order of work so
// answers keep SkyDNS's record order where clients could see it.
#include "resolver/resolution.h"

#include "dns/name.h"
#include "dns/recycler.h"
#include "model/group.h"
#include "model/path.h"
#include "model/srv.h"
#include "model/ttl.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace skydns::resolver::detail {

using backend::LookupStatus;

namespace {

dns::Rr addressRr(std::string owner, const Svc &sv)
{
    dns::Rr r;
    r.owner = std::move(owner);
    r.ttl = sv.ttl;
    if (sv.kind == Svc::V4) {
        r.type = dns::kTypeA;
        r.rdata.assign(reinterpret_cast<const char *>(sv.addr), 4);
    } else {
        r.type = dns::kTypeAAAA;
        r.rdata.assign(reinterpret_cast<const char *>(sv.addr), 16);
    }
    return r;
}

// appendAddressRr is addressRr built in place at the end of out, the owner copied into recycled
// storage (the common case: the owner is the query name).
void appendAddressRr(std::vector<dns::Rr> &out, std::string_view owner, const Svc &sv)
{
    dns::Rr &r = out.emplace_back();
    if (dns::Recycler *rc = dns::Recycler::forThread())
        rc->assign(r.owner, owner);
    else
        r.owner.assign(owner.data(), owner.size());
    r.ttl = sv.ttl;
    if (sv.kind == Svc::V4) {
        r.type = dns::kTypeA;
        r.rdata.assign(reinterpret_cast<const char *>(sv.addr), 4);
    } else {
        r.type = dns::kTypeAAAA;
        r.rdata.assign(reinterpret_cast<const char *>(sv.addr), 16);
    }
}

std::string lower(std::string s)
{
    dns::lowerAscii(s);
    return s;
}

// split255 is SkyDNS's split255, quirk included: exactly 255·k bytes end with an empty chunk.
std::vector<std::string_view> split255(std::string_view s)
{
    if (s.size() < 255)
        return {s};
    std::vector<std::string_view> out;
    for (std::size_t p = 0;; p += 255) {
        if (p + 255 <= s.size()) {
            out.push_back(s.substr(p, 255));
        } else {
            out.push_back(s.substr(p));
            break;
        }
    }
    return out;
}

// srvWeights is model::srvWeights for svcs, into a per-thread buffer. The common case -- one
// priority, positive weights -- is computed here with the same float operations in the same order
// (100.0 / sum, times the weight, floor: a value in [0, 100], so Go's uint16 conversion is a plain
// cast); anything else goes to model::srvWeights.
const std::vector<std::uint16_t> &srvWeights(const std::vector<Svc> &svcs)
{
    thread_local std::vector<std::uint16_t> out;
    out.clear();
    bool simple = true;
    std::int64_t sum = 0;
    for (const Svc &sv : svcs) {
        const int weight = sv.service().weight;
        if (sv.priority != svcs.front().priority || weight < 0) {
            simple = false;
            break;
        }
        sum += weight == 0 ? 100 : weight;
    }
    if (!simple) {
        std::vector<int> priorities, weights;
        priorities.reserve(svcs.size());
        weights.reserve(svcs.size());
        for (const Svc &sv : svcs) {
            priorities.push_back(sv.priority);
            weights.push_back(sv.service().weight);
        }
        out = model::srvWeights(priorities, weights);
        return out;
    }
    out.resize(svcs.size());
    const double share = 100.0 / static_cast<double>(sum);
    std::uint16_t *o = out.data();
    for (const Svc &sv : svcs) {
        const int weight = sv.service().weight;
        double w = share;
        w *= weight == 0 ? 100.0 : static_cast<double>(weight);
        *o++ = static_cast<std::uint16_t>(std::floor(w));
    }
    return out;
}

// copyShort is memcpy for the few bytes of labels and names, inline: words, the last one
// overlapping the one before it (nothing is read or written outside the ranges).
inline void copyShort(void *dst, const void *src, std::size_t len)
{
    auto *o = static_cast<unsigned char *>(dst);
    const auto *d = static_cast<const unsigned char *>(src);
    if (len >= 8 && len <= 64) {
        std::uint64_t v;
        for (std::size_t i = 0; i + 8 <= len; i += 8) {
            std::memcpy(&v, d + i, 8);
            std::memcpy(o + i, &v, 8);
        }
        std::memcpy(&v, d + len - 8, 8);
        std::memcpy(o + len - 8, &v, 8);
    } else if (len < 8) {
        for (std::size_t i = 0; i < len; ++i)
            o[i] = d[i];
    } else {
        std::memcpy(o, d, len);
    }
}

// sameBytes is memcmp(a, b, n) == 0 for the short heads of keys, inline: words, the last one
// overlapping the one before it.
inline bool sameBytes(const char *a, const char *b, std::size_t n)
{
    if (n < 8 || n > 64)
        return std::memcmp(a, b, n) == 0;
    std::uint64_t u, v;
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&u, a + i, 8);
        std::memcpy(&v, b + i, 8);
        if (u != v)
            return false;
    }
    std::memcpy(&u, a + n - 8, 8);
    std::memcpy(&v, b + n - 8, 8);
    return u == v;
}

// ChildTargets builds the SRV targets (text, and rdata with the wire form) of the services below a
// looked-up name without scanning the whole key: for a key "/<prefix>" + path(name) + rest, the
// name keyTarget gives is rest's elements reversed followed by the name itself, so only rest is
// converted and the name's text and wire form are copied. Keys of any other shape, and those
// keyTarget would refuse or treat specially (backslashes, dots after the prefix element, over 512
// bytes, bad lengths), are left to keyTarget (build returns false).
class ChildTargets
{
public:
    explicit ChildTargets(const std::string &name)
    {
        if (name.empty() || name.find('\\') != std::string::npos || name.size() > dns::kMaxNameWire)
            return;
        std::string wire;
        if (!dns::nameToWire(name, wire) || wire.size() < 2)
            return; // the root has no path below a prefix
        // path(name) without the prefix element: the labels last to first, each after a '/'.
        for (std::size_t p = 0; wire[p] != 0; p += 1 + static_cast<unsigned char>(wire[p]))
            m_path.insert(0, "/" + wire.substr(p + 1, static_cast<unsigned char>(wire[p])));
        if (m_path.find('.') != std::string::npos)
            return;
        m_text = name.back() == '.' ? name : name + ".";
        m_wire = wire;
        m_ok = true;
    }

    // build sets text to the target of key and appends head[0..6) and the target's wire form to
    // rdata; false (both untouched) when key is not of the shape described above.
    bool build(const std::string &key, const char (&head)[6], std::string &text, std::string &rdata) const
    {
        const std::size_t size = key.size();
        if (!m_ok || size < 2 || size > 512 || key[0] != '/')
            return false;
        const char *k = key.data();
        std::size_t restStart = m_head.size();
        if (restStart == 0 || size < restStart || !sameBytes(k, m_head.data(), restStart)) {
            std::size_t prefixEnd = 1;
            while (prefixEnd < size && k[prefixEnd] != '/') {
                if (k[prefixEnd] == '\\')
                    return false;
                ++prefixEnd;
            }
            restStart = prefixEnd + m_path.size();
            if (restStart > size || std::memcmp(k + prefixEnd, m_path.data(), m_path.size()) != 0)
                return false;
            // Keys of one answer share "/<prefix>" + path: later keys compare it in one go (a key
            // starting with it has its prefix element end where this one's does).
            m_head.assign(k, restStart);
        }
        if (restStart < size && k[restStart] != '/')
            return false;
        // rest: "" or "/e1/e2...", converted last element first.
        char t[520 + 8];
        unsigned char w[520 + 16];
        std::memcpy(w, head, 6);
        std::size_t tn = 0, wn = 6;
        std::size_t end = size;
        for (std::size_t i = size; i-- > restStart;) {
            const char c = k[i];
            if (c == '.' || c == '\\')
                return false;
            if (c != '/')
                continue;
            const std::size_t len = end - i - 1;
            if (len == 0 || len > 63)
                return false;
            w[wn++] = static_cast<unsigned char>(len);
            copyShort(w + wn, k + i + 1, len);
            copyShort(t + tn, k + i + 1, len);
            wn += len;
            tn += len;
            t[tn++] = '.';
            end = i;
        }
        if (wn - 6 + m_wire.size() > dns::kMaxNameWire)
            return false;
        copyShort(t + tn, m_text.data(), m_text.size());
        copyShort(w + wn, m_wire.data(), m_wire.size());
        dns::Recycler::overwrite(text, t, tn + m_text.size());
        rdata.append(reinterpret_cast<const char *>(w), wn + m_wire.size());
        return true;
    }

private:
    bool m_ok = false;
    std::string m_path; // "/local/skydns/svc/g0" for g0.svc.skydns.local.
    mutable std::string m_head; // "/skydns" + m_path once a key had that shape ("": none yet)
    std::string m_text; // the name, fully qualified
    std::string m_wire; // its wire form
};

} // namespace

Resolution::Resolution(const backend::Backend &backend, const config::ServiceConfig &config, std::int64_t nowMs,
                       Random &random, const Upstream *upstream)
    : m_backend(backend), m_config(config), m_nowMs(nowMs), m_random(random), m_upstream(upstream)
{
}

LookupStatus Resolution::fetch(std::string_view name, bool exact, bool group, std::vector<Svc> &out) const
{
    backend::LookupResult r = m_backend.records(name, exact);
    if (r.status != LookupStatus::Ok)
        return r.status;
    const std::size_t base = out.size();
    out.reserve(base + r.records.size());
    bool anyGroup = false, anyExpired = false;
    for (const model::Record *rec : r.records) {
        if (rec->expired(m_nowMs)) {
            anyExpired = true;
            continue;
        }
        anyGroup = anyGroup || !rec->service.group.empty();
        Svc &sv = out.emplace_back();
        sv.rec = rec;
        sv.priority = rec->service.priority == 0 ? m_config.priority : static_cast<std::uint16_t>(rec->service.priority);
        sv.ttl = model::calculateTtl(rec->remainingTtl(m_nowMs), rec->service.ttl, m_config.ttl);
        // Records of an immutable snapshot carry their host classified at load time.
        switch (rec->hostKind) {
        case model::HostKind::Unknown:
            sv.kind = classifyHost(rec->service.host, sv.addr);
            break;
        case model::HostKind::Name:
            sv.kind = Svc::Name;
            break;
        default:
            sv.kind = rec->hostKind == model::HostKind::V4 ? Svc::V4 : Svc::V6;
            std::memcpy(sv.addr, rec->hostAddr, 16);
        }
    }
    if (out.size() == base && anyExpired) {
        // Everything here expired: a leaf key is gone in etcd (NXDOMAIN), a directory stays.
        const std::string path = model::domainToPath(name, m_config.pathPrefix);
        for (const model::Record *rec : r.records) {
            if (rec->key == path)
                return LookupStatus::NotFound;
        }
    }
    // msg.Group returns everything when no record has a group: skip it in that common case.
    if (group && anyGroup) {
        std::vector<const model::Record *> live;
        live.reserve(out.size() - base);
        for (std::size_t i = base; i < out.size(); ++i)
            live.push_back(out[i].rec);
        live = model::selectGroup(live);
        // selectGroup keeps order, so the selection is a subsequence: filter in one walk.
        std::size_t keep = base, j = 0;
        for (std::size_t i = base; i < out.size() && j < live.size(); ++i) {
            if (out[i].rec == live[j]) {
                out[keep++] = out[i];
                ++j;
            }
        }
        out.resize(keep);
    }
    return LookupStatus::Ok;
}

const UpstreamAnswer *Resolution::external(const std::string &name, std::uint16_t type)
{
    static const UpstreamAnswer failed;
    if (m_config.nameservers.empty() || model::countLabels(name) < m_config.ndots)
        return &failed;
    if (m_upstream) {
        if (const UpstreamAnswer *a = m_upstream->find(name, type))
            return a;
    }
    const Lookup l{name, type};
    if (std::find(m_pending.begin(), m_pending.end(), l) == m_pending.end())
        m_pending.push_back(l);
    return nullptr;
}

void Resolution::appendUpstream(const UpstreamAnswer &a, bool dropCnames, std::vector<dns::Rr> &out) const
{
    for (const dns::Rr &rr : a.answer) {
        if (dropCnames && rr.type == dns::kTypeCNAME)
            continue;
        out.push_back(rr);
        out.back().ttl = static_cast<std::uint32_t>(m_config.rcacheTtl);
    }
}

LookupStatus Resolution::addressRecords(const std::string &qname, const std::string &name, std::uint16_t qtype,
                                        std::vector<std::string> &chain, bool both, std::vector<dns::Rr> &out)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(name, false, true, svcs);
    if (st != LookupStatus::Ok)
        return st;
    const std::size_t first = out.size();
    const bool star = hasStarLabel(qname);
    for (const Svc &sv : svcs) {
        if (sv.kind == Svc::Name) {
            std::string target = model::fqdn(sv.service().host);
            if (qname == target)
                continue; // x CNAME x
            if (chain.size() > 7)
                continue; // chain limit of 8 (spec 3.2)
            if (std::find(chain.begin(), chain.end(), target) != chain.end())
                continue; // loop
            dns::Rr cname = makeRr(star ? keyDomain(sv.rec->key) : qname, dns::kTypeCNAME, sv.ttl,
                                   dns::rdataName(target));
            if (cname.rdata.empty())
                continue; // the host is not a valid DNS name
            const std::string lowerTarget = lower(target);
            std::vector<dns::Rr> next;
            chain.push_back(target);
            const LookupStatus nst = addressRecords(target, lowerTarget, qtype, chain, both, next);
            chain.pop_back();
            if (nst == LookupStatus::Ok) {
                if (!next.empty()) {
                    out.push_back(std::move(cname));
                    std::move(next.begin(), next.end(), std::back_inserter(out));
                }
                continue;
            }
            if (dns::isSubdomain(m_config.domain, lowerTarget))
                continue; // inside our domain we should have found it: no dangling CNAME
            const UpstreamAnswer *u = external(target, qtype);
            if (!u || !u->ok)
                continue;
            out.push_back(std::move(cname)); // even when the upstream answer is empty (quirk, spec 3.2)
            appendUpstream(*u, false, out);
            continue;
        }
        if ((sv.kind == Svc::V4 && (qtype == dns::kTypeA || both))
            || (sv.kind == Svc::V6 && (qtype == dns::kTypeAAAA || both))) {
            if (star)
                out.push_back(addressRr(keyDomain(sv.rec->key), sv));
            else
                appendAddressRr(out, qname, sv);
        }
    }
    roundRobin(out, first);
    return LookupStatus::Ok;
}

void Resolution::targetExtras(const std::string &target, std::vector<dns::Rr> &extra)
{
    const std::string lowerTarget = lower(target);
    if (!dns::isSubdomain(m_config.domain, lowerTarget)) {
        const UpstreamAnswer *a = external(target, dns::kTypeA);
        const UpstreamAnswer *aaaa = external(target, dns::kTypeAAAA);
        if (a && a->ok)
            appendUpstream(*a, false, extra);
        if (aaaa && aaaa->ok)
            appendUpstream(*aaaa, true, extra); // CNAMEs assumed added by the A lookup
        return;
    }
    std::vector<std::string> chain;
    addressRecords(target, lowerTarget, dns::kTypeA, chain, true, extra);
}

LookupStatus Resolution::srvRecords(const std::string &qname, const std::string &name, bool withExtras,
                                    std::vector<dns::Rr> &answer, std::vector<dns::Rr> &extra)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(name, false, true, svcs);
    if (st != LookupStatus::Ok || !withExtras)
        return st;
    const std::vector<std::uint16_t> &w = srvWeights(svcs);
    const bool star = hasStarLabel(qname);
    std::vector<std::string> seen;
    // Records are built in storage recycled from earlier messages (dns::Recycler): a 100-record
    // answer would otherwise allocate three strings per record and two large vectors.
    dns::Recycler *rc = dns::Recycler::forThread();
    if (rc) {
        rc->reserve(answer, answer.size() + svcs.size());
        rc->reserve(extra, extra.size() + svcs.size());
    } else {
        answer.reserve(answer.size() + svcs.size());
        extra.reserve(extra.size() + svcs.size());
    }
    // Answers of IP-only services whose targets came from keyTarget with dot-free elements are
    // unique: distinct keys give distinct target names, hence distinct SRV rdata and glue owners.
    bool unique = answer.empty() && extra.empty();
    const ChildTargets children(star ? std::string() : name);
    for (std::size_t i = 0; i < svcs.size(); ++i) {
        const Svc &sv = svcs[i];
        const model::Service &s = sv.service();
        if (sv.kind == Svc::Name) {
            unique = false;
            std::string owner = star ? keyDomain(sv.rec->key) : qname;
            const std::string target = model::fqdn(model::targetStrip(model::fqdn(s.host), s.targetStrip));
            dns::Rr srv = makeRr(std::move(owner), dns::kTypeSRV, sv.ttl,
                                 dns::rdataSrv(sv.priority, w[i], static_cast<std::uint16_t>(s.port), target));
            if (srv.rdata.empty())
                continue;
            answer.push_back(std::move(srv));
            if (std::find(seen.begin(), seen.end(), target) != seen.end())
                continue;
            seen.push_back(target);
            targetExtras(target, extra);
            continue;
        }
        // The record is built in place: rdata is priority, weight, port and the target.
        dns::Rr &srv = answer.emplace_back();
        if (star)
            srv.owner = keyDomain(sv.rec->key);
        else if (rc)
            rc->assign(srv.owner, qname);
        else
            srv.owner = qname;
        srv.type = dns::kTypeSRV;
        srv.ttl = sv.ttl;
        const std::uint16_t port = static_cast<std::uint16_t>(s.port);
        const char fixed[6] = {static_cast<char>(sv.priority >> 8), static_cast<char>(sv.priority & 0xFF),
                               static_cast<char>(w[i] >> 8),       static_cast<char>(w[i] & 0xFF),
                               static_cast<char>(port >> 8),       static_cast<char>(port & 0xFF)};
        // The glue record too: its owner is the target, written there directly.
        dns::Rr &glue = extra.emplace_back();
        std::string &target = glue.owner;
        std::string &rdata = srv.rdata;
        if (rc) {
            rc->reserve(rdata, 6 + sv.rec->key.size() + 2);
            rc->prepare(target, sv.rec->key.size()); // the text is never longer than the key
        } else {
            rdata.reserve(6 + sv.rec->key.size() + 2);
        }
        bool dotted = true;
        if (s.targetStrip == 0 && children.build(sv.rec->key, fixed, target, rdata)) {
            dotted = false; // dot-free elements, as keyTarget's fast path
        } else {
            rdata.append(fixed, 6);
            if (s.targetStrip > 0 || !keyTarget(sv.rec->key, target, rdata, &dotted)) {
                target = keyDomain(sv.rec->key);
                if (s.targetStrip > 0)
                    target = model::fqdn(model::targetStrip(target, s.targetStrip));
                rdata.resize(6);
                if (!dns::nameToWire(target, rdata)) {
                    answer.pop_back();
                    extra.pop_back();
                    continue; // not a valid name: no SRV record can point at it
                }
            }
        }
        unique = unique && !dotted;
        glue.ttl = sv.ttl;
        // Address rdata byte by byte: inline, where assign() is a library call.
        const std::size_t alen = sv.kind == Svc::V4 ? 4 : 16;
        glue.type = sv.kind == Svc::V4 ? dns::kTypeA : dns::kTypeAAAA;
        for (std::size_t b = 0; b < alen; ++b)
            glue.rdata.push_back(static_cast<char>(sv.addr[b]));
    }
    m_uniqueSrv = unique;
    return LookupStatus::Ok;
}

LookupStatus Resolution::mxRecords(const std::string &qname, const std::string &name, std::vector<dns::Rr> &answer,
                                   std::vector<dns::Rr> &extra)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(name, false, false, svcs);
    if (st != LookupStatus::Ok)
        return st;
    const bool star = hasStarLabel(qname);
    std::vector<std::string> seen;
    for (const Svc &sv : svcs) {
        const model::Service &s = sv.service();
        if (!s.mail)
            continue;
        std::string owner = star ? keyDomain(sv.rec->key) : qname;
        if (sv.kind == Svc::Name) {
            const std::string exchange = model::fqdn(model::targetStrip(model::fqdn(s.host), s.targetStrip));
            dns::Rr mx = makeRr(std::move(owner), dns::kTypeMX, sv.ttl, dns::rdataMx(sv.priority, exchange));
            if (mx.rdata.empty())
                continue;
            answer.push_back(std::move(mx));
            if (std::find(seen.begin(), seen.end(), exchange) != seen.end())
                continue;
            seen.push_back(exchange);
            targetExtras(exchange, extra);
            continue;
        }
        // The exchange is stripped but the glue keeps the unstripped name (quirk, spec 3.4).
        const std::string host = keyDomain(sv.rec->key);
        dns::Rr mx = makeRr(std::move(owner), dns::kTypeMX, sv.ttl,
                            dns::rdataMx(sv.priority, model::fqdn(model::targetStrip(host, s.targetStrip))));
        if (mx.rdata.empty())
            continue;
        answer.push_back(std::move(mx));
        extra.push_back(addressRr(host, sv));
    }
    return LookupStatus::Ok;
}

LookupStatus Resolution::txtRecords(const std::string &qname, const std::string &name, std::vector<dns::Rr> &answer)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(name, false, true, svcs);
    if (st != LookupStatus::Ok)
        return st;
    const bool star = hasStarLabel(qname);
    for (const Svc &sv : svcs) {
        const std::string &text = sv.service().text;
        if (text.empty())
            continue;
        answer.push_back(makeRr(star ? keyDomain(sv.rec->key) : qname, dns::kTypeTXT, sv.ttl,
                                dns::rdataTxt(split255(text))));
    }
    return LookupStatus::Ok;
}

LookupStatus Resolution::cnameRecords(const std::string &qname, const std::string &name,
                                      std::vector<dns::Rr> &answer)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(name, true, true, svcs);
    if (st != LookupStatus::Ok)
        return st;
    if (!svcs.empty() && svcs.front().kind == Svc::Name) {
        const Svc &sv = svcs.front();
        dns::Rr r = makeRr(qname, dns::kTypeCNAME, sv.ttl, dns::rdataName(model::fqdn(sv.service().host)));
        if (!r.rdata.empty())
            answer.push_back(std::move(r));
    }
    return LookupStatus::Ok;
}

LookupStatus Resolution::nsRecords(const std::string &qname, std::vector<dns::Rr> &answer,
                                   std::vector<dns::Rr> &extra)
{
    SvcBuffer buffer;
    std::vector<Svc> &svcs = buffer.get();
    const LookupStatus st = fetch(m_config.dnsDomain(), false, true, svcs);
    if (st != LookupStatus::Ok)
        return st;
    std::vector<dns::Rr> ns, glue;
    for (const Svc &sv : svcs) {
        if (sv.kind == Svc::Name)
            return LookupStatus::Invalid; // "NS record must be an IP address"
        const std::string host = keyDomain(sv.rec->key);
        dns::Rr r = makeRr(qname, dns::kTypeNS, sv.ttl, dns::rdataName(host));
        if (r.rdata.empty())
            continue; // the key is not a valid DNS name
        ns.push_back(std::move(r));
        glue.push_back(addressRr(host, sv));
    }
    std::move(ns.begin(), ns.end(), std::back_inserter(answer));
    std::move(glue.begin(), glue.end(), std::back_inserter(extra));
    return LookupStatus::Ok;
}

void Resolution::roundRobin(std::vector<dns::Rr> &rrs, std::size_t first)
{
    if (!m_config.roundRobin)
        return;
    // More than one CNAME: glibc cannot follow CNAMEs out of order, leave the set alone.
    int cnames = 0;
    for (std::size_t i = first; i < rrs.size(); ++i) {
        if (rrs[i].type == dns::kTypeCNAME && ++cnames > 1)
            return;
    }
    const std::size_t l = rrs.size() - first;
    if (l < 2)
        return; // SkyDNS's swaps of a single record with itself change nothing
    if (l == 2) {
        if (m_random.id() % 2 == 0)
            std::swap(rrs[first], rrs[first + 1]);
        return;
    }
    const std::size_t rounds = l * (m_random.id() % 4 + 1);
    for (std::size_t j = 0; j < rounds; ++j) {
        const std::size_t q = m_random.id() % l;
        std::size_t p = m_random.id() % l;
        if (q == p)
            p = (p + 1) % l;
        std::swap(rrs[first + q], rrs[first + p]);
    }
}

} // namespace skydns::resolver::detail
