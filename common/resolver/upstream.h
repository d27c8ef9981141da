#pragma once

#include "dns/message.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skydns::resolver {

// Lookup is one outside name the resolver needs to finish an answer (spec 4.2): the target of a
// CNAME chain leaving the domain (qtype A or AAAA), or an SRV/MX target outside the domain (A and
// AAAA). name is the target as written in the data (case kept, fully qualified); the service asks
// exactly that name. The resolver only asks for lookups SkyDNS would perform: nameservers are
// configured and the name has at least ndots labels.
struct Lookup
{
    std::string name;
    std::uint16_t type = 0;

    bool operator==(const Lookup &o) const { return type == o.type && name == o.name; }
};

// UpstreamAnswer is the outcome of one Lookup: ok is false when the exchange failed (every
// nameserver tried, spec 4.2) or the upstream rcode was not NOERROR; answer is the upstream answer
// section as received. The resolver rewrites TTLs to rcache_ttl itself (spec 4.2).
struct UpstreamAnswer
{
    bool ok = false;
    std::vector<dns::Rr> answer;
};

// Upstream carries the outcomes of the lookups a previous resolve() asked for into the next call.
// Keys are (lower-cased name, type). Build it with setResponse/setFailed for every Lookup of the
// Reply, then call resolve() again with it.
class Upstream
{
public:
    // setResponse records a parsed upstream response for (name, type): ok when its rcode is NOERROR.
    void setResponse(std::string_view name, std::uint16_t type, const dns::Message &response);

    // setAnswer records a successful lookup with the given answer section.
    void setAnswer(std::string_view name, std::uint16_t type, std::vector<dns::Rr> answer);

    // setFailed records a failed lookup (timeout, network error, non-NOERROR rcode).
    void setFailed(std::string_view name, std::uint16_t type);

    // find returns the recorded outcome, or nullptr when (name, type) was never recorded.
    const UpstreamAnswer *find(std::string_view name, std::uint16_t type) const;

    bool empty() const { return m_answers.empty(); }

private:
    std::map<std::pair<std::string, std::uint16_t>, UpstreamAnswer, std::less<>> m_answers;
};

} // namespace skydns::resolver
