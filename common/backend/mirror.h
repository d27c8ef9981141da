#pragma once

#include "backend/etcd3client.h"
#include "backend/leaselookups.h"
#include "backend/mirrorfeed.h"
#include "backend/mirrorfeed3.h"
#include "backend/snapshot.h"
#include "backend/store.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
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
// With an Etcd3Client the mirror reads the v3 keys "/<prefix>/..." instead (issue 8): one prefix
// range (on the "/" boundary) gives the tree and its revision, a streaming watch (WatchFeed3) from
// the next revision keeps it current, and a compacted revision (ErrCompacted) means a full re-read.
// v3 has no directories: they are implied by keys and vanish with their last key. Keys attached
// to a lease expire with it (etcd deletes them, and the watch says so); answer TTLs count down from
// the lease's remaining time to live, which is looked up per lease and looked at again around its
// expiry, since keep-alives do not reach watchers (see mirrorlease.cpp). The first snapshot does
// not wait for those look-ups: until its lease's is in, a leased key answers with a TTL of 1 s.
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
    // Mirror mirrors the v3 keys "/<prefix>/..." of client's etcd (-etcd3). Nothing happens before start().
    Mirror(std::shared_ptr<Etcd3Client> client, std::string prefix, Options options, QObject *parent = nullptr);
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

    // LeaseCheck is a scheduled look at a v3 lease's time to live (mirrorlease.cpp).
    struct LeaseCheck
    {
        std::int64_t checkAtMs;
        std::int64_t expiresAtMs; // the expiry the lease had when this was scheduled
        bool late;                // the check after the expiry (else the one before)
        std::int64_t lease;
        bool operator>(const LeaseCheck &other) const { return checkAtMs > other.checkAtMs; }
    };
    // Lease is what the mirror knows of a v3 lease: its expiry and the keys attached to it.
    struct Lease
    {
        std::int64_t expiresAtMs = 0;
        std::set<std::string> keys;
        bool pending = false; // its time to live is not known yet (keys answer with a 1 s TTL)
    };

    void run();
    // The v3 loop (mirror3.cpp).
    void run3();
    bool sync3();
    void follow3();
    void startFeed3(std::int64_t fromRevision);
    void retireFeed3();
    void applyBatches3(std::vector<WatchFeed3::Event> &events);
    void applyEvent3(const Etcd3Event &event);
    // Lease bookkeeping of the v3 mirror (mirrorlease.cpp).
    void resetLeases();
    std::int64_t leaseExpiry(std::int64_t lease);
    void startLeaseLookups(const std::vector<Etcd3KeyValue> &kvs);
    void launchLeaseLookups();
    bool takeLeaseLookups();
    bool settleLease(std::int64_t lease, std::int64_t sentMs, const Etcd3Result &result);
    bool refreshPendingKeys();
    void attachLease(const std::string &key, std::int64_t lease);
    bool checkLeases();
    bool refreshLeaseKeys(std::int64_t lease);
    std::chrono::milliseconds nextLeaseCheckWait() const;
    bool leaseLookupsReady() const;
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

    const std::shared_ptr<EtcdClient> m_client;   // v2 (null for a v3 mirror)
    const std::shared_ptr<Etcd3Client> m_client3; // v3 (null for a v2 mirror)
    const std::string m_prefix;
    const std::string m_rootKey;
    const Options m_options;

    // Owned by the mirror's thread.
    Store m_store;
    std::uint64_t m_index = 0;
    std::priority_queue<Expiry, std::vector<Expiry>, std::greater<Expiry>> m_expiries;
    std::map<std::int64_t, Lease> m_leases;                   // v3: leases of the mirrored keys
    std::unordered_map<std::string, std::int64_t> m_keyLease; // v3: key -> its lease
    std::priority_queue<LeaseCheck, std::vector<LeaseCheck>, std::greater<LeaseCheck>> m_leaseChecks;
    // v3: the keys of pending leases as read (re-put when their lease is known) and their
    // provisional expiry, moved on before it passes.
    std::unordered_map<std::string, Etcd3KeyValue> m_pendingKvs;
    std::int64_t m_provisionalUntilMs = 0;
    std::int64_t m_provisionalWindowMs = 1000; // how far ahead; grows when a pass takes long
    std::unique_ptr<LeaseLookups> m_leaseLookups; // v3: the look-ups after a full read
    std::chrono::steady_clock::time_point m_leaseLookupsStarted;

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
    std::unique_ptr<WatchFeed3> m_feed3;                      // v3: replaced by the mirror's thread only
    std::vector<std::unique_ptr<WatchFeed3>> m_retiredFeeds3; // v3: ending after their stream in flight
};

} // namespace skydns::backend
