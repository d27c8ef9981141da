// Names from keys and hosts, shared by the record builders of records.cpp: how a host is classified
// (net.ParseIP), wildcard labels, the owner and target names SkyDNS derives from an etcd key
// (msg.Domain, the SRV target of a key), and the word-at-a-time scans that make them cheap.
#include "resolver/resolution.h"

#include "dns/name.h"
#include "dns/recycler.h"
#include "model/group.h"
#include "model/path.h"
#include "model/srv.h"
#include "model/ttl.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace skydns::resolver::detail {

using backend::LookupStatus;

Svc::Kind classifyHost(const std::string &host, unsigned char (&addr)[16])
{
    switch (model::classifyHost(host, addr)) {
    case model::HostKind::V4:
        return Svc::V4;
    case model::HostKind::V6:
        return Svc::V6;
    default:
        return Svc::Name;
    }
}

bool hasStarLabel(std::string_view name)
{
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '*' && (i == 0 || name[i - 1] == '.') && (i + 1 == name.size() || name[i + 1] == '.'))
            return true;
    }
    return false;
}

dns::Rr makeRr(std::string owner, std::uint16_t type, std::uint32_t ttl, std::string rdata)
{
    dns::Rr r;
    r.owner = std::move(owner);
    r.type = type;
    r.ttl = ttl;
    r.rdata = std::move(rdata);
    return r;
}

std::string keyDomain(const std::string &key)
{
    // msg.Domain for the clean absolute keys backends return, without model::pathToDomain's
    // temporary vectors: this runs once per answer record of IP-only services.
    if (key.size() < 2 || key[0] != '/' || key.size() > 512)
        return model::pathToDomain(key);
    const std::size_t prefixEnd = key.find('/', 1);
    if (prefixEnd == std::string::npos || prefixEnd + 1 >= key.size())
        return ".";
    char buf[520];
    std::size_t n = 0;
    std::size_t end = key.size();
    for (std::size_t i = key.size(); i-- > prefixEnd;) {
        if (key[i] != '/')
            continue;
        std::memcpy(buf + n, key.data() + i + 1, end - i - 1);
        n += end - i - 1;
        buf[n++] = '.';
        end = i;
    }
    return std::string(buf, n);
}

namespace {

// keyTargetBytes is keyTarget byte by byte: the general case, for keys with a '.' in an element.
bool keyTargetBytes(const std::string &key, std::string &text, std::string &wire, bool *dotted)
{
    bool anyDot = false;
    if (key.size() < 2 || key[0] != '/' || key.size() > 512)
        return false;
    const std::size_t prefixEnd = key.find('/', 1);
    if (prefixEnd == std::string::npos || prefixEnd + 1 >= key.size())
        return false;
    for (std::size_t i = 1; i < prefixEnd; ++i) {
        if (key[i] == '\\')
            return false;
    }
    // The element boundaries in one forward pass, then the elements last to first, each copied
    // byte by byte into the text (followed by '.') and the wire form (a '.' inside an element
    // separates labels, as it does once SkyDNS prints the name). Elements are short: inline
    // loops beat memcpy calls.
    const char *k = key.data();
    std::uint16_t slashes[130];
    std::size_t ns = 0;
    for (std::size_t i = prefixEnd; i < key.size(); ++i) {
        if (k[i] != '/')
            continue;
        if (ns == 128)
            return false; // more than 127 labels cannot be a name
        slashes[ns++] = static_cast<std::uint16_t>(i);
    }
    slashes[ns] = static_cast<std::uint16_t>(key.size());
    char t[520];
    unsigned char w[520];
    char *tp = t;
    unsigned char *wp = w;
    for (std::size_t e = ns; e-- > 0;) {
        const char *c = k + slashes[e] + 1;
        const char *end = k + slashes[e + 1];
        unsigned char *lenPos = wp++;
        for (; c < end; ++c) {
            const char ch = *c;
            *tp++ = ch;
            if (ch == '.') {
                anyDot = true;
                const std::size_t l = static_cast<std::size_t>(wp - lenPos - 1);
                if (l == 0 || l > 63)
                    return false;
                *lenPos = static_cast<unsigned char>(l);
                lenPos = wp++;
                continue;
            }
            if (ch == '\\')
                return false;
            *wp++ = static_cast<unsigned char>(ch);
        }
        const std::size_t l = static_cast<std::size_t>(wp - lenPos - 1);
        if (l == 0 || l > 63 || static_cast<std::size_t>(wp - w) + 1 > dns::kMaxNameWire)
            return false;
        *lenPos = static_cast<unsigned char>(l);
        *tp++ = '.';
    }
    const std::size_t tn = static_cast<std::size_t>(tp - t);
    std::size_t wn = static_cast<std::size_t>(wp - w);
    w[wn++] = 0;
    text.assign(t, tn);
    wire.append(reinterpret_cast<const char *>(w), wn);
    if (dotted)
        *dotted = anyDot;
    return true;
}

// The word-at-a-time scans take the first byte in memory as the lowest-order one.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "word scans assume a little-endian target");

// zeroBytes has the high bit of each byte of v that is zero set, and no other bits (exact, unlike
// the cheaper test that may also flag bytes above a zero byte).
std::uint64_t zeroBytes(std::uint64_t v)
{
    constexpr std::uint64_t k7f = 0x7F7F7F7F7F7F7F7FULL;
    const std::uint64_t t = (v & k7f) + k7f;
    return ~(t | v | k7f);
}

} // namespace

bool keyTarget(const std::string &key, std::string &text, std::string &wire, bool *dotted)
{
    const std::size_t size = key.size();
    if (size < 2 || key[0] != '/' || size > 512)
        return false;
    // Keys are scanned eight bytes at a time from a zero-padded copy: slashes give the element
    // boundaries, a backslash sends the key to the callers' general path, a '.' (a label break
    // inside an element) to keyTargetBytes. The elements (short, one label each) are then copied
    // last to first with word moves into the text and the wire form.
    unsigned char kb[512 + 24];
    std::memcpy(kb, key.data(), size);
    std::memset(kb + size, 0, 24);
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    std::uint16_t slashes[130];
    std::size_t ns = 0;
    std::size_t prefixEnd = 0;
    for (std::size_t off = 0; off < size; off += 8) {
        std::uint64_t v;
        std::memcpy(&v, kb + off, 8);
        if (zeroBytes(v ^ (kOnes * '\\')))
            return false;
        std::uint64_t sl = zeroBytes(v ^ (kOnes * '/'));
        const std::uint64_t dots = zeroBytes(v ^ (kOnes * '.'));
        if (dots && prefixEnd && off + 8 > prefixEnd) // a dot at or after the prefix element
            return keyTargetBytes(key, text, wire, dotted);
        while (sl) {
            const std::size_t pos = off + static_cast<std::size_t>(__builtin_ctzll(sl)) / 8;
            sl &= sl - 1;
            if (pos == 0)
                continue; // the leading slash
            if (!prefixEnd) {
                prefixEnd = pos;
                if (dots && (dots >> 8 * (pos - off)) != 0) // a dot after the prefix element in this word
                    return keyTargetBytes(key, text, wire, dotted);
            }
            if (ns == 128)
                return false; // more than 127 labels cannot be a name
            slashes[ns++] = static_cast<std::uint16_t>(pos);
        }
    }
    if (!prefixEnd || prefixEnd + 1 >= size)
        return false;
    slashes[ns] = static_cast<std::uint16_t>(size);
    char t[520 + 16];
    unsigned char w[520 + 16];
    char *tp = t;
    unsigned char *wp = w;
    for (std::size_t e = ns; e-- > 0;) {
        const std::size_t start = slashes[e] + 1u;
        const std::size_t len = slashes[e + 1] - start;
        if (len == 0 || len > 63 || static_cast<std::size_t>(wp - w) + len + 2 > dns::kMaxNameWire)
            return false;
        *wp++ = static_cast<unsigned char>(len);
        // Whole words: the bytes past the element are overwritten by what follows. Two words
        // unconditionally (elements are short; a loop here became a slow `rep movs`), the rest
        // only for long elements.
        std::memcpy(tp, kb + start, 8);
        std::memcpy(tp + 8, kb + start + 8, 8);
        std::memcpy(wp, kb + start, 8);
        std::memcpy(wp + 8, kb + start + 8, 8);
        if (len > 16) {
            std::memcpy(tp + 16, kb + start + 16, len - 16);
            std::memcpy(wp + 16, kb + start + 16, len - 16);
        }
        tp += len;
        *tp++ = '.';
        wp += len;
    }
    *wp++ = 0;
    text.assign(t, static_cast<std::size_t>(tp - t));
    wire.append(reinterpret_cast<const char *>(w), static_cast<std::size_t>(wp - w));
    if (dotted)
        *dotted = false;
    return true;
}

} // namespace skydns::resolver::detail
