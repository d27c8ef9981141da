#include "dnssec/zonesigner.h"

#include "config/serviceconfig.h"
#include "dns/name.h"
#include "dnssec/dnsseclog.h"
#include "dnssec/keypair.h"
#include "dnssec/nsec3.h"
#include "dnssec/rrsig.h"
#include "dnssec/signaturecache.h"

#include <unordered_map>

namespace skydns::dnssec {

Q_LOGGING_CATEGORY(lcDnssec, "skydns.dnssec")

namespace {

constexpr std::int64_t kInception = 3 * 3600;   // now - 3h (spec 6)
constexpr std::int64_t kExpiration = 7 * 86400; // now + 7d

} // namespace

struct ZoneSigner::State
{
    std::shared_ptr<const KeyPair> key;
    dns::Rr dnskey;
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
    // The State behind the pointer is never freed before *this (m_retired), so handing out a
    // pointer into it is safe even if a reload swaps the state right after.
    const State *st = state().get();
    return st->key ? &st->dnskey : nullptr;
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
        next->dnskey.owner = config.domain;
        next->dnskey.type = dns::kTypeDNSKEY;
        next->dnskey.cls = dns::kClassIN;
        next->dnskey.ttl = config.ttl;
        next->dnskey.rdata = key->dnskeyRdata();
        next->key = std::move(key);
        next->basename = config.dnssec;
        next->domain = config.domain;
        auto current = state();
        // Signatures made by the same key stay good: keep them across a reload that changes nothing.
        if (current->key && current->key->dnskeyRdata() == next->key->dnskeyRdata() && current->domain == next->domain
            && current->dnskey.ttl == next->dnskey.ttl && current->cache
            && current->cache->capacity() == std::max(config.scache, 0))
            next->cache = current->cache;
        else
            next->cache = std::make_shared<SignatureCache>(config.scache);
        qCInfo(lcDnssec, "loaded DNSSEC key %s: %s, key tag %u, flags %u", config.dnssec.c_str(),
               algorithmName(next->key->algorithm()).c_str(), next->key->keyTag(), next->key->flags());
    }
    std::shared_ptr<const State> old = std::atomic_exchange(&m_state, std::shared_ptr<const State>(std::move(next)));
    m_retired.push_back(std::move(old));
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

void ZoneSigner::signSection(std::vector<dns::Rr> &section, const State &st, const config::ServiceConfig &config,
                             std::int64_t now) const
{
    // Group by owner (case-insensitively, as canonical form does), type and class, in order of
    // first appearance; sections are small, so a linear scan beats hashing.
    struct Set
    {
        std::string owner; // lower-case
        std::uint16_t type, cls;
        std::vector<const dns::Rr *> rrs;
    };
    std::vector<Set> sets;
    for (const dns::Rr &rr : section) {
        if (rr.type == dns::kTypeRRSIG || rr.type == dns::kTypeOPT)
            continue;
        std::string owner = rr.owner;
        dns::lowerAscii(owner);
        if (!dns::isSubdomain(config.domain, owner))
            continue;
        Set *found = nullptr;
        for (Set &s : sets)
            if (s.type == rr.type && s.cls == rr.cls && s.owner == owner) {
                found = &s;
                break;
            }
        if (!found) {
            sets.push_back(Set{std::move(owner), rr.type, rr.cls, {}});
            found = &sets.back();
        }
        found->rrs.push_back(&rr);
    }
    if (sets.empty())
        return;

    std::vector<dns::Rr> sigs;
    sigs.reserve(sets.size());
    CanonicalRrset canon;
    for (const Set &s : sets) {
        const dns::Rr &first = *s.rrs.front();
        // Original TTL is the configured ttl, except for TXT where it is the set's (spec 6).
        const std::uint32_t originalTtl = s.type == dns::kTypeTXT ? first.ttl : config.ttl;
        if (!canonicalRrset(s.rrs, originalTtl, canon)) {
            qCWarning(lcDnssec, "cannot sign %s %s: malformed record", first.owner.c_str(),
                      dns::typeName(first.type).c_str());
            continue;
        }
        const std::string key = canon.cacheKey();
        std::string rdata;
        if (st.cache->find(key, now, rdata)) {
            m_hits.fetch_add(1, std::memory_order_relaxed);
        } else {
            m_misses.fetch_add(1, std::memory_order_relaxed);
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
        dns::Rr sig;
        sig.owner = first.owner;
        sig.type = dns::kTypeRRSIG;
        sig.cls = first.cls;
        sig.ttl = first.ttl;
        sig.rdata = std::move(rdata);
        sigs.push_back(std::move(sig));
    }
    for (dns::Rr &sig : sigs)
        section.push_back(std::move(sig));
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
