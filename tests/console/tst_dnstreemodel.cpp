// Tests of DnsTreeModel and DnsTreeFilterModel under QAbstractItemModelTester: the etcd tree of a
// real etcd (v2 and v3 rows) shown as DNS names, lazy loading, live updates from the watch, the
// filter, and a 100k-child directory (from an in-memory store: etcd would take minutes to fill).
// Re-reads (reload, resync after the watch lost history) merge in place; loadAll reads the whole
// tree for a search. The resync test runs its own etcd behind a proxy it can cut.
#include "etcd/kvstore.h"
#include "etcd/kvstorefactory.h"
#include "tree/dnstreefiltermodel.h"
#include "tree/dnstreemodel.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"

#include "etcdserver.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

using skydns::console::DnsTreeFilterModel;
using skydns::console::DnsTreeModel;
using skydns::console::KvCallback;
using skydns::console::KvChange;
using skydns::console::KvEntry;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::KvStoreOptions;

Q_DECLARE_METATYPE(KvStoreOptions::Api)

namespace {

// MemoryKvStore lists a fixed directory from memory; changes are emitted by the test itself.
class MemoryKvStore final : public KvStore
{
public:
    QString apiName() const override { return QStringLiteral("v2"); }
    void get(const QString &, QObject *context, KvCallback done) override { answer(context, done, {}); }
    void list(const QString &dirKey, QObject *context, KvCallback done) override
    {
        KvResult r;
        r.entries = children.value(dirKey);
        r.storeRevision = listRevision.value(dirKey, revision);
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
    // listRecursive walks `children` depth-first in key order, like the v2 store.
    void listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done) override
    {
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
    void removeKey(const QString &dir, const QString &key)
    {
        children[dir].removeIf([&key](const KvEntry &e) { return e.key == key; });
    }

    QHash<QString, QList<KvEntry>> children;
    qint64 revision = 1;
    int recursiveReads = 0;
    int failLists = 0; // the next lists answer Unavailable
    QHash<QString, qint64> listRevision; // a directory read at an older revision than `revision`

private:
    static void answer(QObject *context, const KvCallback &done, const KvResult &r)
    {
        QTimer::singleShot(0, context, [done, r]() { done(r); });
    }
};

KvResult waitFor(const std::function<void(QObject *, KvCallback)> &request)
{
    std::optional<KvResult> result;
    QObject context;
    request(&context, [&result](const KvResult &r) { result = r; });
    QElapsedTimer t;
    t.start();
    while (!result && t.elapsed() < 15000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return result.value_or(KvResult{KvResult::Status::Invalid, QStringLiteral("timeout"), {}, {}, 0});
}

// fetch expands index (and waits for its children).
bool fetch(DnsTreeModel &model, const QModelIndex &index)
{
    if (model.canFetchMore(index))
        model.fetchMore(index);
    QElapsedTimer t;
    t.start();
    while (model.isFetching() && t.elapsed() < 15000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return !model.isFetching();
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(parent); ++r)
        names << model.index(r, 0, parent).data().toString();
    return names;
}


// TcpProxy forwards loopback connections to an upstream port; setBlocked cuts every connection
// and refuses new ones (accepted and closed at once), as a network outage would.
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
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
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

private:
    void accept(QTcpSocket *client)
    {
        client->setParent(this);
        if (m_blocked) {
            client->abort();
            client->deleteLater();
            return;
        }
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
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

// waitUntil processes events until cond holds (or ms pass).
bool waitUntil(const std::function<bool()> &cond, int ms = 15000)
{
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return cond();
}

KvEntry dirEntry(const QString &key)
{
    return KvEntry{key, {}, true, 1, 0};
}

KvEntry leafEntry(const QString &key, const QByteArray &value, qint64 revision)
{
    return KvEntry{key, value, false, revision, 0};
}

} // namespace

class TstDnsTreeModel final : public QObject
{
    Q_OBJECT

private:
    void addApis();
    QString m_endpoint;

private slots:
    void initTestCase();
    void showsDnsNames_data() { addApis(); }
    void showsDnsNames();
    void liveUpdates_data() { addApis(); }
    void liveUpdates();
    void filter_data() { addApis(); }
    void filter();
    void unavailableStore();
    void hundredThousandChildren();
    void reloadMergesInPlace();
    void reloadRelayoutsManyChanges();
    void resyncAppliesNewerChanges();
    void reloadKeepsChangesBetweenListings();
    void resyncFromEtcd_data() { addApis(); }
    void resyncFromEtcd();
    void loadAllFindsUnexpanded_data() { addApis(); }
    void loadAllFindsUnexpanded();
    void loadAllCapped();
};

void TstDnsTreeModel::initTestCase()
{
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
}

void TstDnsTreeModel::addApis()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::newRow("v2") << KvStoreOptions::Api::V2;
    QTest::newRow("v3") << KvStoreOptions::Api::V3;
}

namespace {

struct Fixture
{
    std::unique_ptr<KvStore> store;
    QString prefix;

    bool put(const QString &rel, const QByteArray &value)
    {
        return waitFor([&](QObject *c, KvCallback d) { store->put(prefix + rel, value, KvStore::AnyRevision, 0, c, d); }).ok();
    }
    bool remove(const QString &rel)
    {
        return waitFor([&](QObject *c, KvCallback d) { store->remove(prefix + rel, KvStore::AnyRevision, c, d); }).ok();
    }
};

Fixture makeFixture(const QString &endpoint, KvStoreOptions::Api api, const char *name)
{
    KvStoreOptions options;
    options.api = api;
    options.machines = {endpoint};
    Fixture f;
    f.store.reset(skydns::console::createKvStore(options));
    f.prefix = QStringLiteral("/tsttree%1x%2%3%4")
                   .arg(QCoreApplication::applicationPid())
                   .arg(QDateTime::currentMSecsSinceEpoch() % 100000000)
                   .arg(QLatin1String(name))
                   .arg(api == KvStoreOptions::Api::V2 ? QStringLiteral("v2") : QStringLiteral("v3"));
    return f;
}

} // namespace

void TstDnsTreeModel::showsDnsNames()
{
    QFETCH(KvStoreOptions::Api, api);
    Fixture f = makeFixture(m_endpoint, api, "names");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1","port":8080,"priority":10,"weight":20,"ttl":60})"));
    QVERIFY(f.put("/local/skydns/east/db", R"({"host":"2001:db8::1","text":"primary database"})"));
    QVERIFY(f.put("/local/skydns/west/mail", R"({"host":"mx.example.org","mail":true})"));
    QVERIFY(f.put("/local/skydns/broken", "not json"));
    QVERIFY(f.put("/config", R"({"domain":"skydns.local.","ttl":3600})"));

    DnsTreeModel model;
    QCOMPARE(model.columnCount(), int(DnsTreeModel::ColumnCount));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    model.setStore(f.store.get(), f.prefix);
    QVERIFY(fetch(model, {}));
    QCOMPARE(childNames(model, {}), (QStringList{QStringLiteral("config."), QStringLiteral("local.")}));
    QCOMPARE(model.index(0, DnsTreeModel::TypeColumn).data().toString(), QStringLiteral("SkyDNS configuration"));
    const QModelIndex local = model.index(1, 0);
    QVERIFY(model.hasChildren(local));
    QCOMPARE(model.rowCount(local), 0); // lazy: nothing below until expanded
    QVERIFY(model.canFetchMore(local));
    // The tester itself expands what it finds (fetchMore), so it comes after the laziness check.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(fetch(model, local));
    const QModelIndex skydns = model.index(0, 0, local);
    QCOMPARE(skydns.data().toString(), QStringLiteral("skydns.local."));
    QVERIFY(fetch(model, skydns));
    QCOMPARE(childNames(model, skydns), (QStringList{QStringLiteral("broken.skydns.local."), QStringLiteral("east.skydns.local."),
                                                     QStringLiteral("west.skydns.local.")}));
    const QModelIndex east = model.indexOfKey(f.prefix + "/local/skydns/east");
    QVERIFY(east.isValid());
    QVERIFY(fetch(model, east));
    QCOMPARE(childNames(model, east), (QStringList{QStringLiteral("db.east.skydns.local."), QStringLiteral("web.east.skydns.local.")}));

    const QModelIndex web = model.indexOfKey(f.prefix + "/local/skydns/east/web");
    auto cell = [&](const QModelIndex &i, int column) { return model.index(i.row(), column, i.parent()).data().toString(); };
    QCOMPARE(cell(web, DnsTreeModel::TypeColumn), QStringLiteral("A 10.0.0.1"));
    QCOMPARE(cell(web, DnsTreeModel::PortColumn), QStringLiteral("8080"));
    QCOMPARE(cell(web, DnsTreeModel::PriorityColumn), QStringLiteral("10"));
    QCOMPARE(cell(web, DnsTreeModel::WeightColumn), QStringLiteral("20"));
    QCOMPARE(cell(web, DnsTreeModel::TtlColumn), QStringLiteral("60"));
    QCOMPARE(web.data(DnsTreeModel::KeyRole).toString(), f.prefix + "/local/skydns/east/web");
    QVERIFY(web.data(DnsTreeModel::RevisionRole).toLongLong() > 0);
    QCOMPARE(model.entry(web).revision, web.data(DnsTreeModel::RevisionRole).toLongLong());
    const QModelIndex db = model.indexOfKey(f.prefix + "/local/skydns/east/db");
    QCOMPARE(cell(db, DnsTreeModel::TypeColumn), QStringLiteral("AAAA 2001:db8::1"));
    QCOMPARE(cell(db, DnsTreeModel::TextColumn), QStringLiteral("\"primary database\""));
    const QModelIndex broken = model.indexOfKey(f.prefix + "/local/skydns/broken");
    QCOMPARE(cell(broken, DnsTreeModel::TypeColumn), QStringLiteral("invalid value"));
    QVERIFY(broken.data(Qt::ForegroundRole).isValid());
    QVERIFY(!broken.data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.domainOf(f.prefix + "/local/skydns/east/web"), QStringLiteral("web.east.skydns.local."));
}

void TstDnsTreeModel::liveUpdates()
{
    QFETCH(KvStoreOptions::Api, api);
    Fixture f = makeFixture(m_endpoint, api, "live");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(f.put("/local/skydns/east/db", R"({"host":"10.0.0.2"})"));
    QVERIFY(f.put("/local/skydns/west/mail", R"({"host":"10.0.0.3"})"));

    DnsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(f.store.get(), f.prefix);
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.index(0, 0)));
    QVERIFY(fetch(model, model.index(0, 0, model.index(0, 0))));
    const QString east = f.prefix + "/local/skydns/east";
    QVERIFY(fetch(model, model.indexOfKey(east)));
    QCOMPARE(model.rowCount(model.indexOfKey(east)), 2);

    // The watch starts asynchronously: a marker write shows when it runs.
    bool ready = false;
    for (int i = 0; i < 30 && !ready; ++i) {
        QVERIFY(f.put("/local/skydns/east/marker", QByteArray(R"({"host":"10.9.9.)") + QByteArray::number(i) + "\"}"));
        QElapsedTimer t;
        t.start();
        while (!ready && t.elapsed() < 500) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            ready = model.indexOfKey(east + "/marker").isValid();
        }
    }
    QVERIFY2(ready, "the watch never delivered the marker");
    QVERIFY(f.remove("/local/skydns/east/marker"));
    QTRY_VERIFY(!model.indexOfKey(east + "/marker").isValid());

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // insert in order
    QVERIFY(f.put("/local/skydns/east/api", R"({"host":"10.0.0.4"})"));
    QTRY_VERIFY(model.indexOfKey(east + "/api").isValid());
    QCOMPARE(childNames(model, model.indexOfKey(east)),
             (QStringList{QStringLiteral("api.east.skydns.local."), QStringLiteral("db.east.skydns.local."),
                          QStringLiteral("web.east.skydns.local.")}));
    // update in place
    QVERIFY(f.put("/local/skydns/east/db", R"({"host":"10.0.0.22","port":5432})"));
    QTRY_COMPARE(model.indexOfKey(east + "/db").siblingAtColumn(DnsTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("A 10.0.0.22"));
    QVERIFY(!changed.isEmpty());
    // remove
    QVERIFY(f.remove("/local/skydns/east/web"));
    QTRY_VERIFY(!model.indexOfKey(east + "/web").isValid());
    // a new directory below a loaded one
    QVERIFY(f.put("/local/skydns/north/gw/a", R"({"host":"10.0.1.1"})"));
    QTRY_VERIFY(model.indexOfKey(f.prefix + "/local/skydns/north/gw/a").isValid());
    QCOMPARE(model.indexOfKey(f.prefix + "/local/skydns/north/gw").data().toString(), QStringLiteral("gw.north.skydns.local."));
    // below a directory nobody expanded, nothing shows until it is (a second model without the
    // tester, which expands everything it sees)
    {
        KvStoreOptions options;
        options.api = api;
        options.machines = {m_endpoint};
        std::unique_ptr<KvStore> own(skydns::console::createKvStore(options)); // one watch per store
        DnsTreeModel lazy;
        lazy.setStore(own.get(), f.prefix);
        QVERIFY(fetch(lazy, {}));
        QVERIFY(fetch(lazy, lazy.index(0, 0)));
        QVERIFY(fetch(lazy, lazy.index(0, 0, lazy.index(0, 0))));
        const QModelIndex west = lazy.indexOfKey(f.prefix + "/local/skydns/west");
        QVERIFY(west.isValid());
        QVERIFY(lazy.canFetchMore(west));
        QCOMPARE(lazy.rowCount(west), 0);
        QVERIFY(f.put("/local/skydns/west/extra", R"({"host":"10.0.0.5"})"));
        // a marker in a loaded directory, written until the lazy model's watch shows it, comes
        // after west/extra in etcd order
        bool seen = false;
        for (int i = 0; i < 30 && !seen; ++i) {
            QVERIFY(f.put("/local/skydns/last", R"({"host":"10.0.0.6"})"));
            QElapsedTimer t;
            t.start();
            while (!seen && t.elapsed() < 500) {
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                seen = lazy.indexOfKey(f.prefix + "/local/skydns/last").isValid();
            }
        }
        QVERIFY(seen);
        QCOMPARE(lazy.rowCount(lazy.indexOfKey(f.prefix + "/local/skydns/west")), 0);
        QVERIFY(fetch(lazy, lazy.indexOfKey(f.prefix + "/local/skydns/west")));
        QCOMPARE(lazy.rowCount(lazy.indexOfKey(f.prefix + "/local/skydns/west")), 2);
        lazy.setStore(nullptr);
    }

    // deleting the last key of a directory: v3 directories exist only through keys, v2 ones stay
    QVERIFY(f.remove("/local/skydns/north/gw/a"));
    QTRY_VERIFY(!model.indexOfKey(f.prefix + "/local/skydns/north/gw/a").isValid());
    if (api == KvStoreOptions::Api::V3) {
        QTRY_VERIFY(!model.indexOfKey(f.prefix + "/local/skydns/north").isValid());
    } else {
        QTest::qWait(300);
        QVERIFY(model.indexOfKey(f.prefix + "/local/skydns/north/gw").isValid());
    }
    QVERIFY(inserted.size() >= 3);
    QVERIFY(removed.size() >= 2);
    QCOMPARE(reset.size(), 0); // all in place

    // reload (F5) re-reads everything
    model.reload();
    QVERIFY(fetch(model, {}));
    QCOMPARE(childNames(model, {}), QStringList{QStringLiteral("local.")});
}

void TstDnsTreeModel::filter()
{
    QFETCH(KvStoreOptions::Api, api);
    Fixture f = makeFixture(m_endpoint, api, "filter");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(f.put("/local/skydns/east/db", R"({"host":"db.internal.example"})"));
    QVERIFY(f.put("/local/skydns/west/cache", R"({"host":"10.0.0.3"})"));
    DnsTreeModel model;
    model.setStore(f.store.get(), f.prefix);
    DnsTreeFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.index(0, 0)));
    const QModelIndex skydns = model.index(0, 0, model.index(0, 0));
    QVERIFY(fetch(model, skydns));
    QVERIFY(fetch(model, model.indexOfKey(f.prefix + "/local/skydns/east")));
    QVERIFY(fetch(model, model.indexOfKey(f.prefix + "/local/skydns/west")));

    auto visibleLeaves = [&proxy]() {
        QStringList names;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < proxy.rowCount(parent); ++r) {
                const QModelIndex i = proxy.index(r, 0, parent);
                if (proxy.rowCount(i) == 0)
                    names << i.data().toString();
                walk(i);
            }
        };
        walk({});
        return names;
    };
    QCOMPARE(visibleLeaves().size(), 3);
    proxy.setSearchText(QStringLiteral("WEB.east"));
    QCOMPARE(visibleLeaves(), QStringList{QStringLiteral("web.east.skydns.local.")});
    proxy.setSearchText(QStringLiteral("internal")); // a host
    QCOMPARE(visibleLeaves(), QStringList{QStringLiteral("db.east.skydns.local.")});
    proxy.setSearchText(QStringLiteral("nothing-like-it"));
    QCOMPARE(proxy.rowCount(), 0);
    // a live change that matches shows up
    proxy.setSearchText(QStringLiteral("cache"));
    QVERIFY(f.put("/local/skydns/east/cache2", R"({"host":"10.0.0.7"})"));
    QTRY_COMPARE_WITH_TIMEOUT(visibleLeaves().size(), 2, 10000);
    proxy.setSearchText(QString());
    QCOMPARE(visibleLeaves().size(), 4);
}

void TstDnsTreeModel::unavailableStore()
{
    KvStoreOptions options;
    options.machines = {QStringLiteral("http://127.0.0.1:%1").arg(skydns::test::EtcdServer::freePort())};
    options.connectTimeoutMs = 300;
    options.requestTimeoutMs = 600;
    std::unique_ptr<KvStore> store(skydns::console::createKvStore(options));
    DnsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &DnsTreeModel::loadFailed);
    model.setStore(store.get(), QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({})); // no retry loop; F5 (reload) retries
    model.setStore(nullptr);
}

void TstDnsTreeModel::hundredThousandChildren()
{
    const int n = 100000;
    MemoryKvStore store;
    const QString dir = QStringLiteral("/skydns/local/skydns");
    store.children.insert(QStringLiteral("/skydns"), {KvEntry{QStringLiteral("/skydns/local"), {}, true, 1, 0}});
    store.children.insert(QStringLiteral("/skydns/local"), {KvEntry{dir, {}, true, 1, 0}});
    QList<KvEntry> many;
    many.reserve(n);
    for (int i = 0; i < n; ++i) {
        const QString label = QStringLiteral("svc%1").arg(i, 6, 10, QLatin1Char('0'));
        many.append(KvEntry{dir + QLatin1Char('/') + label,
                            QByteArray(R"({"host":"10.)") + QByteArray::number(i / 65536) + '.' + QByteArray::number((i / 256) % 256)
                                + '.' + QByteArray::number(i % 256) + R"(","port":80})",
                            false, 2 + i, 0});
    }
    std::reverse(many.begin(), many.end()); // the model sorts
    store.children.insert(dir, many);
    store.revision = n + 2;

    DnsTreeModel model;
    model.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.index(0, 0)));
    const QModelIndex skydns = model.index(0, 0, model.index(0, 0));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(fetch(model, skydns));
    const qint64 loadMs = timer.elapsed();
    QCOMPARE(model.rowCount(skydns), n);
    QCOMPARE(model.index(0, 0, skydns).data().toString(), QStringLiteral("svc000000.skydns.local."));
    QCOMPARE(model.index(n - 1, 0, skydns).data().toString(), QStringLiteral("svc099999.skydns.local."));
    QCOMPARE(model.index(n - 1, 0, skydns).parent(), skydns);

    // 2000 changes in the middle, applied in place (no reset), under a filter as in the console
    DnsTreeFilterModel watching;
    watching.setSourceModel(&model);
    watching.setSearchText(QStringLiteral("svc0000"));
    QCOMPARE(watching.rowCount(watching.index(0, 0, watching.index(0, 0))), 100);
    const QPersistentModelIndex deleted = model.indexOfKey(dir + "/svc000097");
    const QPersistentModelIndex moved = model.indexOfKey(dir + "/svc000098");
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QList<KvChange> changes;
    for (int i = 0; i < 1000; ++i) {
        changes.append(KvChange{KvChange::Type::Delete,
                                KvEntry{dir + QStringLiteral("/svc%1").arg(i * 97, 6, 10, QLatin1Char('0')), {}, false, n + 10 + i, 0}});
        changes.append(KvChange{KvChange::Type::Put, KvEntry{dir + QStringLiteral("/new%1").arg(i), R"({"host":"10.200.0.1"})", false, n + 2000 + i, 0}});
    }
    timer.restart();
    Q_EMIT store.changed(changes);
    const qint64 changeMs = timer.elapsed();
    QCOMPARE(model.rowCount(skydns), n);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 1); // one burst, one layout change
    QVERIFY(!deleted.isValid());
    QVERIFY(moved.isValid());
    QCOMPARE(QModelIndex(moved), model.indexOfKey(dir + "/svc000098"));
    QCOMPARE(moved.row(), 98 + 1000 - 2); // 1000 "new" rows sort before it, svc000000 and svc000097 went
    QCOMPARE(watching.rowCount(watching.index(0, 0, watching.index(0, 0))), 98); // svc000000 and svc000097 went
    QVERIFY(!model.indexOfKey(dir + "/svc000097").isValid());
    QVERIFY(model.indexOfKey(dir + "/svc000098").isValid());
    QCOMPARE(model.indexOfKey(dir + "/new999").data().toString(), QStringLiteral("new999.skydns.local."));
    // one update in place
    Q_EMIT store.changed({KvChange{KvChange::Type::Put, KvEntry{dir + "/svc050000", R"({"host":"192.0.2.1"})", false, n + 5000, 0}}});
    QCOMPARE(model.indexOfKey(dir + "/svc050000").siblingAtColumn(DnsTreeModel::TypeColumn).data().toString(),
             QStringLiteral("A 192.0.2.1"));

    // the filter finds one name among 100k
    DnsTreeFilterModel proxy;
    proxy.setSourceModel(&model);
    timer.restart();
    proxy.setSearchText(QStringLiteral("svc077777"));
    const qint64 filterMs = timer.elapsed();
    const QModelIndex pLocal = proxy.index(0, 0);
    const QModelIndex pSkydns = proxy.index(0, 0, pLocal);
    QCOMPARE(proxy.rowCount(pSkydns), 1);
    QCOMPARE(proxy.index(0, 0, pSkydns).data().toString(), QStringLiteral("svc077777.skydns.local."));
    qInfo("100k children: load %lld ms, 2000 changes %lld ms, filter %lld ms", loadMs, changeMs, filterMs);

    // a reload re-reads the directory and changes nothing that did not change
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    store.children.insert(dir, many); // etcd as read first: the 2000 changes undone
    const QPersistentModelIndex stays = model.indexOfKey(dir + "/svc077777");
    const QPersistentModelIndex goes = model.indexOfKey(dir + "/new500");
    QVERIFY(stays.isValid() && goes.isValid());
    timer.restart();
    model.reload();
    QVERIFY(finished.wait(20000));
    const qint64 reloadMs = timer.elapsed();
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(skydns), n);
    QVERIFY(model.indexOfKey(dir + "/svc000097").isValid());
    QVERIFY(!model.indexOfKey(dir + "/new999").isValid());
    QCOMPARE(changed.size(), 1); // svc050000's value
    QCOMPARE(QModelIndex(stays), model.indexOfKey(dir + "/svc077777"));
    QCOMPARE(stays.row(), 77777);
    QVERIFY(!goes.isValid());

    // a search in a model where nobody expanded anything reads the whole tree (loadAll)
    DnsTreeModel fresh;
    fresh.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(fresh, {}));
    timer.restart();
    fresh.loadAll(200000);
    QVERIFY(fetch(fresh, {}));
    const qint64 loadAllMs = timer.elapsed();
    QCOMPARE(fresh.loadAllState(), DnsTreeModel::LoadAllState::Complete);
    DnsTreeFilterModel freshProxy;
    freshProxy.setSourceModel(&fresh);
    freshProxy.setSearchText(QStringLiteral("svc077777"));
    QCOMPARE(freshProxy.rowCount(freshProxy.index(0, 0, freshProxy.index(0, 0))), 1);
    // capped: the directory is partly filled, then listed in full when expanded
    DnsTreeModel capped;
    capped.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(capped, {}));
    capped.loadAll(1000);
    QVERIFY(fetch(capped, {}));
    QCOMPARE(capped.loadAllState(), DnsTreeModel::LoadAllState::Capped);
    const QModelIndex cappedDir = capped.indexOfKey(dir);
    QCOMPARE(capped.rowCount(cappedDir), 998);
    QVERIFY(fetch(capped, capped.indexOfKey(QStringLiteral("/skydns/local"))));
    timer.restart();
    QVERIFY(fetch(capped, cappedDir));
    const qint64 mergeMs = timer.elapsed();
    QCOMPARE(capped.rowCount(cappedDir), n);
    qInfo("100k children: reload %lld ms, loadAll %lld ms, list merged into 998 rows %lld ms", reloadMs, loadAllMs, mergeMs);
}

void TstDnsTreeModel::reloadMergesInPlace()
{
    MemoryKvStore store;
    const QString d = QStringLiteral("/skydns/local");
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(d)});
    store.children.insert(d, {dirEntry(d + "/east"), dirEntry(d + "/west"), dirEntry(d + "/gone"), dirEntry(d + "/never")});
    store.children.insert(d + "/east", {leafEntry(d + "/east/web", R"({"host":"10.0.0.1"})", 2),
                                        leafEntry(d + "/east/db", R"({"host":"10.0.0.2"})", 3)});
    store.children.insert(d + "/west", {leafEntry(d + "/west/mail", R"({"host":"10.0.0.3"})", 4)});
    store.children.insert(d + "/gone", {leafEntry(d + "/gone/x", R"({"host":"10.0.0.4"})", 5)});
    store.children.insert(d + "/never", {leafEntry(d + "/never/y", R"({"host":"10.0.0.5"})", 6)});
    store.revision = 6;

    DnsTreeModel model;
    model.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(d)));
    for (const char *dir : {"/east", "/west", "/gone"})
        QVERIFY(fetch(model, model.indexOfKey(d + dir)));
    const QPersistentModelIndex east = model.indexOfKey(d + "/east");
    const QPersistentModelIndex web = model.indexOfKey(d + "/east/web");
    const QPersistentModelIndex west = model.indexOfKey(d + "/west");
    QVERIFY(web.isValid());
    QCOMPARE(model.rowCount(model.indexOfKey(d + "/gone")), 1);

    // Meanwhile in etcd: web changed, db deleted, api new, the directory "gone" removed, west emptied.
    store.setValue(d + "/east", leafEntry(d + "/east/web", R"({"host":"10.0.0.9"})", 7));
    store.removeKey(d + "/east", d + "/east/db");
    store.setValue(d + "/east", leafEntry(d + "/east/api", R"({"host":"10.0.0.6"})", 8));
    store.removeKey(d, d + "/gone");
    store.children.remove(d + "/gone");
    store.removeKey(d + "/west", d + "/west/mail");
    store.revision = 9;

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.reload();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reset.size(), 0); // in place: views keep what they expanded and selected
    QVERIFY(east.isValid());
    QVERIFY(web.isValid());
    QVERIFY(west.isValid());
    QCOMPARE(QModelIndex(web), model.indexOfKey(d + "/east/web"));
    QCOMPARE(web.sibling(web.row(), DnsTreeModel::TypeColumn).data().toString(), QStringLiteral("A 10.0.0.9"));
    QCOMPARE(childNames(model, east), (QStringList{QStringLiteral("api.east.local."), QStringLiteral("web.east.local.")}));
    QVERIFY(!model.indexOfKey(d + "/gone").isValid()); // a directory that disappeared is gone
    QCOMPARE(childNames(model, model.indexOfKey(d)),
             (QStringList{QStringLiteral("east.local."), QStringLiteral("never.local."), QStringLiteral("west.local.")}));
    QCOMPARE(model.rowCount(west), 0);
    QVERIFY(!model.hasChildren(west));
    // only changed rows are signalled: web (its value), not the unchanged directories
    QCOMPARE(changed.size(), 1);
    // a directory nobody expanded is not read by a reload
    QVERIFY(model.canFetchMore(model.indexOfKey(d + "/never")));
    QCOMPARE(model.rowCount(model.indexOfKey(d + "/never")), 0);

    // a second reload with nothing changed signals nothing, under the tester
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(fetch(model, {}));
    changed.clear();
    model.reload();
    QVERIFY(finished.wait(5000));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(reset.size(), 0);
    model.setStore(nullptr);
}

void TstDnsTreeModel::reloadRelayoutsManyChanges()
{
    // Many scattered changes in one directory are one layout change, not hundreds of row signals;
    // persistent indexes (a view's expansion and selection) follow their rows.
    MemoryKvStore store;
    const QString d = QStringLiteral("/skydns/local");
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(d)});
    QList<KvEntry> kids;
    for (int i = 0; i < 200; ++i)
        kids.append(leafEntry(d + QStringLiteral("/k%1").arg(i, 3, 10, QLatin1Char('0')), R"({"host":"10.0.0.1"})", 2));
    store.children.insert(d, kids);
    store.revision = 2;
    DnsTreeModel model;
    model.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(d)));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QPersistentModelIndex kept = model.indexOfKey(d + "/k010");
    const QPersistentModelIndex keptType = model.indexOfKey(d + "/k150").siblingAtColumn(DnsTreeModel::TypeColumn);
    const QPersistentModelIndex removed = model.indexOfKey(d + "/k011");
    const QPersistentModelIndex dir = model.indexOfKey(d);
    QVERIFY(kept.isValid() && removed.isValid() && keptType.isValid());

    QList<KvEntry> now;
    QStringList expected;
    for (int i = 0; i < 200; ++i) {
        const QString label = QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0'));
        if (i % 2 == 0) {
            now.append(leafEntry(d + "/" + label, i == 150 ? R"({"host":"10.0.0.2"})" : R"({"host":"10.0.0.1"})", i == 150 ? 5 : 2));
            expected << label + QStringLiteral(".local.");
        }
        if (i % 4 == 1) {
            now.append(leafEntry(d + "/" + label + "b", R"({"host":"10.0.0.3"})", 4));
            expected << label + QStringLiteral("b.local.");
        }
    }
    store.children.insert(d, now);
    store.revision = 5;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removedRows(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    model.reload();
    QVERIFY(finished.wait(5000));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removedRows.size(), 0);
    QCOMPARE(layout.size(), 1);
    QCOMPARE(changed.size(), 1); // k150's value
    QCOMPARE(childNames(model, dir), expected);
    QVERIFY(kept.isValid());
    QCOMPARE(QModelIndex(kept), model.indexOfKey(d + "/k010"));
    QCOMPARE(kept.row(), 8); // k000 k001b k002 k004 k005b k006 k008 k009b k010
    QVERIFY(keptType.isValid());
    QCOMPARE(keptType.data().toString(), QStringLiteral("A 10.0.0.2"));
    QCOMPARE(keptType.column(), int(DnsTreeModel::TypeColumn));
    QVERIFY(!removed.isValid());

    // a burst from the watch (more than 32 changes) is one layout change as well, under the tester
    QList<KvChange> burst;
    for (int i = 0; i < 40; ++i) {
        burst.append(KvChange{KvChange::Type::Put, leafEntry(d + QStringLiteral("/j%1").arg(i, 2, 10, QLatin1Char('0')),
                                                             R"({"host":"10.0.0.4"})", 10 + i)});
    }
    burst.append(KvChange{KvChange::Type::Delete, KvEntry{d + "/k000", {}, false, 60, 0}});
    burst.append(KvChange{KvChange::Type::Put, leafEntry(d + "/k010", R"({"host":"10.0.0.5"})", 61)});
    layout.clear();
    changed.clear();
    const QPersistentModelIndex first = model.indexOfKey(d + "/k000");
    Q_EMIT store.changed(burst);
    QCOMPARE(layout.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removedRows.size(), 0);
    QCOMPARE(changed.size(), 1); // k010
    QVERIFY(!first.isValid());
    QCOMPARE(QModelIndex(kept), model.indexOfKey(d + "/k010"));
    QCOMPARE(kept.row(), 40 + 8 - 1);
    QCOMPARE(QModelIndex(kept).siblingAtColumn(DnsTreeModel::TypeColumn).data().toString(), QStringLiteral("A 10.0.0.5"));
    QCOMPARE(model.rowCount(dir), int(expected.size()) + 40 - 1);
    model.setStore(nullptr);
}

void TstDnsTreeModel::resyncAppliesNewerChanges()
{
    MemoryKvStore store;
    const QString d = QStringLiteral("/skydns/local");
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(d)});
    store.children.insert(d, {leafEntry(d + "/web", R"({"host":"10.0.0.1"})", 2)});
    store.revision = 2;
    DnsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(d)));
    const QPersistentModelIndex web = model.indexOfKey(d + "/web");
    QVERIFY(web.isValid());

    // The watch lost history up to revision 10; etcd now has api (9). Changes arriving while the
    // re-read is on its way: "late" (11) is newer than the read and must show; "stale" (7) is
    // older, already reflected by the read (it was deleted again), and must not.
    store.setValue(d, leafEntry(d + "/api", R"({"host":"10.0.0.2"})", 9));
    store.revision = 10;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    QSignalSpy failed(&model, &DnsTreeModel::loadFailed);
    store.failLists = 2; // the first re-reads fail (etcd just came back): they are tried again
    Q_EMIT store.resyncNeeded();
    QVERIFY(model.isFetching());
    Q_EMIT store.changed({KvChange{KvChange::Type::Put, leafEntry(d + "/late", R"({"host":"10.0.0.3"})", 11)},
                          KvChange{KvChange::Type::Put, leafEntry(d + "/stale", R"({"host":"10.0.0.4"})", 7)}});
    QVERIFY(finished.wait(5000));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(store.failLists, 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(web.isValid());
    QCOMPARE(childNames(model, model.indexOfKey(d)), (QStringList{QStringLiteral("api.local."), QStringLiteral("late.local."),
                                                                  QStringLiteral("web.local.")}));
    // a re-read that keeps failing is reported once, and the rows stay
    store.failLists = 100;
    model.reload();
    QVERIFY(finished.wait(10000));
    QVERIFY(failed.size() >= 1);
    QCOMPARE(model.rowCount(model.indexOfKey(d)), 3);
    store.failLists = 0;
    model.setStore(nullptr);
}

void TstDnsTreeModel::reloadKeepsChangesBetweenListings()
{
    // A reload reads each directory with a list of its own, each at its own revision. A change
    // to a deep key that arrives while the top level is re-read is newer than the deep list
    // (revision 3) though older than the top one (10): it must not be lost.
    MemoryKvStore store;
    const QString d = QStringLiteral("/skydns/local");
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(d)});
    store.children.insert(d, {leafEntry(d + "/web", R"({"host":"10.0.0.1"})", 2)});
    store.revision = 2;
    DnsTreeModel model;
    model.setStore(&store, QStringLiteral("/skydns"));
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(d)));
    store.revision = 10;
    store.listRevision.insert(d, 3);
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    model.reload();
    Q_EMIT store.changed({KvChange{KvChange::Type::Put, leafEntry(d + "/x", R"({"host":"10.0.0.5"})", 5)}});
    QVERIFY(finished.wait(5000));
    QCOMPARE(childNames(model, model.indexOfKey(d)), (QStringList{QStringLiteral("web.local."), QStringLiteral("x.local.")}));
    model.setStore(nullptr);
}

void TstDnsTreeModel::resyncFromEtcd()
{
    // The watch loses history for real: etcd is cut off behind a proxy while the tree changes and
    // the history goes (v2: more than 1000 events clear the watch index; v3: a compaction).
    QFETCH(KvStoreOptions::Api, api);
    skydns::test::EtcdServer etcd;
    QString error;
    QVERIFY2(etcd.start(&error), qPrintable(error));
    const QUrl etcdUrl(etcd.clientUrl());
    TcpProxy proxy(quint16(etcdUrl.port()));

    Fixture writer = makeFixture(etcd.clientUrl(), api, "resync");
    QVERIFY(writer.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(writer.put("/local/skydns/east/db", R"({"host":"10.0.0.2"})"));
    QVERIFY(writer.put("/local/skydns/west/mail", R"({"host":"10.0.0.3"})"));
    QVERIFY(writer.put("/local/skydns/north/gw", R"({"host":"10.0.0.4"})"));

    KvStoreOptions options;
    options.api = api;
    options.machines = {proxy.url()};
    options.connectTimeoutMs = 1000;
    options.requestTimeoutMs = 3000;
    std::unique_ptr<KvStore> store(skydns::console::createKvStore(options));
    DnsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store.get(), writer.prefix);
    const QString base = writer.prefix + "/local/skydns";
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(writer.prefix + "/local")));
    QVERIFY(fetch(model, model.indexOfKey(base)));
    QVERIFY(fetch(model, model.indexOfKey(base + "/east")));
    QVERIFY(fetch(model, model.indexOfKey(base + "/west")));
    QVERIFY(fetch(model, model.indexOfKey(base + "/north")));
    // the watch runs once a marker write shows
    QVERIFY(waitUntil([&]() {
        writer.put("/local/skydns/east/marker", R"({"host":"10.9.9.9"})");
        return waitUntil([&]() { return model.indexOfKey(base + "/east/marker").isValid(); }, 500);
    }));
    const QPersistentModelIndex east = model.indexOfKey(base + "/east");
    const QPersistentModelIndex web = model.indexOfKey(base + "/east/web");
    QSignalSpy resync(store.get(), &KvStore::resyncNeeded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);

    proxy.setBlocked(true);
    QVERIFY(writer.remove("/local/skydns/east/db"));
    QVERIFY(writer.remove("/local/skydns/east/marker"));
    QVERIFY(writer.put("/local/skydns/east/api", R"({"host":"10.0.0.5"})"));
    QVERIFY(writer.put("/local/skydns/west/mail", R"({"host":"10.0.0.33"})"));
    QVERIFY(writer.remove("/local/skydns/north/gw"));
    if (api == KvStoreOptions::Api::V2) {
        QVERIFY(writer.remove("/local/skydns/north")); // v2: the emptied directory goes as well
        // 1100 events outside the prefix push the watch's index out of etcd's 1000-event history.
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&failures, t, url = etcd.clientUrl().toStdString()]() {
                skydns::backend::EtcdOptions o;
                o.machines = {url};
                skydns::backend::EtcdClient client(o);
                for (int i = 0; i < 138; ++i) {
                    if (!client.set("/tsttreechurn/" + std::to_string(t), std::to_string(i)).ok())
                        ++failures;
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    } else {
        skydns::backend::EtcdOptions o;
        o.machines = {etcd.clientUrl().toStdString()};
        skydns::backend::Etcd3Client client(o);
        QVERIFY(client.put("/tsttreechurn", "1").ok());
        const skydns::backend::Etcd3Result head = client.range("/tsttreechurn");
        QVERIFY(head.ok());
        QVERIFY(client.compact(head.revision).ok());
    }
    QTest::qWait(300); // the watch notices the outage meanwhile
    QVERIFY(model.indexOfKey(base + "/east/db").isValid()); // not seen yet
    proxy.setBlocked(false);

    QVERIFY2(waitUntil([&]() { return !resync.isEmpty(); }, 20000), "the watch did not ask for a resync");
    QVERIFY(waitUntil([&]() { return !finished.isEmpty() && !model.isFetching(); }));
    QCOMPARE(reset.size(), 0); // merged in place
    QVERIFY(east.isValid());
    QVERIFY(web.isValid());
    QCOMPARE(childNames(model, east), (QStringList{QStringLiteral("api.east.skydns.local."), QStringLiteral("web.east.skydns.local.")}));
    const QModelIndex mail = model.indexOfKey(base + "/west/mail");
    QCOMPARE(mail.siblingAtColumn(DnsTreeModel::TypeColumn).data().toString(), QStringLiteral("A 10.0.0.33"));
    QVERIFY(!model.indexOfKey(base + "/north/gw").isValid());
    QVERIFY(!model.indexOfKey(base + "/north").isValid()); // v2 removed it, v3 has no key below it
    // and the watch goes on from where it re-read
    QVERIFY(writer.put("/local/skydns/east/after", R"({"host":"10.0.0.6"})"));
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOfKey(base + "/east/after").isValid(), 10000);
    model.setStore(nullptr);
}

void TstDnsTreeModel::loadAllFindsUnexpanded()
{
    QFETCH(KvStoreOptions::Api, api);
    Fixture f = makeFixture(m_endpoint, api, "loadall");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(f.put("/local/skydns/west/deep/er/needle", R"({"host":"needle.example"})"));
    QVERIFY(f.put("/local/skydns/west/mail", R"({"host":"10.0.0.3"})"));
    QVERIFY(f.put("/other/x", R"({"host":"10.0.0.4"})"));
    DnsTreeModel model;
    model.setStore(f.store.get(), f.prefix);
    DnsTreeFilterModel proxy;
    proxy.setSourceModel(&model);
    QVERIFY(fetch(model, {}));
    proxy.setSearchText(QStringLiteral("needle"));
    QCOMPARE(proxy.rowCount(), 0); // lazy: not loaded, not found

    QSignalSpy loaded(&model, &DnsTreeModel::allLoaded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.loadAll(1000);
    QCOMPARE(model.loadAllState(), DnsTreeModel::LoadAllState::Loading);
    QVERIFY(fetch(model, {}));
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(model.loadAllState(), DnsTreeModel::LoadAllState::Complete);
    QCOMPARE(loaded.at(0).at(0).toInt(), api == KvStoreOptions::Api::V2 ? 11 : 4); // v2 counts directories too
    QCOMPARE(reset.size(), 0);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    std::function<QStringList(const QModelIndex &)> leaves = [&](const QModelIndex &parent) {
        QStringList names;
        for (int r = 0; r < proxy.rowCount(parent); ++r) {
            const QModelIndex i = proxy.index(r, 0, parent);
            if (proxy.rowCount(i) == 0)
                names << i.data().toString();
            names << leaves(i);
        }
        return names;
    };
    QCOMPARE(leaves({}), QStringList{QStringLiteral("needle.er.deep.west.skydns.local.")});
    const QModelIndex deep = model.indexOfKey(f.prefix + "/local/skydns/west/deep");
    QVERIFY(deep.isValid());
    QVERIFY(!model.canFetchMore(deep)); // fully read: nothing left to list
    proxy.setSearchText(QStringLiteral("10.0.0.4")); // a host
    QCOMPARE(leaves({}), QStringList{QStringLiteral("x.other.")});

    // the loaded tree stays live (once the watch runs: a marker write shows when it does)
    QVERIFY(waitUntil([&]() {
        f.put("/other/marker", R"({"host":"10.9.9.9"})");
        return waitUntil([&]() { return model.indexOfKey(f.prefix + "/other/marker").isValid(); }, 500);
    }));
    proxy.setSearchText(QStringLiteral("needle"));
    QVERIFY(f.put("/local/skydns/west/deep/er/needle2", R"({"host":"10.0.0.7"})"));
    QTRY_COMPARE_WITH_TIMEOUT(leaves({}).size(), 2, 10000);
    // a reload of a fully loaded tree is one recursive read, in place
    QSignalSpy finished(&model, &DnsTreeModel::reloadFinished);
    model.reload();
    QVERIFY(finished.wait(10000));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.loadAllState(), DnsTreeModel::LoadAllState::Complete);
    QCOMPARE(leaves({}).size(), 2);
    QVERIFY(f.remove("/local/skydns/west/deep/er/needle2"));
    QTRY_COMPARE_WITH_TIMEOUT(leaves({}).size(), 1, 10000);
    model.setStore(nullptr);
}

void TstDnsTreeModel::loadAllCapped()
{
    MemoryKvStore store;
    const QString p = QStringLiteral("/skydns");
    store.children.insert(p, {dirEntry(p + "/a"), dirEntry(p + "/b")});
    for (const char *dir : {"/a", "/b"}) {
        QList<KvEntry> kids;
        for (int i = 1; i <= 5; ++i)
            kids.append(leafEntry(p + dir + "/" + QString::number(i), R"({"host":"10.0.0.1"})", 1 + i));
        store.children.insert(p + dir, kids);
    }
    store.revision = 10;
    DnsTreeModel model;
    model.setStore(&store, p);
    QVERIFY(fetch(model, {}));
    QSignalSpy loaded(&model, &DnsTreeModel::allLoaded);
    model.loadAll(4); // a, a/1, a/2, a/3: the limit stops inside a
    QVERIFY(fetch(model, {}));
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).at(0).toInt(), 4);
    QCOMPARE(model.loadAllState(), DnsTreeModel::LoadAllState::Capped);
    const QModelIndex a = model.indexOfKey(p + "/a");
    QCOMPARE(model.rowCount(a), 3);
    QVERIFY(model.canFetchMore(a)); // partly filled: expanding lists all of it
    QVERIFY(model.canFetchMore(model.indexOfKey(p + "/b")));
    // the watch keeps the partial rows current
    Q_EMIT store.changed({KvChange{KvChange::Type::Delete, KvEntry{p + "/a/1", {}, false, 11, 0}},
                          KvChange{KvChange::Type::Put, leafEntry(p + "/a/0", R"({"host":"10.0.0.2"})", 12)},
                          KvChange{KvChange::Type::Put, leafEntry(p + "/b/9", R"({"host":"10.0.0.3"})", 13)}});
    QCOMPARE(childNames(model, a), (QStringList{QStringLiteral("0.a."), QStringLiteral("2.a."), QStringLiteral("3.a.")}));
    QCOMPARE(model.rowCount(model.indexOfKey(p + "/b")), 0);
    // expanding a merges its full listing with the rows it has: no duplicates
    store.removeKey(p + "/a", p + "/a/1");
    store.setValue(p + "/a", leafEntry(p + "/a/0", R"({"host":"10.0.0.2"})", 12));
    store.revision = 13;
    QVERIFY(fetch(model, a));
    QCOMPARE(childNames(model, a), (QStringList{QStringLiteral("0.a."), QStringLiteral("2.a."), QStringLiteral("3.a."),
                                                QStringLiteral("4.a."), QStringLiteral("5.a.")}));
    QVERIFY(!model.canFetchMore(a));
    QCOMPARE(store.recursiveReads, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(nullptr);
}

QTEST_MAIN(TstDnsTreeModel)
#include "tst_dnstreemodel.moc"
