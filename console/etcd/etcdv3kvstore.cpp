#include "etcd/etcdv3kvstore.h"

#include "backend/etcd3codec.h"

#include <QHash>

#include <map>

namespace skydns::console {

namespace {

using backend::Etcd3Client;
using backend::Etcd3KeyValue;
using backend::Etcd3Result;

// gRPC codes etcd uses for refused credentials and permissions.
constexpr int kGrpcPermissionDenied = 7;
constexpr int kGrpcUnauthenticated = 16;

QString trimKey(const QString &key)
{
    QString k = key;
    while (k.size() > 1 && k.endsWith(QLatin1Char('/')))
        k.chop(1);
    return k;
}

// LeaseTtls asks etcd once per lease for its remaining TTL (many keys usually share none, or one).
class LeaseTtls
{
public:
    explicit LeaseTtls(Etcd3Client &client) : m_client(client) {}
    qint64 ttl(std::int64_t lease)
    {
        if (lease == 0)
            return 0;
        const auto it = m_ttls.find(lease);
        if (it != m_ttls.end())
            return it->second;
        const Etcd3Result r = m_client.leaseTimeToLive(lease);
        // An expired lease (-1) is about to take its keys with it: show it as expiring now (1 s)
        // rather than as "no expiry".
        const qint64 ttl = r.ok() ? qMax<qint64>(r.ttl, 1) : 0;
        m_ttls.emplace(lease, ttl);
        return ttl;
    }

private:
    Etcd3Client &m_client;
    std::map<std::int64_t, qint64> m_ttls;
};

KvEntry entryOf(const Etcd3KeyValue &kv, LeaseTtls *ttls)
{
    KvEntry entry;
    entry.key = trimKey(QString::fromStdString(kv.key));
    entry.value = QByteArray::fromStdString(kv.value);
    entry.revision = kv.modRevision;
    entry.ttl = ttls ? ttls->ttl(kv.lease) : 0;
    return entry;
}

KvResult failure(const Etcd3Result &r, const QString &operation, const QString &key)
{
    KvResult result;
    result.storeRevision = r.revision;
    switch (r.kind) {
    case Etcd3Result::Kind::Ok:
        break;
    case Etcd3Result::Kind::Unavailable:
    case Etcd3Result::Kind::Cancelled:
        result.status = KvResult::Status::Unavailable;
        break;
    case Etcd3Result::Kind::EtcdError:
        if (r.grpcCode == kGrpcUnauthenticated || r.grpcCode == kGrpcPermissionDenied || r.httpStatus == 401
            || r.httpStatus == 403)
            result.status = KvResult::Status::Unauthorized;
        else
            result.status = KvResult::Status::Invalid;
        break;
    case Etcd3Result::Kind::Malformed:
    case Etcd3Result::Kind::Compacted:
        result.status = KvResult::Status::Invalid;
        break;
    }
    result.message = QStringLiteral("etcd v3 %1 %2: %3").arg(operation, key, QString::fromStdString(r.message));
    return result;
}

KvResult invalid(const QString &operation, const QString &key, const QString &why)
{
    KvResult result;
    result.status = KvResult::Status::Invalid;
    result.message = QStringLiteral("etcd v3 %1 %2: %3").arg(operation, key, why);
    return result;
}

// conflict is the answer to a transaction whose comparison failed: its failure branch read the
// key, so `current` is what etcd holds now (revision 0 when the key is gone).
KvResult conflict(const Etcd3Result &r, const QString &operation, const QString &key, Etcd3Client &client)
{
    KvResult result;
    result.status = KvResult::Status::Conflict;
    result.storeRevision = r.revision;
    result.message = QStringLiteral("etcd v3 %1 %2: the key was changed by someone else").arg(operation, key);
    result.current.key = trimKey(key);
    if (!r.kvs.empty()) {
        LeaseTtls ttls(client);
        result.current = entryOf(r.kvs.front(), &ttls);
    }
    return result;
}

// hasKeysBelow says whether key is an implied v3 directory.
bool hasKeysBelow(Etcd3Client &client, const std::string &key, Etcd3Result *error)
{
    const std::string dir = backend::directoryPrefix(key);
    const Etcd3Result r = client.range(dir, backend::prefixRangeEnd(dir), 0, 1);
    if (!r.ok())
        *error = r;
    return r.ok() && !r.kvs.empty();
}

} // namespace

EtcdV3KvStore::EtcdV3KvStore(backend::EtcdOptions options, QObject *parent)
    : AsyncKvStore(parent)
    , m_options(std::move(options))
    , m_client(std::make_shared<Etcd3Client>(m_options))
{
}

EtcdV3KvStore::~EtcdV3KvStore()
{
    shutdown([this] { m_client->cancel(); });
}

void EtcdV3KvStore::get(const QString &key, QObject *context, KvCallback done)
{
    run(
        [client = m_client, key]() {
            const std::string k = key.toStdString();
            const Etcd3Result r = client->range(k);
            if (!r.ok())
                return failure(r, QStringLiteral("get"), key);
            KvResult result;
            result.storeRevision = r.revision;
            if (!r.kvs.empty()) {
                LeaseTtls ttls(*client);
                result.entries.append(entryOf(r.kvs.front(), &ttls));
                return result;
            }
            Etcd3Result error;
            error.kind = Etcd3Result::Kind::Ok;
            if (hasKeysBelow(*client, k, &error)) {
                KvEntry dir;
                dir.key = trimKey(key);
                dir.dir = true;
                result.entries.append(dir);
                return result;
            }
            if (!error.ok())
                return failure(error, QStringLiteral("get"), key);
            result.status = KvResult::Status::NotFound;
            result.message = QStringLiteral("etcd v3 get %1: key not found").arg(key);
            return result;
        },
        context, std::move(done));
}

void EtcdV3KvStore::list(const QString &dirKey, QObject *context, KvCallback done)
{
    run(
        [client = m_client, dirKey]() {
            const std::string dir = backend::directoryPrefix(dirKey.toStdString());
            const Etcd3Result r = client->rangePrefix(dir);
            if (!r.ok())
                return failure(r, QStringLiteral("list"), dirKey);
            KvResult result;
            result.storeRevision = r.revision;
            if (r.kvs.empty()) {
                result.status = KvResult::Status::NotFound;
                result.message = QStringLiteral("etcd v3 list %1: no keys below it").arg(dirKey);
                return result;
            }
            // Direct children: keys one level down, and the first label of deeper keys as implied
            // directories. Byte order puts "a-b" between "a" and "a/x", hence the index by name.
            LeaseTtls ttls(*client);
            QHash<QString, qsizetype> byName;
            const QString base = QString::fromStdString(dir);
            for (const Etcd3KeyValue &kv : r.kvs) {
                const QString key = QString::fromStdString(kv.key);
                const QString rest = key.mid(base.size());
                if (rest.isEmpty())
                    continue;
                const qsizetype slash = rest.indexOf(QLatin1Char('/'));
                const QString name = slash < 0 ? rest : rest.left(slash);
                if (name.isEmpty())
                    continue; // "dir//x": no label to show
                auto it = byName.find(name);
                if (it == byName.end()) {
                    KvEntry entry;
                    entry.key = base + name;
                    it = byName.insert(name, result.entries.size());
                    result.entries.append(entry);
                }
                KvEntry &entry = result.entries[*it];
                if (slash < 0 || slash == rest.size() - 1) {
                    const KvEntry leaf = entryOf(kv, &ttls);
                    entry.value = leaf.value;
                    entry.revision = leaf.revision;
                    entry.ttl = leaf.ttl;
                } else {
                    entry.dir = true;
                }
            }
            return result;
        },
        context, std::move(done));
}

void EtcdV3KvStore::listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done)
{
    run(
        [client = m_client, dirKey, limit]() {
            const std::string dir = backend::directoryPrefix(dirKey.toStdString());
            const Etcd3Result r = client->range(dir, backend::prefixRangeEnd(dir), 0, qMax(limit, 0));
            if (!r.ok())
                return failure(r, QStringLiteral("recursive list"), dirKey);
            KvResult result;
            result.storeRevision = r.revision;
            result.more = r.more;
            LeaseTtls ttls(*client);
            result.entries.reserve(qsizetype(r.kvs.size()));
            for (const Etcd3KeyValue &kv : r.kvs) {
                KvEntry entry = entryOf(kv, &ttls);
                if (entry.key.size() > dirKey.size()) // not "dir/" itself
                    result.entries.append(entry);
            }
            return result;
        },
        context, std::move(done));
}

void EtcdV3KvStore::put(const QString &key, const QByteArray &value, qint64 expectedRevision, qint64 ttlSeconds,
                        QObject *context, KvCallback done)
{
    run(
        [client = m_client, key, value, expectedRevision, ttlSeconds]() {
            if (expectedRevision < AnyRevision)
                return invalid(QStringLiteral("put"), key,
                               QStringLiteral("invalid expected revision %1").arg(expectedRevision));
            const std::string k = key.toStdString();
            const std::string v = value.toStdString();
            std::int64_t lease = 0;
            if (ttlSeconds > 0) {
                const Etcd3Result granted = client->leaseGrant(ttlSeconds);
                if (!granted.ok())
                    return failure(granted, QStringLiteral("put (lease)"), key);
                lease = granted.leaseId;
            }
            Etcd3Result r;
            if (expectedRevision == AnyRevision)
                r = client->put(k, v, lease);
            else if (expectedRevision == MustNotExist)
                r = client->create(k, v, lease);
            else
                r = client->compareAndSwap(k, v, expectedRevision, lease);
            const bool isTxn = expectedRevision != AnyRevision;
            if (!r.ok() || (isTxn && !r.succeeded)) {
                // Nothing was written: the lease would only expire unused; give it back now.
                if (lease != 0)
                    client->leaseRevoke(lease);
                if (!r.ok())
                    return failure(r, QStringLiteral("put"), key);
                return conflict(r, QStringLiteral("put"), key, *client);
            }
            KvResult result;
            result.storeRevision = r.revision;
            KvEntry entry;
            entry.key = trimKey(key);
            entry.value = value;
            entry.revision = r.revision; // the write's own revision is its mod_revision
            entry.ttl = ttlSeconds > 0 ? ttlSeconds : 0;
            result.entries.append(entry);
            return result;
        },
        context, std::move(done));
}

void EtcdV3KvStore::remove(const QString &key, qint64 expectedRevision, QObject *context, KvCallback done)
{
    run(
        [client = m_client, key, expectedRevision]() {
            const std::string k = key.toStdString();
            if (expectedRevision == AnyRevision) {
                const Etcd3Result r = client->deleteRange(k, {}, true);
                if (!r.ok())
                    return failure(r, QStringLiteral("remove"), key);
                KvResult result;
                result.storeRevision = r.revision;
                if (r.count == 0) {
                    result.status = KvResult::Status::NotFound;
                    result.message = QStringLiteral("etcd v3 remove %1: key not found").arg(key);
                    return result;
                }
                KvEntry entry;
                entry.key = trimKey(key);
                entry.revision = r.revision;
                result.entries.append(entry);
                return result;
            }
            if (expectedRevision <= 0)
                return invalid(QStringLiteral("remove"), key,
                               QStringLiteral("invalid expected revision %1").arg(expectedRevision));
            const Etcd3Result r = client->compareAndDelete(k, expectedRevision);
            if (!r.ok())
                return failure(r, QStringLiteral("remove"), key);
            if (!r.succeeded)
                return conflict(r, QStringLiteral("remove"), key, *client);
            KvResult result;
            result.storeRevision = r.revision;
            KvEntry entry;
            entry.key = trimKey(key);
            entry.revision = r.revision;
            result.entries.append(entry);
            return result;
        },
        context, std::move(done));
}

void EtcdV3KvStore::watch(const QString &prefix)
{
    auto client = std::make_shared<Etcd3Client>(m_options);
    const std::string dir = backend::directoryPrefix(prefix.toStdString());
    const quint64 epoch = ++m_watchEpoch;
    startWatchLoop(
        [store = this, epoch, client, dir](WatchControl &control) {
            const std::string end = backend::prefixRangeEnd(dir);
            std::int64_t next = 0;
            bool resyncAfterRead = false;
            int failures = 0;
            while (!control.stopping()) {
                if (next == 0) {
                    const Etcd3Result head = client->range(dir, end, 0, 1);
                    if (head.kind == Etcd3Result::Kind::Cancelled)
                        return;
                    if (!head.ok()) {
                        control.connection(false, QString::fromStdString(head.message));
                        control.sleep(qMin(1000 * ++failures, 5000));
                        continue;
                    }
                    failures = 0;
                    control.connection(true, {});
                    next = head.revision + 1;
                    // From here on the watch sees every change; what views listed earlier may miss
                    // changes made before this head read (they re-read on watchStarted).
                    store->announceWatchStart(epoch, qint64(next));
                    if (resyncAfterRead)
                        control.resync();
                    resyncAfterRead = false;
                }
                const Etcd3Result r = client->watch(
                    dir, end, next,
                    [&control, &client, &failures](const backend::Etcd3WatchBatch &batch) {
                        failures = 0;
                        control.connection(true, {});
                        LeaseTtls ttls(*client);
                        for (const backend::Etcd3Event &event : batch.events) {
                            KvChange change;
                            if (event.type == backend::Etcd3Event::Type::Delete) {
                                change.type = KvChange::Type::Delete;
                                change.entry = entryOf(event.kv, nullptr);
                                change.entry.value.clear();
                            } else {
                                change.entry = entryOf(event.kv, &ttls);
                            }
                            control.change(change);
                        }
                        return !control.stopping();
                    },
                    std::chrono::minutes(10));
                if (control.stopping() || r.kind == Etcd3Result::Kind::Cancelled)
                    return;
                if (r.revision > 0)
                    next = qMax(next, r.revision + 1);
                if (r.ok())
                    continue; // maxWait passed: stream again from where it stopped
                if (r.kind == Etcd3Result::Kind::Compacted) {
                    qCInfo(lcConsoleEtcd) << "v3 watch: revision" << next << "compacted, re-reading" << dir.c_str();
                    next = 0;
                    resyncAfterRead = true;
                    continue;
                }
                control.connection(false, QString::fromStdString(r.message));
                control.sleep(qMin(1000 * ++failures, 5000));
            }
        },
        [client]() { client->cancel(); });
}

void EtcdV3KvStore::stopWatch()
{
    ++m_watchEpoch;
    stopWatchLoop();
}

void EtcdV3KvStore::announceWatchStart(quint64 epoch, qint64 from)
{
    postWatchStarted(&m_watchEpoch, epoch, from);
}

} // namespace skydns::console
