// Offline tests of the per-machine back-off of the etcd client (etcdmachines), with the clock
// passed in. No network, no waiting.
#include "backend/etcdmachines.h"

#include <QTest>

using namespace skydns::backend;

class TstEtcdMachines final : public QObject
{
    Q_OBJECT

private slots:
    void backoff()
    {
        EtcdMachines pool({"http://a", "http://b/", "http://c", "http://a"});
        QCOMPARE(pool.machines(), (std::vector<std::string>{"http://a", "http://b", "http://c"}));
        QCOMPARE(pool.active(), std::string("http://a"));
        QCOMPARE(pool.attemptOrder(0), (std::vector<std::string>{"http://a", "http://b", "http://c"}));

        // a fails at t=1000: skipped for 1 s, then 2 s, 4 s ... at most 30 s.
        QCOMPARE(pool.reportFailure("http://a", "refused", 1000), 1);
        QCOMPARE(pool.attemptOrder(1500), (std::vector<std::string>{"http://b", "http://c", "http://a"}));
        QVERIFY(pool.inBackoff("http://a", 1999));
        QVERIFY(!pool.inBackoff("http://a", 2000));
        QCOMPARE(pool.reportFailure("http://a", "refused", 2000), 2);
        QVERIFY(pool.inBackoff("http://a", 3999));
        QVERIFY(!pool.inBackoff("http://a", 4000));
        for (int i = 0; i < 10; ++i)
            pool.reportFailure("http://a", "refused", 4000);
        QVERIFY(pool.inBackoff("http://a", 4000 + 29999));
        QVERIFY(!pool.inBackoff("http://a", 4000 + 30000));

        // b answers: it becomes the active machine and is tried first.
        pool.reportSuccess("http://b");
        QCOMPARE(pool.active(), std::string("http://b"));
        QCOMPARE(pool.attemptOrder(5000), (std::vector<std::string>{"http://b", "http://c", "http://a"}));

        // Every machine in back-off: all are still tried, soonest retry first.
        pool.reportFailure("http://b", "timeout", 5000);  // retry at 6000
        pool.reportFailure("http://c", "timeout", 4500);  // retry at 5500
        QCOMPARE(pool.attemptOrder(5100), (std::vector<std::string>{"http://c", "http://b", "http://a"}));

        // Success resets the doubling and says how many failures it ended.
        QCOMPARE(pool.reportSuccess("http://a"), 12);
        QCOMPARE(pool.reportSuccess("http://a"), 0);
        pool.reportFailure("http://a", "refused", 10000);
        QVERIFY(!pool.inBackoff("http://a", 11000));
    }

    void replaceKeepsState()
    {
        EtcdMachines pool({"http://a", "http://b"});
        pool.reportFailure("http://b", "refused", 0);
        pool.reportSuccess("http://a");
        pool.replace({"http://c", "http://b", "http://a"});
        QCOMPARE(pool.machines(), (std::vector<std::string>{"http://c", "http://b", "http://a"}));
        QCOMPARE(pool.active(), std::string("http://a"));
        QVERIFY(pool.inBackoff("http://b", 10));
        pool.replace({});
        QCOMPARE(pool.machines().size(), std::size_t(3)); // an empty list is ignored
        pool.replace({"http://d"});
        QCOMPARE(pool.active(), std::string("http://d"));
    }
};

QTEST_APPLESS_MAIN(TstEtcdMachines)
#include "tst_etcdmachines.moc"
