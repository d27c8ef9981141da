#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skydns::model {

// kDefaultPathPrefix is SkyDNS's default -path-prefix.
inline constexpr std::string_view kDefaultPathPrefix = "skydns";

// splitLabels splits a domain name into its labels; a trailing dot and empty labels are ignored,
// so "a.b.c." and "a.b.c" both give {"a","b","c"}, and "." gives {}.
std::vector<std::string_view> splitLabels(std::string_view name);

// domainToPath is SkyDNS's msg.Path: "web.east.skydns.local." becomes "/skydns/local/skydns/east/web".
// The name is used as given (callers lower-case query names first); the root "." maps to "/skydns".
// As Go's path.Join, the result is cleaned: a label containing '/' adds elements, empty ones vanish.
std::string domainToPath(std::string_view name, std::string_view prefix = kDefaultPathPrefix);

// pathToDomain is the inverse of domainToPath (msg.Domain): "/skydns/local/skydns/east/web" becomes
// "web.east.skydns.local.". The first path element (the prefix) is dropped whatever it is.
std::string pathToDomain(std::string_view key);

// toLowerAscii lower-cases ASCII letters only, as DNS name comparison does.
std::string toLowerAscii(std::string_view s);

// fqdn is dns.Fqdn of miekg/dns v1.0.4: appends a trailing dot unless the last byte is one (an
// escaped final dot counts as a dot there); fqdn("") is ".".
std::string fqdn(std::string_view name);

// isWildcardLabel is true for the labels SkyDNS treats as wildcards: "*" and "any".
bool isWildcardLabel(std::string_view label);

// WildcardPath is msg.PathWithWildcard's result.
struct WildcardPath
{
    std::string path; // the etcd path to read: up to (excluding) the first wildcard label
    bool star = false;  // true when the name has a wildcard label
};

// pathWithWildcard is msg.PathWithWildcard: the path of the name cut before its first wildcard label
// (reading right to left, i.e. in key order), and whether the name had one.
WildcardPath pathWithWildcard(std::string_view name, std::string_view prefix = kDefaultPathPrefix);

// keyMatchesWildcard is the element-wise comparison of SkyDNS's loopNodes: key and queryPath
// (domainToPath of the query) are split on '/'; wildcard elements of the query match anything; a
// key shorter than the query does not match; a longer key matches when its leading elements do.
bool keyMatchesWildcard(std::string_view key, std::string_view queryPath);

// targetStrip is msg.targetStrip: removes `labels` labels from the left of name; when that would
// remove every label (overshoot) or labels <= 0, name is returned unchanged.
std::string targetStrip(std::string_view name, int labels);

// countLabels is dns.CountLabel: the number of labels of a name ("." has 0; quirk: "" has 1).
int countLabels(std::string_view name);

} // namespace skydns::model
