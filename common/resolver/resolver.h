#pragma once

#include "backend/backend.h"
#include "config/serviceconfig.h"
#include "dns/message.h"
#include "resolver/random.h"
#include "resolver/reply.h"
#include "resolver/signer.h"
#include "resolver/upstream.h"

#include <cstdint>

namespace skydns::resolver {

// resolve answers one query exactly as SkyDNS's ServeDNS would (spec 3), without sockets, timers
// or etcd calls: everything it knows comes from its arguments, so the same arguments give the same
// Reply. It never blocks and never throws.
//
// - query: the parsed client query (dns::parseQuery); query.tcp matters only for bufsize.
// - backend: the records (a mirror snapshot, or a MemoryBackend in tests). Records whose etcd TTL
//   ran out at nowMs are skipped; answer TTLs count down with nowMs (spec 2.3).
// - config: the effective configuration (domain, ttl, min_ttl, priority, nameservers, ...).
// - nowMs: the clock, ms since the Unix epoch: SOA serial (truncated to the hour) and TTLs.
// - random: stands in for dns.Id() (round robin, CHAOS shuffle).
// - upstream: outcomes of the lookups an earlier call asked for (Reply::lookups); nullptr on the
//   first call. See Reply for the two-pass protocol.
// - signer: the DNSSEC hook (nullptr: no key loaded).
//
// Thread safety: any number of threads may call resolve() at once over the same backend and config
// (both only read); each thread passes its own Random. Scratch buffers are per thread.
//
// Order of processing (spec 3): no question -> FORMERR; ANY or backend not synced -> REFUSED; stub
// zones (when config.stubzones); local.dns.<domain>; reverse names; names outside the domain ->
// forwarding; then the authoritative answer by qtype with its post-processing (dedup, multi-RR TTL
// rule, DNSSEC hook). The response cache and Fit are the service's.
//
// Deliberate differences from SkyDNS 2.5.3a (all invisible to well-behaved clients):
// - no question: FORMERR (SkyDNS crashes); failed forwarding: Reply::message is the SERVFAIL to send.
// - a query name with a "*" label: answer owners are the names of the records found, not the "*"
//   name ("any" is echoed as SkyDNS does).
// - records whose etcd TTL has run out are skipped; a leaf whose records all expired is NXDOMAIN.
// - SRV/MX/CNAME/NS/PTR records whose target is not a valid DNS name are left out
//   instead of failing the whole message; TXT text is sent byte for byte (miekg/dns would interpret
//   backslash escapes in it).
// - SRV target lookups (upstream and internal) run only for qtype SRV; SkyDNS also runs them for
//   the "other qtype" NODATA path and throws the result away.
// - internal SRV/MX targets are looked up lower-cased (SkyDNS passes them as written).
// - after dedup the first occurrence's position is kept (SkyDNS's order is Go-map random);
//   nested stub zones: the longest zone wins (SkyDNS: map order).
Reply resolve(const dns::Query &query, const backend::Backend &backend, const config::ServiceConfig &config,
              std::int64_t nowMs, Random &random, const Upstream *upstream = nullptr,
              const Signer *signer = nullptr);

// formErr is the answer to a query that could not be parsed but whose header could
// (dns::ParseStatus::FormErr): id, opcode and RD copied, rcode FORMERR, no question, AA=0, RA=0.
dns::Message formErr(const dns::Header &queryHeader);

// soaSerial is SkyDNS's SOA serial: nowMs truncated to the hour, in seconds (spec 3.7).
std::uint32_t soaSerial(std::int64_t nowMs);

} // namespace skydns::resolver
