#include "dnssec/nsec3.h"

#include "config/serviceconfig.h"
#include "dns/name.h"

#include <openssl/sha.h>

#include <algorithm>

namespace skydns::dnssec {

namespace {

Nsec3Hash addOne(Nsec3Hash h, int delta)
{
    // Big-endian +1 / -1 with carry or borrow across every byte (wraps at the ends).
    for (int i = static_cast<int>(h.size()) - 1; i >= 0; --i) {
        if (delta > 0) {
            if (++h[static_cast<std::size_t>(i)] != 0)
                break;
        } else {
            if (h[static_cast<std::size_t>(i)]-- != 0)
                break;
        }
    }
    return h;
}

dns::Rr nsec3Rr(const Nsec3Hash &ownerHash, bool upper, const Nsec3Hash &next, std::vector<std::uint16_t> types,
                const config::ServiceConfig &config)
{
    dns::Rr rr;
    rr.owner = base32Hex(ownerHash.data(), ownerHash.size());
    if (!upper)
        dns::lowerAscii(rr.owner);
    rr.owner += "." + config.domain;
    rr.type = dns::kTypeNSEC3;
    rr.cls = dns::kClassIN;
    rr.ttl = config.minTtl;
    rr.rdata = nsec3Rdata(next, std::move(types));
    return rr;
}

} // namespace

bool nsec3Hash(std::string_view name, std::string_view salt, std::uint16_t iterations, Nsec3Hash &out)
{
    std::string lower(name);
    dns::lowerAscii(lower);
    std::string wire;
    if (!dns::nameToWire(lower, wire))
        return false;
    wire.append(salt.data(), salt.size());
    SHA1(reinterpret_cast<const unsigned char *>(wire.data()), wire.size(), out.data());
    std::string buf(out.size() + salt.size(), '\0');
    for (std::uint16_t i = 0; i < iterations; ++i) {
        std::copy(out.begin(), out.end(), buf.begin());
        std::copy(salt.begin(), salt.end(), buf.begin() + static_cast<std::ptrdiff_t>(out.size()));
        SHA1(reinterpret_cast<const unsigned char *>(buf.data()), buf.size(), out.data());
    }
    return true;
}

std::string base32Hex(const unsigned char *data, std::size_t size)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    std::string out;
    out.reserve((size * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            out.push_back(alphabet[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.push_back(alphabet[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

std::string nsec3Rdata(const Nsec3Hash &next, std::vector<std::uint16_t> types)
{
    std::string r;
    r.push_back('\1'); // SHA-1
    r.push_back('\0'); // flags
    r.push_back('\0'); // iterations (2 bytes)
    r.push_back('\0');
    r.push_back('\0'); // salt length
    r.push_back(static_cast<char>(next.size()));
    r.append(reinterpret_cast<const char *>(next.data()), next.size());
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    std::size_t i = 0;
    while (i < types.size()) {
        const int window = types[i] >> 8;
        unsigned char bitmap[32] = {};
        int len = 0;
        for (; i < types.size() && (types[i] >> 8) == window; ++i) {
            const int low = types[i] & 0xFF;
            bitmap[low / 8] |= static_cast<unsigned char>(0x80 >> (low % 8));
            len = low / 8 + 1;
        }
        r.push_back(static_cast<char>(window));
        r.push_back(static_cast<char>(len));
        r.append(reinterpret_cast<const char *>(bitmap), static_cast<std::size_t>(len));
    }
    return r;
}

void addDenial(dns::Message &msg, const config::ServiceConfig &config)
{
    if (msg.question.empty())
        return;
    const std::string &qname = msg.question.front().name;
    const std::vector<std::uint16_t> existing{dns::kTypeA, dns::kTypeAAAA, dns::kTypeSRV, dns::kTypeRRSIG};

    if (msg.header.rcode == dns::kRcodeNxDomain) {
        // The closest encloser is taken to be qname minus its first label, always (spec 6).
        std::string ce = qname;
        std::size_t dot = 0;
        while (dot < ce.size() && ce[dot] != '.')
            dot += ce[dot] == '\\' ? 2 : 1;
        ce = dot + 1 < ce.size() ? ce.substr(dot + 1) : std::string(".");
        Nsec3Hash hce{}, hwild{}, hq{};
        if (!nsec3Hash(ce, {}, 0, hce) || !nsec3Hash("*." + ce, {}, 0, hwild) || !nsec3Hash(qname, {}, 0, hq))
            return;
        msg.authority.push_back(nsec3Rr(hce, false, addOne(hce, 1), existing, config));
        msg.authority.push_back(nsec3Rr(addOne(hwild, -1), false, addOne(hwild, 1), {}, config));
        msg.authority.push_back(nsec3Rr(addOne(hq, -1), false, addOne(hq, 1), {}, config));
        return;
    }
    if (msg.header.rcode == dns::kRcodeNoError && msg.authority.size() == 1
        && msg.authority.front().type == dns::kTypeSOA) {
        Nsec3Hash h{};
        if (!nsec3Hash(qname, {}, 0, h))
            return;
        std::vector<std::uint16_t> types;
        for (std::uint16_t t : existing)
            if (t != msg.question.front().type)
                types.push_back(t);
        msg.authority.push_back(nsec3Rr(h, true, addOne(h, 1), std::move(types), config));
    }
}

} // namespace skydns::dnssec
