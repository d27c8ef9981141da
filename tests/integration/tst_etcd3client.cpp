// Etcd3Client against the shared etcd fixture (issue 8): every call of the v3 JSON gateway, the "/"
// boundary of prefix ranges, CAS conflicts, leases (expiry seen as a DELETE watch event), watch
// streams in order, compaction, cancel and fail-over from a dead machine.
#include "backend/etcd3client.h"
#include "etcdserver.h"

#include <QDateTime>
#include <QTest>

#include <atomic>
#include <thread>

using namespace skydns::backend;
using namespace std::chrono_literals;

class TstEtcd3Client final : public QObject
{
    Q_OBJECT

private:
    std::string m_endpoint;
    std::string m_root; // a fresh directory per run so reruns and other tests do not collide

    EtcdOptions options() const
    {
        EtcdOptions o;
        o.machines = {m_endpoint};
        return o;
    }
    std::string key(const std::string &name) const { return m_root + name; }

private slots:
    void initTestCase()
    {
        m_endpoint = skydns::test::sharedEtcdEndpoint().toStdString();
        QVERIFY2(!m_endpoint.empty(), "needs the etcd fixture");
        m_root = "/etcd3test/" + std::to_string(QDateTime::currentMSecsSinceEpoch()) + "/";
    }

    void putRangeDelete()
    {
        Etcd3Client client(options());
        const Etcd3Result put = client.put(key("a"), "value one");
        QVERIFY2(put.ok(), put.message.c_str());
        QVERIFY(put.revision > 0);
        const Etcd3Result range = client.range(key("a"));
        QVERIFY2(range.ok(), range.message.c_str());
        QCOMPARE(int(range.kvs.size()), 1);
        QCOMPARE(range.kvs[0].key, key("a"));
        QCOMPARE(range.kvs[0].value, std::string("value one"));
        QCOMPARE(range.kvs[0].modRevision, put.revision);
        QCOMPARE(range.kvs[0].createRevision, put.revision);
        QCOMPARE(range.kvs[0].version, std::int64_t(1));
        QCOMPARE(range.machine, m_endpoint);

        // Values are bytes: binary and UTF-8 survive base64 both ways.
        const std::string binary("\0\xff\x01 wörd", 9);
        QVERIFY(client.put(key("a"), binary).ok());
        const Etcd3Result again = client.range(key("a"));
        QCOMPARE(again.kvs.at(0).value, binary);
        QCOMPARE(again.kvs.at(0).version, std::int64_t(2));

        // A range at the first revision still sees the first value.
        const Etcd3Result old = client.range(key("a"), {}, put.revision);
        QVERIFY2(old.ok(), old.message.c_str());
        QCOMPARE(old.kvs.at(0).value, std::string("value one"));

        const Etcd3Result removed = client.deleteRange(key("a"), {}, true);
        QVERIFY2(removed.ok(), removed.message.c_str());
        QCOMPARE(removed.count, std::int64_t(1));
        QCOMPARE(removed.kvs.at(0).value, binary); // prev_kv
        const Etcd3Result gone = client.range(key("a"));
        QVERIFY(gone.ok());
        QVERIFY(gone.kvs.empty());
        QCOMPARE(gone.count, std::int64_t(0));
        QCOMPARE(client.deleteRange(key("a")).count, std::int64_t(0));
    }

    void prefixBoundary()
    {
        Etcd3Client client(options());
        for (const char *name : {"dom", "dom/x", "dom/y/z", "dom1", "dom1/w", "dom0"})
            QVERIFY(client.put(key(name), name).ok());
        for (const std::string &prefix : {key("dom"), key("dom/")}) {
            const Etcd3Result range = client.rangePrefix(prefix);
            QVERIFY2(range.ok(), range.message.c_str());
            std::vector<std::string> keys;
            for (const auto &kv : range.kvs)
                keys.push_back(kv.key);
            // "dom" itself, "dom0", "dom1" and "dom1/w" are not below the directory "dom/"; sorted by key.
            QCOMPARE(keys, (std::vector<std::string>{key("dom/x"), key("dom/y/z")}));
        }
        QCOMPARE(client.rangePrefix(key("nothing")).kvs.size(), std::size_t(0));
        // A whole-directory delete respects the boundary too.
        const std::string dir = key("dom/");
        std::string end = dir;
        end.back() = '0'; // '/' + 1
        QCOMPARE(client.deleteRange(dir, end).count, std::int64_t(2));
        QCOMPARE(client.range(key("dom1")).kvs.size(), std::size_t(1));
    }

    void compareAndSwap()
    {
        Etcd3Client client(options());
        const Etcd3Result created = client.create(key("cas"), "first");
        QVERIFY2(created.ok() && created.succeeded, created.message.c_str());
        const Etcd3Result again = client.create(key("cas"), "second");
        QVERIFY2(again.ok(), again.message.c_str());
        QVERIFY(!again.succeeded); // exists: version != 0
        QCOMPARE(again.kvs.at(0).value, std::string("first"));
        const std::int64_t rev = again.kvs.at(0).modRevision;
        QCOMPARE(rev, created.revision);

        const Etcd3Result stale = client.compareAndSwap(key("cas"), "stale", rev - 1);
        QVERIFY(stale.ok());
        QVERIFY(!stale.succeeded);
        QCOMPARE(stale.kvs.at(0).modRevision, rev); // the failure branch shows what is there
        const Etcd3Result swapped = client.compareAndSwap(key("cas"), "swapped", rev);
        QVERIFY(swapped.ok() && swapped.succeeded);
        QCOMPARE(client.range(key("cas")).kvs.at(0).value, std::string("swapped"));
        // The same revision does not win twice.
        QVERIFY(!client.compareAndSwap(key("cas"), "twice", rev).succeeded);

        QVERIFY(!client.compareAndDelete(key("cas"), rev).succeeded);
        const Etcd3Result deleted = client.compareAndDelete(key("cas"), swapped.revision);
        QVERIFY2(deleted.ok() && deleted.succeeded, deleted.message.c_str());
        QVERIFY(client.range(key("cas")).kvs.empty());
        // Gone again: create works once more.
        QVERIFY(client.create(key("cas"), "reborn").succeeded);
    }

    void leases()
    {
        Etcd3Client client(options());
        const Etcd3Result grant = client.leaseGrant(30);
        QVERIFY2(grant.ok(), grant.message.c_str());
        QVERIFY(grant.leaseId != 0);
        QCOMPARE(grant.ttl, std::int64_t(30));
        QVERIFY(client.put(key("leased"), "v", grant.leaseId).ok());
        QCOMPARE(client.range(key("leased")).kvs.at(0).lease, grant.leaseId);

        const Etcd3Result ttl = client.leaseTimeToLive(grant.leaseId, true);
        QVERIFY2(ttl.ok(), ttl.message.c_str());
        QVERIFY(ttl.ttl > 0 && ttl.ttl <= 30);
        QCOMPARE(ttl.grantedTtl, std::int64_t(30));
        QCOMPARE(ttl.leaseKeys, std::vector<std::string>{key("leased")});

        const Etcd3Result kept = client.leaseKeepAlive(grant.leaseId);
        QVERIFY2(kept.ok(), kept.message.c_str());
        QCOMPARE(kept.leaseId, grant.leaseId);
        QCOMPARE(kept.ttl, std::int64_t(30));

        const Etcd3Result revoked = client.leaseRevoke(grant.leaseId);
        QVERIFY2(revoked.ok(), revoked.message.c_str());
        QVERIFY(client.range(key("leased")).kvs.empty()); // revoking deletes the lease's keys
        QCOMPARE(client.leaseTimeToLive(grant.leaseId).ttl, std::int64_t(-1));
        // A revoked lease cannot be used any more: etcd's error, not a transport failure.
        const Etcd3Result orphan = client.put(key("leased"), "v", grant.leaseId);
        QCOMPARE(orphan.kind, Etcd3Result::Kind::EtcdError);
        QVERIFY2(orphan.message.find("lease not found") != std::string::npos, orphan.message.c_str());
        QCOMPARE(client.leaseKeepAlive(grant.leaseId).ttl, std::int64_t(0));
    }

    void leaseExpiryIsAWatchDelete()
    {
        Etcd3Client client(options());
        const Etcd3Result grant = client.leaseGrant(2);
        QVERIFY2(grant.ok(), grant.message.c_str());
        const Etcd3Result put = client.put(key("expiring"), "soon gone", grant.leaseId);
        QVERIFY(put.ok());
        std::vector<Etcd3Event> events;
        const auto started = std::chrono::steady_clock::now();
        const Etcd3Result watch = client.watch(
            key("expiring"), {}, put.revision,
            [&](const Etcd3WatchBatch &batch) {
                events.insert(events.end(), batch.events.begin(), batch.events.end());
                return !(events.size() >= 2);
            },
            20s, true);
        QVERIFY2(watch.ok(), watch.message.c_str());
        QCOMPARE(int(events.size()), 2);
        QCOMPARE(events[0].type, Etcd3Event::Type::Put); // start_revision includes the put itself
        QCOMPARE(events[1].type, Etcd3Event::Type::Delete);
        QCOMPARE(events[1].kv.key, key("expiring"));
        QVERIFY(events[1].hasPrevKv);
        QCOMPARE(events[1].prevKv.value, std::string("soon gone"));
        QCOMPARE(watch.revision, events[1].kv.modRevision);
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        qInfo("lease of 2 s expired after %lld ms", static_cast<long long>(waited.count()));
        QVERIFY(waited >= 1000ms);
    }

    void watchStreamsInOrder()
    {
        Etcd3Client client(options());
        Etcd3Client writer(options());
        const std::string dir = key("watched/");
        std::vector<Etcd3Event> events;
        std::thread writes;
        bool created = false;
        const Etcd3Result watch = client.watch(
            dir, std::string(key("watched0")), 0,
            [&](const Etcd3WatchBatch &batch) {
                if (batch.created && !created) {
                    created = true;
                    // Changes made after the watch exists, from another thread and client.
                    writes = std::thread([&] {
                        writer.put(dir + "one", "1");
                        writer.put(key("watchedX"), "outside the range");
                        writer.put(dir + "two", "2");
                        writer.put(dir + "one", "1b");
                        writer.deleteRange(dir + "two");
                    });
                }
                events.insert(events.end(), batch.events.begin(), batch.events.end());
                return events.size() < 4;
            },
            20s);
        if (writes.joinable())
            writes.join();
        QVERIFY2(watch.ok(), watch.message.c_str());
        QVERIFY(created);
        QCOMPARE(int(events.size()), 4);
        const std::vector<std::pair<Etcd3Event::Type, std::string>> expected{
            {Etcd3Event::Type::Put, dir + "one"},
            {Etcd3Event::Type::Put, dir + "two"},
            {Etcd3Event::Type::Put, dir + "one"},
            {Etcd3Event::Type::Delete, dir + "two"}};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(events[i].type, expected[i].first);
            QCOMPARE(events[i].kv.key, expected[i].second);
            if (i > 0)
                QVERIFY(events[i].kv.modRevision > events[i - 1].kv.modRevision);
        }
        QCOMPARE(events[2].kv.value, std::string("1b"));
        QCOMPARE(events[2].kv.version, std::int64_t(2));
        QCOMPARE(watch.revision, events[3].kv.modRevision);

        // Resuming from revision + 1 replays nothing already seen, and a quiet watch ends at maxWait.
        std::size_t replayed = 0;
        const Etcd3Result resumed = client.watch(
            dir, key("watched0"), watch.revision + 1,
            [&](const Etcd3WatchBatch &batch) {
                replayed += batch.events.size();
                return true;
            },
            700ms);
        QVERIFY2(resumed.ok(), resumed.message.c_str());
        QCOMPARE(replayed, std::size_t(0));
    }

    void compaction()
    {
        Etcd3Client client(options());
        std::vector<std::int64_t> revisions;
        for (int i = 0; i < 4; ++i)
            revisions.push_back(client.put(key("compacted"), std::to_string(i)).revision);
        const Etcd3Result compacted = client.compact(revisions[2]);
        QVERIFY2(compacted.ok(), compacted.message.c_str());

        bool handed = false;
        const Etcd3Result watch = client.watch(
            key("compacted"), {}, revisions[0],
            [&](const Etcd3WatchBatch &batch) {
                handed = handed || !batch.events.empty();
                return true;
            },
            10s);
        QCOMPARE(watch.kind, Etcd3Result::Kind::Compacted);
        QCOMPARE(watch.compactRevision, revisions[2]);
        QVERIFY(!handed);
        qInfo("compacted watch: %s", watch.message.c_str());

        // A range below the compaction is etcd's error (OutOfRange), at or after it works.
        const Etcd3Result old = client.range(key("compacted"), {}, revisions[0]);
        QCOMPARE(old.kind, Etcd3Result::Kind::EtcdError);
        QCOMPARE(old.grpcCode, 11);
        QVERIFY2(old.message.find("compacted") != std::string::npos, old.message.c_str());
        const Etcd3Result kept = client.range(key("compacted"), {}, revisions[2]);
        QVERIFY2(kept.ok() && kept.kvs.size() == 1, kept.message.c_str());
        QCOMPARE(kept.kvs[0].value, std::string("2"));

        // Re-watching from the compact revision replays what is left, in order.
        std::vector<std::string> values;
        const Etcd3Result rewatch = client.watch(
            key("compacted"), {}, watch.compactRevision,
            [&](const Etcd3WatchBatch &batch) {
                for (const auto &event : batch.events)
                    values.push_back(event.kv.value);
                return values.size() < 2;
            },
            10s);
        QVERIFY2(rewatch.ok(), rewatch.message.c_str());
        QCOMPARE(values, (std::vector<std::string>{"2", "3"}));
    }

    void cancelEndsAWatch()
    {
        Etcd3Client client(options());
        std::atomic<bool> returned{false};
        Etcd3Result result;
        std::thread watcher([&] {
            result = client.watch(key("quiet"), {}, 0, [](const Etcd3WatchBatch &) { return true; }, 60s);
            returned = true;
        });
        QTest::qWait(500);
        QVERIFY(!returned);
        const auto start = std::chrono::steady_clock::now();
        client.cancel();
        watcher.join();
        const auto took = std::chrono::steady_clock::now() - start;
        QCOMPARE(result.kind, Etcd3Result::Kind::Cancelled);
        QVERIFY(took < 2s);
        QCOMPARE(client.range(key("quiet")).kind, Etcd3Result::Kind::Cancelled);
    }

    void failsOverFromADeadMachine()
    {
        EtcdOptions o = options();
        const std::string dead = "http://127.0.0.1:" + std::to_string(skydns::test::EtcdServer::freePort());
        o.machines = {dead, m_endpoint};
        Etcd3Client client(o);
        const Etcd3Result put = client.put(key("failover"), "v");
        QVERIFY2(put.ok(), put.message.c_str());
        QCOMPARE(put.machine, m_endpoint);
        QCOMPARE(client.activeMachine(), m_endpoint);
        // A watch fails over too.
        const Etcd3Result watch = client.watch(key("failover"), {}, put.revision,
                                               [](const Etcd3WatchBatch &b) { return b.events.empty(); }, 10s);
        QVERIFY2(watch.ok(), watch.message.c_str());
        QCOMPARE(watch.revision, put.revision);

        o.machines = {dead};
        Etcd3Client lost(o);
        const Etcd3Result none = lost.range(key("failover"));
        QCOMPARE(none.kind, Etcd3Result::Kind::Unavailable);
        QVERIFY2(none.message.find(dead) != std::string::npos, none.message.c_str());
    }

    void cleanupTestCase()
    {
        Etcd3Client client(options());
        client.deleteRange(m_root, std::string(m_root.substr(0, m_root.size() - 1)) + "0");
    }
};

QTEST_GUILESS_MAIN(TstEtcd3Client)
#include "tst_etcd3client.moc"
