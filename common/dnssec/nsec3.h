#pragma once

#include "dns/message.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::config {
struct ServiceConfig;
}

namespace skydns::dnssec {

// Nsec3Hash is a raw SHA-1 NSEC3 hash.
using Nsec3Hash = std::array<unsigned char, 20>;

// nsec3Hash is RFC 5155 section 5: SHA-1 over the lower-case wire form of name and salt, then
// `iterations` more times over hash and salt. White lies use iterations 0 and an empty salt.
// Returns false if name is not a valid name.
bool nsec3Hash(std::string_view name, std::string_view salt, std::uint16_t iterations, Nsec3Hash &out);

// base32Hex encodes bytes in RFC 4648 base32hex, upper-case, without padding (NSEC3 owner labels).
std::string base32Hex(const unsigned char *data, std::size_t size);

// nsec3Rdata builds NSEC3 rdata: algorithm 1, flags 0, iterations 0, empty salt, the next hashed
// owner and a type bitmap of types (RFC 5155 3.2, RFC 4034 4.1.2).
std::string nsec3Rdata(const Nsec3Hash &next, std::vector<std::uint16_t> types);

// addDenial adds SkyDNS's NSEC3 white lies (spec 6, RFC 7129 appendix B) to the authority section
// of an NXDOMAIN or NODATA answer msg for the domain in config; other messages are left alone.
// - NXDOMAIN: closest encloser = qname minus its first label (owner hash, next hash+1, types A
//   AAAA SRV RRSIG); its wildcard and the qname (owner hash-1, next hash+1, no types).
// - NODATA (NOERROR with only the SOA in authority): the qname (owner upper-case hash, next
//   hash+1, types A AAAA SRV RRSIG without the query type: SkyDNS kept the type, which made a
//   NODATA for A or AAAA bogus to validators).
// Hash arithmetic wraps around (SkyDNS's did not). TTL is min_ttl.
void addDenial(dns::Message &msg, const config::ServiceConfig &config);

} // namespace skydns::dnssec
