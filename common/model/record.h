#pragma once

#include "model/service.h"

#include <cstdint>
#include <string>

namespace skydns::model {

// Record is one service as the backend holds it: the etcd key it lives at, the decoded value and
// the etcd metadata that answers depend on.
struct Record
{
    std::string key;                 // full etcd key, e.g. "/skydns/local/skydns/east/web"
    Service service;                 // the decoded value
    std::int64_t expiresAtMs = 0;    // etcd key expiration, ms since the Unix epoch (UTC); 0 = no etcd TTL
    std::uint64_t modifiedIndex = 0; // etcd modifiedIndex of the key

    // remainingTtl is the etcd TTL left at nowMs in whole seconds, rounded up as etcd v2 reports it;
    // 0 when the key has no etcd TTL or has expired.
    std::uint32_t remainingTtl(std::int64_t nowMs) const;

    // expired is true when the key has an etcd TTL that ran out at or before nowMs. Such a record is
    // gone in etcd even if the expire event has not reached us yet, so it must not be served.
    bool expired(std::int64_t nowMs) const { return expiresAtMs != 0 && expiresAtMs <= nowMs; }
};

} // namespace skydns::model
