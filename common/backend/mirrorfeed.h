#pragma once

#include "backend/etcdclient.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace skydns::backend {

// Backoff is the retry delay after an etcd failure: min doubling to max, with ±25 % jitter so that
// many mirrors of one etcd do not retry in lock-step after an outage.
class Backoff
{
public:
    Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max);
    // next is the delay to wait now; each call doubles the following one up to max.
    std::chrono::milliseconds next();
    // reset starts again from min (after a success).
    void reset() { m_next = m_min; }

private:
    std::chrono::milliseconds m_min, m_max, m_next;
    std::mt19937 m_random;
};

// WatchFeed runs one recursive etcd watch from an index on a thread of its own and queues the
// events it receives, so that changes keep being fetched while the Mirror reads the whole tree or
// applies earlier events (which also lets it apply several at once). It survives etcd outages
// (retrying with Backoff from the same index) and ends when etcd says the index was compacted
// (401), when a response cannot be decoded, or when the client is cancelled.
class WatchFeed
{
public:
    // Event is one watch response and when it arrived.
    struct Event
    {
        EtcdResult result;
        std::chrono::steady_clock::time_point received;
    };

    // Status tells whether the feed still runs and, if not, why it ended.
    enum class Status { Running, Compacted, Broken, Cancelled, Retired };

    // Settings are the mirror's timing options.
    struct Settings
    {
        std::chrono::milliseconds watchWait{10000};
        std::chrono::milliseconds backoffMin{100};
        std::chrono::milliseconds backoffMax{5000};
    };

    // Callbacks report to the mirror, from the feed's thread: etcd could not be reached (with the
    // error), etcd answered, and something was queued or the feed ended.
    struct Callbacks
    {
        std::function<void(const std::string &)> unreachable;
        std::function<void()> reachable;
        std::function<void()> activity;
    };

    // WatchFeed starts watching key from fromIndex at once.
    WatchFeed(std::shared_ptr<EtcdClient> client, std::string key, std::uint64_t fromIndex, Settings settings,
              Callbacks callbacks, bool paused);
    // ~WatchFeed retires the feed and waits for its thread (at most one watch request).
    ~WatchFeed();
    WatchFeed(const WatchFeed &) = delete;
    WatchFeed &operator=(const WatchFeed &) = delete;

    // take removes and returns every queued event, and the status (with the reason it ended).
    std::vector<Event> take(Status *status, std::string *reason);
    // pending is true when events are queued or the feed has ended.
    bool pending() const;
    // setPaused holds the feed before its next request (tests).
    void setPaused(bool paused);
    // retire asks the feed to end after the request in flight; finished tells when it has.
    void retire();
    bool finished() const;

private:
    void run();
    void end(Status status, std::string reason);
    bool sleepFor(std::chrono::milliseconds delay);

    const std::shared_ptr<EtcdClient> m_client;
    const std::string m_key;
    const Settings m_settings;
    const Callbacks m_callbacks;
    std::uint64_t m_next; // the feed thread's next waitIndex

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Event> m_events;
    Status m_status = Status::Running;
    std::string m_reason;
    bool m_paused;
    bool m_retired = false;
    std::thread m_thread;
};

} // namespace skydns::backend
