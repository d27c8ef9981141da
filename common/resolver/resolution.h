#pragma once

// Internal to common/resolver: the state of one resolve() call and SkyDNS's record builders
// (server.go AddressRecords, SRVRecords, MXRecords, TXTRecords, CNAMERecords, NSRecords). Not a
// public contract.

#include "backend/backend.h"
#include "config/serviceconfig.h"
#include "dns/message.h"
#include "resolver/random.h"
#include "resolver/upstream.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::resolver::detail {

// Svc is a backend record prepared for answering: the config priority default applied, the TTL
// calculated (spec 2.2, 2.3) and the host classified as name, IPv4 or IPv6 (net.ParseIP rules:
// IPv4-mapped IPv6 counts as IPv4).
struct Svc
{
    enum Kind : std::uint8_t { Name, V4, V6 };

    const model::Record *rec = nullptr;
    std::uint32_t ttl = 0;
    std::uint16_t priority = 0;
    Kind kind = Name;
    unsigned char addr[16] = {};

    const model::Service &service() const { return rec->service; }
};

// SvcBuffer lends a std::vector<Svc> from a per-thread pool, so lookups do not allocate once the
// thread is warm (resolve() runs millions of times per second on a listener thread).
class SvcBuffer
{
public:
    SvcBuffer()
    {
        std::vector<std::vector<Svc>> &p = pool();
        if (!p.empty()) {
            m_v = std::move(p.back());
            p.pop_back();
        }
        m_v.clear();
    }
    ~SvcBuffer()
    {
        std::vector<std::vector<Svc>> &p = pool();
        if (p.size() < 32 && m_v.capacity() <= 65536)
            p.push_back(std::move(m_v));
    }
    SvcBuffer(const SvcBuffer &) = delete;
    SvcBuffer &operator=(const SvcBuffer &) = delete;

    std::vector<Svc> &get() { return m_v; }

private:
    static std::vector<std::vector<Svc>> &pool()
    {
        thread_local std::vector<std::vector<Svc>> p;
        return p;
    }

    std::vector<Svc> m_v;
};

// classifyHost fills kind and addr from host; returns the kind.
Svc::Kind classifyHost(const std::string &host, unsigned char (&addr)[16]);

// keyDomain is msg.Domain (model::pathToDomain) for an absolute etcd key, allocation-light.
std::string keyDomain(const std::string &key);

// keyTarget is keyDomain plus the name's wire form in one pass (the synthesised SRV target of an
// IP-only service). Returns false -- callers then use keyDomain and dns::nameToWire -- for keys with
// backslashes (escapes) or whose name is not a valid DNS name. dotted (if given) is set when an
// element holds a '.' (then two keys can give the same name).
bool keyTarget(const std::string &key, std::string &text, std::string &wire, bool *dotted = nullptr);

// hasStarLabel is true when name has a "*" label (spec top: such owners are not echoed).
bool hasStarLabel(std::string_view name);

// Resolution holds what one resolve() call works with and collects the outside lookups it needs.
class Resolution
{
public:
    Resolution(const backend::Backend &backend, const config::ServiceConfig &config, std::int64_t nowMs,
               Random &random, const Upstream *upstream);

    // fetch is backend Records plus the resolver's share of loopNodes: expired records dropped,
    // priority default, TTL, and msg.Group when group is set. A lookup whose records all expired
    // counts as NotFound when the name was a leaf (the key is gone in etcd).
    backend::LookupStatus fetch(std::string_view name, bool exact, bool group, std::vector<Svc> &out) const;

    // addressRecords is AddressRecords (spec 3.2): qname is the owner as asked (case kept), name the
    // lower-cased lookup name, chain the CNAME targets so far. Appends to out only on Ok.
    backend::LookupStatus addressRecords(const std::string &qname, const std::string &name, std::uint16_t qtype,
                                         std::vector<std::string> &chain, bool both, std::vector<dns::Rr> &out);

    // srvRecords is SRVRecords (spec 3.3). With withExtras false only the status matters (other
    // qtypes end in NODATA) and no additional lookups are made.
    backend::LookupStatus srvRecords(const std::string &qname, const std::string &name, bool withExtras,
                                     std::vector<dns::Rr> &answer, std::vector<dns::Rr> &extra);

    // mxRecords is MXRecords (spec 3.4): mail services only, no groups.
    backend::LookupStatus mxRecords(const std::string &qname, const std::string &name, std::vector<dns::Rr> &answer,
                                    std::vector<dns::Rr> &extra);

    // txtRecords is TXTRecords (spec 3.1): text split in 255-byte chunks (split255 quirk kept).
    backend::LookupStatus txtRecords(const std::string &qname, const std::string &name, std::vector<dns::Rr> &answer);

    // cnameRecords is CNAMERecords: exact lookup, the first service's name host.
    backend::LookupStatus cnameRecords(const std::string &qname, const std::string &name,
                                       std::vector<dns::Rr> &answer);

    // nsRecords is NSRecords (spec 3.1): services below ns.dns.<domain>, IP hosts only; a name host
    // makes the whole set an error (Invalid, i.e. NODATA).
    backend::LookupStatus nsRecords(const std::string &qname, std::vector<dns::Rr> &answer,
                                    std::vector<dns::Rr> &extra);

    // roundRobin is RoundRobin (spec 3.2) over rrs[first..].
    void roundRobin(std::vector<dns::Rr> &rrs, std::size_t first);

    // srvSetsUnique is true after an srvRecords call (with extras) whose answer and additional
    // records are provably free of duplicates (IP-only services with distinct synthesised target
    // names), so dedup has nothing to do.
    bool srvSetsUnique() const { return m_uniqueSrv; }

    // pending lists the lookups this call could not finish without (in first-asked order).
    const std::vector<Lookup> &pending() const { return m_pending; }

private:
    // external is Lookup (spec 4.2): the recorded outcome, a shared failure when SkyDNS would not
    // even try (no nameservers, fewer than ndots labels), or nullptr after queuing a pending lookup.
    const UpstreamAnswer *external(const std::string &name, std::uint16_t type);

    // appendUpstream appends upstream records with the TTL forced to rcache_ttl, optionally
    // dropping CNAMEs (the AAAA lookups of SRV/MX targets).
    void appendUpstream(const UpstreamAnswer &a, bool dropCnames, std::vector<dns::Rr> &out) const;

    // targetExtras adds the additional records for an SRV/MX name target (spec 3.3, 3.4).
    void targetExtras(const std::string &target, std::vector<dns::Rr> &extra);

    const backend::Backend &m_backend;
    const config::ServiceConfig &m_config;
    std::int64_t m_nowMs;
    Random &m_random;
    const Upstream *m_upstream;
    std::vector<Lookup> m_pending;
    bool m_uniqueSrv = false;
};

// makeRr builds a record of class IN.
dns::Rr makeRr(std::string owner, std::uint16_t type, std::uint32_t ttl, std::string rdata);

} // namespace skydns::resolver::detail
