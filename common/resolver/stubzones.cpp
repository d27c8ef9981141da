#include "resolver/stubzones.h"

#include "dns/name.h"
#include "model/path.h"
#include "resolver/resolution.h"

namespace skydns::resolver {

StubZones stubZones(const backend::Backend &backend, const config::ServiceConfig &config, std::int64_t nowMs)
{
    StubZones zones;
    SequenceRandom unused; // fetch draws nothing
    detail::Resolution res(backend, config, nowMs, unused, nullptr);
    std::vector<detail::Svc> svcs;
    if (res.fetch(config.stubDomain(), false, false, svcs) != backend::LookupStatus::Ok)
        return zones;
    const int suffixLabels = model::countLabels(config.stubDomain());
    for (const detail::Svc &sv : svcs) {
        if (sv.kind == detail::Svc::Name)
            continue; // "stub zone non-address"
        const std::string domain = detail::keyDomain(sv.rec->key);
        if (domain == config.localDomain())
            continue;
        const std::vector<std::string_view> labels = model::splitLabels(domain);
        if (static_cast<int>(labels.size()) - suffixLabels < 1)
            continue;
        std::string zone;
        for (std::size_t i = 1; i < labels.size() - static_cast<std::size_t>(suffixLabels); ++i) {
            if (!zone.empty())
                zone += '.';
            zone += labels[i];
        }
        zone = model::fqdn(zone);
        const int port = sv.service().port == 0 ? 53 : sv.service().port;
        const std::string &host = sv.service().host;
        const bool v6 = host.find(':') != std::string::npos;
        zones[zone].push_back((v6 ? "[" + host + "]" : host) + ":" + std::to_string(port));
    }
    return zones;
}

StubMatch matchStubZone(const std::string &lowerName, const backend::Backend &backend,
                        const config::ServiceConfig &config, std::int64_t nowMs)
{
    StubMatch best;
    for (auto &[zone, servers] : stubZones(backend, config, nowMs)) {
        const bool match = lowerName == zone
            || (lowerName.size() > zone.size() + 1 && lowerName.compare(lowerName.size() - zone.size(), zone.size(), zone) == 0
                && lowerName[lowerName.size() - zone.size() - 1] == '.');
        if (match && (!best.matched || zone.size() > best.zone.size())) {
            best.matched = true;
            best.zone = zone;
            best.servers = servers;
        }
    }
    return best;
}

} // namespace skydns::resolver
