#include "dnssec/zonesigner.h"

#include "config/serviceconfig.h"
#include "dns/name.h"
#include "dnssec/dnsseclog.h"
#include "dnssec/keypair.h"
#include "dnssec/nsec3.h"
#include "dnssec/rrsig.h"
#include "dnssec/signaturecache.h"

#include <string_view>

namespace skydns::dnssec {

Q_LOGGING_CATEGORY(lcDnssec, "skydns.dnssec")

namespace {

constexpr std::int64_t kInception = 3 * 3600;   // now - 3h (spec 6)
constexpr std::int64_t kExpiration = 7 * 86400; // now + 7d

} // namespace

struct ZoneSigner::State
{
    std::shared_ptr<const KeyPair> key;
    std::shared_ptr<const dns::Rr> dnskey; // kept in m_retired after a reload: dnskey() handed it out
    std::shared_ptr<SignatureCache> cache;
    std::string basename;
    std::string domain;
};

ZoneSigner::ZoneSigner()
    : m_state(std::make_shared<const State>())
{
}

ZoneSigner::~ZoneSigner() = default;

std::shared_ptr<const ZoneSigner::State> ZoneSigner::state() const
{
    return std::atomic_load(&m_state);
}

const dns::Rr *ZoneSigner::dnskey() const
{
    // The record is never freed before *this (m_retired), so handing out a pointer to it is safe
    // even if a reload swaps the state right after.
    return state()->dnskey.get();
}

bool ZoneSigner::hasKey() const
{
    return state()->key != nullptr;
}

std::uint16_t ZoneSigner::keyTag() const
{
    auto st = state();
    return st->key ? st->key->keyTag() : 0;
}

std::uint8_t ZoneSigner::algorithm() const
{
    auto st = state();
    return st->key ? st->key->algorithm() : 0;
}

std::size_t ZoneSigner::cacheSize() const
{
    auto st = state();
    return st->cache ? st->cache->size() : 0;
}

bool ZoneSigner::reload(const config::ServiceConfig &config, std::string *error)
{
    std::lock_guard<std::mutex> lock(m_reloadMutex);
    auto next = std::make_shared<State>();
    if (!config.dnssec.empty()) {
        std::unique_ptr<KeyPair> key = loadKeyPair(config.dnssec, config.domain, error);
        if (!key)
            return false;
        auto dnskey = std::make_shared<dns::Rr>();
        dnskey->owner = config.domain;
        dnskey->type = dns::kTypeDNSKEY;
        dnskey->cls = dns::kClassIN;
        dnskey->ttl = config.ttl;
        dnskey->rdata = key->dnskeyRdata();
        next->dnskey = std::move(dnskey);
        next->key = std::move(key);
        next->basename = config.dnssec;
        next->domain = config.domain;
        auto current = state();
        // Signatures made by the same key stay good: keep them across a reload that changes nothing.
        if (current->key && current->key->dnskeyRdata() == next->key->dnskeyRdata() && current->domain == next->domain
            && current->dnskey->ttl == next->dnskey->ttl && current->cache
            && current->cache->capacity() == std::max(config.scache, 0))
            next->cache = current->cache;
        else
            next->cache = std::make_shared<SignatureCache>(config.scache);
        qCInfo(lcDnssec, "loaded DNSSEC key %s: %s, key tag %u, flags %u", config.dnssec.c_str(),
               algorithmName(next->key->algorithm()).c_str(), next->key->keyTag(), next->key->flags());
    }
    std::shared_ptr<const State> old = std::atomic_exchange(&m_state, std::shared_ptr<const State>(std::move(next)));
    if (old->dnskey)
        m_retired.push_back(old->dnskey); // the rest (key, cache) goes with the last secure() using it
    return true;
}

void ZoneSigner::secure(dns::Message &msg, const config::ServiceConfig &config, std::int64_t nowMs) const
{
    auto st = state();
    if (!st->key)
        return;
    msg.header.ad = true;
    addDenial(msg, config);
    const std::int64_t now = nowMs / 1000;
    signSection(msg.answer, *st, config, now);
    signSection(msg.authority, *st, config, now);
    signSection(msg.additional, *st, config, now);
    msg.edns = dns::Edns{};
    msg.edns.present = true;
    msg.edns.udpSize = 4096;
    msg.edns.dnssecOk = true;
}

namespace {

// inDomain is dns::isSubdomain(domain, owner) without lower-casing a copy of owner: domain is
// lower-case and fully qualified.
bool inDomain(const std::string &owner, const std::string &domain)
{
    if (domain == ".")
        return true;
    if (owner.size() < domain.size())
        return false;
    const std::string_view tail(owner.data() + owner.size() - domain.size(), domain.size());
    if (!dns::equalsIgnoreCase(tail, domain))
        return false;
    return owner.size() == domain.size() || owner[owner.size() - domain.size() - 1] == '.';
}

// RrsetGroup is one RRset of a section, by owner (case-insensitively, as canonical form
// compares), type and class.
struct RrsetGroup
{
    const dns::Rr *first = nullptr;
    std::vector<const dns::Rr *> rrs;
};

} // namespace

void ZoneSigner::signSection(std::vector<dns::Rr> &section, const State &st, const config::ServiceConfig &config,
                             std::int64_t now) const
{
    // Sections are small: a linear scan groups them faster than hashing. The scratch vectors are
    // per thread and keep their capacity, so a warm query allocates only the RRSIG records.
    thread_local std::vector<RrsetGroup> groups;
    thread_local std::string key;
    // Room for one RRSIG per record, reserved before pointers into section are taken.
    section.reserve(section.size() * 2);
    std::size_t used = 0;
    for (const dns::Rr &rr : section) {
        if (rr.type == dns::kTypeRRSIG || rr.type == dns::kTypeOPT || !inDomain(rr.owner, config.domain))
            continue;
        RrsetGroup *found = nullptr;
        for (std::size_t i = 0; i < used; ++i) {
            const dns::Rr &f = *groups[i].first;
            if (f.type == rr.type && f.cls == rr.cls && dns::equalsIgnoreCase(f.owner, rr.owner)) {
                found = &groups[i];
                break;
            }
        }
        if (!found) {
            if (used == groups.size())
                groups.emplace_back();
            found = &groups[used++];
            found->first = &rr;
            found->rrs.clear();
        }
        found->rrs.push_back(&rr);
    }
    if (used == 0)
        return;

    for (std::size_t g = 0; g < used; ++g) {
        const RrsetGroup &set = groups[g];
        const dns::Rr &first = *set.first;
        // Original TTL is the configured ttl, except for TXT where it is the set's (spec 6).
        const std::uint32_t originalTtl = first.type == dns::kTypeTXT ? first.ttl : config.ttl;
        std::string rdata;
        if (rrsetCacheKey(set.rrs, originalTtl, key) && st.cache->find(key, now, rdata)) {
            m_hits.fetch_add(1, std::memory_order_relaxed);
        } else {
            m_misses.fetch_add(1, std::memory_order_relaxed);
            CanonicalRrset canon;
            if (!canonicalRrset(set.rrs, originalTtl, canon)) {
                qCWarning(lcDnssec, "cannot sign %s %s: malformed record", first.owner.c_str(),
                          dns::typeName(first.type).c_str());
                continue;
            }
            const std::int64_t expiration = now + kExpiration;
            rdata = signRrset(*st.key, canon, static_cast<std::uint32_t>(now - kInception),
                              static_cast<std::uint32_t>(expiration));
            if (rdata.empty()) {
                qCWarning(lcDnssec, "signing %s %s failed", first.owner.c_str(), dns::typeName(first.type).c_str());
                continue;
            }
            m_signatures.fetch_add(1, std::memory_order_relaxed);
            st.cache->insert(key, rdata, expiration);
        }
        // section has room reserved: the pointers into it stay valid while we append.
        dns::Rr sig;
        sig.owner = first.owner;
        sig.type = dns::kTypeRRSIG;
        sig.cls = first.cls;
        sig.ttl = first.ttl;
        sig.rdata = std::move(rdata);
        section.push_back(std::move(sig));
    }
}

std::unique_ptr<ZoneSigner> loadZoneSigner(const config::ServiceConfig &config, std::string *error)
{
    if (config.dnssec.empty())
        return nullptr;
    auto signer = std::make_unique<ZoneSigner>();
    if (!signer->reload(config, error))
        return nullptr;
    return signer;
}

} // namespace skydns::dnssec
