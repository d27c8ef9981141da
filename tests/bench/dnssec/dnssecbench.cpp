// dnssecbench measures DNSSEC cost without sockets, on one thread (issue 5):
//  1. the mixed query file of tests/bench/service (1000 names: A, AAAA, every third SRV), resolved
//     and encoded, unsigned (DO=0) and signed (DO=1) with a warm signature cache, alternating in
//     one run so both see the same machine load; rates per CPU second;
//  2. cold signing: RRSIGs per CPU second for ECDSA P-256, ED25519 and RSA-2048 (cache off).
//
// usage: dnssecbench [seconds-per-case]   (default 3)
#include "backend/memorybackend.h"
#include "config/serviceconfig.h"
#include "dns/wire.h"
#include "dnssec/keypair.h"
#include "dnssec/keytools.h"
#include "dnssec/rrsig.h"
#include "dnssec/zonesigner.h"
#include "resolver/resolver.h"

#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace skydns;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Q
{
    std::string name;
    std::uint16_t type;
};

std::int64_t nowMs()
{
    return static_cast<std::int64_t>(std::time(nullptr)) * 1000;
}

// run resolves the query list round and round for `seconds` CPU seconds; returns queries/s.
double run(const std::vector<Q> &qs, const backend::Backend &b, const config::ServiceConfig &cfg,
           const resolver::Signer *signer, bool dnssecOk, double seconds, std::size_t *bytes)
{
    resolver::FastRandom random(7);
    std::string wire;
    std::size_t n = 0;
    *bytes = 0;
    const double start = cpuSeconds();
    double now = start;
    const std::int64_t clock = nowMs();
    while (now - start < seconds) {
        for (int i = 0; i < 100; ++i, ++n) {
            const Q &q = qs[n % qs.size()];
            dns::Query query;
            query.header.id = static_cast<std::uint16_t>(n);
            query.header.rd = true;
            query.question = {q.name, q.type, dns::kClassIN};
            query.hasQuestion = true;
            query.edns.present = true;
            query.edns.udpSize = 4096;
            query.edns.dnssecOk = dnssecOk;
            dns::Message m = resolver::resolve(query, b, cfg, clock, random, nullptr, signer).message;
            dns::fit(m, 4096, false, wire);
            *bytes += wire.size();
        }
        now = cpuSeconds();
    }
    *bytes /= n;
    return double(n) / (now - start);
}

} // namespace

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    backend::MemoryBackend b("skydns");
    std::vector<Q> qs;
    for (int n = 0; n < 1000; ++n) {
        const std::string name = "svc" + std::to_string(n) + ".bench.skydns.local.";
        const bool v4 = n < 600;
        const std::string host = v4 ? "10.1." + std::to_string(n / 256) + "." + std::to_string(n % 256)
                                    : "fd00::" + std::to_string(n);
        b.put("/skydns/local/skydns/bench/svc" + std::to_string(n), "{\"host\":\"" + host + "\",\"port\":80}");
        qs.push_back({name, n % 3 == 0 ? dns::kTypeSRV : v4 ? dns::kTypeA : dns::kTypeAAAA});
    }

    QTemporaryDir dir;
    std::string error, base;
    auto key = dnssec::generateKeyPair(dnssec::kEcdsaP256Sha256, true, "skydns.local.", &error);
    if (!key || !dnssec::writeKeyFiles(*key, dir.path().toStdString(), &base, &error)) {
        std::fprintf(stderr, "key: %s\n", error.c_str());
        return 1;
    }
    config::ServiceConfig cfg;
    cfg.dnssec = base;
    dnssec::ZoneSigner signer;
    if (!signer.reload(cfg, &error)) {
        std::fprintf(stderr, "signer: %s\n", error.c_str());
        return 1;
    }
    std::size_t bytes = 0;
    run(qs, b, cfg, &signer, true, 0.5, &bytes); // warm the signature cache
    std::printf("mixed file (1000 names, A/AAAA/SRV), resolve + encode, one thread, ECDSAP256SHA256 key\n");
    double unsignedSum = 0, signedSum = 0;
    std::size_t ub = 0, sb = 0;
    for (int round = 0; round < 3; ++round) { // alternate so load changes hit both alike
        unsignedSum += run(qs, b, cfg, &signer, false, seconds / 3, &ub);
        signedSum += run(qs, b, cfg, &signer, true, seconds / 3, &sb);
    }
    std::printf("  unsigned (DO=0):           %10.0f q/s  (%zu bytes/answer)\n", unsignedSum / 3, ub);
    std::printf("  signed (DO=1, warm cache): %10.0f q/s  (%zu bytes/answer)\n", signedSum / 3, sb);
    std::printf("  ratio signed/unsigned:     %10.2f\n", signedSum / unsignedSum);
    std::printf("  signature cache: %llu hits, %llu misses\n", static_cast<unsigned long long>(signer.cacheHits()),
                static_cast<unsigned long long>(signer.cacheMisses()));

    std::printf("cold signing (no cache): one A RRset, RRSIGs per CPU second\n");
    const unsigned char addr[4] = {10, 0, 0, 1};
    dns::Rr rr{"svc1.bench.skydns.local.", dns::kTypeA, dns::kClassIN, 3600, dns::rdataA(addr)};
    dnssec::CanonicalRrset set;
    dnssec::canonicalRrset({&rr}, 3600, set);
    for (int alg : {dnssec::kEcdsaP256Sha256, dnssec::kEd25519, dnssec::kRsaSha256}) {
        auto k = dnssec::generateKeyPair(alg, false, "skydns.local.", &error, 2048);
        std::size_t n = 0;
        const double start = cpuSeconds();
        double now = start;
        const auto t = static_cast<std::uint32_t>(std::time(nullptr));
        while (now - start < seconds / 3) {
            for (int i = 0; i < 20; ++i, ++n)
                if (dnssec::signRrset(*k, set, t - 10800, t + 604800 + static_cast<std::uint32_t>(n)).empty())
                    return 1;
            now = cpuSeconds();
        }
        std::printf("  %-16s %10.0f signatures/s\n", (dnssec::algorithmName(alg) + (alg == dnssec::kRsaSha256 ? "-2048" : "")).c_str(),
                    double(n) / (now - start));
    }
    return 0;
}
