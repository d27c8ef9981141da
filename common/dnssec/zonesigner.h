#pragma once

#include "dns/message.h"
#include "resolver/signer.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace skydns::config {
struct ServiceConfig;
}

namespace skydns::dnssec {

class KeyPair;
class SignatureCache;

// ZoneSigner is the resolver's DNSSEC hook (resolver::Signer, spec 6): it holds the zone key, the
// DNSKEY record and the signature cache, and signs authoritative answers for DO=1 queries.
// secure() and dnskey() may run on many threads at once; reload() swaps the key while they run.
// Without a key (config.dnssec empty) it does nothing: dnskey() is nullptr, secure() leaves the
// message alone, exactly as if no signer were passed.
class ZoneSigner final : public resolver::Signer
{
public:
    // ZoneSigner starts without a key; call reload() to load one.
    ZoneSigner();
    ~ZoneSigner() override;
    ZoneSigner(const ZoneSigner &) = delete;
    ZoneSigner &operator=(const ZoneSigner &) = delete;

    // dnskey is the zone's DNSKEY (owner = domain, TTL = config ttl), or nullptr without a key.
    // The pointer stays valid for the lifetime of this object, also across reloads.
    const dns::Rr *dnskey() const override;

    // secure sets AD, adds the NSEC3 white lies to NXDOMAIN/NODATA answers, appends one RRSIG per
    // RRset in the domain (answer, authority, additional; RRSIG and OPT excepted) to its section,
    // and sets the OPT record to DO=1, UDP size 4096 (spec 6). Signatures come from the cache
    // while they stay valid 48 hours longer. Nothing happens without a key.
    void secure(dns::Message &msg, const config::ServiceConfig &config, std::int64_t nowMs) const override;

    // reload (re)reads the key named by config.dnssec for config.domain and builds a new DNSKEY
    // and signature cache (scache). The cache is kept when the key, ttl and scache are unchanged.
    // On failure the current key stays and false is returned with a message in error. An empty
    // config.dnssec unloads the key.
    bool reload(const config::ServiceConfig &config, std::string *error);

    // hasKey tells whether a key is loaded.
    bool hasKey() const;
    // keyTag, algorithm: of the loaded key (0 without one).
    std::uint16_t keyTag() const;
    std::uint8_t algorithm() const;

    // cacheHits, cacheMisses count signature cache lookups since construction (metrics:
    // dns_cachemiss_count_total{cache="signature"}); a disabled cache counts every lookup as a miss.
    std::uint64_t cacheHits() const { return m_hits.load(std::memory_order_relaxed); }
    std::uint64_t cacheMisses() const { return m_misses.load(std::memory_order_relaxed); }
    // signatures counts RRSIGs computed (cache misses that were signed).
    std::uint64_t signatures() const { return m_signatures.load(std::memory_order_relaxed); }
    // cacheSize is the number of signatures cached now.
    std::size_t cacheSize() const;

private:
    struct State;
    std::shared_ptr<const State> state() const;
    void signSection(std::vector<dns::Rr> &section, const State &st, const config::ServiceConfig &config,
                     std::int64_t nowSeconds) const;

    std::shared_ptr<const State> m_state; // read with std::atomic_load, replaced with std::atomic_store
    std::mutex m_reloadMutex;
    std::vector<std::shared_ptr<const dns::Rr>> m_retired; // keeps old dnskey() pointers valid
    mutable std::atomic<std::uint64_t> m_hits{0};
    mutable std::atomic<std::uint64_t> m_misses{0};
    mutable std::atomic<std::uint64_t> m_signatures{0};
};

// loadZoneSigner is the service's start-up call: nullptr without error when config.dnssec is
// empty; nullptr with a message in error when the key cannot be loaded (the service must stop);
// otherwise a ZoneSigner holding the key.
std::unique_ptr<ZoneSigner> loadZoneSigner(const config::ServiceConfig &config, std::string *error);

} // namespace skydns::dnssec
