#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace skydns::config {

// ServiceConfig is the effective configuration of the service (SkyDNS server/config.go:Config plus
// the flag-only settings), after defaults, flags, environment and /<prefix>/config were applied
// (spec 1.1). Values here are already normalised as SkyDNS's SetDefaults leaves them: domain lower-case
// and fully qualified, hostmaster with '@' replaced and fully qualified, local fully qualified.
// Held as std::shared_ptr<const ServiceConfig> and swapped whole on reload.
struct ServiceConfig
{
    // DNS
    std::string dnsAddr = "127.0.0.1:53";          // dns_addr / -addr / SKYDNS_ADDR
    bool systemd = false;                          // systemd / -systemd / SKYDNS_SYSTEMD
    std::string domain = "skydns.local.";          // domain / -domain / SKYDNS_DOMAIN
    std::string local;                             // local / -local: target of local.dns.<domain>
    std::string hostmaster = "hostmaster.skydns.local."; // hostmaster / -hostmaster (spec 1.2 quirk)
    std::string dnssec;                            // dnssec / -dnssec: key file basename
    bool roundRobin = true;                        // round_robin / -round-robin
    bool nsRotate = true;                          // ns_rotate / -ns-rotate
    std::vector<std::string> nameservers;          // nameservers / -nameservers / SKYDNS_NAMESERVERS, "ip:port"
    bool noRec = false;                            // no_rec / -no-rec
    std::chrono::milliseconds readTimeout{2000};   // read_timeout (JSON: ns) / -rtimeout
    std::uint16_t priority = 10;                   // priority
    std::uint32_t ttl = 3600;                      // ttl
    std::uint32_t minTtl = 60;                     // min_ttl
    int scache = 10000;                            // scache / -scache: signature cache capacity
    int rcache = 0;                                // rcache / -rcache: response cache capacity
    int rcacheTtl = 60;                            // rcache_ttl / -rcache-ttl, seconds
    int ndots = 2;                                 // ndot (or ndots) / -ndots / SKYDNS_NDOTS
    bool etcd3 = false;                            // etcd3 / -etcd3
    bool stubzones = false;                        // -stubzones
    bool verbose = false;                          // -verbose

    // etcd connection (flags and environment only)
    std::vector<std::string> machines{"http://127.0.0.1:2379"}; // -machines / ETCD_MACHINES
    std::string tlsKey, tlsPem, caCert;            // -tls-key, -tls-pem, -ca-cert / ETCD_TLSKEY, ETCD_TLSPEM, ETCD_CACERT
    std::string username, password;                // -username, -password / ETCD_USERNAME, ETCD_PASSWORD
    std::string pathPrefix = "skydns";             // -path-prefix / SKYDNS_PATH_PREFIX
    bool discover = false;                         // -discover (README): follow the etcd member list

    // Prometheus metrics (environment only, spec 1.4 and 10)
    std::string prometheusPort;                    // PROMETHEUS_PORT: metrics enabled when non-empty
    std::string prometheusPath = "/metrics";       // PROMETHEUS_PATH
    std::string prometheusNamespace = "skydns";    // PROMETHEUS_NAMESPACE
    std::string prometheusSubsystem = "skydns";    // PROMETHEUS_SUBSYSTEM

    // localDomain is "local.dns." + domain (spec 1.2, derived).
    std::string localDomain() const { return "local.dns." + domain; }
    // dnsDomain is "ns.dns." + domain: where the nameservers are kept and the SOA's MNAME.
    std::string dnsDomain() const { return "ns.dns." + domain; }
    // stubDomain is "stub.dns." + domain: where stub zones are defined (spec 5).
    std::string stubDomain() const { return "stub.dns." + domain; }
};

} // namespace skydns::config
