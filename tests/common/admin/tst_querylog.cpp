// Tests of the service side of the admin API without a server (service/admin): the query log's
// cursor over several workers (after/limit pages with no gaps or repeats, the newest page, entries
// lost to the ring, a cursor of another run), statistics summed over workers, cache keys and names.
#include "admin/adminreports.h"
#include "admin/queryrecorder.h"
#include "querykey.h"

#include "fakeupstream.h"

#include <QTest>

#include <netinet/in.h>

#include <cstring>
#include <algorithm>

using namespace skydns::service;
namespace api = skydns::admin;

class TstQueryLog final : public QObject
{
    Q_OBJECT
private slots:
    void pagesAcrossWorkers();
    void newestPage();
    void overwrittenEntriesAreCounted();
    void cursorOfAnotherRun();
    void statsSumWorkers();
    void latencyBuckets_data();
    void latencyBuckets();
    void names_data();
    void names();
    void cacheKeys();
};

namespace {

// rawQuery is the wire form of a query for name (no trailing dot) of type, ID 0x1234, RD set.
std::string rawQuery(const std::string &name, std::uint16_t type)
{
    return skydns::test::makeQuery(name, type, 0x1234).toStdString();
}

void record(QueryRecorder &r, const std::string &name, std::int64_t timeMs, int rcode = 0,
            Served served = Served::Mirror, std::uint64_t latencyNs = 50000)
{
    const std::string q = rawQuery(name, 1);
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(4000);
    peer.sin_addr.s_addr = htonl(0x7f000001);
    QueryRecord rec;
    rec.query = reinterpret_cast<const unsigned char *>(q.data());
    rec.size = q.size();
    rec.peer = reinterpret_cast<const sockaddr *>(&peer);
    rec.rcode = rcode;
    rec.served = served;
    rec.system = served == Served::Cache ? MetricSystem::Cache : MetricSystem::Auth;
    rec.latencyNs = latencyNs;
    rec.nowMs = timeMs;
    r.record(rec);
}

QStringList namesOf(const api::QueryLogPage &p)
{
    QStringList out;
    for (const api::QueryLogEntry &e : p.entries)
        out << QString::fromStdString(e.name);
    return out;
}

} // namespace

void TstQueryLog::pagesAcrossWorkers()
{
    QueryRecorder w0, w1;
    const std::vector<const QueryRecorder *> all{&w0, &w1};
    const api::QueryLogPage empty = readQueryLog(all, "e1", std::nullopt, 10);
    QCOMPARE(empty.next, std::string("e1-0.0"));
    // Interleaved in time; worker 1's entries are written "late" (out of order against worker 0).
    record(w0, "a", 1000);
    record(w0, "c", 1002);
    record(w0, "e", 1004);
    record(w1, "b", 1001);
    record(w1, "d", 1003);
    record(w1, "f", 1005);

    auto cursor = api::QueryLogCursor::parse(empty.next);
    QStringList seen;
    for (int i = 0; i < 10 && cursor; ++i) {
        const api::QueryLogPage p = readQueryLog(all, "e1", cursor, 4);
        QVERIFY(p.entries.size() <= 4);
        QVERIFY(!p.reset);
        QCOMPARE(p.missed, std::uint64_t(0));
        seen += namesOf(p);
        cursor = api::QueryLogCursor::parse(p.next);
        if (p.entries.empty())
            break;
    }
    QCOMPARE(seen, QStringList({"a.", "b.", "c.", "d.", "e.", "f."}));
    QCOMPARE(cursor->toString(), std::string("e1-3.3"));

    // Later entries of one worker come after its cursor position, never repeating the earlier ones.
    record(w1, "g", 900); // a clock step back: still after the cursor
    const api::QueryLogPage more = readQueryLog(all, "e1", cursor, 10);
    QCOMPARE(namesOf(more), QStringList({"g."}));
    QCOMPARE(more.next, std::string("e1-3.4"));
    const api::QueryLogEntry &g = more.entries[0];
    QCOMPARE(g.client, std::string("127.0.0.1:4000"));
    QCOMPARE(g.type, std::string("A"));
    QCOMPARE(g.rcode, std::string("NOERROR"));
    QCOMPARE(g.servedFrom, std::string("mirror"));
    QCOMPARE(g.latencyMs, 0.05);
    QCOMPARE(g.timeMs, std::int64_t(900));
}

void TstQueryLog::newestPage()
{
    QueryRecorder w0, w1;
    const std::vector<const QueryRecorder *> all{&w0, &w1};
    for (int i = 0; i < 5; ++i) {
        record(w0, "w0n" + std::to_string(i), 2000 + 2 * i);
        record(w1, "w1n" + std::to_string(i), 2001 + 2 * i);
    }
    const api::QueryLogPage p = readQueryLog(all, "e1", std::nullopt, 3);
    QCOMPARE(namesOf(p), QStringList({"w1n3.", "w0n4.", "w1n4."})); // the newest three, oldest first
    QCOMPARE(p.next, std::string("e1-5.5"));                     // following from here skips nothing new
    record(w0, "later", 3000);
    QCOMPARE(namesOf(readQueryLog(all, "e1", api::QueryLogCursor::parse(p.next), 10)), QStringList({"later."}));
}

void TstQueryLog::overwrittenEntriesAreCounted()
{
    QueryRecorder w0;
    const std::vector<const QueryRecorder *> all{&w0};
    const auto start = api::QueryLogCursor::parse(readQueryLog(all, "e1", std::nullopt, 1).next);
    for (std::size_t i = 0; i < kLogCapacity + 10; ++i)
        record(w0, "n" + std::to_string(i), std::int64_t(i));
    const api::QueryLogPage p = readQueryLog(all, "e1", start, 2);
    QCOMPARE(p.missed, std::uint64_t(10));
    QCOMPARE(namesOf(p), QStringList({"n10.", "n11."}));
    QCOMPARE(p.next, std::string("e1-12"));
}

void TstQueryLog::cursorOfAnotherRun()
{
    QueryRecorder w0, w1;
    const std::vector<const QueryRecorder *> all{&w0, &w1};
    record(w0, "x", 1);
    for (const char *text : {"other-5.5", "e1-5"}) { // another epoch; another worker count
        const api::QueryLogPage p = readQueryLog(all, "e1", api::QueryLogCursor::parse(text), 10);
        QVERIFY2(p.reset, text);
        QCOMPARE(namesOf(p), QStringList({"x."}));
        QCOMPARE(p.next, std::string("e1-1.0"));
    }
}

void TstQueryLog::statsSumWorkers()
{
    QueryRecorder w0, w1;
    const std::vector<const QueryRecorder *> all{&w0, &w1};
    const std::int64_t now = 1764140000500;
    record(w0, "a", now - 2000, 0, Served::Cache, 10000);    // 10 µs
    record(w1, "b", now - 2000, 3, Served::Mirror, 2000000); // 2 ms
    record(w1, "c", now - 1000, 3, Served::Mirror, 2000000);
    record(w0, "d", now, 2, Served::Forwarder);               // the current second: not in the series yet
    record(w0, "e", now - 100000, -1);                        // dropped: logged, not counted
    const api::Stats s = buildStats(all, 3, now);
    QCOMPARE(s.queries, std::uint64_t(4));
    QCOMPARE(s.byRcode.at("NXDOMAIN"), std::uint64_t(2));
    QCOMPARE(s.byRcode.at("SERVFAIL"), std::uint64_t(1));
    QCOMPARE(s.bySystem.at("cache").at("NOERROR"), std::uint64_t(1));
    QCOMPARE(s.bySystem.at("auth").at("NXDOMAIN"), std::uint64_t(2));
    QCOMPARE(s.cacheHits, std::uint64_t(1));
    QCOMPARE(s.cacheMisses, std::uint64_t(3));
    QCOMPARE(s.series.size(), std::size_t(3));
    QCOMPARE(s.series[0].second, now / 1000 - 3);
    QCOMPARE(s.series[1].queries, std::uint64_t(2));
    QCOMPARE(s.series[1].nxDomain, std::uint64_t(1));
    QCOMPARE(s.series[1].noError, std::uint64_t(1));
    QCOMPARE(s.series[1].cacheHits, std::uint64_t(1));
    QCOMPARE(s.series[2].queries, std::uint64_t(1));
    QVERIFY(s.series[1].p99Ms >= 2.0 && s.series[1].p99Ms <= 3.0);
    QCOMPARE(s.latency.samples, std::uint64_t(4));
    QCOMPARE(s.latencyLastMinute.samples, std::uint64_t(3));
    QVERIFY(s.latency.p50Ms >= 0.01);
}

void TstQueryLog::latencyBuckets_data()
{
    QTest::addColumn<quint64>("ns");
    for (const quint64 ns : {0ULL, 999ULL, 1000ULL, 1023ULL, 1024ULL, 1535ULL, 1536ULL, 2047ULL, 2048ULL, 3000ULL, 123456ULL, 5000000ULL,
                             999999999ULL, 100000000000ULL})
        QTest::newRow(qPrintable(QString::number(ns))) << ns;
}

void TstQueryLog::latencyBuckets()
{
    QFETCH(quint64, ns);
    const std::size_t b = latencyBucket(ns);
    QVERIFY(b < kLatencyBuckets);
    if (b + 1 < kLatencyBuckets) {
        // The bucket's upper bound is above the value and at most 1.5x (or 1024 ns) above it.
        QVERIFY2(bucketUpperMs(b) * 1e6 > double(ns), qPrintable(QString::number(bucketUpperMs(b))));
        QVERIFY(bucketUpperMs(b) * 1e6 <= std::max(double(ns) * 1.5, 1024.0));
    }
    if (b > 0)
        QVERIFY(bucketUpperMs(b - 1) * 1e6 <= double(ns));
}

void TstQueryLog::names_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray("\x03web\x06skydns\x05local", 17) << "web.skydns.local.";
    QTest::newRow("root") << QByteArray() << ".";
    QTest::newRow("dot in label") << QByteArray("\x03" "a.b", 4) << "a\\.b.";
    QTest::newRow("binary") << QByteArray("\x02\x00\xff", 3) << "\\000\\255.";
    QTest::newRow("space and backslash") << QByteArray("\x03" "a \\", 4) << "a\\032\\\\.";
    QTest::newRow("root label ends it") << QByteArray("\x01" "a\x00\x01" "b", 5) << "a.";
    QTest::newRow("label longer than the bytes") << QByteArray("\x09" "ab", 3) << "ab.";
}

void TstQueryLog::names()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(wireNameText(reinterpret_cast<const std::uint8_t *>(wire.constData()),
                                                 std::size_t(wire.size()))),
             text);
}

void TstQueryLog::cacheKeys()
{
    std::string q = rawQuery("web.skydns.local", 33);
    // EDNS0 with DO and a 1232-byte buffer.
    q[11] = 1;
    q += std::string("\x00\x00\x29\x04\xd0\x00\x00\x80\x00\x00\x00", 11);
    std::string key;
    QVERIFY(cacheKey(reinterpret_cast<const unsigned char *>(q.data()), q.size(), false, key));
    api::CacheEntry e;
    QVERIFY(describeCacheKey(key, e));
    QCOMPARE(e.name, std::string("web.skydns.local."));
    QCOMPARE(e.type, std::string("SRV"));
    QVERIFY(e.edns);
    QVERIFY(e.dnssecOk);
    QCOMPARE(e.sizeLimit, 1232);
    QVERIFY(!describeCacheKey(std::string("\x00\x00", 2), e));
}

QTEST_APPLESS_MAIN(TstQueryLog)
#include "tst_querylog.moc"
