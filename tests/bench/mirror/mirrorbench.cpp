// mirrorbench measures the etcd Mirror: initial load time, resident memory per service, snapshot
// lookup cost and change propagation (set acknowledged -> snapshot published). Not a CTest test;
// tests/bench/mirror/run.sh drives it against a private etcd.
//
//   mirrorbench load    --etcd URL --from N --to M [--threads T]   write services sN..s(M-1)
//   mirrorbench measure --etcd URL --expect N [--changes C]        load, memory, lookups, propagation
#include "backend/etcdclient.h"
#include "backend/mirror.h"

#include <QCoreApplication>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace skydns::backend;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kBase = "/skydns/local/skydns/bench";

std::string argValue(int argc, char **argv, const std::string &name, const std::string &fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return argv[i + 1];
    return fallback;
}

// heapInUseKb is what malloc has handed out and not got back (glibc), to tell live data apart from
// freed memory the allocator keeps resident.
long heapInUseKb()
{
#if defined(__GLIBC__)
    const struct mallinfo2 info = mallinfo2();
    return long((info.uordblks + info.hblkhd) / 1024);
#else
    return -1;
#endif
}

long vmRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

std::string serviceJson(long i)
{
    return R"({"host":"10.)" + std::to_string((i >> 16) & 255) + "." + std::to_string((i >> 8) & 255) + "."
        + std::to_string(i & 255) + R"(","port":8080})";
}

std::shared_ptr<EtcdClient> makeClient(const std::string &url)
{
    EtcdOptions options;
    options.machines = {url};
    options.requestTimeout = std::chrono::seconds(300); // a recursive get of 1M keys is big
    return std::make_shared<EtcdClient>(options);
}

int load(const std::string &url, long from, long to, int threads)
{
    std::atomic<long> next{from};
    std::atomic<long> failures{0};
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            auto client = makeClient(url);
            for (long i = next++; i < to; i = next++) {
                if (!client->set(kBase + "/s" + std::to_string(i), serviceJson(i)).ok())
                    ++failures;
            }
        });
    }
    for (auto &w : workers)
        w.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("load: wrote %ld services in %.1f s (%.0f/s, %d threads), %ld failures\n", to - from, seconds,
                double(to - from) / seconds, threads, failures.load());
    return failures == 0 ? 0 : 1;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

int measure(const std::string &url, long expect, int changes)
{
    auto client = makeClient(url);
    Mirror mirror(client, "skydns");

    // Published snapshots as (etcd index, time), recorded on the mirror's thread.
    std::mutex mutex;
    std::condition_variable published;
    std::uint64_t publishedIndex = 0;
    Clock::time_point publishedAt;
    QObject::connect(&mirror, &Mirror::snapshotChanged, &mirror, [&](quint64) {
        const auto at = Clock::now();
        const std::uint64_t index = mirror.snapshot()->etcdIndex();
        std::lock_guard<std::mutex> lock(mutex);
        publishedIndex = index;
        publishedAt = at;
        published.notify_all();
    }, Qt::DirectConnection);

    // Warm the client up (connection pool, cpprest threads) so that the baseline includes it.
    client->get(kBase + "/warm-up");
    const long baselineKb = vmRssKb();
    const long baselineHeapKb = heapInUseKb();
    const auto start = Clock::now();
    mirror.start();
    if (!mirror.waitForSync(std::chrono::minutes(10))) {
        std::printf("measure: mirror did not sync: %s\n", mirror.state().lastError.c_str());
        return 1;
    }
    const double loadSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const long loadedKb = vmRssKb();
    const long loadedHeapKb = heapInUseKb();
    const auto state = mirror.state();
    std::printf("measure: initial load of %zu services (expected %ld) in %.2f s\n", state.recordCount, expect,
                loadSeconds);
    std::printf("measure: VmRSS baseline %ld kB, loaded %ld kB, delta %.1f MB = %.0f bytes/service\n", baselineKb,
                loadedKb, double(loadedKb - baselineKb) / 1024.0,
                double(loadedKb - baselineKb) * 1024.0 / double(std::max<std::size_t>(1, state.recordCount)));

    std::printf("measure: heap in use delta %.1f MB = %.0f bytes/service\n", double(loadedHeapKb - baselineHeapKb) / 1024.0,
                double(loadedHeapKb - baselineHeapKb) * 1024.0 / double(std::max<std::size_t>(1, state.recordCount)));

    if (std::getenv("MIRRORBENCH_MALLOC_STATS")) {
        malloc_trim(0);
        std::printf("measure: VmRSS after another malloc_trim: %ld kB\n", vmRssKb());
        malloc_stats();
    }

    // Exact lookups of random names, as the resolver does them.
    {
        const auto snapshot = mirror.snapshot();
        const int lookups = 1000000;
        std::vector<std::string> names;
        for (int i = 0; i < 1000; ++i)
            names.push_back("s" + std::to_string((i * 7919L) % std::max(1L, expect)) + ".bench.skydns.local.");
        std::size_t found = 0;
        const auto t0 = Clock::now();
        for (int i = 0; i < lookups; ++i)
            found += snapshot->records(names[std::size_t(i) % names.size()], false).records.size();
        const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / lookups;
        std::printf("measure: exact lookup %.0f ns each (%zu records found)\n", ns, found);
    }

    // Propagation: set acknowledged -> snapshot with that index published.
    std::vector<double> latenciesMs;
    int early = 0;
    for (int i = 0; i < changes; ++i) {
        const EtcdResult result = client->set(kBase + "/change", serviceJson(i));
        const auto acked = Clock::now();
        if (!result.ok()) {
            std::printf("measure: set failed: %s\n", result.message.c_str());
            return 1;
        }
        std::unique_lock<std::mutex> lock(mutex);
        if (!published.wait_for(lock, std::chrono::seconds(5), [&] { return publishedIndex >= result.node.modifiedIndex; })) {
            std::printf("measure: change %d not published within 5 s\n", i);
            return 1;
        }
        // The watch can deliver the event before the client has finished reading the PUT reply.
        if (publishedAt < acked)
            ++early;
        latenciesMs.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(publishedAt - acked).count()));
    }
    std::printf("measure: propagation over %d changes: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d published before "
                "the set returned, counted as 0)\n",
                changes, percentile(latenciesMs, 0.5), percentile(latenciesMs, 0.99),
                latenciesMs.empty() ? 0.0 : *std::max_element(latenciesMs.begin(), latenciesMs.end()), early);
    mirror.stop();
    return state.recordCount >= std::size_t(expect) ? 0 : 1; // a previous run may have left "change"
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s load|measure --etcd URL ...\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    const std::string url = argValue(argc, argv, "--etcd", "http://127.0.0.1:2379");
    if (mode == "load")
        return load(url, std::stol(argValue(argc, argv, "--from", "0")), std::stol(argValue(argc, argv, "--to", "100000")),
                    std::stoi(argValue(argc, argv, "--threads", "64")));
    if (mode == "measure")
        return measure(url, std::stol(argValue(argc, argv, "--expect", "100000")),
                       std::stoi(argValue(argc, argv, "--changes", "1000")));
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
