// EtcdClient discovery: configured with one member of a 3-member cluster, the client learns the
// others from /v2/members and keeps working when the configured member dies.
#include "backend/etcdclient.h"
#include "etcdserver.h"

#include <QDeadlineTimer>
#include <QTest>

#include <algorithm>

using namespace skydns::backend;
using namespace std::chrono_literals;

class TstEtcdDiscover final : public QObject
{
    Q_OBJECT

private slots:
    void discoversMembersAndSurvivesLosingOne()
    {
        skydns::test::EtcdCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        const std::string first = cluster.member(0).clientUrl().toStdString();

        EtcdOptions options;
        options.machines = {first};
        options.discover = true;
        EtcdClient client(options);
        QCOMPARE(client.machines(), std::vector<std::string>{first});

        EtcdResult r;
        QDeadlineTimer ready(30000);
        while (!(r = client.set("/discover/key", "1")).ok() && !ready.hasExpired())
            QTest::qWait(200); // until the cluster has a leader
        QVERIFY2(r.ok(), r.message.c_str());
        // Discovery may have failed while the cluster was still electing; it retries within seconds.
        QDeadlineTimer discovered(10000);
        while (client.machines().size() < 3 && !discovered.hasExpired()) {
            client.get("/discover/key");
            QTest::qWait(200);
        }
        std::vector<std::string> expected;
        for (const QString &url : cluster.clientUrls())
            expected.push_back(url.toStdString());
        std::vector<std::string> got = client.machines();
        std::sort(expected.begin(), expected.end());
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);

        cluster.member(0).kill();
        // The first call after the kill may wait for a new leader if member 0 led; then it must work.
        QDeadlineTimer recovered(20000);
        while (!(r = client.set("/discover/key", "2")).ok() && !recovered.hasExpired())
            QTest::qWait(200);
        QVERIFY2(r.ok(), r.message.c_str());
        QVERIFY(r.machine != first);
        for (int i = 0; i < 5; ++i) {
            const EtcdResult get = client.get("/discover/key");
            QVERIFY2(get.ok(), get.message.c_str());
            QCOMPARE(get.node.value, std::string("2"));
            QVERIFY(get.machine != first);
        }
        QVERIFY(client.activeMachine() != first);
    }
};

QTEST_GUILESS_MAIN(TstEtcdDiscover)
#include "tst_etcddiscover.moc"
