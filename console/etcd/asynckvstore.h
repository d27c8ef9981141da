#pragma once

#include "etcd/kvstore.h"

#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

Q_DECLARE_LOGGING_CATEGORY(lcConsoleEtcd)

namespace skydns::console {

// AsyncKvStore is the threading shared by the v2 and v3 stores: requests run on a small private
// thread pool, the watch on one thread of its own, and every result comes back through the event
// loop of the store's thread, then to the caller's context object if it still exists.
class AsyncKvStore : public KvStore
{
    Q_OBJECT

public:
    explicit AsyncKvStore(QObject *parent = nullptr);
    ~AsyncKvStore() override;

protected:
    // WatchControl is what a watch loop (on the watch thread) uses to report: changes are batched
    // and emitted in order on the store's thread; reports of a replaced watch are dropped.
    class WatchControl
    {
    public:
        // stopping is true once stopWatch() (or a newer watch()) ended this loop.
        bool stopping() const { return m_stop.load(); }
        // change queues one change for changed().
        void change(const KvChange &change);
        // resync emits resyncNeeded().
        void resync();
        // connection emits connectionStateChanged() when the state differs from the last one.
        void connection(bool connected, const QString &message);
        // sleep waits up to ms, returning early (false) when the watch is stopped.
        bool sleep(int ms) const;

    private:
        friend class AsyncKvStore;
        AsyncKvStore *m_store = nullptr;
        quint64 m_generation = 0;
        std::atomic<bool> m_stop{false};
        bool m_connected = true;
    };
    using WatchLoop = std::function<void(WatchControl &)>;

    // run executes work on the pool and hands its result to done on context's thread, unless
    // context is destroyed first (a null context means the store's own thread, always).
    void run(std::function<KvResult()> work, QObject *context, KvCallback done);
    // startWatchLoop stops any running watch and runs loop on a new watch thread; cancel is called
    // (from the GUI thread) to interrupt the loop's blocking call when the watch is stopped.
    void startWatchLoop(WatchLoop loop, std::function<void()> cancel);
    // stopWatchLoop stops and joins the watch thread.
    void stopWatchLoop();
    // shutdown is called first by the subclass destructor: it stops the watch, cancels the
    // clients (cancelAll) and waits for every queued request, so no worker outlives the clients.
    void shutdown(const std::function<void()> &cancelAll);
    // postWatchStarted posts watchStarted(from) (from any thread) to the store's thread, where it
    // is emitted only if *currentEpoch still equals epoch: a watch() or stopWatch() since then
    // (which bump the subclass's epoch counter, owned by the store's thread) drops it.
    void postWatchStarted(const quint64 *currentEpoch, quint64 epoch, qint64 from)
    {
        // Posted like the watch's other reports: the store joins the watch thread before it is
        // destroyed, and a posted event dies with its receiver. It is posted before the watch
        // asks for changes, but a flush already scheduled may deliver the first ones ahead of
        // it; a view re-reads after it either way, which is what matters.
        QMetaObject::invokeMethod(
            this,
            [this, currentEpoch, epoch, from]() {
                if (epoch == *currentEpoch)
                    Q_EMIT watchStarted(from);
            },
            Qt::QueuedConnection);
    }

private:
    // WatchEvent is one report of the watch thread, queued so changes, resyncs and connection
    // states reach the views in the order the watch saw them.
    struct WatchEvent
    {
        enum class Kind { Change, Resync, Connection };
        Kind kind = Kind::Change;
        KvChange change;
        bool connected = true;
        QString message;
    };
    void queue(quint64 generation, WatchEvent event);
    void flush(quint64 generation);

    QThreadPool m_pool;
    std::thread m_watchThread;
    std::shared_ptr<WatchControl> m_watch;
    std::function<void()> m_watchCancel;
    quint64 m_generation = 0;

    QMutex m_pendingMutex;
    QList<WatchEvent> m_pending;       // guarded by m_pendingMutex
    quint64 m_pendingGeneration = 0;   // the watch m_pending belongs to
    bool m_flushScheduled = false;
};

} // namespace skydns::console
