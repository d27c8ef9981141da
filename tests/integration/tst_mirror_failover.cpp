// Mirror against etcd processes of its own that the tests kill and restart: answers go on from the
// last snapshot while etcd is down, the state says stale, and the mirror catches up afterwards.
#include "etcdserver.h"
#include "mirrortestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace skydns;
using backend::LookupStatus;
using backend::Mirror;
using test::hostAt;
using test::keysOf;

namespace {

// writeWhenReady retries a set until the cluster has a leader (or 20 s passed).
bool writeWhenReady(backend::EtcdClient &writer, const std::string &key, const std::string &value)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        if (writer.set(key, value).ok())
            return true;
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class TstMirrorFailover final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void etcdKilledThenRestarted();
    void unreachableAtStart();
    void clusterMemberKilled();
};

void TstMirrorFailover::etcdKilledThenRestarted()
{
    test::EtcdServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const std::string prefix = "skydns";
    auto writer = test::mirrorClient({server.clientUrl()});
    QVERIFY(writeWhenReady(*writer, "/skydns/local/skydns/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(writer->set("/skydns/local/skydns/old", R"({"host":"10.0.0.9"})").ok());

    Mirror::Options options;
    options.watchWait = std::chrono::seconds(2);
    Mirror mirror(test::mirrorClient({server.clientUrl()}, std::chrono::milliseconds(2000)), prefix, options);
    int stateChanges = 0;
    connect(&mirror, &Mirror::stateChanged, this, [&] { ++stateChanges; });
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    const std::uint64_t generation = mirror.snapshot()->generation();

    server.kill();
    const std::int64_t killedAt = test::nowMs();
    QTRY_VERIFY_WITH_TIMEOUT(mirror.state().stale(), 10000);
    const auto stale = mirror.state();
    QVERIFY(stale.staleSinceMs >= killedAt - 1000);
    QVERIFY(!stale.lastError.empty());
    QVERIFY(stale.synced);
    // Answers go on from the last snapshot.
    QVERIFY(mirror.snapshot()->hasSynced());
    QCOMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"));
    QCOMPARE(mirror.snapshot()->generation(), generation);
    QTRY_VERIFY(stateChanges >= 1);

    QVERIFY2(server.start(&error), qPrintable(error));
    // Changes made after the restart, before the mirror reconnects (its backoff is running).
    QVERIFY(writeWhenReady(*writer, "/skydns/local/skydns/web", R"({"host":"10.0.0.2"})"));
    QVERIFY(writer->remove("/skydns/local/skydns/old").ok());
    QVERIFY(writer->set("/skydns/local/skydns/new", R"({"host":"10.0.0.3"})").ok());

    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.2"), 15000);
    QTRY_COMPARE(hostAt(mirror, "new.skydns.local."), QStringLiteral("10.0.0.3"));
    QTRY_COMPARE(keysOf(mirror, "old.skydns.local."), QStringList{QStringLiteral("<1>")});
    QTRY_VERIFY(!mirror.state().stale());
    QVERIFY(mirror.snapshot()->generation() > generation);
    QTRY_VERIFY(stateChanges >= 2);
}

void TstMirrorFailover::unreachableAtStart()
{
    // Nothing listens on the port yet: the mirror is not synced and answers Unavailable; once etcd
    // is there it syncs on its own.
    test::EtcdServer server;
    Mirror::Options options;
    options.backoffMax = std::chrono::milliseconds(500);
    Mirror mirror(test::mirrorClient({server.clientUrl()}, std::chrono::milliseconds(1000)), "skydns", options);
    mirror.start();
    QTRY_VERIFY_WITH_TIMEOUT(mirror.state().stale(), 10000);
    QVERIFY(!mirror.state().synced);
    QCOMPARE(mirror.snapshot()->records("skydns.local.", false).status, LookupStatus::Unavailable);

    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto writer = test::mirrorClient({server.clientUrl()});
    QVERIFY(writeWhenReady(*writer, "/skydns/local/skydns/web", R"({"host":"10.0.0.1"})"));
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"), 15000);
    QVERIFY(mirror.state().synced);
    QTRY_VERIFY(!mirror.state().stale());
}

void TstMirrorFailover::clusterMemberKilled()
{
    test::EtcdCluster cluster(3);
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    auto writer = test::mirrorClient({cluster.member(1).clientUrl(), cluster.member(2).clientUrl()});
    QVERIFY(writeWhenReady(*writer, "/skydns/local/skydns/web", R"({"host":"10.0.0.1"})"));

    // The mirror's client lists member 0 first, so that is the one it talks to.
    Mirror mirror(test::mirrorClient(cluster.clientUrls(), std::chrono::milliseconds(2000)), "skydns");
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(15)));
    QCOMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"));
    QVERIFY(writer->set("/skydns/local/skydns/web", R"({"host":"10.0.0.2"})").ok());
    QTRY_COMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.2"));
    const std::uint64_t fullReads = mirror.state().fullReads;

    cluster.member(0).kill();
    QVERIFY(writeWhenReady(*writer, "/skydns/local/skydns/web", R"({"host":"10.0.0.3"})"));
    QVERIFY(writer->set("/skydns/local/skydns/other", R"({"host":"10.0.0.4"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.3"), 15000);
    QTRY_COMPARE(hostAt(mirror, "other.skydns.local."), QStringLiteral("10.0.0.4"));
    // The watch resumed on another member from its index: no full re-read was needed.
    QCOMPARE(mirror.state().fullReads, fullReads);
    QTRY_VERIFY(!mirror.state().stale());
}

QTEST_GUILESS_MAIN(TstMirrorFailover)
#include "tst_mirror_failover.moc"
