// Mirror against the shared etcd fixture: initial load, every v2 action, TTLs, malformed values,
// 100k keys and compacted history. Each test function uses a path prefix of its own.
#include "etcdserver.h"
#include "mirrortestutil.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

using namespace skydns;
using backend::EtcdClient;
using backend::LookupStatus;
using backend::Mirror;
using test::hostAt;
using test::keysOf;

namespace {

// The mirror's log lines (category skydns.mirror), captured to check what is logged and how often.
std::mutex g_logMutex;
QStringList g_mirrorLog;
QtMessageHandler g_previousHandler = nullptr;

void captureMirrorLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && std::strcmp(context.category, "skydns.mirror") == 0) {
        std::lock_guard<std::mutex> lock(g_logMutex);
        g_mirrorLog << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

int mirrorLogCount(const QString &needle)
{
    std::lock_guard<std::mutex> lock(g_logMutex);
    return int(g_mirrorLog.filter(needle).size());
}

} // namespace

class TstMirror final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void initialLoad();
    void missingPrefixIsEmptyAndSynced();
    void everyAction();
    void generationsIncrease();
    void ttlExpiry();
    void remainingTtlCountsDown();
    void ttlRefreshSeenWithoutEvent();
    void malformedSkippedThenServed();
    void hundredThousandKeys();
    void compactedHistoryRereads();
    void stopIsPrompt();

private:
    std::shared_ptr<EtcdClient> client() const { return test::mirrorClient({m_endpoint}); }
    QString m_endpoint;
};

void TstMirror::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(captureMirrorLog);
    m_endpoint = test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
}

void TstMirror::initialLoad()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    QVERIFY(writer->set(base + "/east/web/a", R"({"host":"10.0.0.1","port":80})").ok());
    QVERIFY(writer->set(base + "/east/web/b", R"({"host":"10.0.0.2","port":80})").ok());
    QVERIFY(writer->set(base + "/db", R"({"host":"10.0.1.1","port":5432})").ok());
    QVERIFY(writer->set(base + "/broken", R"({"port":"eighty"})").ok());
    QVERIFY(writer->makeDirectory(base + "/empty").ok());

    Mirror mirror(client(), prefix);
    QCOMPARE(mirror.snapshot()->generation(), std::uint64_t(0));
    QVERIFY(!mirror.snapshot()->hasSynced());
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    const auto snapshot = mirror.snapshot();
    QVERIFY(snapshot->hasSynced());
    QCOMPARE(snapshot->generation(), std::uint64_t(1));
    QCOMPARE(snapshot->recordCount(), std::size_t(3));
    QCOMPARE(snapshot->malformedCount(), std::size_t(1));
    QCOMPARE(snapshot->malformed().front().first, base + "/broken");
    QCOMPARE(keysOf(mirror, "east.skydns.local."),
             (QStringList{QString::fromStdString(base + "/east/web/a"), QString::fromStdString(base + "/east/web/b")}));
    QCOMPARE(snapshot->records("empty.skydns.local.", false).status, LookupStatus::Ok);
    QCOMPARE(snapshot->records("nothing.skydns.local.", false).status, LookupStatus::NotFound);
    const auto state = mirror.state();
    QVERIFY(state.synced);
    QVERIFY(!state.stale());
    QCOMPARE(state.fullReads, std::uint64_t(1));
    QCOMPARE(state.recordCount, std::size_t(3));
    QCOMPARE(state.malformedCount, std::size_t(1));
    QVERIFY(state.etcdIndex >= snapshot->store().find(base + "/db")->record.modifiedIndex);
}

void TstMirror::missingPrefixIsEmptyAndSynced()
{
    const std::string prefix = test::uniquePrefix();
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    QCOMPARE(mirror.snapshot()->records("skydns.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(mirror.state().recordCount, std::size_t(0));
    QVERIFY(client()->set("/" + prefix + "/local/skydns/web", R"({"host":"10.0.0.1"})").ok());
    QTRY_COMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"));
}

void TstMirror::everyAction()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));

    // set, then set again (update of the value)
    QVERIFY(writer->set(base + "/web", R"({"host":"10.0.0.1"})").ok());
    QTRY_COMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.1"));
    auto put = writer->set(base + "/web", R"({"host":"10.0.0.2"})");
    QVERIFY(put.ok());
    QTRY_COMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.2"));
    QCOMPARE(mirror.snapshot()->store().find(base + "/web")->record.modifiedIndex, put.node.modifiedIndex);

    // create (prevExist=false), compareAndSwap
    QVERIFY(writer->create(base + "/new", R"({"host":"10.0.0.3"})").ok());
    QTRY_COMPARE(hostAt(mirror, "new.skydns.local."), QStringLiteral("10.0.0.3"));
    const auto swapped = writer->compareAndSwap(base + "/web", R"({"host":"10.0.0.4"})", put.node.modifiedIndex);
    QVERIFY(swapped.ok());
    QTRY_COMPARE(hostAt(mirror, "web.skydns.local."), QStringLiteral("10.0.0.4"));

    // delete, compareAndDelete
    QVERIFY(writer->remove(base + "/new").ok());
    QTRY_COMPARE(keysOf(mirror, "new.skydns.local."), QStringList{QStringLiteral("<1>")}); // NotFound
    QVERIFY(writer->compareAndDelete(base + "/web", swapped.node.modifiedIndex).ok());
    QTRY_COMPARE(keysOf(mirror, "web.skydns.local."), QStringList{QStringLiteral("<1>")});

    // directories: creation makes an empty directory, a recursive delete removes the subtree
    QVERIFY(writer->makeDirectory(base + "/dir").ok());
    QTRY_COMPARE(keysOf(mirror, "dir.skydns.local."), QStringList());
    QVERIFY(writer->set(base + "/dir/a/x", R"({"host":"10.0.1.1"})").ok());
    QVERIFY(writer->set(base + "/dir/b", R"({"host":"10.0.1.2"})").ok());
    QVERIFY(writer->set(base + "/dir/bad", "{oops").ok());
    QTRY_COMPARE(keysOf(mirror, "dir.skydns.local."),
                 (QStringList{QString::fromStdString(base + "/dir/a/x"), QString::fromStdString(base + "/dir/b")}));
    QTRY_COMPARE(mirror.state().malformedCount, std::size_t(1));
    QVERIFY(writer->remove(base + "/dir", true).ok());
    QTRY_COMPARE(keysOf(mirror, "dir.skydns.local."), QStringList{QStringLiteral("<1>")});
    QCOMPARE(mirror.state().malformedCount, std::size_t(0));
    QCOMPARE(mirror.state().recordCount, std::size_t(0));
    QCOMPARE(mirror.snapshot()->records("skydns.local.", false).status, LookupStatus::Ok); // parent kept

    // deleting the whole prefix empties the tree
    QVERIFY(writer->set(base + "/last", R"({"host":"10.0.2.1"})").ok());
    QTRY_COMPARE(hostAt(mirror, "last.skydns.local."), QStringLiteral("10.0.2.1"));
    QVERIFY(writer->remove("/" + prefix, true).ok());
    QTRY_COMPARE(mirror.snapshot()->records(".", false).status, LookupStatus::NotFound);
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1)); // all of it through the watch
}

void TstMirror::generationsIncrease()
{
    const std::string prefix = test::uniquePrefix();
    Mirror mirror(client(), prefix);
    std::vector<quint64> generations;
    connect(&mirror, &Mirror::snapshotChanged, this, [&](quint64 g) { generations.push_back(g); });
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    const auto first = mirror.snapshot();
    auto writer = client();
    for (int i = 0; i < 20; ++i)
        QVERIFY(writer->set("/" + prefix + "/local/skydns/k" + std::to_string(i), R"({"host":"10.0.0.1"})").ok());
    QTRY_COMPARE(mirror.state().recordCount, std::size_t(20));
    // Queued signals: one for the full read and one per published snapshot (events fetched
    // together may share one), each with a higher generation.
    QTRY_VERIFY(!generations.empty() && generations.back() == mirror.snapshot()->generation());
    QVERIFY2(generations.size() >= 2 && generations.size() <= 21, qPrintable(QString::number(generations.size())));
    for (std::size_t i = 1; i < generations.size(); ++i)
        QVERIFY(generations[i] > generations[i - 1]);
    QCOMPARE(generations.front(), quint64(1));
    QCOMPARE(mirror.state().generation, generations.back());
    QCOMPARE(mirror.state().eventsApplied, std::uint64_t(20));
    // A snapshot taken earlier is unchanged by everything published after it.
    QCOMPARE(first->generation(), quint64(1));
    QCOMPARE(first->recordCount(), std::size_t(0));
}

void TstMirror::ttlExpiry()
{
    const std::string prefix = test::uniquePrefix();
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    auto writer = client();
    QVERIFY(writer->set("/" + prefix + "/local/skydns/stays", R"({"host":"10.0.0.1"})").ok());
    QVERIFY(writer->set("/" + prefix + "/local/skydns/goes", R"({"host":"10.0.0.2"})", 1).ok());
    QTRY_COMPARE(hostAt(mirror, "goes.skydns.local."), QStringLiteral("10.0.0.2"));
    // etcd removes the key about a second later and sends "expire".
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror, "goes.skydns.local."), QStringList{QStringLiteral("<1>")}, 6000);
    QCOMPARE(hostAt(mirror, "stays.skydns.local."), QStringLiteral("10.0.0.1"));
}

void TstMirror::remainingTtlCountsDown()
{
    const std::string prefix = test::uniquePrefix();
    const std::string key = "/" + prefix + "/local/skydns/ttl";
    auto writer = client();
    QVERIFY(writer->set(key, R"({"host":"10.0.0.1"})", 30).ok());
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));

    // The full read carries etcd's expiration: the same instant etcd holds.
    const auto fromEtcd = writer->get(key);
    QVERIFY(fromEtcd.ok());
    const auto first = mirror.snapshot();
    QVERIFY(first->store().find(key) != nullptr);
    QCOMPARE(first->store().find(key)->record.expiresAtMs, fromEtcd.node.expiresAtMs);
    const std::uint32_t ttlNow = first->store().find(key)->record.remainingTtl(test::nowMs());
    QVERIFY2(std::abs(std::int64_t(ttlNow) - fromEtcd.node.ttl) <= 1,
             qPrintable(QStringLiteral("mirror %1 etcd %2").arg(ttlNow).arg(fromEtcd.node.ttl)));

    // Two seconds later both have counted down by two, without any etcd event.
    QTRY_VERIFY_WITH_TIMEOUT(first->store().find(key)->record.remainingTtl(test::nowMs()) <= ttlNow - 2, 5000);
    const auto later = writer->get(key);
    const std::uint32_t mirrored = mirror.snapshot()->store().find(key)->record.remainingTtl(test::nowMs());
    QVERIFY2(std::abs(std::int64_t(mirrored) - later.node.ttl) <= 1,
             qPrintable(QStringLiteral("mirror %1 etcd %2").arg(mirrored).arg(later.node.ttl)));
    QCOMPARE(mirror.snapshot()->generation(), std::uint64_t(1));

    // A new TTL through an event replaces the expiration.
    const auto renewed = writer->set(key, R"({"host":"10.0.0.1"})", 300);
    QVERIFY(renewed.ok());
    QTRY_COMPARE(mirror.snapshot()->store().find(key)->record.expiresAtMs, renewed.node.expiresAtMs);
}

void TstMirror::ttlRefreshSeenWithoutEvent()
{
    // etcd v2 does not notify watchers of refresh=true updates; the mirror must still learn the new
    // expiration before the old one passes, or the resolver would drop a live record.
    const std::string prefix = test::uniquePrefix();
    const std::string key = "/" + prefix + "/local/skydns/beat";
    auto writer = client();
    Mirror::Options options;
    options.expiryLead = std::chrono::milliseconds(2500); // margin for a loaded test machine
    Mirror mirror(client(), prefix, options);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    const auto put = writer->set(key, R"({"host":"10.0.0.1"})", 4);
    QVERIFY(put.ok());
    QTRY_COMPARE(mirror.snapshot()->store().find(key) ? mirror.snapshot()->store().find(key)->record.expiresAtMs : 0,
                 put.node.expiresAtMs);
    const auto refreshed = writer->refreshTtl(key, 60);
    QVERIFY(refreshed.ok());
    QVERIFY(refreshed.node.expiresAtMs > put.node.expiresAtMs);
    const std::uint64_t events = mirror.state().eventsApplied;
    QTRY_COMPARE_WITH_TIMEOUT(mirror.snapshot()->store().find(key)->record.expiresAtMs, refreshed.node.expiresAtMs, 5000);
    QVERIFY2(test::nowMs() < put.node.expiresAtMs, "learnt the new expiration only after the old one had passed");
    QCOMPARE(mirror.state().eventsApplied, events); // no event told us
    QVERIFY(mirror.state().expiryRereads >= 1);
    QCOMPARE(hostAt(mirror, "beat.skydns.local."), QStringLiteral("10.0.0.1"));
}

void TstMirror::malformedSkippedThenServed()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns/svc";
    auto writer = client();
    QVERIFY(writer->set(base + "/good", R"({"host":"10.0.0.1"})").ok());
    QVERIFY(writer->set(base + "/bad", "not json at all").ok());
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    QCOMPARE(keysOf(mirror, "svc.skydns.local."), QStringList{QString::fromStdString(base + "/good")});
    QCOMPARE(mirror.state().malformedCount, std::size_t(1));
    auto malformed = mirror.snapshot()->malformed();
    QCOMPARE(malformed.size(), std::size_t(1));
    QCOMPARE(malformed[0].first, base + "/bad");
    QVERIFY(!malformed[0].second.empty());

    // A second bad value through the watch, then both fixed.
    QVERIFY(writer->set(base + "/worse", R"({"host": 12})").ok());
    QTRY_COMPARE(mirror.state().malformedCount, std::size_t(2));
    QCOMPARE(keysOf(mirror, "svc.skydns.local."), QStringList{QString::fromStdString(base + "/good")});
    QVERIFY(writer->set(base + "/bad", R"({"host":"10.0.0.2"})").ok());
    QVERIFY(writer->set(base + "/worse", R"({"host":"10.0.0.3"})").ok());
    QTRY_COMPARE(mirror.state().malformedCount, std::size_t(0));
    QCOMPARE(keysOf(mirror, "svc.skydns.local."),
             (QStringList{QString::fromStdString(base + "/bad"), QString::fromStdString(base + "/good"),
                          QString::fromStdString(base + "/worse")}));
    QVERIFY(mirror.snapshot()->malformed().empty());
}

void TstMirror::hundredThousandKeys()
{
    // 100k keys are written as fast as etcd takes them. A mirror that was synced before, with its
    // watch held meanwhile (as if it could not keep up), must catch up with one full read; a
    // second mirror loads them all at once afterwards. (A live watch cannot keep up with 64
    // writers either: one event per request. It then re-reads repeatedly, which only slows the
    // writers here.)
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns/bulk";
    constexpr int kKeys = 100000;
    constexpr int kThreads = 64;
    Mirror watching(test::mirrorClient({m_endpoint}, std::chrono::seconds(60)), prefix);
    watching.start();
    QVERIFY(watching.waitForSync(std::chrono::seconds(10)));
    watching.setWatchPausedForTest(true);

    QElapsedTimer timer;
    timer.start();
    std::atomic<int> next{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            auto writer = client();
            for (int i = next++; i < kKeys; i = next++) {
                const std::string value = R"({"host":"10.)" + std::to_string(i >> 16) + "." + std::to_string((i >> 8) & 255)
                    + "." + std::to_string(i & 255) + R"(","port":8080})";
                if (!writer->set(base + "/s" + std::to_string(i), value).ok())
                    ++failures;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    qInfo("wrote %d keys in %lld ms", kKeys, timer.elapsed());
    QCOMPARE(failures.load(), 0);

    timer.restart();
    Mirror loading(test::mirrorClient({m_endpoint}, std::chrono::seconds(60)), prefix);
    loading.start();
    QVERIFY(loading.waitForSync(std::chrono::seconds(60)));
    qInfo("initial load of %d keys: %lld ms", kKeys, timer.elapsed());
    QCOMPARE(loading.state().recordCount, std::size_t(kKeys));
    QCOMPARE(hostAt(loading, "s65793.bulk.skydns.local."), QStringLiteral("10.1.1.1"));
    QCOMPARE(loading.snapshot()->records("bulk.skydns.local.", false).records.size(), std::size_t(kKeys));

    watching.setWatchPausedForTest(false);
    QTRY_COMPARE_WITH_TIMEOUT(watching.state().recordCount, std::size_t(kKeys), 60000);
    QCOMPARE(watching.state().fullReads, std::uint64_t(2));
    QCOMPARE(hostAt(watching, "s99999.bulk.skydns.local."), QStringLiteral("10.1.134.159"));
    qInfo("watching mirror: %llu events, %llu full reads", (unsigned long long)watching.state().eventsApplied,
          (unsigned long long)watching.state().fullReads);

    loading.stop();
    watching.stop();
    QVERIFY(client()->remove("/" + prefix, true).ok()); // leave the shared etcd small
}

void TstMirror::compactedHistoryRereads()
{
    const std::string prefix = test::uniquePrefix();
    const std::string base = "/" + prefix + "/local/skydns";
    auto writer = client();
    QVERIFY(writer->set(base + "/bad", "{broken").ok());
    Mirror mirror(client(), prefix);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    QCOMPARE(mirror.state().fullReads, std::uint64_t(1));
    const QString badWarning = QStringLiteral("skipping malformed value at %1").arg(QString::fromStdString(base + "/bad"));
    QCOMPARE(mirrorLogCount(badWarning), 1);

    // With the watch held, 1100 changes push the mirror's next index out of etcd's 1000-event
    // history: the resumed watch gets errorCode 401 and the mirror must read everything again.
    mirror.setWatchPausedForTest(true);
    QVERIFY(writer->set(base + "/first", R"({"host":"10.0.0.1"})").ok()); // wakes the watch in flight
    for (int i = 0; i < 1100; ++i)
        QVERIFY(writer->set(base + "/churn", R"({"host":"10.0.0.)" + std::to_string(i % 250) + R"("})").ok());
    QVERIFY(writer->set(base + "/last", R"({"host":"10.0.0.2"})").ok());
    mirror.setWatchPausedForTest(false);

    QTRY_COMPARE_WITH_TIMEOUT(mirror.state().fullReads, std::uint64_t(2), 10000);
    QTRY_COMPARE(hostAt(mirror, "last.skydns.local."), QStringLiteral("10.0.0.2"));
    QCOMPARE(hostAt(mirror, "churn.skydns.local."), QStringLiteral("10.0.0.99")); // 1099 % 250
    QCOMPARE(hostAt(mirror, "first.skydns.local."), QStringLiteral("10.0.0.1"));
    QVERIFY(!mirror.state().stale());
    // The malformed value is still skipped and listed, but not logged again by the re-read.
    QCOMPARE(mirror.state().malformedCount, std::size_t(1));
    QCOMPARE(mirrorLogCount(badWarning), 1);
    // And it keeps watching after the re-read.
    QVERIFY(writer->set(base + "/after", R"({"host":"10.0.0.3"})").ok());
    QTRY_COMPARE(hostAt(mirror, "after.skydns.local."), QStringLiteral("10.0.0.3"));
}

void TstMirror::stopIsPrompt()
{
    const std::string prefix = test::uniquePrefix();
    Mirror::Options options;
    options.watchWait = std::chrono::seconds(60);
    Mirror mirror(client(), prefix, options);
    mirror.start();
    QVERIFY(mirror.waitForSync(std::chrono::seconds(10)));
    QTest::qWait(200); // let the watch request get under way
    QElapsedTimer timer;
    timer.start();
    mirror.stop();
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!mirror.state().running);
    QVERIFY(mirror.snapshot()->hasSynced()); // the last snapshot stays available
}

QTEST_GUILESS_MAIN(TstMirror)
#include "tst_mirror.moc"
