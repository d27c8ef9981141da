// Tests of DnsTreeModel's re-reads under QAbstractItemModelTester: reload and resync (after the
// watch lost history) merge in place, from an in-memory store and from a real etcd (v2 and v3 rows);
// loadAll reads the whole tree for a search. The resync test runs its own etcd behind a proxy it
// can cut. Lazy loading, live updates and the filter are in tst_dnstreemodel.cpp.
#include "tree/dnstreefiltermodel.h"
#include "tree/dnstreemodel.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"

#include "etcdserver.h"
#include "treetestutil.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <atomic>
#include <memory>
#include <thread>

using namespace skydns::test;
using skydns::console::DnsTreeFilterModel;

class TstDnsTreeReload final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reloadMergesInPlace();
    void reloadRelayoutsManyChanges();
    void resyncAppliesNewerChanges();
    void reloadKeepsChangesBetweenListings();
    void resyncFromEtcd_data() { addApiRows(); }
    void resyncFromEtcd();
    void loadAllFindsUnexpanded_data() { addApiRows(); }
    void loadAllFindsUnexpanded();
    void loadAllCapped();

private:
    QString m_endpoint;
};

namespace {

// seedLocalWeb gives store /skydns/local holding web (10.0.0.1) at revision 2; returns the directory.
QString seedLocalWeb(MemoryKvStore &store)
{
    const QString d = QStringLiteral("/skydns/local");
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(d)});
    store.children.insert(d, {leafEntry(d + "/web", R"({"host":"10.0.0.1"})", 2)});
    store.revision = 2;
    return d;
}

} // namespace

void TstDnsTreeReload::initTestCase()
{
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
}

void TstDnsTreeReload::reloadMergesInPlace()
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

void TstDnsTreeReload::reloadRelayoutsManyChanges()
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

void TstDnsTreeReload::resyncAppliesNewerChanges()
{
    MemoryKvStore store;
    const QString d = seedLocalWeb(store);
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

void TstDnsTreeReload::reloadKeepsChangesBetweenListings()
{
    // A reload reads each directory with a list of its own, each at its own revision. A change
    // to a deep key that arrives while the top level is re-read is newer than the deep list
    // (revision 3) though older than the top one (10): it must not be lost.
    MemoryKvStore store;
    const QString d = seedLocalWeb(store);
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

void TstDnsTreeReload::resyncFromEtcd()
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

void TstDnsTreeReload::loadAllFindsUnexpanded()
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

void TstDnsTreeReload::loadAllCapped()
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

QTEST_MAIN(TstDnsTreeReload)
#include "tst_dnstreereload.moc"
