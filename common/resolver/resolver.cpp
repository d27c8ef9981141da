// resolve(): SkyDNS's ServeDNS (server/server.go L132-419) as a pure function. The order of the
// checks is SkyDNS's, because it decides which rule wins when several apply (spec 3).
#include "resolver/resolver.h"

#include "dns/name.h"
#include "model/path.h"
#include "model/ttl.h"
#include "resolver/postprocess.h"
#include "resolver/resolution.h"
#include "resolver/stubzones.h"

namespace skydns::resolver {

using backend::LookupStatus;
using detail::Resolution;

namespace {

constexpr char kVersion[] = "2.5.3a"; // the SkyDNS version whose answers we give (spec 3.1)

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// reply is miekg's SetReply: id, opcode, RD and CD (for QUERY), the question; QR set.
dns::Message reply(const dns::Query &q)
{
    dns::Message m;
    m.header.id = q.header.id;
    m.header.qr = true;
    m.header.opcode = q.header.opcode;
    if (q.header.opcode == 0) {
        m.header.rd = q.header.rd;
        m.header.cd = q.header.cd;
    }
    m.question.push_back(q.question);
    return m;
}

// serverFailure is SkyDNS's ServerFailure(): a fresh SERVFAIL, AA=0, RA=0, uncompressed.
dns::Message serverFailure(const dns::Query &q)
{
    dns::Message m = reply(q);
    m.header.rcode = dns::kRcodeServFail;
    m.compress = false;
    return m;
}

dns::Rr soa(const config::ServiceConfig &config, std::int64_t nowMs, std::uint32_t ttl)
{
    return detail::makeRr(config.domain, dns::kTypeSOA, ttl,
                          dns::rdataSoa(config.dnsDomain(), config.hostmaster, soaSerial(nowMs), 28800, 7200, 604800,
                                        config.minTtl));
}

// nameError is SkyDNS's NameError(): a fresh NXDOMAIN, AA=0, RA=0, uncompressed, SOA at min_ttl.
dns::Message nameError(const dns::Query &q, const config::ServiceConfig &config, std::int64_t nowMs)
{
    dns::Message m = reply(q);
    m.header.rcode = dns::kRcodeNxDomain;
    m.compress = false;
    m.authority.push_back(soa(config, nowMs, config.minTtl));
    return m;
}

Reply answer(dns::Message m, System system)
{
    Reply r;
    r.kind = ReplyKind::Answer;
    r.system = system;
    r.message = std::move(m);
    return r;
}

// forward is ServeDNSForward's decision (spec 4.1); the exchange itself is the service's.
Reply forward(const dns::Query &q, const config::ServiceConfig &config)
{
    if (config.noRec)
        return answer(serverFailure(q), System::Recursive);
    dns::Message fail = reply(q);
    fail.header.rcode = dns::kRcodeServFail;
    fail.header.ra = true; // "and this is still true"
    fail.compress = false;
    if (config.nameservers.empty() || model::countLabels(q.question.name) < config.ndots)
        return answer(std::move(fail), System::Recursive);
    Reply r;
    r.kind = ReplyKind::Forward;
    r.system = System::Recursive;
    r.message = std::move(fail);
    const std::size_t n = config.nameservers.size();
    const std::size_t start = config.nsRotate ? q.header.id % n : 0;
    for (std::size_t i = 0; i < n; ++i)
        r.servers.push_back(config.nameservers[(start + i) % n]);
    return r;
}

// reverse is ServeDNSReverse (spec 3.6): a PTR from etcd with AA=0, or forwarding.
Reply reverse(const dns::Query &q, const std::string &lowerName, const backend::Backend &backend,
              const config::ServiceConfig &config, std::int64_t nowMs)
{
    backend::LookupResult r = backend.reverseRecord(lowerName);
    if (r.status == LookupStatus::Ok && r.records.size() == 1 && !r.records.front()->expired(nowMs)) {
        const model::Record &rec = *r.records.front();
        dns::Rr ptr = detail::makeRr(q.question.name, dns::kTypePTR,
                                     model::calculateTtl(rec.remainingTtl(nowMs), rec.service.ttl, config.ttl),
                                     dns::rdataName(model::fqdn(rec.service.host)));
        if (!ptr.rdata.empty()) {
            dns::Message m = reply(q);
            m.header.ra = true;
            m.answer.push_back(std::move(ptr));
            return answer(std::move(m), System::Reverse);
        }
    }
    return forward(q, config);
}

// chaos answers class CH (spec 3.1); anything but the known TXT names is SERVFAIL with AA and RA.
bool chaos(const dns::Query &q, const std::string &name, const config::ServiceConfig &config, Random &random,
           dns::Message &m)
{
    auto txt = [&](std::string_view text) {
        dns::Rr r = detail::makeRr(q.question.name, dns::kTypeTXT, 0, dns::rdataTxt({text}));
        r.cls = dns::kClassCH;
        m.answer.push_back(std::move(r));
    };
    if (q.question.type == dns::kTypeTXT) {
        if (name == "authors.bind." || name == config.domain) {
            for (const char *a : {"Erik St. Martin", "Brian Ketelsen", "Miek Gieben", "Michael Crosby"})
                txt(a);
            const std::size_t l = m.answer.size();
            const std::size_t rounds = l * (random.id() % 4 + 1);
            for (std::size_t j = 0; j < rounds; ++j) {
                const std::size_t a = random.id() % l;
                std::size_t b = random.id() % l;
                if (a == b)
                    b = (b + 1) % l;
                std::swap(m.answer[a], m.answer[b]);
            }
            return true;
        }
        if (name == "version.bind." || name == "version.server.") {
            txt(kVersion);
            return true;
        }
        if (name == "hostname.bind." || name == "id.server.") {
            txt("localhost");
            return true;
        }
    }
    m.header.rcode = dns::kRcodeServFail; // AA and RA stay set (spec 8)
    return false;
}

} // namespace

std::uint32_t soaSerial(std::int64_t nowMs)
{
    const std::int64_t s = nowMs / 1000;
    return static_cast<std::uint32_t>(s - s % 3600);
}

dns::Message formErr(const dns::Header &queryHeader)
{
    dns::Message m;
    m.header.id = queryHeader.id;
    m.header.qr = true;
    m.header.opcode = queryHeader.opcode;
    m.header.rd = queryHeader.rd;
    m.header.rcode = dns::kRcodeFormErr;
    m.compress = false;
    return m;
}

Reply resolve(const dns::Query &query, const backend::Backend &backend, const config::ServiceConfig &config,
              std::int64_t nowMs, Random &random, const Upstream *upstream, const Signer *signer)
{
    if (!query.hasQuestion)
        return answer(formErr(query.header), System::Auth); // SkyDNS crashes here (spec top)

    const dns::Question &q = query.question;
    std::string name = q.name;
    dns::lowerAscii(name);

    dns::Message m = reply(query);
    m.header.aa = true;
    m.header.ra = true;

    if (q.type == dns::kTypeANY || !backend.hasSynced()) {
        m.header.aa = false;
        m.header.ra = false;
        m.header.rd = false;
        m.header.rcode = dns::kRcodeRefused;
        m.compress = false;
        return answer(std::move(m), System::Auth);
    }

    if (config.stubzones) {
        StubMatch stub = matchStubZone(name, backend, config, nowMs);
        if (stub.matched) {
            Reply r;
            r.system = System::Stub;
            if (query.edns.stubOption) {
                r.kind = ReplyKind::Drop; // a stub query for a stub zone: loop prevention (spec 5)
                return r;
            }
            r.kind = ReplyKind::Stub;
            r.stubZone = std::move(stub.zone);
            const std::size_t n = stub.servers.size();
            for (std::size_t i = 0; i < n; ++i)
                r.servers.push_back(stub.servers[(query.header.id + i) % n]);
            r.message = serverFailure(query);
            return r;
        }
    }

    if (!config.local.empty() && name == config.localDomain()) {
        name = config.local; // the owner stays the query name (spec 3.5)
        dns::lowerAscii(name);
    }

    if ((q.type == dns::kTypePTR && endsWith(name, ".in-addr.arpa.")) || endsWith(name, ".ip6.arpa."))
        return reverse(query, name, backend, config, nowMs);

    if (q.cls != dns::kClassCH && name != config.domain && !dns::isSubdomain(config.domain, name))
        return forward(query, config);

    Resolution res(backend, config, nowMs, random, upstream);
    bool done = false;
    if (name == config.domain) {
        if (q.type == dns::kTypeSOA) {
            m.answer.push_back(soa(config, nowMs, config.ttl));
            done = true;
        } else if (q.type == dns::kTypeDNSKEY && signer && signer->dnskey()) {
            m.answer.push_back(*signer->dnskey());
            done = true;
        }
    }
    if (!done && q.cls == dns::kClassCH) {
        if (!chaos(query, name, config, random, m))
            return answer(std::move(m), System::Auth); // SERVFAIL skips post-processing
        done = true;
    }
    if (!done) {
        LookupStatus st = LookupStatus::Ok;
        switch (q.type) {
        case dns::kTypeNS:
            if (name == config.domain)
                st = res.nsRecords(q.name, m.answer, m.additional);
            break;
        case dns::kTypeA:
        case dns::kTypeAAAA: {
            std::vector<std::string> chain;
            st = res.addressRecords(q.name, name, q.type, chain, false, m.answer);
            break;
        }
        case dns::kTypeTXT:
            st = res.txtRecords(q.name, name, m.answer);
            break;
        case dns::kTypeCNAME:
            st = res.cnameRecords(q.name, name, m.answer);
            break;
        case dns::kTypeMX:
            st = res.mxRecords(q.name, name, m.answer, m.additional);
            break;
        default: // SRV, and every other type runs SRVRecords to end in NODATA or NXDOMAIN
            st = res.srvRecords(q.name, name, q.type == dns::kTypeSRV, m.answer, m.additional);
            if (st != LookupStatus::Ok && st != LookupStatus::NotFound && q.type == dns::kTypeSRV)
                return answer(serverFailure(query), System::Auth);
            break;
        }
        if (!res.pending().empty()) {
            Reply r;
            r.kind = ReplyKind::Lookups;
            r.system = System::Auth;
            r.lookups = res.pending();
            r.lookupUdpSize = query.bufsize();
            r.lookupDnssecOk = query.edns.dnssecOk;
            return r;
        }
        if (st == LookupStatus::NotFound) {
            m = nameError(query, config, nowMs);
        } else if (st != LookupStatus::Ok) {
            m.answer.clear(); // any other backend error: NODATA (server.go L393-404)
            m.additional.clear();
        }
        if (m.header.rcode == dns::kRcodeNoError && m.answer.empty())
            m.authority.push_back(soa(config, nowMs, config.minTtl));
    }

    if (res.srvSetsUnique() && m.header.rcode == dns::kRcodeNoError)
        applyAnswerTtl(m.answer, config.ttl); // nothing to dedup (see srvSetsUnique)
    else
        postProcess(m, config);
    if (signer && query.edns.dnssecOk)
        signer->secure(m, config, nowMs);
    return answer(std::move(m), System::Auth);
}

} // namespace skydns::resolver
