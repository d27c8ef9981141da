#include "dns/message.h"

#include "dns/bytes.h"
#include "dns/name.h"
#include "dns/recycler.h"

namespace skydns::dns {

void Message::recycle() noexcept
{
    if (Recycler *r = Recycler::forThread()) {
        r->give(answer);
        r->give(additional);
        r->give(authority);
    }
}

std::string rdataA(const unsigned char (&addr)[4])
{
    return std::string(reinterpret_cast<const char *>(addr), 4);
}

std::string rdataAaaa(const unsigned char (&addr)[16])
{
    return std::string(reinterpret_cast<const char *>(addr), 16);
}

std::string rdataName(std::string_view name)
{
    std::string out;
    if (!nameToWire(name, out))
        out.clear();
    return out;
}

std::string rdataMx(std::uint16_t preference, std::string_view exchange)
{
    std::string out;
    put16(out, preference);
    if (!nameToWire(exchange, out))
        out.clear();
    return out;
}

std::string rdataSrv(std::uint16_t priority, std::uint16_t weight, std::uint16_t port, std::string_view target)
{
    std::string out;
    out.reserve(6 + target.size() + 2);
    const char fixed[6] = {static_cast<char>(priority >> 8), static_cast<char>(priority & 0xFF),
                           static_cast<char>(weight >> 8),   static_cast<char>(weight & 0xFF),
                           static_cast<char>(port >> 8),     static_cast<char>(port & 0xFF)};
    out.append(fixed, 6);
    if (!nameToWire(target, out))
        out.clear();
    return out;
}

std::string rdataSrvWire(std::uint16_t priority, std::uint16_t weight, std::uint16_t port, std::string_view targetWire)
{
    std::string out;
    out.reserve(6 + targetWire.size());
    const char fixed[6] = {static_cast<char>(priority >> 8), static_cast<char>(priority & 0xFF),
                           static_cast<char>(weight >> 8),   static_cast<char>(weight & 0xFF),
                           static_cast<char>(port >> 8),     static_cast<char>(port & 0xFF)};
    out.append(fixed, 6);
    out.append(targetWire);
    return out;
}

std::string rdataTxt(const std::vector<std::string_view> &chunks)
{
    std::string out;
    for (std::string_view c : chunks) {
        if (c.size() > 255)
            c = c.substr(0, 255);
        out.push_back(static_cast<char>(c.size()));
        out.append(c);
    }
    return out;
}

std::string rdataSoa(std::string_view mname, std::string_view rname, std::uint32_t serial, std::uint32_t refresh,
                     std::uint32_t retry, std::uint32_t expire, std::uint32_t minimum)
{
    std::string out;
    if (!nameToWire(mname, out) || !nameToWire(rname, out))
        return {};
    put32(out, serial);
    put32(out, refresh);
    put32(out, retry);
    put32(out, expire);
    put32(out, minimum);
    return out;
}

std::string typeName(std::uint16_t type)
{
    switch (type) {
    case kTypeA: return "A";
    case kTypeNS: return "NS";
    case kTypeCNAME: return "CNAME";
    case kTypeSOA: return "SOA";
    case kTypePTR: return "PTR";
    case kTypeHINFO: return "HINFO";
    case kTypeMX: return "MX";
    case kTypeTXT: return "TXT";
    case kTypeAAAA: return "AAAA";
    case kTypeSRV: return "SRV";
    case kTypeOPT: return "OPT";
    case kTypeDS: return "DS";
    case kTypeRRSIG: return "RRSIG";
    case kTypeNSEC: return "NSEC";
    case kTypeDNSKEY: return "DNSKEY";
    case kTypeNSEC3: return "NSEC3";
    case kTypeANY: return "ANY";
    default: return "TYPE" + std::to_string(type);
    }
}

} // namespace skydns::dns
