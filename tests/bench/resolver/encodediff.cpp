// encodediff checks that dns::encode writes byte for byte what the reference encoder (the encoder
// before the sibling-owner path, referenceencoder.inc) writes, over random messages built to hit
// every compression path: sibling owners (s1.g0.x., s2.g0.x.), repeated owners, escapes, one-label
// names, names without the trailing dot, invalid owners, compressible rdata, messages past the
// 0x4000 pointer range, and compression off.
//
// usage: encodediff [messages] [seed]   (exit status 1 on the first difference, printed)
#include "dns/wire.h"

#include "referenceencoder.inc"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace skydns;

namespace {

std::mt19937_64 rng;

std::size_t pick(std::size_t n)
{
    return static_cast<std::size_t>(rng() % n);
}

std::string label()
{
    static const char *const pool[] = {"s1", "s2", "s10", "g0", "svc", "skydns", "local", "a", "B", "xn--x",
                                       "abcdefghijklmnopqrstuvwxyz0123456789", "*", "s\\.1", "s\\0491", "w w"};
    if (pick(40) == 0)
        return std::string(64, 'x'); // too long: an invalid name
    if (pick(30) == 0)
        return std::string(1 + pick(63), char('a' + pick(26)));
    return pool[pick(sizeof pool / sizeof *pool)];
}

std::string name(const std::string &prev)
{
    // Often a sibling of the previous name, sometimes the same one, else a fresh name.
    const std::size_t dot = prev.find('.');
    const std::size_t r = pick(10);
    if (!prev.empty() && r < 5 && dot != std::string::npos && dot + 1 < prev.size())
        return label() + prev.substr(dot);
    if (!prev.empty() && r < 6)
        return prev;
    std::string n;
    const std::size_t labels = pick(8);
    for (std::size_t i = 0; i < labels; ++i)
        n += label() + ".";
    if (pick(8) == 0)
        n += label(); // no trailing dot
    if (n.empty())
        n = pick(2) ? "." : "";
    if (pick(50) == 0)
        n = "a..b."; // empty label
    return n;
}

std::string wireOf(const std::string &text)
{
    std::string w;
    if (!dns::nameToWire(text, w))
        w.assign(1, '\0');
    return w;
}

dns::Rr record(std::string &prev)
{
    dns::Rr r;
    r.owner = name(prev);
    prev = r.owner;
    r.ttl = static_cast<std::uint32_t>(rng());
    static const std::uint16_t types[] = {dns::kTypeA,   dns::kTypeSRV, dns::kTypeCNAME, dns::kTypeNS,
                                          dns::kTypePTR, dns::kTypeMX,  dns::kTypeSOA,   dns::kTypeTXT};
    r.type = types[pick(sizeof types / sizeof *types)];
    std::string scratch = prev;
    switch (r.type) {
    case dns::kTypeA:
        r.rdata.assign("\x0a\x00\x00\x01", 4);
        break;
    case dns::kTypeSRV:
        r.rdata = dns::rdataSrvWire(10, 33, 8080, wireOf(name(scratch)));
        break;
    case dns::kTypeCNAME:
    case dns::kTypeNS:
    case dns::kTypePTR:
        r.rdata = wireOf(name(scratch));
        if (pick(20) == 0)
            r.rdata += "x"; // not a single name: written as is
        break;
    case dns::kTypeMX:
        r.rdata = "\x00\x0a" + wireOf(name(scratch));
        break;
    case dns::kTypeSOA:
        r.rdata = wireOf(name(scratch)) + wireOf(name(scratch)) + std::string(20, '\x01');
        break;
    default:
        r.rdata = "\x05hello";
    }
    if (pick(4) == 0)
        prev = scratch; // the next owner relates to an rdata name instead
    return r;
}

dns::Message message()
{
    dns::Message m;
    m.header.id = static_cast<std::uint16_t>(rng());
    m.compress = pick(10) != 0;
    std::string prev;
    if (pick(10) != 0) {
        m.question.push_back({name(prev), dns::kTypeSRV, dns::kClassIN});
        prev = m.question.back().name;
    }
    const std::size_t big = pick(20) == 0 ? 700 : 40; // some past the 0x4000 pointer range
    for (std::size_t i = pick(big); i-- > 0;)
        m.answer.push_back(record(prev));
    for (std::size_t i = pick(8); i-- > 0;)
        m.authority.push_back(record(prev));
    for (std::size_t i = pick(big); i-- > 0;)
        m.additional.push_back(record(prev));
    m.edns.present = pick(2) != 0;
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    const long count = argc > 1 ? std::atol(argv[1]) : 100000;
    rng.seed(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1);
    std::string a, b;
    std::size_t bytes = 0;
    for (long i = 0; i < count; ++i) {
        const dns::Message m = message();
        dns::encode(m, a);
        dns::reference::encode(m, b);
        bytes += a.size();
        if (a != b) {
            std::printf("message %ld differs: %zu bytes, reference %zu\n", i, a.size(), b.size());
            for (const dns::Rr &r : m.answer)
                std::printf("  an %s %s\n", r.owner.c_str(), dns::typeName(r.type).c_str());
            for (const dns::Rr &r : m.additional)
                std::printf("  ad %s %s\n", r.owner.c_str(), dns::typeName(r.type).c_str());
            return 1;
        }
    }
    std::printf("%ld messages (%zu bytes) identical to the reference encoder\n", count, bytes);
    return 0;
}
