// Tests of the console's KvStore over both etcd APIs against the shared fixture etcd: every row runs
// once on v2 (EtcdV2KvStore) and once on v3 (EtcdV3KvStore), so the views can rely on one behaviour.
#include "etcd/kvstore.h"
#include "etcd/kvstorefactory.h"

#include "etcdserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using skydns::console::KvChange;
using skydns::console::KvEntry;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::KvStoreOptions;
using Status = skydns::console::KvResult::Status;

Q_DECLARE_METATYPE(KvStoreOptions::Api)

namespace {

// wait runs the event loop until request's callback delivered a result (or 15 s passed).
KvResult wait(const std::function<void(QObject *, skydns::console::KvCallback)> &request)
{
    std::optional<KvResult> result;
    QObject context;
    request(&context, [&result](const KvResult &r) { result = r; });
    QElapsedTimer timer;
    timer.start();
    while (!result && timer.elapsed() < 15000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!result) {
        KvResult timedOut;
        timedOut.status = Status::Invalid;
        timedOut.message = QStringLiteral("test: no callback within 15 s");
        return timedOut;
    }
    return *result;
}

} // namespace

class TstKvStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<KvStore> makeStore(KvStoreOptions::Api api) const;
    QString base(const char *test) const;
    KvResult get(KvStore &s, const QString &k) { return wait([&](QObject *c, auto d) { s.get(k, c, d); }); }
    KvResult list(KvStore &s, const QString &k) { return wait([&](QObject *c, auto d) { s.list(k, c, d); }); }
    KvResult put(KvStore &s, const QString &k, const QByteArray &v, qint64 rev = KvStore::AnyRevision, qint64 ttl = 0)
    {
        return wait([&](QObject *c, auto d) { s.put(k, v, rev, ttl, c, d); });
    }
    KvResult remove(KvStore &s, const QString &k, qint64 rev = KvStore::AnyRevision)
    {
        return wait([&](QObject *c, auto d) { s.remove(k, rev, c, d); });
    }
    void addApis();

    QString m_endpoint;
    QString m_run;

private slots:
    void initTestCase();
    void getAndList_data() { addApis(); }
    void getAndList();
    void putModes_data() { addApis(); }
    void putModes();
    void removeWithCas_data() { addApis(); }
    void removeWithCas();
    void ttl_data() { addApis(); }
    void ttl();
    void watchDeliversChanges_data() { addApis(); }
    void watchDeliversChanges();
    void destroyedContextIsNotCalled_data() { addApis(); }
    void destroyedContextIsNotCalled();
    void unavailable_data() { addApis(); }
    void unavailable();
};

void TstKvStore::initTestCase()
{
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture (SKYDNS_TEST_ETCD_ENDPOINT_FILE)");
    // Keys of this run are apart from earlier runs' and other tests' keys.
    m_run = QStringLiteral("/skydns-tst-kvstore/%1-%2")
                .arg(QCoreApplication::applicationPid())
                .arg(QDateTime::currentMSecsSinceEpoch());
}

void TstKvStore::addApis()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::newRow("v2 keys API (EtcdClient)") << KvStoreOptions::Api::V2;
    QTest::newRow("v3 JSON gateway (Etcd3Client)") << KvStoreOptions::Api::V3;
}

std::unique_ptr<KvStore> TstKvStore::makeStore(KvStoreOptions::Api api) const
{
    KvStoreOptions options;
    options.api = api;
    options.machines = {m_endpoint};
    return std::unique_ptr<KvStore>(skydns::console::createKvStore(options));
}

QString TstKvStore::base(const char *test) const
{
    QFETCH(KvStoreOptions::Api, api);
    return m_run + (api == KvStoreOptions::Api::V2 ? QStringLiteral("/v2/") : QStringLiteral("/v3/"))
        + QLatin1String(test);
}

void TstKvStore::getAndList()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    QCOMPARE(store->apiName(), api == KvStoreOptions::Api::V2 ? QStringLiteral("v2") : QStringLiteral("v3"));
    const QString dir = base("getlist");
    QVERIFY(put(*store, dir + "/web", R"({"host":"10.0.0.1"})").ok());
    QVERIFY(put(*store, dir + "/east/db", R"({"host":"10.0.0.2","port":5432})").ok());
    QVERIFY(put(*store, dir + "/east/mail", R"({"host":"10.0.0.3"})").ok());

    const KvResult one = get(*store, dir + "/web");
    QVERIFY2(one.ok(), qPrintable(one.message));
    QCOMPARE(one.entries.size(), 1);
    QCOMPARE(one.entries.at(0).key, dir + "/web");
    QCOMPARE(one.entries.at(0).value, QByteArray(R"({"host":"10.0.0.1"})"));
    QVERIFY(!one.entries.at(0).dir);
    QVERIFY(one.entries.at(0).revision > 0);
    QCOMPARE(one.entries.at(0).ttl, 0);
    QVERIFY(one.storeRevision >= one.entries.at(0).revision);

    const KvResult children = list(*store, dir);
    QVERIFY2(children.ok(), qPrintable(children.message));
    QCOMPARE(children.entries.size(), 2);
    QMap<QString, KvEntry> byKey;
    for (const KvEntry &e : children.entries)
        byKey.insert(e.key, e);
    QVERIFY(byKey.contains(dir + "/east"));
    QVERIFY(byKey.value(dir + "/east").dir);
    QVERIFY(byKey.value(dir + "/east").value.isEmpty());
    QVERIFY(!byKey.value(dir + "/web").dir);
    QCOMPARE(byKey.value(dir + "/web").value, QByteArray(R"({"host":"10.0.0.1"})"));

    const KvResult east = list(*store, dir + "/east");
    QVERIFY2(east.ok(), qPrintable(east.message));
    QCOMPARE(east.entries.size(), 2);

    const KvResult missing = get(*store, dir + "/nothing");
    QCOMPARE(missing.status, Status::NotFound);
    QVERIFY(!missing.message.isEmpty());
    QCOMPARE(list(*store, dir + "/nothing").status, Status::NotFound);

    // A directory read with get is a directory entry, not an error.
    const KvResult asDir = get(*store, dir + "/east");
    QVERIFY2(asDir.ok(), qPrintable(asDir.message));
    QVERIFY(asDir.entries.value(0).dir);
}

void TstKvStore::putModes()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    const QString key = base("put") + "/svc";

    // create-only on a new key writes it and reports the revision written
    const KvResult created = put(*store, key, "one", KvStore::MustNotExist);
    QVERIFY2(created.ok(), qPrintable(created.message));
    QCOMPARE(created.entries.size(), 1);
    const qint64 rev1 = created.entries.at(0).revision;
    QVERIFY(rev1 > 0);
    QCOMPARE(get(*store, key).entries.value(0).revision, rev1);

    // create-only on an existing key: Conflict with the current value, nothing written
    const KvResult again = put(*store, key, "two", KvStore::MustNotExist);
    QCOMPARE(again.status, Status::Conflict);
    QCOMPARE(again.current.value, QByteArray("one"));
    QCOMPARE(again.current.revision, rev1);
    QCOMPARE(get(*store, key).entries.value(0).value, QByteArray("one"));

    // compare-and-swap at the right revision writes
    const KvResult swapped = put(*store, key, "three", rev1);
    QVERIFY2(swapped.ok(), qPrintable(swapped.message));
    const qint64 rev2 = swapped.entries.value(0).revision;
    QVERIFY(rev2 > rev1);

    // compare-and-swap at a stale revision: Conflict, current is what the other writer left
    const KvResult stale = put(*store, key, "four", rev1);
    QCOMPARE(stale.status, Status::Conflict);
    QVERIFY(!stale.message.isEmpty());
    QCOMPARE(stale.current.key, key);
    QCOMPARE(stale.current.value, QByteArray("three"));
    QCOMPARE(stale.current.revision, rev2);
    QCOMPARE(get(*store, key).entries.value(0).value, QByteArray("three"));

    // unconditional put always writes
    const KvResult any = put(*store, key, "five", KvStore::AnyRevision);
    QVERIFY2(any.ok(), qPrintable(any.message));
    QCOMPARE(get(*store, key).entries.value(0).value, QByteArray("five"));

    // compare-and-swap on a key deleted meanwhile: Conflict with revision 0
    QVERIFY(remove(*store, key).ok());
    const KvResult gone = put(*store, key, "six", rev2);
    QCOMPARE(gone.status, Status::Conflict);
    QCOMPARE(gone.current.revision, 0);
    QCOMPARE(get(*store, key).status, Status::NotFound);
}

void TstKvStore::removeWithCas()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    const QString key = base("remove") + "/svc";
    const qint64 rev1 = put(*store, key, "a").entries.value(0).revision;
    const qint64 rev2 = put(*store, key, "b").entries.value(0).revision;
    QVERIFY(rev1 > 0 && rev2 > rev1);

    const KvResult stale = remove(*store, key, rev1);
    QCOMPARE(stale.status, Status::Conflict);
    QCOMPARE(stale.current.value, QByteArray("b"));
    QCOMPARE(stale.current.revision, rev2);
    QVERIFY(get(*store, key).ok()); // still there

    const KvResult removed = remove(*store, key, rev2);
    QVERIFY2(removed.ok(), qPrintable(removed.message));
    QCOMPARE(get(*store, key).status, Status::NotFound);

    QCOMPARE(remove(*store, key).status, Status::NotFound);
    const KvResult casGone = remove(*store, key, rev2);
    QCOMPARE(casGone.status, Status::Conflict);
    QCOMPARE(casGone.current.revision, 0);
}

void TstKvStore::ttl()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    const QString key = base("ttl") + "/svc";
    const KvResult written = put(*store, key, "expiring", KvStore::AnyRevision, 60);
    QVERIFY2(written.ok(), qPrintable(written.message));
    const KvResult read = get(*store, key);
    QVERIFY2(read.ok(), qPrintable(read.message));
    const qint64 ttl = read.entries.value(0).ttl;
    QVERIFY2(ttl > 50 && ttl <= 60, qPrintable(QString::number(ttl)));
    // listed children carry their TTL too
    const KvResult listed = list(*store, base("ttl"));
    QVERIFY2(listed.ok(), qPrintable(listed.message));
    QVERIFY(listed.entries.value(0).ttl > 50);

    // a short TTL really expires
    QVERIFY(put(*store, key, "short", KvStore::AnyRevision, 1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(get(*store, key).status, Status::NotFound, 8000);

    // without a TTL: no expiry
    QVERIFY(put(*store, key, "forever").ok());
    QCOMPARE(get(*store, key).entries.value(0).ttl, 0);
}

void TstKvStore::watchDeliversChanges()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    const QString dir = base("watch");
    QList<KvChange> seen;
    connect(store.get(), &KvStore::changed, this,
            [&seen](const QList<KvChange> &changes) { seen.append(changes); });
    store->watch(dir);

    // The watch starts asynchronously: write a marker until it shows, then the real changes.
    bool ready = false;
    for (int i = 0; i < 30 && !ready; ++i) {
        QVERIFY(put(*store, dir + "/marker", QByteArray::number(i)).ok());
        QElapsedTimer t;
        t.start();
        while (!ready && t.elapsed() < 500) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            for (const KvChange &c : seen)
                ready = ready || c.entry.key == dir + "/marker";
        }
    }
    QVERIFY2(ready, "the watch never delivered the marker");
    seen.clear();

    const KvResult a = put(*store, dir + "/east/web", "1");
    QVERIFY(a.ok());
    const KvResult b = put(*store, dir + "/east/web", "2", a.entries.value(0).revision);
    QVERIFY(b.ok());
    QVERIFY(remove(*store, dir + "/east/web").ok());
    QVERIFY(put(*store, base("elsewhere") + "/x", "not watched").ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, 10000);
    QCOMPARE(seen.at(0).type, KvChange::Type::Put);
    QCOMPARE(seen.at(0).entry.key, dir + "/east/web");
    QCOMPARE(seen.at(0).entry.value, QByteArray("1"));
    QCOMPARE(seen.at(0).entry.revision, a.entries.value(0).revision);
    QCOMPARE(seen.at(1).entry.value, QByteArray("2"));
    QCOMPARE(seen.at(2).type, KvChange::Type::Delete);
    QCOMPARE(seen.at(2).entry.key, dir + "/east/web");
    QVERIFY(seen.at(2).entry.revision > seen.at(1).entry.revision);

    // after stopWatch nothing more arrives
    store->stopWatch();
    seen.clear();
    QVERIFY(put(*store, dir + "/late", "x").ok());
    QTest::qWait(700);
    QCOMPARE(seen.size(), 0);
}

void TstKvStore::destroyedContextIsNotCalled()
{
    QFETCH(KvStoreOptions::Api, api);
    auto store = makeStore(api);
    const QString key = base("context") + "/k";
    QVERIFY(put(*store, key, "v").ok());
    int calls = 0;
    auto *context = new QObject;
    store->get(key, context, [&calls](const KvResult &) { ++calls; });
    delete context;
    // Later requests finish after the first one was delivered or dropped.
    for (int i = 0; i < 5; ++i)
        QVERIFY(get(*store, key).ok());
    QTest::qWait(200);
    QCOMPARE(calls, 0);

    // and a live context is called exactly once
    QObject live;
    store->get(key, &live, [&calls](const KvResult &r) { calls += r.ok() ? 1 : 100; });
    QTRY_COMPARE(calls, 1);
    QTest::qWait(100);
    QCOMPARE(calls, 1);

    // deleting the store with requests in flight neither crashes nor calls back
    store->get(key, &live, [&calls](const KvResult &) { ++calls; });
    store.reset();
    QTest::qWait(100);
    QCOMPARE(calls, 1);
}

void TstKvStore::unavailable()
{
    QFETCH(KvStoreOptions::Api, api);
    KvStoreOptions options;
    options.api = api;
    const quint16 port = skydns::test::EtcdServer::freePort();
    options.machines = {QStringLiteral("http://127.0.0.1:%1").arg(port)};
    options.connectTimeoutMs = 500;
    options.requestTimeoutMs = 1000;
    std::unique_ptr<KvStore> store(skydns::console::createKvStore(options));

    const KvResult r = get(*store, QStringLiteral("/skydns/local/x"));
    QCOMPARE(r.status, Status::Unavailable);
    QVERIFY2(r.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(r.message));
    QVERIFY2(r.message.contains(QStringLiteral("/skydns/local/x")), qPrintable(r.message));
    QCOMPARE(put(*store, QStringLiteral("/skydns/local/x"), "v").status, Status::Unavailable);
    QCOMPARE(list(*store, QStringLiteral("/skydns")).status, Status::Unavailable);
    QCOMPARE(remove(*store, QStringLiteral("/skydns/local/x")).status, Status::Unavailable);

    QSignalSpy state(store.get(), &KvStore::connectionStateChanged);
    store->watch(QStringLiteral("/skydns"));
    QTRY_VERIFY_WITH_TIMEOUT(!state.isEmpty(), 10000);
    QCOMPARE(state.at(0).at(0).toBool(), false);
    QVERIFY(!state.at(0).at(1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TstKvStore)
#include "tst_kvstore.moc"
