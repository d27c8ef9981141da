#include "backend/mirror.h"

#include "backend/etcd3codec.h"
#include "backend/etcd3store.h"
#include "backend/wallclock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <iterator>

// The Mirror's v3 loop (issue 8): a prefix range at the current revision, then a streaming watch
// from the next one (WatchFeed3). Shares the snapshot publishing and staleness of mirror.cpp.

Q_DECLARE_LOGGING_CATEGORY(lcMirror)

namespace skydns::backend {

void Mirror::run3()
{
    Backoff backoff(m_options.backoffMin, m_options.backoffMax);
    while (!stopping()) {
        if (!sync3()) {
            sleepFor(backoff.next());
            continue;
        }
        backoff.reset();
        follow3();
    }
    // The client is cancelled by now, so every feed and lease look-up ends at once; joined
    // outside m_mutex, which their last callbacks take.
    m_leaseLookups.reset();
    std::vector<std::unique_ptr<WatchFeed3>> feeds;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        feeds = std::move(m_retiredFeeds3);
        feeds.push_back(std::move(m_feed3));
    }
}

void Mirror::startFeed3(std::int64_t fromRevision)
{
    retireFeed3();
    WatchFeed3::Callbacks callbacks;
    callbacks.unreachable = [this](const std::string &error) { markStale(error); };
    callbacks.reachable = [this] { markFresh(); };
    callbacks.activity = [this] {
        { std::lock_guard<std::mutex> lock(m_mutex); } // no lost wake-up: the waiter checks under m_mutex
        m_wake.notify_all();
    };
    WatchFeed3::Settings settings{m_options.watchWait, m_options.backoffMin, m_options.backoffMax};
    std::lock_guard<std::mutex> lock(m_mutex);
    m_feed3 = std::make_unique<WatchFeed3>(m_client3, m_rootKey + "/", fromRevision, settings, std::move(callbacks),
                                           m_paused);
}

void Mirror::retireFeed3()
{
    std::vector<std::unique_ptr<WatchFeed3>> finished;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_feed3) {
            m_feed3->retire();
            m_retiredFeeds3.push_back(std::move(m_feed3));
        }
        auto done = std::stable_partition(m_retiredFeeds3.begin(), m_retiredFeeds3.end(),
                                          [](const std::unique_ptr<WatchFeed3> &f) { return !f->finished(); });
        std::move(done, m_retiredFeeds3.end(), std::back_inserter(finished));
        m_retiredFeeds3.erase(done, m_retiredFeeds3.end());
    }
}

bool Mirror::sync3()
{
    // v3 keeps every revision until a compaction, not the last 1000 events as v2 does, so the
    // watch can start after the read, from the revision the read reflects.
    const auto started = std::chrono::steady_clock::now();
    const Etcd3Result result = m_client3->rangePrefix(m_rootKey + "/");
    if (result.kind == Etcd3Result::Kind::Cancelled)
        return false;
    if (!result.ok() || result.revision <= 0) {
        markStale(result.message.empty() ? "cannot read " + m_rootKey + "/ (v3)" : result.message);
        return false;
    }
    // The leases are looked up after the snapshot is published (mirrorlease.cpp): with
    // thousands of them, waiting would keep the service answering REFUSED for seconds.
    resetLeases();
    startLeaseLookups(result.kvs);
    Store store = etcd3StoreFromRange(m_prefix, result.kvs, [this](std::int64_t lease) {
        const auto it = m_leases.find(lease);
        if (it == m_leases.end())
            return std::int64_t(0);
        return it->second.pending ? m_provisionalUntilMs : it->second.expiresAtMs;
    });
    for (const Etcd3KeyValue &kv : result.kvs)
        attachLease(kv.key, kv.lease);

    // Log only malformed values we had not reported already, so a re-read does not repeat them.
    store.malformed().forEach([this](const std::string &key, const std::string &error) {
        const std::string *known = m_store.malformed().find(key);
        if (!known || *known != error)
            qCWarning(lcMirror).noquote() << "skipping malformed value at" << key.c_str() << ":" << error.c_str();
        return true;
    });
    m_store = std::move(store);
    m_index = std::uint64_t(result.revision);
    // A big tree can take longer to build than the provisional expiry its leased keys got.
    refreshPendingKeys();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_state.fullReads;
    }
    startFeed3(result.revision + 1);
    publish();
    launchLeaseLookups();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state.synced = true;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    qCInfo(lcMirror).noquote() << "read" << (m_rootKey + "/").c_str() << "(etcd v3) at revision" << m_index << ":"
                               << m_store.recordCount() << "records," << m_store.malformedCount() << "malformed,"
                               << m_leases.size() << "leases (looked up from now on), in" << ms.count() << "ms";
    m_wake.notify_all(); // waitForSync
    markFresh();
    return true;
}

void Mirror::follow3()
{
    while (!stopping()) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait_for(lock, nextLeaseCheckWait(),
                            [this] { return m_stopping || m_feed3->pending() || leaseLookupsReady(); });
        }
        WatchFeed3::Status status;
        std::string reason;
        std::vector<WatchFeed3::Event> events = m_feed3->take(&status, &reason);
        applyBatches3(events);
        bool changed = takeLeaseLookups();
        changed = refreshPendingKeys() || changed;
        changed = checkLeases() || changed;
        if (changed)
            publish();
        switch (status) {
        case WatchFeed3::Status::Running:
            continue;
        case WatchFeed3::Status::Compacted:
            qCInfo(lcMirror).noquote() << "etcd compacted the revisions after" << m_index << "(" << reason.c_str()
                                       << ") - reading" << m_rootKey.c_str() << "again";
            retireFeed3();
            return;
        case WatchFeed3::Status::Broken:
            qCWarning(lcMirror).noquote() << "undecodable watch response, reading" << m_rootKey.c_str()
                                          << "again:" << reason.c_str();
            retireFeed3();
            return;
        case WatchFeed3::Status::Cancelled:
        case WatchFeed3::Status::Retired:
            return;
        }
    }
}

void Mirror::applyBatches3(std::vector<WatchFeed3::Event> &events)
{
    // Everything fetched since the last look is applied and published as one snapshot.
    // Changes of one revision (a transaction, a revoked lease's keys) share their mod_revision:
    // only what the full read already holds is skipped, not the rest of a revision just applied.
    const std::uint64_t before = m_index;
    std::size_t applied = 0;
    std::chrono::steady_clock::time_point received;
    for (WatchFeed3::Event &event : events) {
        for (const Etcd3Event &change : event.batch.events) {
            if (std::uint64_t(change.kv.modRevision) <= before)
                continue; // already part of the full read
            applyEvent3(change);
            ++applied;
        }
        received = event.received;
    }
    if (applied == 0)
        return;
    publish();
    const auto lag = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - received);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_state.eventsApplied += applied;
    m_state.lastEventAtMs = wallClockMs();
    m_state.lastEventLagUs = lag.count();
}

void Mirror::applyEvent3(const Etcd3Event &event)
{
    const Etcd3KeyValue &kv = event.kv;
    m_pendingKvs.erase(kv.key);
    if (event.type == Etcd3Event::Type::Put) {
        // A key put on a lease still being looked up gets its provisional expiry and waits with
        // the keys read (mirrorlease.cpp); any other lease is looked up now if it is new.
        const auto known = m_leases.find(kv.lease);
        const bool pending = kv.lease != 0 && known != m_leases.end() && known->second.pending;
        std::int64_t expiry = 0;
        if (pending)
            expiry = m_provisionalUntilMs;
        else if (kv.lease != 0)
            expiry = std::max<std::int64_t>(leaseExpiry(kv.lease), 0);
        const Store::PutResult put = m_store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), expiry);
        if (put.malformed && put.previousError != put.error)
            qCWarning(lcMirror).noquote() << "skipping malformed value at" << kv.key.c_str() << ":" << put.error.c_str();
        else if (!put.malformed && put.previousError)
            qCInfo(lcMirror).noquote() << "value at" << kv.key.c_str() << "is valid again";
        attachLease(kv.key, kv.lease);
        if (pending)
            m_pendingKvs[kv.key] = kv;
    } else {
        etcd3ApplyEvent(m_store, event);
        attachLease(kv.key, 0);
    }
    m_index = std::max(m_index, std::uint64_t(kv.modRevision));
}

} // namespace skydns::backend
