#pragma once
// Registration: what `skydns register NAME HOST[:PORT] ...` (and the console's register dialog)
// writes to etcd, worked out without touching etcd. The key and the JSON are exactly what a user
// would write by hand with curl or etcdctl (SKYDNS-BEHAVIOUR.md 2.1: key = the reversed name under
// the path prefix, value = the service JSON as SkyDNS encodes it).
#include "model/service.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skydns::discovery {

// HostPort is a parsed HOST[:PORT] argument.
struct HostPort
{
    std::string host; // IPv4, IPv6 (without brackets) or a domain name (without trailing dot)
    int port = 0;     // 0 = no port given
};

// parseHostPort reads "10.0.0.1", "10.0.0.1:8080", "::1", "[::1]:8080", "db.example.com" or
// "db.example.com:5432". A bare IPv6 address takes no port (use brackets). On error it returns
// std::nullopt and sets *error to a message naming the argument.
std::optional<HostPort> parseHostPort(std::string_view text, std::string *error);

// isValidHost is true for an IPv4 or IPv6 address or a domain name (labels of 1-63 letters,
// digits, '-' or '_', at most 253 octets, an optional trailing dot).
bool isValidHost(std::string_view host);

// qualifyName makes NAME absolute under domain: "web.dev" -> "web.dev.skydns.local.", and
// "web.dev.skydns.local" / "web.dev.skydns.local." stay. A name outside domain, an empty name, a
// name with an empty label or with '/' (it would change the etcd key's shape) is an error.
std::optional<std::string> qualifyName(std::string_view name, std::string_view domain, std::string *error);

// Registration is one service to write.
struct Registration
{
    std::string name;        // absolute DNS name, lower-case, with trailing dot
    std::string key;         // its etcd key, e.g. /skydns/local/skydns/dev/web
    model::Service service;  // what goes into the value
    std::int64_t ttlSeconds = 0; // key expiry (etcd TTL / v3 lease); 0 = none
    bool keepalive = false;  // refresh the TTL until interrupted, then remove the key

    // json is the value written to etcd (model::toJson: byte for byte what SkyDNS encodes).
    std::string json() const { return model::toJson(service); }
};

// RegisterParse is parseRegisterArguments's result: a registration or a usage error.
struct RegisterParse
{
    std::optional<Registration> registration;
    QString error; // set when registration is empty
};

// parseRegisterArguments reads `NAME HOST[:PORT] [--ttl S] [--priority P] [--weight W] [--text T]
// [--mail] [--keepalive]` (options as `--x v` or `--x=v`, after or between the two positionals).
// --keepalive without --ttl uses kDefaultKeepaliveTtl.
RegisterParse parseRegisterArguments(const QStringList &args, std::string_view domain, std::string_view prefix);

// kDefaultKeepaliveTtl is the key TTL `--keepalive` uses when no --ttl is given.
inline constexpr std::int64_t kDefaultKeepaliveTtl = 10;

// keepaliveInterval is how often a key with ttlSeconds is refreshed: a third of its TTL (at least
// one second), so two refreshes can be lost before it expires.
std::int64_t keepaliveIntervalMs(std::int64_t ttlSeconds);

} // namespace skydns::discovery
