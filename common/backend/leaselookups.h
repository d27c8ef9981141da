#pragma once

#include "backend/etcd3client.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace skydns::backend {

// LeaseLookups looks up the time to live of many v3 leases on threads of its own, with at most
// inFlight calls at once, for the Mirror after a full read: etcd has no bulk time-to-live, and one
// round trip after another made a tree with thousands of leases take seconds. The results are
// queued for the mirror's thread, which is told through activity (called without any lock held).
// A look-up that fails (etcd unreachable, an error) is logged and tried again retryAfter later, on
// the same threads, so the mirror's thread never waits for etcd here.
class LeaseLookups
{
public:
    // Done is one lookup: the lease, when its call was sent (ms since the Unix epoch), etcd's answer.
    struct Done
    {
        std::int64_t lease = 0;
        std::int64_t sentMs = 0;
        Etcd3Result result;
    };

    // LeaseLookups starts looking up leases at once, with at most inFlight (>= 1) calls at a time.
    LeaseLookups(std::shared_ptr<Etcd3Client> client, std::vector<std::int64_t> leases, std::size_t inFlight,
                 std::chrono::milliseconds retryAfter, std::function<void()> activity);
    // ~LeaseLookups starts no more calls and waits for those in flight (a cancelled client ends
    // them at once).
    ~LeaseLookups();
    LeaseLookups(const LeaseLookups &) = delete;
    LeaseLookups &operator=(const LeaseLookups &) = delete;

    // take removes and returns the lookups done so far.
    std::vector<Done> take();
    // ready is true when lookups are done and not yet taken.
    bool ready() const;
    // remaining is the number of leases not taken yet (queued, in flight, waiting to be tried
    // again, or done).
    std::size_t remaining() const;

private:
    void work();

    // Queued is a lease to look up, not before notBefore (a retry).
    struct Queued
    {
        std::int64_t lease;
        std::chrono::steady_clock::time_point notBefore;
    };

    const std::shared_ptr<Etcd3Client> m_client;
    const std::chrono::milliseconds m_retryAfter;
    const std::function<void()> m_activity;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Queued> m_queue; // in notBefore order: retries go to the back with the latest time
    std::vector<Done> m_done;
    std::size_t m_remaining;
    std::uint64_t m_failures = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace skydns::backend
