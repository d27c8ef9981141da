#pragma once

#include "config/serviceconfig.h"
#include "dns/message.h"

#include <vector>

namespace skydns::resolver {

// dedup is SkyDNS's dedup (spec 3.8) for one section: records equal in owner (case-sensitive),
// class, type and rdata collapse, and at most one CNAME per owner and class survives. The value
// kept is the last one seen (TTL included); it takes the place of the first occurrence, so the
// order is otherwise kept (SkyDNS's order after a removal is Go-map random, i.e. unspecified).
void dedup(std::vector<dns::Rr> &rrs);

// applyAnswerTtl is the multi-RR TTL rule (spec 2.3): with more than one answer record every
// answer record gets min(config ttl, every answer TTL); a single record keeps its TTL.
void applyAnswerTtl(std::vector<dns::Rr> &answer, std::uint32_t configTtl);

// postProcess runs SkyDNS's deferred post-processing on an authoritative message (spec 3.8):
// SERVFAIL is left alone; otherwise dedup of answer and additional, then the TTL rule. The DNSSEC
// stage (Signer::secure) follows it in resolve().
void postProcess(dns::Message &m, const config::ServiceConfig &config);

} // namespace skydns::resolver
