#pragma once

#include "model/service.h"

#include <cstdint>
#include <string>

namespace skydns::model {

// HostKind is how a service's host reads as net.ParseIP does: not an address (a name), an IPv4
// address (IPv4-mapped IPv6 included), an IPv6 address; Unknown when not classified yet.
enum class HostKind : std::uint8_t { Unknown, Name, V4, V6 };

// classifyHost is net.ParseIP on host: dotted quad or IPv6 text (zones and prefixes are not
// addresses); addr gets the 4 (V4) or 16 (V6) address bytes.
HostKind classifyHost(const std::string &host, unsigned char (&addr)[16]);

// Record is one service as the backend holds it: the etcd key it lives at, the decoded value and
// the etcd metadata that answers depend on.
struct Record
{
    std::string key;                 // full etcd key, e.g. "/skydns/local/skydns/east/web"
    Service service;                 // the decoded value
    std::int64_t expiresAtMs = 0;    // etcd key expiration, ms since the Unix epoch (UTC); 0 = no etcd TTL
    std::uint64_t modifiedIndex = 0; // etcd modifiedIndex of the key
    // Facts derived from service once, by prepare(), so answers do not recompute them per lookup.
    // Backends whose records never change after they are built (backend::Store) prepare them;
    // hostKind stays Unknown otherwise and readers compute the facts themselves.
    HostKind hostKind = HostKind::Unknown; // service.host classified (classifyHost)
    unsigned char hostAddr[16] = {};       // its address bytes when V4 or V6
    std::uint64_t bareHash = 0;            // bareServiceHash(service) when hostKind is known

    // prepare computes hostKind, hostAddr and bareHash from service. Call it again after changing
    // service.
    void prepare();

    // remainingTtl is the etcd TTL left at nowMs in whole seconds, rounded up as etcd v2 reports it;
    // 0 when the key has no etcd TTL or has expired.
    std::uint32_t remainingTtl(std::int64_t nowMs) const;

    // expired is true when the key has an etcd TTL that ran out at or before nowMs. Such a record is
    // gone in etcd even if the expire event has not reached us yet, so it must not be served.
    bool expired(std::int64_t nowMs) const { return expiresAtMs != 0 && expiresAtMs <= nowMs; }
};

// bareServiceHash hashes the fields SkyDNS compares to collapse duplicate services (host, port,
// priority, weight, text: spec 2.2); equal services have equal hashes.
std::uint64_t bareServiceHash(const Service &s);

} // namespace skydns::model
