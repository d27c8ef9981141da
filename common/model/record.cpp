#include "model/record.h"

#include <arpa/inet.h>

#include <cstring>
#include <limits>

namespace skydns::model {

namespace {

// parseIpv4 is glibc's inet_pton4: exactly four decimal octets up to 255 without leading zeros,
// nothing else, up to the terminating NUL.
bool parseIpv4(const char *p, unsigned char (&addr)[16])
{
    unsigned char tmp[4];
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0 && *p++ != '.')
            return false;
        if (*p < '0' || *p > '9')
            return false;
        unsigned v = static_cast<unsigned>(*p++ - '0');
        if (v == 0 && *p >= '0' && *p <= '9')
            return false; // a leading zero
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + static_cast<unsigned>(*p++ - '0');
            if (v > 255)
                return false;
        }
        tmp[octet] = static_cast<unsigned char>(v);
    }
    if (*p != '\0')
        return false;
    std::memcpy(addr, tmp, 4);
    return true;
}

// hashBytes is FNV-1a over a short string.
std::uint64_t hashBytes(std::string_view s, std::uint64_t h)
{
    for (const char c : s)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return h;
}

} // namespace

HostKind classifyHost(const std::string &host, unsigned char (&addr)[16])
{
    if (host.empty() || host.size() > 45)
        return HostKind::Name;
    if (parseIpv4(host.c_str(), addr))
        return HostKind::V4;
    if (host.find(':') == std::string::npos)
        return HostKind::Name;
    if (inet_pton(AF_INET6, host.c_str(), addr) != 1)
        return HostKind::Name;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(addr, mapped, 12) == 0) {
        std::memmove(addr, addr + 12, 4); // ip.To4() != nil: SkyDNS answers A for ::ffff:a.b.c.d
        return HostKind::V4;
    }
    return HostKind::V6;
}

std::uint64_t bareServiceHash(const Service &s)
{
    std::uint64_t h = hashBytes(s.host, 0xCBF29CE484222325ULL);
    h = (h ^ static_cast<std::uint32_t>(s.port)) * 0x100000001B3ULL;
    h = (h ^ static_cast<std::uint32_t>(s.priority)) * 0x100000001B3ULL;
    h = (h ^ static_cast<std::uint32_t>(s.weight)) * 0x100000001B3ULL;
    return hashBytes(s.text, h);
}

void Record::prepare()
{
    std::memset(hostAddr, 0, sizeof hostAddr);
    hostKind = classifyHost(service.host, hostAddr);
    bareHash = bareServiceHash(service);
}

std::uint32_t Record::remainingTtl(std::int64_t nowMs) const
{
    if (expiresAtMs == 0 || expiresAtMs <= nowMs)
        return 0;
    // etcd v2 reports the TTL rounded up to whole seconds (store/node.go expirationAndTTL), so a key
    // with 0.2 s left still says 1: the answer TTL never reaches 0 while the key exists.
    const std::int64_t left = expiresAtMs - nowMs;
    const std::int64_t seconds = left / 1000 + (left % 1000 != 0 ? 1 : 0);
    if (seconds > std::numeric_limits<std::uint32_t>::max())
        return std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(seconds);
}

} // namespace skydns::model
