#include "etcd/etcdv2kvstore.h"

#include <algorithm>

namespace skydns::console {

namespace {

using backend::EtcdNode;
using backend::EtcdResult;

// v2 error codes that matter here (etcd's error.go).
constexpr int kKeyNotFound = 100;
constexpr int kCompareFailed = 101;
constexpr int kNotFile = 102;
constexpr int kNodeExists = 105;
constexpr int kUnauthorized = 110;
constexpr int kIndexCleared = 401;

QString trimKey(const std::string &key)
{
    QString k = QString::fromStdString(key);
    while (k.size() > 1 && k.endsWith(QLatin1Char('/')))
        k.chop(1);
    return k;
}

KvEntry entryOf(const EtcdNode &node)
{
    KvEntry entry;
    entry.key = trimKey(node.key);
    entry.dir = node.dir;
    if (!node.dir)
        entry.value = QByteArray::fromStdString(node.value);
    entry.revision = qint64(node.modifiedIndex);
    entry.ttl = node.ttl;
    return entry;
}

// failure turns a failed EtcdResult into the console's status, naming the operation and key (the
// client's message already names the machine).
KvResult failure(const EtcdResult &r, const QString &operation, const QString &key)
{
    KvResult result;
    result.storeRevision = qint64(r.etcdIndex);
    const QString detail = QString::fromStdString(r.message);
    switch (r.kind) {
    case EtcdResult::Kind::Ok:
        break;
    case EtcdResult::Kind::Unavailable:
    case EtcdResult::Kind::Cancelled:
        result.status = KvResult::Status::Unavailable;
        break;
    case EtcdResult::Kind::Malformed:
        result.status = KvResult::Status::Invalid;
        break;
    case EtcdResult::Kind::EtcdError:
        if (r.errorCode == kKeyNotFound)
            result.status = KvResult::Status::NotFound;
        else if (r.errorCode == kCompareFailed || r.errorCode == kNodeExists)
            result.status = KvResult::Status::Conflict;
        else if (r.errorCode == kUnauthorized || r.httpStatus == 401 || r.httpStatus == 403)
            result.status = KvResult::Status::Unauthorized;
        else
            result.status = KvResult::Status::Invalid;
        break;
    }
    result.message = QStringLiteral("etcd v2 %1 %2: %3").arg(operation, key, detail);
    return result;
}

KvResult written(const EtcdResult &r)
{
    KvResult result;
    result.entries.append(entryOf(r.node));
    result.storeRevision = qint64(r.etcdIndex);
    return result;
}

// conflictWithCurrent fills `current` for a failed compare-and-swap: the editor shows what the
// other writer left, so it must be read now (etcd's error body does not carry the node).
KvResult conflictWithCurrent(backend::EtcdClient &client, KvResult result, const std::string &key)
{
    result.status = KvResult::Status::Conflict;
    const EtcdResult now = client.get(key);
    if (now.ok())
        result.current = entryOf(now.node);
    else
        result.current.key = trimKey(key); // revision 0: it was deleted meanwhile
    return result;
}

// flatten appends node's descendants depth-first in key order (a directory before its keys) until
// limit entries are there (0: no limit); false once the limit cut it short.
bool flatten(const EtcdNode &node, int limit, QList<KvEntry> *entries)
{
    std::vector<const EtcdNode *> children;
    children.reserve(node.nodes.size());
    for (const EtcdNode &child : node.nodes)
        children.push_back(&child);
    // etcd sorts each level with sorted=true already; sorting again keeps the order a contract.
    std::sort(children.begin(), children.end(), [](const EtcdNode *a, const EtcdNode *b) { return a->key < b->key; });
    for (const EtcdNode *child : children) {
        if (limit > 0 && entries->size() >= limit)
            return false;
        entries->append(entryOf(*child));
        if (child->dir && !flatten(*child, limit, entries))
            return false;
    }
    return true;
}

bool isDeleteAction(const std::string &action)
{
    return action == "delete" || action == "compareAndDelete" || action == "expire";
}

} // namespace

EtcdV2KvStore::EtcdV2KvStore(backend::EtcdOptions options, QObject *parent)
    : AsyncKvStore(parent)
    , m_options(std::move(options))
    , m_client(std::make_shared<backend::EtcdClient>(m_options))
{
}

EtcdV2KvStore::~EtcdV2KvStore()
{
    shutdown([this] { m_client->cancel(); });
}

void EtcdV2KvStore::get(const QString &key, QObject *context, KvCallback done)
{
    run(
        [client = m_client, key]() {
            const EtcdResult r = client->get(key.toStdString());
            if (!r.ok())
                return failure(r, QStringLiteral("get"), key);
            KvResult result;
            result.entries.append(entryOf(r.node));
            result.storeRevision = qint64(r.etcdIndex);
            return result;
        },
        context, std::move(done));
}

namespace {

// directoryResult starts the answer to a list of dirKey from etcd's reply r: false, with *out an
// Invalid result, when the node is not a directory.
bool directoryResult(const EtcdResult &r, const QString &what, const QString &dirKey, KvResult *out)
{
    out->storeRevision = qint64(r.etcdIndex);
    if (r.node.dir)
        return true;
    out->status = KvResult::Status::Invalid;
    out->message = QStringLiteral("etcd v2 %1 %2: not a directory").arg(what, dirKey);
    return false;
}

} // namespace

void EtcdV2KvStore::list(const QString &dirKey, QObject *context, KvCallback done)
{
    run(
        [client = m_client, dirKey]() {
            const EtcdResult r = client->get(dirKey.toStdString(), false, true);
            if (!r.ok())
                return failure(r, QStringLiteral("list"), dirKey);
            KvResult result;
            if (!directoryResult(r, QStringLiteral("list"), dirKey, &result))
                return result;
            result.entries.reserve(qsizetype(r.node.nodes.size()));
            for (const EtcdNode &child : r.node.nodes)
                result.entries.append(entryOf(child));
            return result;
        },
        context, std::move(done));
}

void EtcdV2KvStore::listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done)
{
    run(
        [client = m_client, dirKey, limit]() {
            // v2 cannot limit a recursive read: the whole subtree comes, the limit is applied here.
            const EtcdResult r = client->get(dirKey.toStdString(), true, true);
            if (!r.ok())
                return failure(r, QStringLiteral("recursive list"), dirKey);
            KvResult result;
            if (!directoryResult(r, QStringLiteral("recursive list"), dirKey, &result))
                return result;
            result.more = !flatten(r.node, limit, &result.entries);
            return result;
        },
        context, std::move(done));
}

void EtcdV2KvStore::put(const QString &key, const QByteArray &value, qint64 expectedRevision, qint64 ttlSeconds,
                        QObject *context, KvCallback done)
{
    run(
        [client = m_client, key, value, expectedRevision, ttlSeconds]() {
            const std::string k = key.toStdString();
            const std::string v = value.toStdString();
            const qint64 ttl = qMax<qint64>(ttlSeconds, 0);
            EtcdResult r;
            if (expectedRevision == AnyRevision)
                r = client->set(k, v, ttl);
            else if (expectedRevision == MustNotExist)
                r = client->create(k, v, ttl);
            else if (expectedRevision > 0)
                r = client->compareAndSwap(k, v, quint64(expectedRevision), ttl);
            else {
                KvResult bad;
                bad.status = KvResult::Status::Invalid;
                bad.message = QStringLiteral("etcd v2 put %1: invalid expected revision %2").arg(key).arg(expectedRevision);
                return bad;
            }
            if (r.ok())
                return written(r);
            KvResult result = failure(r, QStringLiteral("put"), key);
            // A CAS on a key that is gone is a conflict too: someone deleted it meanwhile.
            const bool casOnMissing = expectedRevision > 0 && result.status == KvResult::Status::NotFound;
            if (result.status == KvResult::Status::Conflict || casOnMissing)
                return conflictWithCurrent(*client, result, k);
            return result;
        },
        context, std::move(done));
}

void EtcdV2KvStore::remove(const QString &key, qint64 expectedRevision, QObject *context, KvCallback done)
{
    run(
        [client = m_client, key, expectedRevision]() {
            const std::string k = key.toStdString();
            EtcdResult r;
            if (expectedRevision == AnyRevision) {
                r = client->remove(k);
                // An empty directory is removed as a directory (v2 refuses a plain delete of one);
                // a directory with keys is still refused, so nothing is lost by a stray Delete.
                if (!r.ok() && r.kind == EtcdResult::Kind::EtcdError && r.errorCode == kNotFile) {
                    const EtcdResult dir = client->get(k);
                    if (dir.ok() && dir.node.dir && dir.node.nodes.empty())
                        r = client->remove(k, true);
                }
            } else if (expectedRevision > 0) {
                r = client->compareAndDelete(k, quint64(expectedRevision));
            } else {
                KvResult bad;
                bad.status = KvResult::Status::Invalid;
                bad.message = QStringLiteral("etcd v2 remove %1: invalid expected revision %2").arg(key).arg(expectedRevision);
                return bad;
            }
            if (r.ok())
                return written(r);
            KvResult result = failure(r, QStringLiteral("remove"), key);
            const bool casOnMissing = expectedRevision > 0 && result.status == KvResult::Status::NotFound;
            if (result.status == KvResult::Status::Conflict || casOnMissing)
                return conflictWithCurrent(*client, result, k);
            return result;
        },
        context, std::move(done));
}

void EtcdV2KvStore::watch(const QString &prefix)
{
    // The watch has a client of its own so stopping it (cancel) leaves the request client alone.
    auto client = std::make_shared<backend::EtcdClient>(m_options);
    const std::string key = prefix.toStdString();
    const quint64 epoch = ++m_watchEpoch;
    startWatchLoop(
        [store = this, epoch, client, key](WatchControl &control) {
            std::uint64_t next = 0;
            bool resyncAfterRead = false;
            int failures = 0;
            while (!control.stopping()) {
                if (next == 0) {
                    // Start (or restart) from the store's current index.
                    EtcdResult head = client->get(key);
                    if (head.notFound() && head.etcdIndex == 0)
                        head = client->get("/");
                    if (head.kind == EtcdResult::Kind::Cancelled)
                        return;
                    if (!head.ok() && !head.notFound()) {
                        control.connection(false, QString::fromStdString(head.message));
                        control.sleep(qMin(1000 * ++failures, 5000));
                        continue;
                    }
                    failures = 0;
                    control.connection(true, {});
                    next = head.etcdIndex + 1;
                    // From here on the watch sees every change; what views listed earlier may miss
                    // changes made before this head read (they re-read on watchStarted).
                    store->announceWatchStart(epoch, qint64(next));
                    if (resyncAfterRead)
                        control.resync();
                    resyncAfterRead = false;
                }
                const EtcdResult r = client->watch(key, next, true, std::chrono::seconds(30));
                if (control.stopping() || r.kind == EtcdResult::Kind::Cancelled)
                    return;
                if (r.ok()) {
                    failures = 0;
                    control.connection(true, {});
                    KvChange change;
                    change.type = isDeleteAction(r.action) ? KvChange::Type::Delete : KvChange::Type::Put;
                    change.entry = entryOf(r.node);
                    if (change.type == KvChange::Type::Delete)
                        change.entry.value.clear();
                    control.change(change);
                    next = r.node.modifiedIndex + 1;
                    continue;
                }
                if (r.kind == EtcdResult::Kind::EtcdError && r.errorCode == kIndexCleared) {
                    // History lost: the views re-read once we know where to resume.
                    qCInfo(lcConsoleEtcd) << "v2 watch: index cleared, re-reading" << key.c_str();
                    next = 0;
                    resyncAfterRead = true;
                    continue;
                }
                if (r.kind == EtcdResult::Kind::Unavailable && r.message == "timeout") {
                    control.connection(true, {});
                    continue; // nothing happened: poll again from the same index
                }
                control.connection(false, QString::fromStdString(r.message));
                control.sleep(qMin(1000 * ++failures, 5000));
            }
        },
        [client]() { client->cancel(); });
}

void EtcdV2KvStore::stopWatch()
{
    ++m_watchEpoch;
    stopWatchLoop();
}

void EtcdV2KvStore::announceWatchStart(quint64 epoch, qint64 from)
{
    postWatchStarted(&m_watchEpoch, epoch, from);
}

} // namespace skydns::console
