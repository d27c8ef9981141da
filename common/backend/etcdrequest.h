#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Building etcd v2 requests (URL targets and form bodies), kept apart from the transport so the
// encoding can be tested without a network.
namespace skydns::backend {

// EtcdParams is an ordered list of name=value pairs for a query string or a form body.
using EtcdParams = std::vector<std::pair<std::string, std::string>>;

// EtcdRequest is one HTTP request relative to a machine's base URL.
struct EtcdRequest
{
    std::string method;       // "GET", "PUT", "DELETE"
    std::string target;       // path and query, already percent-encoded: "/v2/keys/a%20b?recursive=true"
    std::string body;         // application/x-www-form-urlencoded, empty for GET and DELETE
    std::string key;          // the key as given, for messages
    bool watch = false;       // a long poll: waits up to maxWait instead of requestTimeout
};

// percentEncode encodes every byte but the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
// as %XX; keepSlash leaves '/' alone (for key paths). UTF-8 is encoded byte by byte.
std::string percentEncode(std::string_view text, bool keepSlash = false);

// encodeParams joins params as "a=1&b=x%20y" (used for query strings and form bodies).
std::string encodeParams(const EtcdParams &params);

// keysTarget is the request target of key in the v2 keys API: "/v2/keys" + the encoded key (a
// leading '/' is added when missing) + "?" + the encoded query when there is one.
std::string keysTarget(std::string_view key, const EtcdParams &query = {});

// normaliseMachine gives a machine URL a scheme ("http://" when none) and drops trailing slashes.
std::string normaliseMachine(std::string_view machine);

// machineHost is the host part of a machine URL ("http://[::1]:2379" -> "::1"), lower-cased.
std::string machineHost(std::string_view machine);

// proxyForMachine picks the HTTP proxy for machine the way SkyDNS's Go client did
// (http.ProxyFromEnvironment, spec 2.5): HTTPS_PROXY/https_proxy for https machines,
// HTTP_PROXY/http_proxy otherwise; none for loopback hosts or hosts matching NO_PROXY/no_proxy
// ("*", a host, or a domain such as "example.com"/".example.com" that matches its subdomains).
// A proxy without a scheme gets "http://". env reads a variable ("" when unset).
std::string proxyForMachine(std::string_view machine, const std::function<std::string(const char *)> &env);

} // namespace skydns::backend
