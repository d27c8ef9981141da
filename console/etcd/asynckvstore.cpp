#include "etcd/asynckvstore.h"

#include <QMutexLocker>
#include <QPointer>
#include <QThread>

#include <chrono>

Q_LOGGING_CATEGORY(lcConsoleEtcd, "skydns.console.etcd")

namespace skydns::console {

AsyncKvStore::AsyncKvStore(QObject *parent)
    : KvStore(parent)
{
    // A few requests in flight are enough for a console (a tree expanding several nodes while an
    // editor saves); more would only queue at etcd.
    m_pool.setMaxThreadCount(4);
    // Idle workers go away: a console left open should not keep threads for nothing.
    m_pool.setExpiryTimeout(10000);
}

AsyncKvStore::~AsyncKvStore()
{
    // Subclasses call shutdown() first; this is only the safety net for the base's own members.
    stopWatchLoop();
    m_pool.waitForDone();
}

void AsyncKvStore::shutdown(const std::function<void()> &cancelAll)
{
    stopWatchLoop();
    if (cancelAll)
        cancelAll();
    m_pool.waitForDone();
}

void AsyncKvStore::run(std::function<KvResult()> work, QObject *context, KvCallback done)
{
    // The guard is made here, on the caller's thread; it is only read back on the store's thread.
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    m_pool.start([this, work = std::move(work), done = std::move(done), guard, hasContext]() mutable {
        KvResult result = work();
        // Posted to the store: the store waits for this pool in its destructor, so `this` is alive
        // here, and the event is dropped if the store is deleted before it is delivered.
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result), done = std::move(done), guard, hasContext]() {
                if (!done)
                    return;
                if (!hasContext) {
                    done(result);
                    return;
                }
                QObject *context = guard.data();
                if (!context)
                    return; // the view went away meanwhile: nobody to tell
                if (context->thread() == thread()) {
                    done(result);
                    return;
                }
                // A context on another thread gets an event of its own, dropped with it.
                QMetaObject::invokeMethod(context, [done, result]() { done(result); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    });
}

void AsyncKvStore::startWatchLoop(WatchLoop loop, std::function<void()> cancel)
{
    stopWatchLoop();
    auto control = std::make_shared<WatchControl>();
    control->m_store = this;
    control->m_generation = ++m_generation;
    {
        QMutexLocker lock(&m_pendingMutex);
        m_pending.clear();
        m_pendingGeneration = control->m_generation;
        m_flushScheduled = false;
    }
    m_watch = control;
    m_watchCancel = std::move(cancel);
    m_watchThread = std::thread([control, loop = std::move(loop)]() { loop(*control); });
}

void AsyncKvStore::stopWatchLoop()
{
    if (!m_watch)
        return;
    m_watch->m_stop = true;
    if (m_watchCancel)
        m_watchCancel();
    if (m_watchThread.joinable())
        m_watchThread.join();
    m_watch.reset();
    m_watchCancel = nullptr;
    ++m_generation; // reports of the stopped loop still in the event queue are dropped
    QMutexLocker lock(&m_pendingMutex);
    m_pending.clear();
    m_flushScheduled = false;
}

void AsyncKvStore::queue(quint64 generation, WatchEvent event)
{
    QMutexLocker lock(&m_pendingMutex);
    if (generation != m_pendingGeneration)
        return;
    m_pending.append(std::move(event));
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // One flush per burst: a v2 watch hands out one event per request, and a view would rather
    // get them as one batch than as thousands of signals.
    QMetaObject::invokeMethod(this, [this, generation]() { flush(generation); }, Qt::QueuedConnection);
}

void AsyncKvStore::flush(quint64 generation)
{
    QList<WatchEvent> events;
    {
        QMutexLocker lock(&m_pendingMutex);
        if (generation != m_generation || generation != m_pendingGeneration)
            return;
        events.swap(m_pending);
        m_flushScheduled = false;
    }
    QList<KvChange> changes;
    for (const WatchEvent &event : events) {
        if (event.kind == WatchEvent::Kind::Change) {
            changes.append(event.change);
            continue;
        }
        if (!changes.isEmpty())
            Q_EMIT changed(std::exchange(changes, {}));
        if (generation != m_generation)
            return; // a receiver stopped or replaced the watch
        if (event.kind == WatchEvent::Kind::Resync)
            Q_EMIT resyncNeeded();
        else
            Q_EMIT connectionStateChanged(event.connected, event.message);
        if (generation != m_generation)
            return;
    }
    if (!changes.isEmpty())
        Q_EMIT changed(changes);
}

void AsyncKvStore::WatchControl::change(const KvChange &change)
{
    WatchEvent event;
    event.change = change;
    m_store->queue(m_generation, std::move(event));
}

void AsyncKvStore::WatchControl::resync()
{
    WatchEvent event;
    event.kind = WatchEvent::Kind::Resync;
    m_store->queue(m_generation, std::move(event));
}

void AsyncKvStore::WatchControl::connection(bool connected, const QString &message)
{
    if (connected == m_connected)
        return;
    m_connected = connected;
    WatchEvent event;
    event.kind = WatchEvent::Kind::Connection;
    event.connected = connected;
    event.message = message;
    m_store->queue(m_generation, std::move(event));
}

bool AsyncKvStore::WatchControl::sleep(int ms) const
{
    using namespace std::chrono;
    const auto end = steady_clock::now() + milliseconds(ms);
    while (steady_clock::now() < end) {
        if (m_stop)
            return false;
        std::this_thread::sleep_for(milliseconds(50));
    }
    return !m_stop;
}

} // namespace skydns::console
