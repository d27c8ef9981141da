#pragma once

#include "dns/message.h"

#include <cstdint>

namespace skydns::config {
struct ServiceConfig;
}

namespace skydns::resolver {

// Signer is the DNSSEC plug-in point (spec 6), implemented by common/dnssec. The resolver knows
// only this interface:
// - dnskey() answers an apex DNSKEY query (spec 3.1); nullptr means "no key loaded", and the query
//   then falls through to the ordinary NODATA path as in SkyDNS.
// - secure() runs last in the post-processing of authoritative answers, NOERROR/NODATA and NXDOMAIN
//   alike, after dedup and the multi-RR TTL rule, and only when the query had DO=1 (spec 3.8):
//   it sets AD, adds the NSEC3 denial ("white lies") for NXDOMAIN/NODATA, appends the RRSIGs to
//   each section and sets msg.edns (DO=1, UDP size 4096). SERVFAIL, REFUSED, PTR, forwarded and
//   stub answers never reach it.
class Signer
{
public:
    virtual ~Signer() = default;

    // dnskey returns the zone's DNSKEY record (owner = domain, TTL = config ttl) or nullptr.
    virtual const dns::Rr *dnskey() const = 0;

    // secure signs msg in place (see the class comment). nowMs is the resolver's clock.
    virtual void secure(dns::Message &msg, const config::ServiceConfig &config, std::int64_t nowMs) const = 0;
};

} // namespace skydns::resolver
