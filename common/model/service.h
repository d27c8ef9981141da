#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skydns::model {

// Service is the JSON value SkyDNS keeps at an etcd key (msg/service.go:Service). Field names and
// zero values follow SkyDNS; every field is optional in JSON and unknown fields are ignored.
struct Service
{
    std::string host;        // IP address (A/AAAA) or a name (CNAME/SRV/MX target); "" is the name "."
    int port = 0;            // SRV port
    int priority = 0;        // SRV priority / MX preference; 0 means "config priority" (applied by the resolver)
    int weight = 0;          // SRV weight; 0 counts as 100 in the weight arithmetic
    std::string text;        // TXT data
    bool mail = false;       // answer MX queries with this service
    std::uint32_t ttl = 0;   // answer TTL; 0 means "etcd TTL or config ttl"
    int targetStrip = 0;     // labels stripped from the left of the SRV/MX target ("targetstrip")
    std::string group;       // group name ("group"), see selectGroup

    bool operator==(const Service &other) const;
    bool operator!=(const Service &other) const { return !(*this == other); }
};

// parseService decodes an etcd value. It returns std::nullopt for invalid JSON, a non-object value or
// a field of the wrong type (a string port, a negative or fractional ttl, ...), and then sets *error
// (when non-null) to a one-line message that names the key and the field, e.g.
// `/skydns/local/skydns/web: field "port": expected an integer, got string`.
// Unknown fields and JSON null are ignored, as Go's encoding/json does. Further Go rules kept:
// field names match case-insensitively (also "ho\u017Ft"), duplicate keys: the last one wins,
// the first type error is reported, a syntax error beats a type error, a top-level `null` is the
// zero Service, integers must be written as integers ("80.0" and "8e1" are not), invalid UTF-8 and
// unpaired \u surrogates become U+FFFD, a byte order mark and nesting deeper than 10000 are
// errors. port/priority/weight/targetstrip are Go ints: values outside int32 are errors here.
std::optional<Service> parseService(std::string_view json, std::string_view key, std::string *error = nullptr);

// toJson encodes a service the way SkyDNS does (omitempty: zero fields are left out), byte for
// byte as Go's json.Marshal: field order of the Go struct, <, > and & as \u003c \u003e \u0026.
std::string toJson(const Service &service);

} // namespace skydns::model
