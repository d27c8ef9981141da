// The Mirror on etcd v3 (issue 8) against a real etcd: the shared fixture for the range + watch,
// the "/" boundary, NXDOMAIN once the last key of a name goes, compaction, lease TTLs and expiry;
// private etcds for member loss in a 3-member cluster and for auth enabled; a proxy that holds the
// lease look-ups, to show the first snapshot does not wait for them.
#include "etcdserver.h"
#include "holdproxy.h"
#include "mirrortestutil.h"
#include "testcertificates.h"

#include "backend/etcd3client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QUrl>

#include <algorithm>

using namespace skydns;
using namespace std::chrono_literals;
using backend::Etcd3Client;
using backend::Etcd3Result;
using backend::LookupStatus;
using backend::Mirror;
using test::hostAt;
using test::keysOf;

namespace {

backend::EtcdOptions options(const QStringList &machines, const std::string &user = {},
                             const std::string &password = {})
{
    backend::EtcdOptions o;
    o.machines.clear();
    for (const QString &m : machines)
        o.machines.push_back(m.toStdString());
    o.connectTimeout = 1000ms;
    o.requestTimeout = 3000ms;
    o.username = user;
    o.password = password;
    return o;
}

Mirror::Options fastOptions()
{
    Mirror::Options o;
    o.watchWait = 3000ms;
    o.backoffMin = 50ms;
    o.backoffMax = 500ms;
    return o;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// putWhenReady retries a put while a just-started etcd is not ready yet.
Etcd3Result putWhenReady(Etcd3Client &client, const std::string &key, const std::string &value)
{
    Etcd3Result result;
    for (int i = 0; i < 100 && !(result = client.put(key, value)).ok(); ++i)
        QTest::qWait(100);
    return result;
}

} // namespace

class TstMirror3 final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rangeThenWatch();
    void prefixBoundaryAndNxdomain();
    void missingPrefixIsEmptyAndSynced();
    void compactionRereads();
    void leaseTtlCountsDownAndExpires();
    void keepAliveSeenWithoutEvent();
    void publishedBeforeLeaseLookups_data();
    void publishedBeforeLeaseLookups();
    void memberLossInACluster();
    void etcdDownThenUp();
    void authEnabled();
    void tls();

private:
    std::shared_ptr<Etcd3Client> client() const { return std::make_shared<Etcd3Client>(options({m_endpoint})); }
    QString m_endpoint;
};

void TstMirror3::initTestCase()
{
    m_endpoint = test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
}

void TstMirror3::rangeThenWatch()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    QVERIFY(writer->put(base + "/east/web/a", R"({"host":"10.0.0.1","port":80})").ok());
    QVERIFY(writer->put(base + "/east/web/b", R"({"host":"10.0.0.2","port":80})").ok());
    QVERIFY(writer->put(base + "/broken", R"({"port":"eighty"})").ok());
    const Etcd3Result last = writer->put(base + "/db", R"({"host":"10.0.1.1","port":5432})");
    QVERIFY(last.ok());

    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    QCOMPARE(mirror.snapshot()->recordCount(), std::size_t(3));
    QCOMPARE(mirror.snapshot()->malformedCount(), std::size_t(1));
    QCOMPARE(keysOf(mirror, "east.skydns.local."), (QStringList{q(base + "/east/web/a"), q(base + "/east/web/b")}));
    QVERIFY(mirror.state().etcdIndex >= std::uint64_t(last.revision));
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));

    // Every later change arrives through the watch: put, overwrite, delete, a malformed value fixed.
    QVERIFY(writer->put(base + "/east/web/c", R"({"host":"10.0.0.3","port":80})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror, "east.skydns.local.").size(), 3, 5000);
    QVERIFY(writer->put(base + "/db", R"({"host":"10.0.1.2","port":5432})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "db.skydns.local."), QStringLiteral("10.0.1.2"), 5000);
    QVERIFY(writer->deleteRange(base + "/east/web/a").ok());
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror, "east.skydns.local."),
                              (QStringList{q(base + "/east/web/b"), q(base + "/east/web/c")}), 5000);
    QVERIFY(writer->put(base + "/broken", R"({"host":"10.0.2.1"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "broken.skydns.local."), QStringLiteral("10.0.2.1"), 5000);
    QCOMPARE(mirror.snapshot()->malformedCount(), std::size_t(0));
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
    QVERIFY(mirror.state().eventsApplied >= 4);

    // v2 keys of the same etcd are another store: the v3 mirror never sees them.
    backend::EtcdClient v2(options({m_endpoint}));
    QVERIFY(v2.set(base + "/v2only", R"({"host":"10.9.9.9"})").ok());
    QVERIFY(writer->put(base + "/after", R"({"host":"10.0.3.1"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "after.skydns.local."), QStringLiteral("10.0.3.1"), 5000);
    QCOMPARE(mirror.snapshot()->records("v2only.skydns.local.", false).status, LookupStatus::NotFound);

    // v3 has no hidden keys: a "_" label is served (v2 hides such nodes from recursive reads).
    QVERIFY(writer->put(base + "/web/_tcp/_http", R"({"host":"10.0.4.1","port":80})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "_http._tcp.web.skydns.local."), QStringLiteral("10.0.4.1"), 5000);
}

void TstMirror3::prefixBoundaryAndNxdomain()
{
    // SkyDNS's etcd3 mode read "a" with a plain prefix (finding "ab") and never said NXDOMAIN.
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    QVERIFY(writer->put(base + "/a/x", R"({"host":"10.1.0.1"})").ok());
    QVERIFY(writer->put(base + "/ab/y", R"({"host":"10.1.0.2"})").ok());
    QVERIFY(writer->put(base + "/deep/er/z", R"({"host":"10.1.0.3"})").ok());
    QVERIFY(writer->put(prefix + "-other/local/skydns/a/w", R"({"host":"10.1.0.4"})").ok()); // not below "/<prefix>/"
    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    QCOMPARE(keysOf(mirror, "a.skydns.local."), QStringList{q(base + "/a/x")});
    QCOMPARE(keysOf(mirror, "ab.skydns.local."), QStringList{q(base + "/ab/y")});
    QCOMPARE(mirror.state().recordCount, std::size_t(3));

    // The directory implied by a key goes with its last key: NXDOMAIN, not NODATA.
    QVERIFY(writer->deleteRange(base + "/deep/er/z").ok());
    QTRY_COMPARE_WITH_TIMEOUT(mirror.snapshot()->records("er.deep.skydns.local.", false).status,
                              LookupStatus::NotFound, 5000);
    QCOMPARE(mirror.snapshot()->records("deep.skydns.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(mirror.snapshot()->records("skydns.local.", false).status, LookupStatus::Ok);
}

void TstMirror3::missingPrefixIsEmptyAndSynced()
{
    const std::string prefix = test::uniquePrefix();
    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    QCOMPARE(mirror.snapshot()->records("skydns.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(mirror.state().recordCount, std::size_t(0));
    QVERIFY(client()->put("/" + prefix + "/local/skydns/web", R"({"host":"10.0.0.1"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"), 5000);
}

void TstMirror3::compactionRereads()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    QVERIFY(writer->put(base + "/a", R"({"host":"10.2.0.1"})").ok());
    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    QCOMPARE(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.2.0.1"));

    // While the watch is held, the revisions it still needs are compacted away.
    mirror.setWatchPausedForTest(true);
    QVERIFY(writer->put(base + "/a", R"({"host":"10.2.0.2"})").ok()); // ends the stream in flight
    QTest::qWait(300);
    QVERIFY(writer->put(base + "/b", R"({"host":"10.2.0.3"})").ok());
    const Etcd3Result last = writer->deleteRange(base + "/a");
    QVERIFY(last.ok());
    const Etcd3Result compacted = writer->compact(last.revision);
    QVERIFY2(compacted.ok(), compacted.message.c_str());
    QCOMPARE(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.2.0.1"));
    mirror.setWatchPausedForTest(false);

    QTRY_COMPARE_WITH_TIMEOUT(mirror.state().fullReads, std::uint64_t(2), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "b.skydns.local."), QStringLiteral("10.2.0.3"), 5000);
    QCOMPARE(mirror.snapshot()->records("a.skydns.local.", false).status, LookupStatus::NotFound);
    QVERIFY(mirror.state().etcdIndex >= std::uint64_t(last.revision));
    // And the watch goes on from the re-read.
    QVERIFY(writer->put(base + "/c", R"({"host":"10.2.0.4"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "c.skydns.local."), QStringLiteral("10.2.0.4"), 5000);
}

void TstMirror3::leaseTtlCountsDownAndExpires()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    const Etcd3Result lease = writer->leaseGrant(3);
    QVERIFY2(lease.ok(), lease.message.c_str());
    QVERIFY(lease.leaseId > 1000); // IDs are large numbers: SkyDNS answered them as the TTL
    QVERIFY(writer->put(base + "/before", R"({"host":"10.3.0.1"})", lease.leaseId).ok());
    QVERIFY(writer->put(base + "/plain", R"({"host":"10.3.0.9"})").ok());
    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    // A key put after the read, on the same lease, gets the same expiry through the watch.
    QVERIFY(writer->put(base + "/after", R"({"host":"10.3.0.2"})", lease.leaseId).ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "after.skydns.local."), QStringLiteral("10.3.0.2"), 5000);

    const auto snapshot = mirror.snapshot();
    const auto *before = snapshot->store().find(base + "/before");
    const auto *after = snapshot->store().find(base + "/after");
    QVERIFY(before && after);
    const std::uint32_t ttl = before->record.remainingTtl(test::nowMs());
    QVERIFY2(ttl >= 1 && ttl <= 3, qPrintable(QString::number(ttl)));
    QCOMPARE(after->record.expiresAtMs, before->record.expiresAtMs);
    QCOMPARE(snapshot->store().find(base + "/plain")->record.expiresAtMs, std::int64_t(0));

    // etcd revokes the lease and deletes its keys; the watch brings the deletes.
    QTRY_COMPARE_WITH_TIMEOUT(mirror.snapshot()->records("before.skydns.local.", false).status, LookupStatus::NotFound,
                              8000);
    QTRY_COMPARE_WITH_TIMEOUT(mirror.snapshot()->records("after.skydns.local.", false).status, LookupStatus::NotFound,
                              3000);
    QCOMPARE(hostAt(mirror, "plain.skydns.local."), QStringLiteral("10.3.0.9"));
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
    // Both deletes came in one revision and both were applied from the watch (not by the lease
    // check after the expiry, which would count as an expiry re-read).
    QVERIFY(mirror.state().eventsApplied >= 3);
}

void TstMirror3::keepAliveSeenWithoutEvent()
{
    // Keep-alives do not reach watchers: the mirror looks at the lease again before its expiry.
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    const Etcd3Result lease = writer->leaseGrant(3);
    QVERIFY(lease.ok());
    QVERIFY(writer->put(base + "/kept", R"({"host":"10.4.0.1"})", lease.leaseId).ok());
    Mirror mirror(client(), prefix, fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    const std::int64_t first = mirror.snapshot()->store().find(base + "/kept")->record.expiresAtMs;
    QVERIFY(first > test::nowMs());
    for (int i = 0; i < 6; ++i) {
        QTest::qWait(1000);
        QVERIFY(writer->leaseKeepAlive(lease.leaseId).ok());
        const auto *node = mirror.snapshot()->store().find(base + "/kept");
        QVERIFY2(node, "a kept-alive key must stay");
        QVERIFY(!node->record.expired(test::nowMs()));
    }
    QVERIFY(mirror.snapshot()->store().find(base + "/kept")->record.expiresAtMs > first + 2000);
    QVERIFY(mirror.state().expiryRereads >= 1);
    QVERIFY(writer->leaseRevoke(lease.leaseId).ok());
    QTRY_COMPARE_WITH_TIMEOUT(mirror.snapshot()->records("kept.skydns.local.", false).status, LookupStatus::NotFound,
                              5000);
}

void TstMirror3::publishedBeforeLeaseLookups_data()
{
    QTest::addColumn<int>("leases");
    QTest::addColumn<int>("keysPerLease");
    QTest::addColumn<int>("timeoutMs"); // the mirror's client's request timeout
    QTest::newRow("DESIGN 1 + spec 2.3: one lease, its look-up held -> snapshot published, TTL 1 s until known")
        << 1 << 3 << 20000;
    QTest::newRow("DESIGN 1 + spec 2.3: 24 leases, look-ups held -> published, several in flight at once (bounded)")
        << 24 << 1 << 20000;
    QTest::newRow("DESIGN 1 + spec 2.3: look-ups time out -> keys keep TTL 1 s, tried again until known")
        << 3 << 2 << 1200;
}

void TstMirror3::publishedBeforeLeaseLookups()
{
    QFETCH(int, leases);
    QFETCH(int, keysPerLease);
    QFETCH(int, timeoutMs);
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    std::vector<std::int64_t> ids;
    for (int i = 0; i < leases; ++i) {
        const Etcd3Result lease = writer->leaseGrant(60);
        QVERIFY2(lease.ok(), lease.message.c_str());
        ids.push_back(lease.leaseId);
        for (int k = 0; k < keysPerLease; ++k)
            QVERIFY(writer->put(base + "/l" + std::to_string(i) + "/k" + std::to_string(k),
                                R"({"host":"10.7.0.1","ttl":3600})", lease.leaseId)
                        .ok());
    }
    QVERIFY(writer->put(base + "/plain", R"({"host":"10.7.0.9"})").ok());

    // Every lease look-up of the mirror's client waits in the proxy until released; the range read
    // and the watch pass. (The client's timeout is longer than the test holds them, or shorter.)
    const QUrl etcd(m_endpoint);
    test::HoldProxy proxy(std::uint16_t(etcd.port()), "POST /v3/lease/timetolive");
    QVERIFY(!proxy.url().empty());
    proxy.setHolding(true);
    backend::EtcdOptions viaProxy = options({q(proxy.url())});
    viaProxy.requestTimeout = std::chrono::milliseconds(timeoutMs);
    Mirror mirror(std::make_shared<Etcd3Client>(viaProxy), prefix, fastOptions());
    mirror.start();
    // The old mirror looked every lease up before publishing anything: it never synced here.
    QVERIFY(mirror.waitForSync(10s));
    QTRY_VERIFY_WITH_TIMEOUT(proxy.held() >= std::min(leases, 2), 5000);

    const std::size_t leased = std::size_t(leases * keysPerLease);
    // leasedTtls lists the answer TTL of every leased key in the current snapshot (0: missing or
    // expired, i.e. not answered).
    const auto leasedTtls = [&] {
        const auto snapshot = mirror.snapshot();
        const std::int64_t now = test::nowMs();
        QList<std::uint32_t> ttls;
        for (int i = 0; i < leases; ++i) {
            for (int k = 0; k < keysPerLease; ++k) {
                const auto *node = snapshot->store().find(base + "/l" + std::to_string(i) + "/k" + std::to_string(k));
                ttls << (node && !node->record.expired(now) ? node->record.remainingTtl(now) : 0u);
            }
        }
        return ttls;
    };
    // spec 2.3: the key's time left is unknown, so no answer may claim more than 1 s of it (not the
    // JSON ttl of 3600, not "no etcd TTL").
    QCOMPARE(leasedTtls(), QList<std::uint32_t>(qsizetype(leased), 1u));
    QCOMPARE(mirror.snapshot()->recordCount(), leased + 1);
    QCOMPARE(mirror.snapshot()->store().find(base + "/plain")->record.expiresAtMs, std::int64_t(0));
    // Past the provisional expiry the keys are still answered (it moves on), still with 1 s.
    QTest::qWait(1500);
    QCOMPARE(leasedTtls(), QList<std::uint32_t>(qsizetype(leased), 1u));
    // A key the watch brings on a lease still being looked up waits with the others.
    QVERIFY(writer->put(base + "/late", R"({"host":"10.7.0.2"})", ids.front()).ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "late.skydns.local."), QStringLiteral("10.7.0.2"), 5000);
    QCOMPARE(mirror.snapshot()->store().find(base + "/late")->record.remainingTtl(test::nowMs()), 1u);
    // Looked up concurrently, but with more leases than calls in flight, not all at once.
    if (leases > 1)
        QVERIFY2(proxy.maxHeld() >= 2, qPrintable(QString::number(proxy.maxHeld())));
    if (leases > 16)
        QVERIFY2(proxy.maxHeld() < leases, qPrintable(QString::number(proxy.maxHeld())));

    // Released, every key counts down from its lease's time to live (granted 60 s).
    proxy.setHolding(false);
    const auto known = [&] {
        const QList<std::uint32_t> ttls = leasedTtls();
        return std::all_of(ttls.begin(), ttls.end(), [](std::uint32_t t) { return t >= 50 && t <= 61; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(known(), 10000);
    const std::uint32_t late = mirror.snapshot()->store().find(base + "/late")->record.remainingTtl(test::nowMs());
    QVERIFY2(late >= 50 && late <= 61, qPrintable(QString::number(late)));
    // Each lease was looked up once, or again after a time-out.
    if (timeoutMs > 10000)
        QCOMPARE(proxy.seen(), leases);
    else
        QVERIFY2(proxy.seen() > leases, qPrintable(QString::number(proxy.seen())));
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
    for (const std::int64_t id : ids)
        writer->leaseRevoke(id);
}

void TstMirror3::memberLossInACluster()
{
    test::EtcdCluster cluster(3);
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    Etcd3Client writer(options(cluster.clientUrls()));
    QVERIFY(putWhenReady(writer, "/skydns/local/skydns/one", R"({"host":"10.5.0.1"})").ok());

    auto mirrorClient = std::make_shared<Etcd3Client>(options(cluster.clientUrls()));
    Mirror mirror(mirrorClient, "skydns", fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    QCOMPARE(hostAt(mirror, "one.skydns.local."), QStringLiteral("10.5.0.1"));
    QCOMPARE(q(mirrorClient->activeMachine()), cluster.clientUrls().first());

    // The member the mirror watches on dies; the watch resumes on another one without a gap.
    cluster.member(0).kill();
    Etcd3Result put;
    for (int i = 0; i < 50 && !(put = writer.put("/skydns/local/skydns/two", R"({"host":"10.5.0.2"})")).ok(); ++i)
        QTest::qWait(100);
    QVERIFY2(put.ok(), put.message.c_str());
    QVERIFY(writer.put("/skydns/local/skydns/one", R"({"host":"10.5.0.3"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "two.skydns.local."), QStringLiteral("10.5.0.2"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "one.skydns.local."), QStringLiteral("10.5.0.3"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(q(mirrorClient->activeMachine()) != cluster.clientUrls().first(), 8000);
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
    QTRY_VERIFY_WITH_TIMEOUT(!mirror.state().stale(), 5000);
}

void TstMirror3::etcdDownThenUp()
{
    // The last snapshot answers while etcd is away; the watch comes back with back-off and resumes
    // from the revision after the last change it applied (no full read again).
    test::EtcdServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    Etcd3Client writer(options({server.clientUrl()}));
    QVERIFY(putWhenReady(writer, "/skydns/local/skydns/a", R"({"host":"10.9.0.1"})").ok());
    Mirror mirror(std::make_shared<Etcd3Client>(options({server.clientUrl()})), "skydns", fastOptions());
    mirror.start();
    QVERIFY(mirror.waitForSync(10s));
    server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(mirror.state().stale(), 10000);
    QCOMPARE(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.9.0.1"));
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(putWhenReady(writer, "/skydns/local/skydns/a", R"({"host":"10.9.0.2"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.9.0.2"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!mirror.state().stale(), 5000);
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
}

void TstMirror3::authEnabled()
{
    test::EtcdServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    Etcd3Client anonymous(options({server.clientUrl()}));
    QVERIFY(putWhenReady(anonymous, "/skydns/local/skydns/a", R"({"host":"10.6.0.1"})").ok());
    QNetworkAccessManager network;
    const auto admin = [&](const QString &path, const QJsonObject &json) {
        QNetworkRequest request(QUrl(server.clientUrl() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QByteArray body;
        return test::finishReply(network.post(request, QJsonDocument(json).toJson(QJsonDocument::Compact)), &body);
    };
    QCOMPARE(admin("/v3/auth/user/add", {{"name", "root"}, {"password", "m1rror"}}), 200);
    QCOMPARE(admin("/v3/auth/user/grant", {{"user", "root"}, {"role", "root"}}), 200);
    QCOMPARE(admin("/v3/auth/enable", {}), 200);

    // Without credentials the mirror cannot read and says why; with them it reads and watches.
    Mirror refused(std::make_shared<Etcd3Client>(options({server.clientUrl()})), "skydns", fastOptions());
    refused.start();
    QVERIFY(!refused.waitForSync(1500ms));
    QVERIFY2(q(refused.state().lastError).contains(QLatin1String("user name is empty")),
             refused.state().lastError.c_str());
    refused.stop();

    auto authed = std::make_shared<Etcd3Client>(options({server.clientUrl()}, "root", "m1rror"));
    Mirror mirror(authed, "skydns", fastOptions());
    mirror.start();
    QVERIFY2(mirror.waitForSync(10s), mirror.state().lastError.c_str());
    QCOMPARE(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.6.0.1"));
    Etcd3Client writer(options({server.clientUrl()}, "root", "m1rror"));
    const Etcd3Result lease = writer.leaseGrant(30);
    QVERIFY(lease.ok());
    QVERIFY(writer.put("/skydns/local/skydns/b", R"({"host":"10.6.0.2"})", lease.leaseId).ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "b.skydns.local."), QStringLiteral("10.6.0.2"), 5000);
    const std::uint32_t ttl = mirror.snapshot()->store().find("/skydns/local/skydns/b")->record.remainingTtl(test::nowMs());
    QVERIFY2(ttl >= 28 && ttl <= 30, qPrintable(QString::number(ttl)));
}

void TstMirror3::tls()
{
    test::TestCertificates certs;
    QString error;
    QVERIFY(certs.isValid());
    QVERIFY2(certs.makeEtcdSet(&error), qPrintable(error));
    test::EtcdServer server(certs.etcdServerOptions());
    QVERIFY2(server.start(&error), qPrintable(error));
    Etcd3Client writer(certs.etcdClientOptions(server.clientUrl(), true));
    QVERIFY(putWhenReady(writer, "/skydns/local/skydns/a", R"({"host":"10.8.0.1"})").ok());

    Mirror mirror(std::make_shared<Etcd3Client>(certs.etcdClientOptions(server.clientUrl(), true)), "skydns",
                  fastOptions());
    mirror.start();
    QVERIFY2(mirror.waitForSync(10s), mirror.state().lastError.c_str());
    QCOMPARE(hostAt(mirror, "a.skydns.local."), QStringLiteral("10.8.0.1"));
    QVERIFY(writer.put("/skydns/local/skydns/b", R"({"host":"10.8.0.2"})").ok());
    QTRY_COMPARE_WITH_TIMEOUT(hostAt(mirror, "b.skydns.local."), QStringLiteral("10.8.0.2"), 5000);

    // Without a client certificate etcd refuses the connection, and the mirror says so.
    Mirror refused(std::make_shared<Etcd3Client>(certs.etcdClientOptions(server.clientUrl(), false)), "skydns",
                   fastOptions());
    refused.start();
    QVERIFY(!refused.waitForSync(1500ms));
    QVERIFY(!refused.state().lastError.empty());
    qInfo("without a client certificate: %s", refused.state().lastError.c_str());
}

QTEST_GUILESS_MAIN(TstMirror3)
#include "tst_mirror3.moc"
