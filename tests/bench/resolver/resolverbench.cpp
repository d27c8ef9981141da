// resolverbench measures resolve() alone (no sockets) on one thread: single-A answers and a
// 100-service SRV subdomain answer, each resolved and encoded to wire format, over 10,000
// services held by a MemoryBackend and by a mirror Snapshot.
//
// usage: resolverbench [seconds-per-case] [filter]   (default 3 seconds; filter: a substring of the
// case names below, e.g. "Snapshot" or "SRV", to profile one case)
#include "backend/memorybackend.h"
#include "backend/snapshot.h"
#include "backend/store.h"
#include "config/serviceconfig.h"
#include "dns/wire.h"
#include "resolver/resolver.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace skydns;

namespace {

constexpr int kGroups = 100;
constexpr int kPerGroup = 100; // 10,000 services

std::string key(int g, int i)
{
    return "/skydns/local/skydns/svc/g" + std::to_string(g) + "/s" + std::to_string(i);
}

std::string value(int g, int i)
{
    return "{\"host\":\"10." + std::to_string(g) + "." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1)
        + "\",\"port\":8080}";
}

dns::Query query(const std::string &name, std::uint16_t type, std::uint16_t id)
{
    dns::Query q;
    q.header.id = id;
    q.header.rd = true;
    q.question.name = name;
    q.question.type = type;
    q.question.cls = dns::kClassIN;
    q.hasQuestion = true;
    return q;
}

// cpuSeconds is this thread's CPU time: rates per CPU second stay meaningful on a loaded machine
// where other processes take turns on the core.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Result
{
    double perSecond = 0;    // per wall-clock second
    double perCpuSecond = 0; // per second of this thread's CPU time
    std::size_t bytes = 0;
    std::size_t answers = 0;
    std::size_t iterations = 0;
};

Result run(const backend::Backend &backend, const config::ServiceConfig &config, const std::vector<dns::Query> &queries,
           double seconds, bool parse)
{
    resolver::FastRandom random(42);
    std::string wire, query;
    std::vector<std::string> wires;
    if (parse) {
        for (const dns::Query &q : queries) {
            dns::Message m;
            m.header = q.header;
            m.question.push_back(q.question);
            wires.push_back(dns::encode(m));
        }
    }
    const std::int64_t now = 1700000000000;
    Result r;
    std::size_t n = 0;
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    double elapsed = 0;
    dns::Query parsed;
    while (elapsed < seconds) {
        for (int batch = 0; batch < 1000; ++batch, ++n) {
            const std::size_t i = n % queries.size();
            const dns::Query *q = &queries[i];
            if (parse) {
                if (dns::parseQuery(wires[i].data(), wires[i].size(), parsed) != dns::ParseStatus::Ok)
                    std::abort();
                q = &parsed;
            }
            const resolver::Reply reply = resolver::resolve(*q, backend, config, now, random);
            dns::encode(reply.message, wire);
            r.bytes = wire.size();
            r.answers = reply.message.answer.size();
        }
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    r.iterations = n;
    r.perSecond = double(n) / elapsed;
    r.perCpuSecond = double(n) / (cpuSeconds() - cpuStart);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    const std::string filter = argc > 2 ? argv[2] : "";
    // A filter ending in '$' must match the whole case name ("Snapshot single A$").
    auto wanted = [&](const std::string &name) {
        if (!filter.empty() && filter.back() == '$')
            return name == filter.substr(0, filter.size() - 1);
        return filter.empty() || name.find(filter) != std::string::npos;
    };
    // MemoryBackend loads through loadJson: its put() rescans every record per call.
    backend::MemoryBackend memory;
    backend::Store store("skydns");
    std::string fixture = "{";
    for (int g = 0; g < kGroups; ++g) {
        for (int i = 0; i < kPerGroup; ++i) {
            fixture += (fixture.size() > 1 ? ",\"" : "\"") + key(g, i) + "\":" + value(g, i);
            store.putValue(key(g, i), value(g, i), std::uint64_t(g * kPerGroup + i + 1), 0);
        }
    }
    fixture += "}";
    const bool useMemory = wanted("MemoryBackend single A") || wanted("MemoryBackend single A + parse")
        || wanted("MemoryBackend SRV");
    if (useMemory && !memory.loadJson(fixture))
        return 1;
    const backend::Snapshot snapshot(store, 1, 1);

    config::ServiceConfig config; // SkyDNS defaults: round robin on
    std::vector<dns::Query> singles, srvs;
    for (int k = 0; k < 1000; ++k) {
        const int g = (k * 37) % kGroups, i = (k * 53) % kPerGroup;
        singles.push_back(query("s" + std::to_string(i) + ".g" + std::to_string(g) + ".svc.skydns.local.", dns::kTypeA,
                                std::uint16_t(k)));
    }
    for (int g = 0; g < kGroups; ++g)
        srvs.push_back(query("g" + std::to_string(g) + ".svc.skydns.local.", dns::kTypeSRV, std::uint16_t(g)));

    struct Backends
    {
        const char *name;
        const backend::Backend *backend;
    } backends[] = {{"MemoryBackend", &memory}, {"Snapshot", &snapshot}};
    std::printf("services: %d, seconds per case: %.1f\n", kGroups * kPerGroup, seconds);
    for (const Backends &b : backends) {
        if (b.backend == &memory && !useMemory)
            continue;
        const std::string n = b.name;
        if (wanted(n + " single A")) {
            const Result a = run(*b.backend, config, singles, seconds, false);
            std::printf("%-14s single A          : %10.0f resolves/s wall, %10.0f per CPU-s  (%zu answer, %zu bytes, %zu runs)\n",
                        b.name, a.perSecond, a.perCpuSecond, a.answers, a.bytes, a.iterations);
        }
        if (wanted(n + " single A + parse")) {
            const Result ap = run(*b.backend, config, singles, seconds, true);
            std::printf("%-14s single A + parse  : %10.0f resolves/s wall, %10.0f per CPU-s\n", b.name, ap.perSecond,
                        ap.perCpuSecond);
        }
        if (wanted(n + " SRV")) {
            const Result s = run(*b.backend, config, srvs, seconds, false);
            std::printf("%-14s 100-service SRV   : %10.0f resolves/s wall, %10.0f per CPU-s  (%zu answers, %zu bytes, %zu runs)\n",
                        b.name, s.perSecond, s.perCpuSecond, s.answers, s.bytes, s.iterations);
        }
    }
    return 0;
}
