#include "backend/mirror.h"

#include "backend/etcdclient.h"
#include "backend/mirrorfeed.h"
#include "backend/wallclock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <future>
#include <iterator>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

Q_LOGGING_CATEGORY(lcMirror, "skydns.mirror")

namespace skydns::backend {

namespace {

bool isDelete(const std::string &action)
{
    return action == "delete" || action == "compareAndDelete" || action == "expire";
}

bool isWrite(const std::string &action)
{
    return action == "set" || action == "create" || action == "update" || action == "compareAndSwap";
}

void collectExpiries(const EtcdNode &node, std::vector<std::pair<std::int64_t, const std::string *>> &out)
{
    if (node.expiresAtMs != 0)
        out.emplace_back(node.expiresAtMs, &node.key);
    for (const EtcdNode &child : node.nodes)
        collectExpiries(child, out);
}

} // namespace

Mirror::Mirror(std::shared_ptr<EtcdClient> client, std::string prefix, QObject *parent)
    : Mirror(std::move(client), std::move(prefix), Options(), parent)
{
}

Mirror::Mirror(std::shared_ptr<EtcdClient> client, std::string prefix, Options options, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_prefix(std::move(prefix))
    , m_rootKey("/" + m_prefix)
    , m_options(options)
    , m_store(m_prefix)
    , m_snapshot(Snapshot::unsynced(m_prefix))
{
}

Mirror::Mirror(std::shared_ptr<Etcd3Client> client, std::string prefix, Options options, QObject *parent)
    : QObject(parent)
    , m_client3(std::move(client))
    , m_prefix(std::move(prefix))
    , m_rootKey("/" + m_prefix)
    , m_options(options)
    , m_store(m_prefix)
    , m_snapshot(Snapshot::unsynced(m_prefix))
{
}

Mirror::~Mirror()
{
    stop();
}

void Mirror::start()
{
#if defined(__GLIBC__)
    // A full read moves buffers of many MB (the response body). glibc's default raises its mmap
    // threshold after the first such buffer is freed, and later ones then stay in the heap of a
    // client thread where malloc_trim cannot return them. A fixed threshold keeps big buffers in
    // mmap, returned to the system as soon as they are freed.
    static std::once_flag mmapThreshold;
    std::call_once(mmapThreshold, [] { mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024); });
#endif
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_thread.joinable() || m_stopping)
        return;
    m_state.running = true;
    m_thread = std::thread([this] { run(); });
}

void Mirror::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_thread.joinable())
            return;
        m_stopping = true;
        m_state.running = false;
    }
    if (m_client)
        m_client->cancel();
    if (m_client3)
        m_client3->cancel();
    m_wake.notify_all();
    m_thread.join();
}

std::shared_ptr<const Snapshot> Mirror::snapshot() const
{
    return std::atomic_load(&m_snapshot);
}

MirrorState Mirror::state() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

bool Mirror::waitForSync(std::chrono::milliseconds timeout) const
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait_for(lock, timeout, [this] { return m_state.synced || m_stopping; });
    return m_state.synced;
}

void Mirror::setWatchPausedForTest(bool paused)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_paused = paused;
    if (m_feed)
        m_feed->setPaused(paused);
    if (m_feed3)
        m_feed3->setPaused(paused);
}

bool Mirror::sleepFor(std::chrono::milliseconds delay)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_stopping.load(); });
}

void Mirror::run()
{
    if (m_client3)
        return run3();
    Backoff backoff(m_options.backoffMin, m_options.backoffMax);
    while (!stopping()) {
        if (!sync()) {
            sleepFor(backoff.next());
            continue;
        }
        backoff.reset();
        follow();
    }
    // The client is cancelled by now, so every feed ends at once. They are joined outside m_mutex:
    // a feed's last callback takes it.
    std::vector<std::unique_ptr<WatchFeed>> feeds;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        feeds = std::move(m_retiredFeeds);
        feeds.push_back(std::move(m_feed));
    }
}

void Mirror::startFeed(std::uint64_t fromIndex)
{
    retireFeed();
    WatchFeed::Callbacks callbacks;
    callbacks.unreachable = [this](const std::string &error) { markStale(error); };
    callbacks.reachable = [this] { markFresh(); };
    callbacks.activity = [this] {
        { std::lock_guard<std::mutex> lock(m_mutex); } // no lost wake-up: the waiter checks under m_mutex
        m_wake.notify_all();
    };
    WatchFeed::Settings settings{m_options.watchWait, m_options.backoffMin, m_options.backoffMax};
    std::lock_guard<std::mutex> lock(m_mutex);
    m_feed = std::make_unique<WatchFeed>(m_client, m_rootKey, fromIndex, settings, std::move(callbacks), m_paused);
}

void Mirror::retireFeed()
{
    // A retired feed ends after its request in flight; it is destroyed (joined) once it has, and
    // outside m_mutex, which its last callback takes.
    std::vector<std::unique_ptr<WatchFeed>> finished;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_feed) {
            m_feed->retire();
            m_retiredFeeds.push_back(std::move(m_feed));
        }
        auto done = std::stable_partition(m_retiredFeeds.begin(), m_retiredFeeds.end(),
                                          [](const std::unique_ptr<WatchFeed> &f) { return !f->finished(); });
        std::move(done, m_retiredFeeds.end(), std::back_inserter(finished));
        m_retiredFeeds.erase(done, m_retiredFeeds.end());
    }
}

bool Mirror::sync()
{
    // The watch starts before the full read, from an index no later than the read's, so changes
    // made while a big tree is read and decoded are already being fetched: otherwise more than
    // 1000 of them (etcd's event history) would force yet another full read.
    const EtcdResult probe = m_client->get(m_rootKey + "/_skydns-mirror-index");
    if (probe.kind == EtcdResult::Kind::Cancelled)
        return false;
    if ((!probe.ok() && probe.kind != EtcdResult::Kind::EtcdError) || probe.etcdIndex == 0) {
        markStale(probe.message.empty() ? "cannot read " + m_rootKey : probe.message);
        return false;
    }
    startFeed(probe.etcdIndex + 1);

    const auto started = std::chrono::steady_clock::now();
    bool read = false;
    std::string error;
    std::chrono::steady_clock::time_point fetched;
    const bool cancelled = !readAll([&](const EtcdResult &result) {
        if (result.kind == EtcdResult::Kind::Cancelled)
            return false;
        fetched = std::chrono::steady_clock::now();
        error = result.message;
        read = fullRead(result);
        return true;
    });
    if (cancelled)
        return false;
    if (!read) {
        retireFeed();
        markStale(error.empty() ? "cannot read " + m_rootKey : error);
        return false;
    }
    if (m_index < probe.etcdIndex) {
        // Another cluster member answered the read from an older index: watch from there instead.
        startFeed(m_index + 1);
    }
    releaseMemory();
    m_replaced = snapshot();
    publish();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state.synced = true;
    }
    using std::chrono::milliseconds;
    const auto ms = [](auto d) { return std::chrono::duration_cast<milliseconds>(d).count(); };
    qCInfo(lcMirror).noquote() << "read" << m_rootKey.c_str() << "at etcd index" << m_index << ":"
                               << m_store.recordCount() << "records," << m_store.malformedCount() << "malformed, in"
                               << ms(std::chrono::steady_clock::now() - started) << "ms (etcd and decoding"
                               << ms(fetched - started) << "ms)";
    m_wake.notify_all(); // waitForSync
    markFresh();
    return true;
}

void Mirror::follow()
{
    while (!stopping()) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait_for(lock, nextCheckWait(), [this] { return m_stopping || m_feed->pending(); });
        }
        // The tree a full read replaced is freed here once no reader holds it any more, not by
        // the last reader (a resolver thread in the middle of a query) dropping it.
        if (m_replaced && m_replaced.use_count() == 1)
            m_replaced.reset();
        WatchFeed::Status status;
        std::string reason;
        std::vector<WatchFeed::Event> events = m_feed->take(&status, &reason);
        applyEvents(events);
        if (rereadExpired())
            publish();
        switch (status) {
        case WatchFeed::Status::Running:
            continue;
        case WatchFeed::Status::Compacted:
            qCInfo(lcMirror).noquote() << "etcd cleared the events after index" << m_index << "- reading"
                                       << m_rootKey.c_str() << "again";
            retireFeed();
            return;
        case WatchFeed::Status::Broken:
            qCWarning(lcMirror).noquote() << "undecodable watch response, reading" << m_rootKey.c_str()
                                          << "again:" << reason.c_str();
            retireFeed();
            return;
        case WatchFeed::Status::Cancelled:
        case WatchFeed::Status::Retired:
            return;
        }
    }
}

void Mirror::applyEvents(std::vector<WatchFeed::Event> &events)
{
    // Everything fetched since the last look is applied and published as one snapshot.
    std::size_t applied = 0;
    std::chrono::steady_clock::time_point received;
    for (WatchFeed::Event &event : events) {
        const std::uint64_t index = event.result.node.modifiedIndex;
        if (index != 0 && index <= m_index)
            continue; // fetched while the full read ran, and already part of it
        applyEvent(event.result);
        received = event.received;
        ++applied;
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

bool Mirror::readAll(const std::function<bool(const EtcdResult &)> &build)
{
    // The response of a big recursive get is decoded into several times the memory of the store.
    // A thread of its own reads it, so that garbage lands in another malloc arena than the store
    // built from it on this thread, and that thread also frees it: freed here, its chunks would go
    // to this thread's malloc cache and be handed out again for long-lived records, pinning the
    // reader's pages so that malloc_trim could not return them.
    std::promise<const EtcdResult *> fetched;
    std::promise<void> built;
    std::thread reader([&, done = built.get_future()]() mutable {
        auto result = std::make_unique<EtcdResult>(m_client->get(m_rootKey, true, false));
        fetched.set_value(result.get());
        done.wait();
        result.reset();
    });
    bool used = false;
    try {
        used = build(*fetched.get_future().get());
    } catch (...) {
        built.set_value();
        reader.join();
        throw;
    }
    built.set_value();
    reader.join();
    return used;
}

void Mirror::releaseMemory()
{
#if defined(__GLIBC__)
    // Give the decoded response's memory back to the system: it was several times the store's size.
    malloc_trim(0);
#endif
}

bool Mirror::fullRead(const EtcdResult &result)
{
    if (!result.ok() && !result.notFound())
        return false; // a missing prefix is an empty, synced tree; anything else is a failure
    m_expiries = {};
    std::vector<std::pair<std::int64_t, const std::string *>> expiries;
    if (result.ok())
        collectExpiries(result.node, expiries);
    for (const auto &[atMs, key] : expiries)
        trackExpiry(*key, atMs);

    Store store(m_prefix);
    if (result.ok())
        store = Store::fromEtcd(m_prefix, result.node);

    // Log only malformed values we had not reported already, so a re-read does not repeat them.
    store.malformed().forEach([this](const std::string &key, const std::string &error) {
        const std::string *known = m_store.malformed().find(key);
        if (!known || *known != error)
            qCWarning(lcMirror).noquote() << "skipping malformed value at" << key.c_str() << ":" << error.c_str();
        return true;
    });

    m_store = std::move(store);
    m_index = result.etcdIndex;

    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_state.fullReads;
    }
    return true;
}

void Mirror::putValue(const std::string &key, const std::string &value, std::uint64_t index, std::int64_t expiresAtMs)
{
    const Store::PutResult put = m_store.putValue(key, value, index, expiresAtMs);
    if (put.malformed && put.previousError != put.error)
        qCWarning(lcMirror).noquote() << "skipping malformed value at" << key.c_str() << ":" << put.error.c_str();
    else if (!put.malformed && put.previousError)
        qCInfo(lcMirror).noquote() << "value at" << key.c_str() << "is valid again";
    trackExpiry(key, expiresAtMs);
}

void Mirror::applyEvent(const EtcdResult &event)
{
    const EtcdNode &node = event.node;
    if (isDelete(event.action)) {
        m_store.remove(node.key);
    } else if (isWrite(event.action)) {
        if (node.dir) {
            m_store.putDirectory(node.key, node.modifiedIndex, node.expiresAtMs);
            trackExpiry(node.key, node.expiresAtMs);
        } else {
            putValue(node.key, node.value, node.modifiedIndex, node.expiresAtMs);
        }
    } else {
        qCWarning(lcMirror) << "ignoring unknown etcd action" << event.action.c_str() << "on" << node.key.c_str();
    }
    m_index = std::max(m_index, node.modifiedIndex);
}

void Mirror::publish()
{
    std::uint64_t generation;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        generation = ++m_state.generation;
        m_state.etcdIndex = m_index;
        m_state.recordCount = m_store.recordCount();
        m_state.malformedCount = m_store.malformedCount();
    }
    std::atomic_store(&m_snapshot, std::shared_ptr<const Snapshot>(std::make_shared<const Snapshot>(m_store, generation, m_index)));
    Q_EMIT snapshotChanged(generation);
}

void Mirror::markStale(const std::string &error)
{
    bool changed = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state.lastError = error;
        if (m_state.staleSinceMs == 0) {
            m_state.staleSinceMs = wallClockMs();
            changed = true;
        }
    }
    if (changed) {
        qCWarning(lcMirror).noquote() << "etcd unreachable, serving the last snapshot:" << error.c_str();
        Q_EMIT stateChanged();
    }
}

void Mirror::markFresh()
{
    std::int64_t since = 0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        since = m_state.staleSinceMs;
        m_state.staleSinceMs = 0;
    }
    if (since != 0) {
        qCInfo(lcMirror) << "etcd reachable again after" << (wallClockMs() - since) << "ms";
        Q_EMIT stateChanged();
    }
}

} // namespace skydns::backend
