// Integration tests of EtcdClient against the shared etcd fixture: every v2 keys operation, etcd's
// error codes, TTL/expiration parsing, watches (events, timeout, compacted index) and cancel().
#include "backend/etcdclient.h"
#include "etcdserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <future>
#include <thread>

using namespace skydns::backend;
using namespace std::chrono_literals;

namespace {

const char *kindName(EtcdResult::Kind kind)
{
    switch (kind) {
    case EtcdResult::Kind::Ok: return "Ok";
    case EtcdResult::Kind::EtcdError: return "EtcdError";
    case EtcdResult::Kind::Unavailable: return "Unavailable";
    case EtcdResult::Kind::Malformed: return "Malformed";
    case EtcdResult::Kind::Cancelled: return "Cancelled";
    }
    return "?";
}

QByteArray describe(const EtcdResult &r)
{
    return QByteArray(kindName(r.kind)) + " code=" + QByteArray::number(r.errorCode) + " http="
        + QByteArray::number(r.httpStatus) + " action=" + r.action.c_str() + " msg=" + r.message.c_str();
}

#define CHECK_OK(result)                                                                                 \
    do {                                                                                                 \
        const EtcdResult &r_ = (result);                                                                 \
        QVERIFY2(r_.ok(), describe(r_).constData());                                                     \
    } while (0)

} // namespace

class TstEtcdClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EtcdClient> m_client;
    std::string m_root; // a fresh directory per run so runs never see each other's keys

    std::string key(const std::string &leaf) const { return m_root + "/" + leaf; }

private slots:
    void initTestCase()
    {
        const QString endpoint = skydns::test::sharedEtcdEndpoint();
        QVERIFY2(!endpoint.isEmpty(), "needs the etcd CTest fixture (SKYDNS_TEST_ETCD_ENDPOINT_FILE)");
        EtcdOptions options;
        options.machines = {endpoint.toStdString()};
        m_client = std::make_unique<EtcdClient>(options);
        m_root = "/tst_etcdclient/" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    }

    void cleanupTestCase()
    {
        if (m_client)
            m_client->remove("/tst_etcdclient", true);
    }

    void setGetRemove()
    {
        const EtcdResult set = m_client->set(key("plain"), "v1");
        CHECK_OK(set);
        QCOMPARE(set.action, std::string("set"));
        QCOMPARE(set.node.key, key("plain"));
        QCOMPARE(set.node.value, std::string("v1"));
        QVERIFY(set.node.modifiedIndex > 0);
        QCOMPARE(set.node.createdIndex, set.node.modifiedIndex);
        QVERIFY(set.etcdIndex >= set.node.modifiedIndex);
        QCOMPARE(set.machine, m_client->activeMachine());
        QVERIFY(!set.prevNode);

        const EtcdResult overwrite = m_client->set(key("plain"), "v2");
        CHECK_OK(overwrite);
        QVERIFY(overwrite.prevNode);
        QCOMPARE(overwrite.prevNode->value, std::string("v1"));

        const EtcdResult get = m_client->get(key("plain"));
        CHECK_OK(get);
        QCOMPARE(get.action, std::string("get"));
        QCOMPARE(get.node.value, std::string("v2"));
        QCOMPARE(get.node.modifiedIndex, overwrite.node.modifiedIndex);
        QCOMPARE(get.node.ttl, std::int64_t(0));
        QCOMPARE(get.node.expiresAtMs, std::int64_t(0));

        const EtcdResult removed = m_client->remove(key("plain"));
        CHECK_OK(removed);
        QCOMPARE(removed.action, std::string("delete"));
        QVERIFY(removed.prevNode);
        QCOMPARE(removed.prevNode->value, std::string("v2"));

        // spec 2.1: error 100 is what becomes NXDOMAIN, so it must be recognisable.
        const EtcdResult missing = m_client->get(key("plain"));
        QVERIFY2(missing.notFound(), describe(missing).constData());
        QCOMPARE(missing.httpStatus, 404);
        QVERIFY(missing.etcdIndex > 0);
        QVERIFY2(missing.message.find(key("plain")) != std::string::npos, missing.message.c_str());
        QVERIFY2(missing.message.find(m_client->activeMachine()) != std::string::npos, missing.message.c_str());
        QVERIFY(m_client->remove(key("plain")).notFound());
    }

    void createFailsWhenKeyExists()
    {
        const EtcdResult created = m_client->create(key("created"), "first");
        CHECK_OK(created);
        QCOMPARE(created.action, std::string("create"));
        const EtcdResult again = m_client->create(key("created"), "second");
        QCOMPARE(again.kind, EtcdResult::Kind::EtcdError);
        QCOMPARE(again.errorCode, 105);
        QCOMPARE(again.httpStatus, 412);
        QCOMPARE(m_client->get(key("created")).node.value, std::string("first"));
    }

    void compareAndSwap()
    {
        const EtcdResult set = m_client->set(key("cas"), "a");
        CHECK_OK(set);
        const EtcdResult stale = m_client->compareAndSwap(key("cas"), "b", set.node.modifiedIndex + 1000);
        QCOMPARE(stale.kind, EtcdResult::Kind::EtcdError);
        QCOMPARE(stale.errorCode, 101);
        QVERIFY2(stale.message.find("Compare failed") != std::string::npos, stale.message.c_str());
        const EtcdResult swapped = m_client->compareAndSwap(key("cas"), "b", set.node.modifiedIndex);
        CHECK_OK(swapped);
        QCOMPARE(swapped.action, std::string("compareAndSwap"));
        QCOMPARE(swapped.node.value, std::string("b"));
        QCOMPARE(swapped.prevNode->value, std::string("a"));
        QVERIFY(m_client->compareAndSwap(key("cas-missing"), "x", 1).notFound());
    }

    void compareAndDelete()
    {
        const EtcdResult set = m_client->set(key("cad"), "a");
        CHECK_OK(set);
        const EtcdResult stale = m_client->compareAndDelete(key("cad"), set.node.modifiedIndex + 1000);
        QCOMPARE(stale.errorCode, 101);
        CHECK_OK(m_client->get(key("cad")));
        const EtcdResult deleted = m_client->compareAndDelete(key("cad"), set.node.modifiedIndex);
        CHECK_OK(deleted);
        QCOMPARE(deleted.action, std::string("compareAndDelete"));
        QVERIFY(m_client->get(key("cad")).notFound());
    }

    void ttlAndExpiration()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const EtcdResult set = m_client->set(key("ttl"), "t", 100);
        CHECK_OK(set);
        QVERIFY2(set.node.ttl >= 99 && set.node.ttl <= 100, QByteArray::number(qint64(set.node.ttl)));
        // etcd's expiration is its clock + ttl; the fixture runs on this machine's clock.
        QVERIFY2(set.node.expiresAtMs >= before + 99000 && set.node.expiresAtMs <= before + 102000,
                 QByteArray::number(qint64(set.node.expiresAtMs - before)));

        const EtcdResult get = m_client->get(key("ttl"));
        QCOMPARE(get.node.expiresAtMs, set.node.expiresAtMs);

        const EtcdResult refreshed = m_client->refreshTtl(key("ttl"), 500);
        CHECK_OK(refreshed);
        QCOMPARE(refreshed.node.value, std::string("t"));
        QVERIFY(refreshed.node.ttl > 400);
        QVERIFY(refreshed.node.expiresAtMs >= set.node.expiresAtMs + 399000);
        QVERIFY(m_client->refreshTtl(key("ttl-missing"), 10).notFound());

        // set without ttl drops the TTL, as in etcd.
        const EtcdResult plain = m_client->set(key("ttl"), "t");
        QCOMPARE(plain.node.ttl, std::int64_t(0));
        QCOMPARE(plain.node.expiresAtMs, std::int64_t(0));
    }

    void directories()
    {
        const EtcdResult dir = m_client->makeDirectory(key("tree"));
        CHECK_OK(dir);
        QVERIFY(dir.node.dir);
        CHECK_OK(m_client->set(key("tree/b"), "2"));
        CHECK_OK(m_client->set(key("tree/a"), "1"));
        CHECK_OK(m_client->set(key("tree/sub/c"), "3"));

        const EtcdResult flat = m_client->get(key("tree"), false, true);
        CHECK_OK(flat);
        QVERIFY(flat.node.dir);
        QCOMPARE(flat.node.nodes.size(), std::size_t(3));
        QCOMPARE(flat.node.nodes[0].key, key("tree/a"));
        QCOMPARE(flat.node.nodes[2].key, key("tree/sub"));
        QVERIFY(flat.node.nodes[2].dir);
        QVERIFY(flat.node.nodes[2].nodes.empty()); // not recursive

        const EtcdResult deep = m_client->get(key("tree"), true, true);
        CHECK_OK(deep);
        QCOMPARE(deep.node.nodes[2].nodes.size(), std::size_t(1));
        QCOMPARE(deep.node.nodes[2].nodes[0].value, std::string("3"));
        QCOMPARE(deep.node.nodes[1].value, std::string("2"));

        // Deleting a directory needs recursive; etcd says "not a file" (102) otherwise.
        QCOMPARE(m_client->remove(key("tree")).errorCode, 102);
        CHECK_OK(m_client->remove(key("tree"), true));
        QVERIFY(m_client->get(key("tree")).notFound());
    }

    void rootDirectory()
    {
        const EtcdResult root = m_client->get("/");
        CHECK_OK(root);
        QVERIFY(root.node.dir);
        QCOMPARE(root.node.key, std::string("/"));
    }

    void specialCharacters_data()
    {
        QTest::addColumn<QByteArray>("leaf");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("space") << QByteArray("space") << QByteArray("a b  c");
        QTest::newRow("plus") << QByteArray("plus") << QByteArray("1+1=2");
        QTest::newRow("ampersand and equals") << QByteArray("amp") << QByteArray("x&value=y&ttl=5");
        QTest::newRow("percent") << QByteArray("pct") << QByteArray("100%25 %zz");
        QTest::newRow("unicode") << QByteArray("uni") << QByteArray("ünïcødé ☃ 名前");
        QTest::newRow("newline and quotes") << QByteArray("nl") << QByteArray("line1\nline2\t\"q\"'s");
        QTest::newRow("service JSON") << QByteArray("json")
                                      << QByteArray(R"({"host":"10.0.0.1","port":8080,"text":"a=b&c"})");
        QTest::newRow("empty value") << QByteArray("empty") << QByteArray("");
        QTest::newRow("key with space and plus") << QByteArray("k e+y&?#") << QByteArray("v");
        QTest::newRow("unicode key") << QByteArray("ключ/名前") << QByteArray("v");
    }

    void specialCharacters()
    {
        QFETCH(QByteArray, leaf);
        QFETCH(QByteArray, value);
        const std::string k = key("special/" + leaf.toStdString());
        const EtcdResult set = m_client->set(k, value.toStdString());
        CHECK_OK(set);
        QCOMPARE(set.node.key, k);
        const EtcdResult get = m_client->get(k);
        CHECK_OK(get);
        QCOMPARE(QByteArray::fromStdString(get.node.value), value);
        QCOMPARE(get.node.key, k);
    }

    void watchFromIndexReturnsPastEvent()
    {
        const EtcdResult set = m_client->set(key("w/past"), "p");
        CHECK_OK(set);
        QElapsedTimer timer;
        timer.start();
        const EtcdResult event = m_client->watch(key("w/past"), set.node.modifiedIndex, false, 5s);
        CHECK_OK(event);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(event.action, std::string("set"));
        QCOMPARE(event.node.modifiedIndex, set.node.modifiedIndex);
    }

    void watchEvents()
    {
        CHECK_OK(m_client->makeDirectory(key("w/live")));
        const std::uint64_t start = m_client->get(key("w/live")).etcdIndex + 1;

        // A writer thread: the watch must be blocked when the change happens.
        auto writer = std::async(std::launch::async, [this] {
            std::this_thread::sleep_for(300ms);
            return m_client->set(key("w/live/x"), "1");
        });
        QElapsedTimer timer;
        timer.start();
        const EtcdResult setEvent = m_client->watch(key("w/live"), start, true, 10s);
        CHECK_OK(setEvent);
        QVERIFY2(timer.elapsed() >= 250, QByteArray::number(timer.elapsed()));
        QCOMPARE(setEvent.action, std::string("set"));
        QCOMPARE(setEvent.node.key, key("w/live/x"));
        QCOMPARE(setEvent.node.value, std::string("1"));
        CHECK_OK(writer.get());

        auto remover = std::async(std::launch::async, [this] {
            std::this_thread::sleep_for(200ms);
            return m_client->remove(key("w/live/x"));
        });
        const EtcdResult deleteEvent = m_client->watch(key("w/live"), setEvent.node.modifiedIndex + 1, true, 10s);
        CHECK_OK(deleteEvent);
        QCOMPARE(deleteEvent.action, std::string("delete"));
        QCOMPARE(deleteEvent.prevNode->value, std::string("1"));
        CHECK_OK(remover.get());

        // A TTL running out shows as "expire" with the old value in prevNode.
        const EtcdResult shortLived = m_client->set(key("w/live/ttl"), "gone soon", 1);
        CHECK_OK(shortLived);
        const EtcdResult expireEvent
            = m_client->watch(key("w/live/ttl"), shortLived.node.modifiedIndex + 1, false, 10s);
        CHECK_OK(expireEvent);
        QCOMPARE(expireEvent.action, std::string("expire"));
        QCOMPARE(expireEvent.prevNode->value, std::string("gone soon"));
        QVERIFY(m_client->get(key("w/live/ttl")).notFound());
    }

    void watchTimesOut()
    {
        QElapsedTimer timer;
        timer.start();
        const EtcdResult result = m_client->watch(key("w/quiet"), 0, true, 400ms);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(result.kind, EtcdResult::Kind::Unavailable);
        QCOMPARE(result.errorCode, 0);
        QCOMPARE(result.message, std::string("timeout"));
        QVERIFY2(elapsed >= 380 && elapsed < 1500, QByteArray::number(elapsed));
        // The client is still usable after a timed-out watch.
        CHECK_OK(m_client->set(key("w/quiet/after"), "ok"));
    }

    void watchCompactedIndex()
    {
        // etcd v2 keeps the last 1000 events; push the index past that and watch from 1.
        std::uint64_t index = m_client->set(key("compact/0"), "x").etcdIndex;
        std::vector<std::thread> writers;
        std::atomic<int> failures{0};
        const int needed = index > 1100 ? 0 : int(1100 - index);
        for (int t = 0; t < 4; ++t) {
            writers.emplace_back([&, t] {
                for (int i = t; i < needed; i += 4) {
                    if (!m_client->set(key("compact/" + std::to_string(i % 50)), std::to_string(i)).ok())
                        ++failures;
                }
            });
        }
        for (auto &w : writers)
            w.join();
        QCOMPARE(failures.load(), 0);
        const EtcdResult result = m_client->watch(key("compact"), 1, true, 5s);
        QCOMPARE(result.kind, EtcdResult::Kind::EtcdError);
        QCOMPARE(result.errorCode, 401);
        QCOMPARE(result.httpStatus, 400);
        QVERIFY(result.etcdIndex > 1000);
    }

    void concurrentCalls()
    {
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 25; ++i) {
                    const std::string k = key("conc/" + std::to_string(t) + "/" + std::to_string(i));
                    if (!m_client->set(k, std::to_string(i)).ok() || m_client->get(k).node.value != std::to_string(i))
                        ++failures;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        const EtcdResult all = m_client->get(key("conc"), true);
        QCOMPARE(all.node.nodes.size(), std::size_t(4));
    }

    void cancelStopsBlockedWatch()
    {
        EtcdOptions options;
        options.machines = {skydns::test::sharedEtcdEndpoint().toStdString()};
        EtcdClient client(options);
        CHECK_OK(client.get("/"));
        auto watcher = std::async(std::launch::async, [&] { return client.watch(key("w/cancel"), 0, true, 60s); });
        QVERIFY(watcher.wait_for(300ms) == std::future_status::timeout); // really blocked
        QElapsedTimer timer;
        timer.start();
        client.cancel();
        QVERIFY(watcher.wait_for(2s) == std::future_status::ready);
        QVERIFY2(timer.elapsed() < 1000, QByteArray::number(timer.elapsed()));
        QCOMPARE(watcher.get().kind, EtcdResult::Kind::Cancelled);
        QCOMPARE(client.get("/").kind, EtcdResult::Kind::Cancelled); // and every later call
    }

    void cancelDuringConcurrentCalls()
    {
        EtcdOptions options;
        options.machines = {skydns::test::sharedEtcdEndpoint().toStdString()};
        auto client = std::make_unique<EtcdClient>(options);
        std::atomic<bool> cancelled{false};
        std::atomic<int> okBefore{0}, okAfter{0}, cancelledResults{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0;; ++i) {
                    const bool after = cancelled;
                    const std::string k = key("cancel/" + std::to_string(t));
                    const EtcdResult r = t % 4 == 0 ? client->watch(k, 0, false, std::chrono::seconds(30))
                                        : t % 2   ? client->set(k, std::to_string(i))
                                                  : client->get(k);
                    if (r.kind == EtcdResult::Kind::Cancelled) {
                        ++cancelledResults;
                        return;
                    }
                    if (r.ok() || r.notFound())
                        ++(after ? okAfter : okBefore);
                    else if (r.kind != EtcdResult::Kind::Unavailable || r.message != "timeout")
                        ++other;
                }
            });
        }
        std::this_thread::sleep_for(400ms);
        QElapsedTimer timer;
        timer.start();
        cancelled = true;
        client->cancel();
        for (auto &t : threads)
            t.join();
        QVERIFY2(timer.elapsed() < 1500, QByteArray::number(timer.elapsed()));
        QCOMPARE(cancelledResults.load(), 8);
        QVERIFY(okBefore.load() > 0);
        QCOMPARE(other.load(), 0);
        QVERIFY(okAfter.load() <= 6); // at most the calls already on the wire when cancel() came
        client.reset();
    }

    void destructorWaitsForBlockedWatch()
    {
        EtcdOptions options;
        options.machines = {skydns::test::sharedEtcdEndpoint().toStdString()};
        auto client = std::make_unique<EtcdClient>(options);
        std::promise<void> started;
        auto watcher = std::async(std::launch::async, [&] {
            started.set_value();
            return client->watch(key("w/destroy"), 0, true, 60s).kind;
        });
        started.get_future().wait();
        std::this_thread::sleep_for(300ms);
        QElapsedTimer timer;
        timer.start();
        client.reset(); // cancels, waits for the watcher to leave, then frees
        QVERIFY2(timer.elapsed() < 1500, QByteArray::number(timer.elapsed()));
        QCOMPARE(watcher.get(), EtcdResult::Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TstEtcdClient)
#include "tst_etcdclient.moc"
