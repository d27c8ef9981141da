#pragma once

#include "backend/backend.h"
#include "config/serviceconfig.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace skydns::resolver {

// StubZones maps a stub zone ("example.com.") to its nameservers ("ip:port", "[v6]:port").
using StubZones = std::map<std::string, std::vector<std::string>>;

// stubZones is UpdateStubZones (spec 5): the services below stub.dns.<domain>; only IP hosts
// count (others are ignored), port 0 means 53; the zone is the key's name minus its first label
// and minus stub.dns.<domain>. A key whose name equals local.dns.<domain> is skipped (SkyDNS's
// "own domain" guard, quirk kept); a key directly at stub.dns.<domain> names no zone and is skipped.
StubZones stubZones(const backend::Backend &backend, const config::ServiceConfig &config, std::int64_t nowMs);

// StubMatch is the stub zone a query name falls in, if any.
struct StubMatch
{
    bool matched = false;
    std::string zone;
    std::vector<std::string> servers;
};

// matchStubZone finds the zone that equals lowerName or is a suffix at a label boundary. When
// several zones match, the longest wins (SkyDNS picks in Go map order, i.e. at random).
StubMatch matchStubZone(const std::string &lowerName, const backend::Backend &backend,
                        const config::ServiceConfig &config, std::int64_t nowMs);

} // namespace skydns::resolver
