#pragma once

#include "dns/message.h"

#include <cstdint>
#include <string>
#include <vector>

namespace skydns::dnssec {

class KeyPair;

// CanonicalRrset is one RRset in the canonical form of RFC 4034 section 6: owner lower-case wire,
// names inside the rdata of NS, CNAME, PTR, MX, SOA and SRV lower-cased, rdata sorted and unique.
struct CanonicalRrset
{
    std::string ownerWire;
    std::uint16_t type = 0;
    std::uint16_t cls = 0;
    std::uint32_t originalTtl = 0;
    std::uint8_t labels = 0; // RRSIG labels field: owner labels, minus one for a leading "*"
    std::vector<std::string> rdata;
};

// rrsetCacheKey writes into out the signature cache key of the records rrs (one RRset): type,
// class, original TTL, the lower-case wire owner and every rdata as sent, sorted (our fix of
// SkyDNS's partial key, spec 6). Cheaper than the canonical form, which only a miss needs; sets
// that differ only in the case of names in rdata get separate entries, which is harmless.
// Returns false if the owner is not a valid name.
bool rrsetCacheKey(const std::vector<const dns::Rr *> &rrs, std::uint32_t originalTtl, std::string &out);

// canonicalRrset builds the canonical form of the records rrs (same owner, type and class; the
// owner of the first one is used). Returns false if an owner or an rdata name is malformed.
bool canonicalRrset(const std::vector<const dns::Rr *> &rrs, std::uint32_t originalTtl, CanonicalRrset &out);

// canonicalRdata lower-cases the names in rdata of the types RFC 4034 6.2 lists that we serve
// (NS, CNAME, PTR, MX, SOA, SRV); other rdata is returned as is. Empty on a malformed name.
std::string canonicalRdata(std::uint16_t type, const std::string &rdata);

// signRrset returns the RRSIG rdata (RFC 4034 3.1) over set by key with the given validity
// (seconds since the epoch, serial-number arithmetic as on the wire); empty if signing failed.
std::string signRrset(const KeyPair &key, const CanonicalRrset &set, std::uint32_t inception,
                      std::uint32_t expiration);

// rrsigExpiration reads the expiration field of an RRSIG rdata.
std::uint32_t rrsigExpiration(const std::string &rrsigRdata);

} // namespace skydns::dnssec
