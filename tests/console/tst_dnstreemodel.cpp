// Tests of DnsTreeModel and DnsTreeFilterModel under QAbstractItemModelTester: the etcd tree of a
// real etcd (v2 and v3 rows) shown as DNS names, lazy loading, live updates from the watch, the
// filter, and a 100k-child directory (from an in-memory store: etcd would take minutes to fill).
// Re-reads (reload, resync, loadAll) are in tst_dnstreereload.cpp.
#include "tree/dnstreefiltermodel.h"
#include "tree/dnstreemodel.h"

#include "etcdserver.h"
#include "treetestutil.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace skydns::test;
using skydns::console::DnsTreeFilterModel;

class TstDnsTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsDnsNames_data() { addApiRows(); }
    void showsDnsNames();
    void liveUpdates_data() { addApiRows(); }
    void liveUpdates();
    void filter_data() { addApiRows(); }
    void filter();
    void unavailableStore();
    void hundredThousandChildren();

private:
    QString m_endpoint;
};

void TstDnsTreeModel::initTestCase()
{
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
}

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

QTEST_MAIN(TstDnsTreeModel)
#include "tst_dnstreemodel.moc"
