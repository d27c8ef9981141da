// Tests of DnsTreeModel against the watch's late start: the watch runs on its own thread and
// starts from etcd's head when it reads it, which may be after the first lists answered. A key
// written between such a list and that head read must still show (KvStore::watchStarted makes
// the model read those directories again), without F5. Real etcd rows (v2, v3) hold the watch's
// first request in a proxy; an in-memory store drives the model's side step by step.
#include "tree/dnstreemodel.h"

#include "etcdserver.h"
#include "treetestutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace skydns::test;

class TstDnsTreeWatch final : public QObject
{
    Q_OBJECT

private slots:
    void keyWrittenBeforeWatchHead_data();
    void keyWrittenBeforeWatchHead();
    void rereadsOnlyWhatIsOlder_data();
    void rereadsOnlyWhatIsOlder();
};

void TstDnsTreeWatch::keyWrittenBeforeWatchHead_data()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::newRow("v2: key written after the first list, before the watch's head read") << KvStoreOptions::Api::V2;
    QTest::newRow("v3: key written after the first list, before the watch's head read") << KvStoreOptions::Api::V3;
}

void TstDnsTreeWatch::keyWrittenBeforeWatchHead()
{
    QFETCH(KvStoreOptions::Api, api);
    const QString endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!endpoint.isEmpty(), "needs the etcd CTest fixture");
    const QString prefix = QStringLiteral("/tstwatchstart%1x%2%3")
                               .arg(QCoreApplication::applicationPid())
                               .arg(QDateTime::currentMSecsSinceEpoch() % 100000000)
                               .arg(api == KvStoreOptions::Api::V2 ? QStringLiteral("v2") : QStringLiteral("v3"));
    KvStoreOptions direct;
    direct.api = api;
    direct.machines = {endpoint};
    std::unique_ptr<KvStore> writer(skydns::console::createKvStore(direct));
    auto put = [&](const QString &rel) {
        return waitFor([&](QObject *c, KvCallback d) {
                   writer->put(prefix + rel, R"({"host":"10.0.0.1"})", KvStore::AnyRevision, 0, c, d);
               }).ok();
    };
    QVERIFY(put("/local/skydns/web"));

    TcpProxy proxy(quint16(QUrl(endpoint).port()));
    KvStoreOptions viaProxy = direct;
    viaProxy.machines = {proxy.url()};
    std::unique_ptr<KvStore> store(skydns::console::createKvStore(viaProxy));
    // The store's request connection is made now; the watch's own client connects later, held.
    QVERIFY(waitFor([&](QObject *c, KvCallback d) { store->get(prefix + "/local/skydns/web", c, d); }).ok());
    QTest::qWait(50); // (its connection back in the client's pool)
    proxy.hold();

    // No model tester here: it expands what it sees, and those lists would open connections of
    // their own, held too.
    DnsTreeModel model;
    QSignalSpy started(store.get(), &KvStore::watchStarted);
    model.setStore(store.get(), prefix);
    QVERIFY2(fetch(model, {}), "the first list did not answer (was it held too?)");
    QCOMPARE(model.rowCount(), 1); // local.
    QVERIFY2(waitUntil([&]() { return proxy.held() > 0; }), "the watch never connected");
    QVERIFY(started.isEmpty()); // its head read waits in the proxy

    // Written after the list answered and before the watch reads etcd's head.
    QVERIFY(put("/late"));
    proxy.release();
    QVERIFY2(waitUntil([&]() { return !started.isEmpty(); }), "the watch never started");
    // (waitUntil, not QTRY: a failing QTRY waits three times as long, past the test's time-out)
    QVERIFY2(waitUntil([&]() { return model.indexOfKey(prefix + "/late").isValid(); }, 10000),
             "a key written before the watch's head read never showed");
    QCOMPARE(model.rowCount(), 2);
    // and the watch follows from there
    QVERIFY(put("/after"));
    QVERIFY(waitUntil([&]() { return model.indexOfKey(prefix + "/after").isValid(); }, 10000));
    model.setStore(nullptr);
}

void TstDnsTreeWatch::rereadsOnlyWhatIsOlder_data()
{
    QTest::addColumn<bool>("startWhileListing"); // watchStarted arrives while the root's list is on its way
    QTest::addColumn<bool>("writeLate");         // a key is written between the lists and the head read
    QTest::addColumn<qint64>("lagging");         // lists answer that much older (a lagging member)
    QTest::addColumn<int>("rootLists");
    QTest::addColumn<int>("eastLists");
    QTest::newRow("listed before the watch started, older: read again") << false << true << qint64(0) << 2 << 2;
    QTest::newRow("watch started while listing, answer older: read again") << true << true << qint64(0) << 2 << 1;
    QTest::newRow("nothing written since the lists (listed at head): not read again") << false << false << qint64(0) << 1 << 1;
    QTest::newRow("lagging member: read again once, not in a loop") << false << true << qint64(2) << 2 << 2;
}

void TstDnsTreeWatch::rereadsOnlyWhatIsOlder()
{
    QFETCH(bool, startWhileListing);
    QFETCH(bool, writeLate);
    QFETCH(qint64, lagging);
    QFETCH(int, rootLists);
    QFETCH(int, eastLists);
    MemoryKvStore store;
    store.children[QStringLiteral("/skydns")];
    store.add(QStringLiteral("/skydns"), QStringLiteral("/skydns/east"), true);
    store.add(QStringLiteral("/skydns/east"), QStringLiteral("/skydns/east/web"));
    store.lagging = lagging;
    const QString late = QStringLiteral("/skydns/late");

    DnsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store, QStringLiteral("/skydns")); // the root's list is read now, answered later
    if (startWhileListing) {
        store.add(QStringLiteral("/skydns"), late);
        Q_EMIT store.watchStarted(store.revision + 1); // the watch read the head after that write
    }
    QVERIFY(fetch(model, {}));
    QVERIFY(fetch(model, model.indexOfKey(QStringLiteral("/skydns/east"))));
    if (!startWhileListing) {
        QCOMPARE(store.lists.value(QStringLiteral("/skydns")), 1);
        QVERIFY(!model.indexOfKey(late).isValid());
        if (writeLate)
            store.add(QStringLiteral("/skydns"), late);
        Q_EMIT store.watchStarted(store.revision + 1);
    }
    QVERIFY(waitUntil([&]() { return !model.isFetching(); }));
    QCOMPARE(model.indexOfKey(late).isValid(), writeLate);
    QCOMPARE(model.rowCount(), writeLate ? 2 : 1);
    QCOMPARE(store.lists.value(QStringLiteral("/skydns")), rootLists);
    QCOMPARE(store.lists.value(QStringLiteral("/skydns/east")), eastLists);
}

QTEST_MAIN(TstDnsTreeWatch)
#include "tst_dnstreewatch.moc"
