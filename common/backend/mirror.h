#pragma once

#include "backend/mirrorfeed.h"
#include "backend/snapshot.h"
#include "backend/store.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

namespace skydns::backend {

// MirrorState is what a Mirror reports about itself (for metrics, the admin API and the console).
struct MirrorState
{
    bool running = false;           // start() was called and stop() was not
    bool synced = false;            // a complete copy of the subtree has been loaded at least once
    std::int64_t staleSinceMs = 0;  // ms since the epoch at which etcd became unreachable; 0 = fresh
    std::string lastError;          // the last etcd error seen (kept after recovery)
    std::uint64_t generation = 0;   // generation of the current snapshot
    std::uint64_t etcdIndex = 0;    // etcd index the current snapshot reflects
    std::size_t recordCount = 0;    // records in the current snapshot
    std::size_t malformedCount = 0; // malformed values skipped in the current snapshot
    std::int64_t lastEventAtMs = 0; // ms since the epoch when the last watch event was applied
    std::int64_t lastEventLagUs = 0; // µs from the watch returning the last event to its snapshot being published
    std::uint64_t eventsApplied = 0; // watch events applied since start
    std::uint64_t fullReads = 0;     // complete reads of the subtree (1 after start; more after
                                     // compaction (etcd 401) or undecodable responses)
    std::uint64_t expiryRereads = 0; // keys read again around their expiration (TTL refreshes
                                     // do not reach watchers in etcd v2)

    // stale is true while etcd cannot be reached; answers then come from the last snapshot.
    bool stale() const { return staleSinceMs != 0; }
};

// Mirror keeps an in-memory copy of the etcd subtree "/<prefix>" (DESIGN principle 1): a full
// recursive read at start, and a recursive watch (a WatchFeed, started just before the read) that
// queues every later change. The mirror's thread applies what is queued and publishes it as a new
// immutable Snapshot with a higher generation (events that arrive together share one snapshot);
// readers take the current one with snapshot() and never wait for the writer. When etcd cannot be
// reached the last snapshot stays in service and the state turns stale; the watch retries with
// backoff (100 ms doubling to 5 s, with jitter) from its index, and the mirror reads everything
// again when etcd says that index was compacted (errorCode 401).
//
// On glibc, start() fixes the process's mmap threshold at 4 MiB (see mirror.cpp): without it the
// buffers of a big full read stay resident after they are freed.
class Mirror final : public QObject
{
    Q_OBJECT
public:
    // Options tunes the mirror; the defaults suit production.
    struct Options
    {
        std::chrono::milliseconds watchWait{10000};   // longest single watch request
        std::chrono::milliseconds backoffMin{100};    // first retry delay after an etcd failure
        std::chrono::milliseconds backoffMax{5000};   // longest retry delay
        // etcd v2 does not tell watchers about TTL refreshes (refresh=true), so the expiration we
        // hold can be out of date. A key whose expiration has not changed is read again
        // expiryLead before it (so a refreshed key never looks expired to the resolver) and, if
        // it is still there, expiryGrace after it (in case the expire event went missing).
        std::chrono::milliseconds expiryLead{1000};
        std::chrono::milliseconds expiryGrace{2000};
    };

    // Mirror mirrors "/<prefix>" of client's etcd. Nothing happens before start().
    Mirror(std::shared_ptr<EtcdClient> client, std::string prefix = "skydns", QObject *parent = nullptr);
    Mirror(std::shared_ptr<EtcdClient> client, std::string prefix, Options options, QObject *parent = nullptr);
    // ~Mirror stops the thread (see stop()).
    ~Mirror() override;

    // start begins the initial read and the watch on the mirror's thread; it returns at once.
    void start();
    // stop ends the mirror's thread promptly by cancelling the client (EtcdClient::cancel()), so
    // the client cannot be used again afterwards; the last snapshot stays available.
    void stop();

    // snapshot is the current snapshot: never null; unsynced (generation 0) before the first read.
    std::shared_ptr<const Snapshot> snapshot() const;
    // state is a consistent copy of the mirror's state.
    MirrorState state() const;
    // waitForSync blocks until the first complete read was published or timeout passed; returns
    // whether the mirror is synced.
    bool waitForSync(std::chrono::milliseconds timeout) const;

    // setWatchPausedForTest stops (true) or resumes (false) the watch loop after the request in
    // flight, so tests can let etcd compact the history the mirror still needs.
    void setWatchPausedForTest(bool paused);

Q_SIGNALS:
    // snapshotChanged is emitted from the mirror's thread after each snapshot is published; connect
    // with a queued (or auto) connection.
    void snapshotChanged(quint64 generation);
    // stateChanged is emitted (from one of the mirror's threads) when staleness changes.
    void stateChanged();

private:
    // Expiry is a scheduled check of a key's expiration.
    struct Expiry
    {
        std::int64_t checkAtMs;   // when to look
        std::int64_t expiresAtMs; // the expiration the key had when this was scheduled
        bool late;                // the check after the expiration (else the one before)
        std::string key;
        bool operator>(const Expiry &other) const { return checkAtMs > other.checkAtMs; }
    };

    void run();
    bool sync();
    void follow();
    void startFeed(std::uint64_t fromIndex);
    void retireFeed();
    void applyEvents(std::vector<WatchFeed::Event> &events);
    // readAll reads the whole subtree on a thread of its own, which keeps the result alive while
    // build uses it on the calling thread; returns what build returned.
    bool readAll(const std::function<bool(const EtcdResult &)> &build);
    bool fullRead(const EtcdResult &result);
    void releaseMemory();
    void applyEvent(const EtcdResult &event);
    void putValue(const std::string &key, const std::string &value, std::uint64_t index, std::int64_t expiresAtMs);
    void trackExpiry(const std::string &key, std::int64_t expiresAtMs);
    bool rereadExpired();
    std::chrono::milliseconds nextCheckWait() const;
    void publish();
    void markStale(const std::string &error);
    void markFresh();
    bool sleepFor(std::chrono::milliseconds delay);
    bool stopping() const { return m_stopping.load(); }

    const std::shared_ptr<EtcdClient> m_client;
    const std::string m_prefix;
    const std::string m_rootKey;
    const Options m_options;

    // Owned by the mirror's thread.
    Store m_store;
    std::uint64_t m_index = 0;
    std::priority_queue<Expiry, std::vector<Expiry>, std::greater<Expiry>> m_expiries;

    std::shared_ptr<const Snapshot> m_replaced; // the snapshot before the last full read, until unused
    std::shared_ptr<const Snapshot> m_snapshot; // accessed with std::atomic_load/atomic_store
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};

    mutable std::mutex m_mutex; // guards m_state, m_paused, the feed pointers and the waits below
    mutable std::condition_variable m_wake;
    MirrorState m_state;
    bool m_paused = false;
    std::unique_ptr<WatchFeed> m_feed;                      // replaced by the mirror's thread only
    std::vector<std::unique_ptr<WatchFeed>> m_retiredFeeds; // ending after their request in flight
};

} // namespace skydns::backend
