// EtcdClient with a big tree: 20 000 keys written from several threads into a private etcd, then
// one recursive get must return every one of them intact. Prints the time of the read and decode.
#include "backend/etcdclient.h"
#include "etcdserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <set>
#include <thread>

using namespace skydns::backend;

namespace {

constexpr int kDirectories = 200;
constexpr int kPerDirectory = 100;

std::string keyOf(int d, int i)
{
    return "/skydns/big/d" + std::to_string(d) + "/r" + std::to_string(i);
}

std::string valueOf(int d, int i)
{
    return R"({"host":"10.)" + std::to_string(d % 250) + "." + std::to_string(i) + R"(.1","port":8080,"ttl":30})";
}

void collect(const EtcdNode &node, std::size_t *leaves, std::set<std::string> *bad)
{
    for (const EtcdNode &child : node.nodes)
        collect(child, leaves, bad);
    if (node.dir)
        return;
    ++*leaves;
    // keys look like /skydns/big/d<d>/r<i>
    const auto dpos = node.key.find("/d");
    const auto rpos = node.key.find("/r");
    const int d = std::stoi(node.key.substr(dpos + 2, rpos - dpos - 2));
    const int i = std::stoi(node.key.substr(rpos + 2));
    if (node.value != valueOf(d, i) || node.modifiedIndex == 0)
        bad->insert(node.key);
}

} // namespace

class TstEtcdBigTree final : public QObject
{
    Q_OBJECT

private slots:
    void recursiveGetOfTwentyThousandKeys()
    {
        skydns::test::EtcdServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        EtcdOptions options;
        options.machines = {server.clientUrl().toStdString()};
        EtcdClient client(options);
        EtcdResult ready;
        for (int i = 0; i < 50 && !(ready = client.get("/")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(ready.ok(), ready.message.c_str());

        QElapsedTimer timer;
        timer.start();
        std::atomic<int> failures{0};
        std::vector<std::thread> writers;
        for (int t = 0; t < 8; ++t) {
            writers.emplace_back([&, t] {
                for (int d = t; d < kDirectories; d += 8) {
                    for (int i = 0; i < kPerDirectory; ++i) {
                        if (!client.set(keyOf(d, i), valueOf(d, i)).ok())
                            ++failures;
                    }
                }
            });
        }
        for (auto &w : writers)
            w.join();
        QCOMPARE(failures.load(), 0);
        const qint64 writeMs = timer.elapsed();

        timer.restart();
        const EtcdResult all = client.get("/skydns", true, false);
        const qint64 readMs = timer.elapsed();
        QVERIFY2(all.ok(), all.message.c_str());
        std::size_t leaves = 0;
        std::set<std::string> bad;
        collect(all.node, &leaves, &bad);
        QCOMPARE(leaves, std::size_t(kDirectories * kPerDirectory));
        QVERIFY2(bad.empty(), bad.empty() ? "" : bad.begin()->c_str());
        qInfo("wrote %d keys in %lld ms (8 threads); recursive get + decode in %lld ms",
              kDirectories * kPerDirectory, writeMs, readMs);
    }
};

QTEST_GUILESS_MAIN(TstEtcdBigTree)
#include "tst_etcdbigtree.moc"
