// Helpers shared by the console's tree tests (tst_dnstreemodel, tst_dnstreereload, tst_dnstreewatch,
// tst_recordspage): an in-memory KvStore, event-loop waits, a fixture over a real etcd and a
// loopback TCP proxy that can cut or hold connections. Header-only: each test is its own program.
#pragma once

#include "etcd/kvstore.h"
#include "etcd/kvstorefactory.h"
#include "tree/dnstreemodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

Q_DECLARE_METATYPE(skydns::console::KvStoreOptions::Api)

namespace skydns::test {

using skydns::console::DnsTreeModel;
using skydns::console::KvCallback;
using skydns::console::KvChange;
using skydns::console::KvEntry;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::KvStoreOptions;

// MemoryKvStore lists directories from memory; changes are emitted by the test itself, and its
// watch does nothing until the test emits watchStarted(). It counts the lists of each directory.
class MemoryKvStore final : public KvStore
{
public:
    QString apiName() const override { return QStringLiteral("v2"); }
    void get(const QString &, QObject *context, KvCallback done) override { answer(context, done, {}); }
    void list(const QString &dirKey, QObject *context, KvCallback done) override
    {
        ++lists[dirKey];
        KvResult r;
        r.entries = children.value(dirKey);
        r.storeRevision = listRevision.value(dirKey, revision - lagging);
        if (!children.contains(dirKey))
            r.status = KvResult::Status::NotFound;
        if (failLists > 0) {
            --failLists;
            r = KvResult{KvResult::Status::Unavailable, QStringLiteral("etcd down (test)"), {}, {}, 0};
        }
        answer(context, done, r);
    }
    void put(const QString &, const QByteArray &, qint64, qint64, QObject *context, KvCallback done) override
    {
        answer(context, done, {});
    }
    void remove(const QString &, qint64, QObject *context, KvCallback done) override { answer(context, done, {}); }
    // listRecursive walks `children` depth-first in key order, like the v2 store (unless !recursive).
    void listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done) override
    {
        if (!recursive) {
            KvStore::listRecursive(dirKey, limit, context, done);
            return;
        }
        ++recursiveReads;
        KvResult r;
        r.storeRevision = revision;
        if (!children.contains(dirKey))
            r.status = KvResult::Status::NotFound;
        std::function<bool(const QString &)> walk = [&](const QString &dir) {
            QList<KvEntry> sorted = children.value(dir);
            std::sort(sorted.begin(), sorted.end(), [](const KvEntry &a, const KvEntry &b) { return a.key < b.key; });
            for (const KvEntry &e : sorted) {
                if (limit > 0 && r.entries.size() >= limit)
                    return false;
                r.entries.append(e);
                if (e.dir && !walk(e.key))
                    return false;
            }
            return true;
        };
        r.more = !walk(dirKey);
        answer(context, done, r);
    }
    void watch(const QString &) override {}
    void stopWatch() override {}

    // setValue replaces (or adds) key in its directory's listing.
    void setValue(const QString &dir, const KvEntry &entry)
    {
        QList<KvEntry> &list = children[dir];
        for (KvEntry &e : list) {
            if (e.key == entry.key) {
                e = entry;
                return;
            }
        }
        list.append(entry);
    }
    // removeKey drops key from its directory's listing.
    void removeKey(const QString &dir, const QString &key)
    {
        children[dir].removeIf([&key](const KvEntry &e) { return e.key == key; });
    }
    // add writes a key (a new revision) without telling any watch: it happens before the watch starts.
    void add(const QString &dir, const QString &key, bool isDir = false)
    {
        ++revision;
        children[dir].append(KvEntry{key, isDir ? QByteArray() : QByteArrayLiteral(R"({"host":"10.0.0.1"})"), isDir, revision, 0});
        if (isDir)
            children[key];
    }

    QHash<QString, QList<KvEntry>> children;
    QHash<QString, int> lists; // how often each directory was listed
    qint64 revision = 1;
    qint64 lagging = 0; // lists answer this much older than `revision` (a lagging member)
    int recursiveReads = 0;
    int failLists = 0;     // the next lists answer Unavailable
    bool recursive = true; // false: listRecursive is the KvStore default (answers Invalid)
    QHash<QString, qint64> listRevision; // a directory read at an older revision than `revision`

private:
    static void answer(QObject *context, const KvCallback &done, const KvResult &r)
    {
        QTimer::singleShot(0, context, [done, r]() { done(r); });
    }
};

// waitUntil processes events until cond holds (or ms pass).
inline bool waitUntil(const std::function<bool()> &cond, int ms = 15000)
{
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return cond();
}

// waitFor makes a KvStore request and waits for its answer (Invalid "timeout" after 15 s).
inline KvResult waitFor(const std::function<void(QObject *, KvCallback)> &request)
{
    std::optional<KvResult> result;
    QObject context;
    request(&context, [&result](const KvResult &r) { result = r; });
    waitUntil([&result]() { return result.has_value(); });
    return result.value_or(KvResult{KvResult::Status::Invalid, QStringLiteral("timeout"), {}, {}, 0});
}

// fetch expands index (and waits for its children).
inline bool fetch(DnsTreeModel &model, const QModelIndex &index)
{
    if (model.canFetchMore(index))
        model.fetchMore(index);
    return waitUntil([&model]() { return !model.isFetching(); });
}

// childNames is the column-0 text of parent's rows.
inline QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(parent); ++r)
        names << model.index(r, 0, parent).data().toString();
    return names;
}

// addApiRows adds the "api" column with a v2 and a v3 row (for the tests' _data functions).
inline void addApiRows()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::newRow("v2") << KvStoreOptions::Api::V2;
    QTest::newRow("v3") << KvStoreOptions::Api::V3;
}

// dirEntry is a directory entry at revision 1.
inline KvEntry dirEntry(const QString &key)
{
    return KvEntry{key, {}, true, 1, 0};
}

// leafEntry is a value entry at revision.
inline KvEntry leafEntry(const QString &key, const QByteArray &value, qint64 revision)
{
    return KvEntry{key, value, false, revision, 0};
}

// Fixture is a store over a real etcd and a prefix of the test's own under which it writes.
struct Fixture
{
    std::unique_ptr<KvStore> store;
    QString prefix;

    // put writes prefix + rel and says whether etcd accepted it.
    bool put(const QString &rel, const QByteArray &value)
    {
        return waitFor([&](QObject *c, KvCallback d) { store->put(prefix + rel, value, KvStore::AnyRevision, 0, c, d); }).ok();
    }
    // remove deletes prefix + rel and says whether etcd accepted it.
    bool remove(const QString &rel)
    {
        return waitFor([&](QObject *c, KvCallback d) { store->remove(prefix + rel, KvStore::AnyRevision, c, d); }).ok();
    }
};

// makeFixture connects to endpoint with api; the prefix is /<stem><pid>x<time><name><api>.
inline Fixture makeFixture(const QString &endpoint, KvStoreOptions::Api api, const char *name, const char *stem = "tsttree")
{
    KvStoreOptions options;
    options.api = api;
    options.machines = {endpoint};
    Fixture f;
    f.store.reset(skydns::console::createKvStore(options));
    f.prefix = QStringLiteral("/%1%2x%3%4%5")
                   .arg(QLatin1String(stem))
                   .arg(QCoreApplication::applicationPid())
                   .arg(QDateTime::currentMSecsSinceEpoch() % 100000000)
                   .arg(QLatin1String(name))
                   .arg(api == KvStoreOptions::Api::V2 ? QStringLiteral("v2") : QStringLiteral("v3"));
    return f;
}

// TcpProxy forwards loopback connections to an upstream port. setBlocked cuts every connection
// and refuses new ones (accepted and closed at once), as a network outage would. While holding,
// connections it accepts are kept waiting: nothing they send goes upstream until release();
// connections made before hold() keep flowing.
class TcpProxy final : public QObject
{
public:
    explicit TcpProxy(quint16 upstream)
        : m_upstream(upstream)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                accept(client);
        });
    }
    // url is the proxy's http URL.
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    // setBlocked cuts (true) or lets through (false) the traffic.
    void setBlocked(bool blocked)
    {
        m_blocked = blocked;
        if (!blocked)
            return;
        for (auto &pair : m_pairs) {
            if (pair.first)
                pair.first->abort();
            if (pair.second)
                pair.second->abort();
        }
        m_pairs.clear();
    }
    // hold keeps new connections waiting until release().
    void hold() { m_holding = true; }
    // held is how many connections wait.
    int held() const { return int(m_held.size()); }
    // release forwards the waiting connections and stops holding.
    void release()
    {
        m_holding = false;
        for (const QPointer<QTcpSocket> &client : std::exchange(m_held, {})) {
            if (client)
                forward(client);
        }
    }

private:
    void accept(QTcpSocket *client)
    {
        client->setParent(this);
        if (m_blocked) {
            client->abort();
            client->deleteLater();
            return;
        }
        if (m_holding) {
            m_held.append(client);
            return;
        }
        forward(client);
    }
    void forward(QTcpSocket *client)
    {
        auto *up = new QTcpSocket(this);
        m_pairs.append(qMakePair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(up)));
        connect(up, &QTcpSocket::connected, client, [client, up]() { up->write(client->readAll()); });
        connect(client, &QTcpSocket::readyRead, up, [client, up]() {
            if (up->state() == QAbstractSocket::ConnectedState)
                up->write(client->readAll());
        });
        connect(up, &QTcpSocket::readyRead, client, [client, up]() { client->write(up->readAll()); });
        connect(client, &QTcpSocket::disconnected, up, [up]() { up->disconnectFromHost(); });
        connect(up, &QTcpSocket::disconnected, client, [client]() { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(up, &QTcpSocket::disconnected, up, &QObject::deleteLater);
        up->connectToHost(QHostAddress::LocalHost, m_upstream);
    }

    QTcpServer m_server;
    quint16 m_upstream;
    bool m_blocked = false;
    bool m_holding = false;
    QList<QPointer<QTcpSocket>> m_held;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

} // namespace skydns::test
