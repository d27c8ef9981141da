#pragma once

#include "configissue.h"
#include "serviceconfig.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace skydns::config {

// defaultResolvConfPath is "/etc/resolv.conf".
QString defaultResolvConfPath();

// parseResolvConf returns the "nameserver" entries of a resolv.conf as "ip:53" ("[ip6]:53"), in
// file order, as miekg/dns's ClientConfigFromFile + net.JoinHostPort give them to SkyDNS.
QStringList parseResolvConf(const QByteArray &content);

// setDefaults is SkyDNS's server/config.go:SetDefaults plus main.go's FQDN of -local (spec 1.2):
// empty dns_addr -> 127.0.0.1:53, zero read_timeout -> 2s, empty domain -> skydns.local., empty
// hostmaster -> hostmaster.<domain>, hostmaster '@' -> '.' and FQDN, min_ttl 0 -> 60, ttl 0 -> 3600,
// priority 0 -> 10, negative rcache/scache -> 0, rcache_ttl 0 -> 60, ndot <= 0 -> 2, domain
// lower-cased and FQDN, local FQDN, dnssec spaces -> '+'. With no nameservers left, the nameservers
// of resolvConfPath are used (a missing file is fine; one that exists but cannot be read is an error).
// A value set back to its default gets the source "default"; resolv.conf nameservers "resolv.conf".
LoadResult setDefaults(ServiceConfig &config, SourceMap &sources,
                       const QString &resolvConfPath = defaultResolvConfPath());

// validateConfig checks a normalised configuration; each error names the key as its source spells
// it ("-addr", "SKYDNS_ADDR", "dns_addr in /skydns/config") and the value: dns_addr and every
// nameserver not taken from resolv.conf must be "ip:port" (SkyDNS does not check etcd's
// nameservers: we do, see docs/COMPATIBILITY.md), machines must be http(s) URLs, the domain a valid
// DNS name, read_timeout positive and PROMETHEUS_PORT (when set) a port number.
LoadResult validateConfig(const ServiceConfig &config, const SourceMap &sources,
                          const QString &configKey = QStringLiteral("/skydns/config"));

// fqdn is miekg/dns's Fqdn: name with a trailing dot.
std::string fqdn(const std::string &name);

} // namespace skydns::config
