#pragma once
// The console's view of etcd, one interface over both APIs (v2 keys, v3 JSON gateway), so every view
// (tree, service editor, key manager, migration) is written once. Implementations run the blocking
// common/backend clients (EtcdClient, Etcd3Client) off the GUI thread and deliver results on the
// thread of a context object, like QTimer::singleShot(ms, context, functor): a view that has been
// destroyed meanwhile is never called back.
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace skydns::console {

// KvEntry is one etcd key as the console sees it, whichever API it came from.
struct KvEntry
{
    QString key;          // full etcd key without a trailing '/', e.g. "/skydns/local/skydns/east/web"
    QByteArray value;     // empty for directories
    bool dir = false;     // a v2 directory; on v3, a prefix that has keys below it
    qint64 revision = 0;  // the compare-and-swap token: v2 modifiedIndex, v3 mod_revision
    qint64 ttl = 0;       // remaining seconds (v2 key TTL, v3 lease remaining TTL); 0 = no expiry
};

// KvResult is the outcome of one request. On anything but Ok nothing was changed in etcd.
struct KvResult
{
    enum class Status {
        Ok,
        NotFound,     // the key (or directory) does not exist
        Conflict,     // compare-and-swap failed: someone else changed or created the key meanwhile
        Unauthorized, // etcd refused the credentials or the permission
        Unavailable,  // no etcd machine answered (message says which and why)
        Invalid       // the request or the answer was malformed (message says what)
    };
    Status status = Status::Ok;
    QString message;         // human-readable, names the key and the machine; empty on Ok
    QList<KvEntry> entries;  // get: the key; list: the direct children; put/remove: the key as written
    KvEntry current;         // on Conflict: the key as etcd holds it now (revision 0 if it was deleted)
    qint64 storeRevision = 0; // v2 X-Etcd-Index / v3 header revision of the answer
    bool more = false;       // listRecursive: the limit cut the answer short (more keys follow)

    bool ok() const { return status == Status::Ok; }
};

// KvChange is one change seen by a watch.
struct KvChange
{
    enum class Type { Put, Delete };
    Type type = Type::Put;
    KvEntry entry; // on Delete, key and revision only
};

using KvCallback = std::function<void(const KvResult &)>;

// KvStore is the asynchronous key-value interface of a console connection. Every call returns at
// once; `done` runs later on context's thread, unless context was destroyed first.
class KvStore : public QObject
{
    Q_OBJECT

public:
    // AnyRevision and MustNotExist are the special expectedRevision values of put() and remove().
    static constexpr qint64 AnyRevision = -1;
    static constexpr qint64 MustNotExist = 0;

    using QObject::QObject;
    ~KvStore() override = default;

    // apiName is "v2" or "v3", for titles and messages.
    virtual QString apiName() const = 0;

    // get reads one key (not a directory listing).
    virtual void get(const QString &key, QObject *context, KvCallback done) = 0;
    // list reads the direct children of a directory key, each with dir set where it has children
    // of its own; values are filled for leaf keys. Lazy trees call it once per expanded node.
    virtual void list(const QString &dirKey, QObject *context, KvCallback done) = 0;
    // listRecursive reads every key below dirKey, all levels down, in key order (the keys below a
    // directory are contiguous), at most limit entries (0: no limit); `more` says the
    // limit cut the answer short. v2 includes directories (dir set); v3 has only keys (directories
    // are implied by them). A search of the whole tree uses it. The default answers Invalid: a store
    // without it is searched only as far as it was listed. (Added after the first contract.)
    virtual void listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done)
    {
        Q_UNUSED(limit);
        KvResult result;
        result.status = KvResult::Status::Invalid;
        result.message = QStringLiteral("%1 listRecursive %2: not supported by this store").arg(apiName(), dirKey);
        QTimer::singleShot(0, context ? context : this, [done = std::move(done), result]() { done(result); });
    }
    // put writes value. expectedRevision: AnyRevision = unconditional, MustNotExist = create only,
    // otherwise compare-and-swap against that revision (Conflict when it differs). ttlSeconds > 0
    // makes the key expire (v2 TTL, v3 a new lease); 0 = no expiry.
    virtual void put(const QString &key, const QByteArray &value, qint64 expectedRevision, qint64 ttlSeconds,
                     QObject *context, KvCallback done) = 0;
    // remove deletes a key (AnyRevision) or only if it is still at expectedRevision (Conflict if not).
    virtual void remove(const QString &key, qint64 expectedRevision, QObject *context, KvCallback done) = 0;

    // watch starts following every change below prefix (one watch per store; a new call replaces
    // it); changes arrive through changed(), and resyncNeeded() says the watch lost history
    // (v2 index cleared, v3 compaction) and the views must re-read. stopWatch ends it.
    // The watch starts asynchronously, from the store's revision when it gets there: a store that
    // knows that revision emits watchStarted() with it (a view must re-read what it listed before).
    // A store that never emits it delivers every change made after watch() was called.
    virtual void watch(const QString &prefix) = 0;
    virtual void stopWatch() = 0;

Q_SIGNALS:
    // changed carries changes in etcd order.
    void changed(const QList<skydns::console::KvChange> &changes);
    // resyncNeeded asks every view to re-read what it shows.
    void resyncNeeded();
    // watchStarted says the watch (re)started from etcd's head: changes from fromRevision on
    // arrive through changed(), nothing older does. A view must re-read whatever it listed at a
    // revision below fromRevision - 1 (changes made in between would never show). Delivered on
    // the store's thread; the first changes of the watch may come before it. (Added after the
    // first contract; a store that does not emit it needs nothing.)
    void watchStarted(qint64 fromRevision);
    // connectionStateChanged reports watch health: false while no machine answers (message says why).
    void connectionStateChanged(bool connected, const QString &message);
};

} // namespace skydns::console
