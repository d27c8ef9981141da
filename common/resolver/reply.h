#pragma once

#include "dns/message.h"
#include "resolver/upstream.h"

#include <string>
#include <vector>

namespace skydns::resolver {

// ReplyKind says what the service must do with a Reply.
enum class ReplyKind {
    Answer,  // send message (after Fit for the client's bufsize, spec 7)
    Forward, // forward the client's query unchanged to servers (spec 4.1)
    Stub,    // forward the query, with SkyDNS's stub EDNS0 option added, to the stub zone's servers (spec 5)
    Lookups, // perform lookups, then call resolve() again with their outcomes (spec 4.2)
    Drop,    // send nothing (a stub-marked query for a stub zone: loop prevention, spec 5)
};

// System is the metrics label of the answer path (spec 10: auth, recursive, reverse, stub; "cache"
// is the service's).
enum class System { Auth, Recursive, Reverse, Stub };

// Reply is the result of resolve().
//
// Answer: message is final. Its header, sections and compression flag are as SkyDNS sends them;
//   the service only fits it to the size limit and encodes it (dns::encode).
// Forward: servers lists the nameservers ("ip:port") in the order to try: the first is
//   query id % n when ns_rotate is set (spec 4.1); SkyDNS's retry (same server again on SERVFAIL,
//   next server on a network error, n+1 attempts) is the service's. message is the SERVFAIL to send
//   when every attempt fails (SkyDNS sends nothing there; we answer and do not cache it).
// Stub: stubZone is the matched zone, servers its nameservers in the order to try (first = id % n,
//   always, spec 5); message is the SERVFAIL for total failure (SkyDNS writes it too).
// Lookups: lookups lists every outside name needed (no duplicates); the service performs them
//   (UDP, EDNS0 with lookupUdpSize and lookupDnssecOk, spec 4.2), records each outcome in an
//   Upstream and calls resolve() again with it. A second call with every outcome recorded always
//   ends in Answer. message is empty.
// Drop: nothing to send.
struct Reply
{
    ReplyKind kind = ReplyKind::Answer;
    System system = System::Auth;
    dns::Message message;
    std::vector<std::string> servers;
    std::string stubZone;
    std::vector<Lookup> lookups;
    std::uint16_t lookupUdpSize = 512;
    bool lookupDnssecOk = false;
};

} // namespace skydns::resolver
