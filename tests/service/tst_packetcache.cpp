// PacketCache, cacheKey and TrackingBackend: the rules that keep cached answers from ever being
// older than the mirror or the clock allows (generation, TTL countdown, SOA hour, variants).
#include "packetcache.h"
#include "querykey.h"
#include "trackingbackend.h"

#include "backend/memorybackend.h"

#include <QTest>

using namespace skydns;
using namespace skydns::service;

class TstPacketCache final : public QObject
{
    Q_OBJECT
private slots:
    void generationAndExpiry();
    void variants();
    void capacity();
    void keys_data();
    void keys();
    void slowPath_data();
    void slowPath();
    void ttlChange_data();
    void ttlChange();
};

namespace {

std::string query(std::uint16_t id, const std::string &name, std::uint16_t type, bool edns = false,
                  std::uint16_t udpSize = 4096, bool dnssecOk = false, std::uint8_t flags1 = 0x01)
{
    std::string q;
    auto u16 = [&q](std::uint16_t v) {
        q.push_back(char(v >> 8));
        q.push_back(char(v & 0xff));
    };
    u16(id);
    q.push_back(char(flags1));
    q.push_back(0);
    u16(1);
    u16(0);
    u16(0);
    u16(edns ? 1 : 0);
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string::npos)
            dot = name.size();
        q.push_back(char(dot - start));
        q.append(name, start, dot - start);
        start = dot + 1;
    }
    q.push_back(0);
    u16(type);
    u16(1);
    if (edns) {
        q.push_back(0);
        u16(41);
        u16(udpSize);
        q.push_back(0);
        q.push_back(0);
        u16(dnssecOk ? 0x8000 : 0);
        u16(0);
    }
    return q;
}

bool key(const std::string &q, bool tcp, std::string &out)
{
    return cacheKey(reinterpret_cast<const unsigned char *>(q.data()), q.size(), tcp, out);
}

} // namespace

void TstPacketCache::generationAndExpiry()
{
    PacketCache cache(10);
    cache.insert("k", "answer", 5, 2000, false, 1000);
    QVERIFY(cache.lookup("k", 5, 1000));
    QCOMPARE(*cache.lookup("k", 5, 1999), std::string("answer"));
    // DESIGN 1: a newer snapshot makes the entry useless at once.
    QVERIFY(!cache.lookup("k", 6, 1000));
    // The clock: valid strictly before validUntil.
    QVERIFY(!cache.lookup("k", 5, 2000));
    // Replaced by a newer insert.
    cache.insert("k", "new", 6, 3000, false, 1000);
    QCOMPARE(*cache.lookup("k", 6, 1000), std::string("new"));
    // Already expired inserts are not kept; capacity 0 disables the cache.
    cache.insert("gone", "x", 6, 1000, false, 1000);
    QVERIFY(!cache.lookup("gone", 6, 999));
    PacketCache off(0);
    off.insert("k", "answer", 1, 2000, false, 1000);
    QVERIFY(!off.lookup("k", 1, 1000));
}

void TstPacketCache::variants()
{
    // Round robin: randomised answers miss until kVariants encodings exist, then rotate.
    PacketCache cache(10);
    for (std::size_t i = 0; i < PacketCache::kVariants; ++i) {
        QVERIFY(!cache.lookup("rr", 1, 0));
        cache.insert("rr", "v" + std::to_string(i), 1, 100 + std::int64_t(i), true, 0);
    }
    QSet<QString> seen;
    for (std::size_t i = 0; i < 2 * PacketCache::kVariants; ++i) {
        const std::string *w = cache.lookup("rr", 1, 0);
        QVERIFY(w);
        seen.insert(QString::fromStdString(*w));
    }
    QCOMPARE(seen.size(), int(PacketCache::kVariants));
    // The entry expires with its earliest variant.
    QVERIFY(cache.lookup("rr", 1, 99));
    QVERIFY(!cache.lookup("rr", 1, 100));
    // A new generation starts over.
    QVERIFY(!cache.lookup("rr", 2, 0));
}

void TstPacketCache::capacity()
{
    PacketCache cache(3);
    cache.insert("a", "1", 1, 100, false, 0);
    cache.insert("b", "2", 1, 100, false, 0);
    cache.insert("c", "3", 2, 100, false, 0);
    // Full: entries of another generation go first; the new one is always kept.
    cache.insert("d", "4", 2, 100, false, 0);
    QVERIFY(cache.size() <= 3);
    QVERIFY(cache.lookup("c", 2, 0));
    QVERIFY(cache.lookup("d", 2, 0));
    cache.insert("e", "5", 2, 100, false, 0);
    cache.insert("f", "6", 2, 100, false, 0);
    QVERIFY(cache.size() <= 3);
    QVERIFY(cache.lookup("f", 2, 0));
}

void TstPacketCache::keys_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<bool>("tcpA");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("tcpB");
    QTest::addColumn<bool>("same");

    auto b = [](const std::string &s) { return QByteArray::fromStdString(s); };
    QTest::newRow("id does not matter") << b(query(1, "a.skydns.local", 1)) << false << b(query(2, "a.skydns.local", 1))
                                        << false << true;
    QTest::newRow("qtype matters") << b(query(1, "a.skydns.local", 1)) << false << b(query(1, "a.skydns.local", 28))
                                   << false << false;
    QTest::newRow("spec 9: name case matters (as SkyDNS's key)")
        << b(query(1, "a.skydns.local", 1)) << false << b(query(1, "A.skydns.local", 1)) << false << false;
    QTest::newRow("spec 9: transport matters") << b(query(1, "a.skydns.local", 1)) << false
                                               << b(query(1, "a.skydns.local", 1)) << true << false;
    QTest::newRow("spec 9: DO bit matters") << b(query(1, "a.skydns.local", 1, true, 4096, false)) << false
                                            << b(query(1, "a.skydns.local", 1, true, 4096, true)) << false << false;
    QTest::newRow("spec 7: UDP size matters") << b(query(1, "a.skydns.local", 1, true, 1232)) << false
                                              << b(query(1, "a.skydns.local", 1, true, 4096)) << false << false;
    QTest::newRow("spec 7: EDNS0 sizes below 512 are 512")
        << b(query(1, "a.skydns.local", 1, true, 100)) << false << b(query(1, "a.skydns.local", 1, true, 200))
        << false << true;
    QTest::newRow("RD is copied into the answer") << b(query(1, "a.skydns.local", 1, false, 0, false, 0x01)) << false
                                                  << b(query(1, "a.skydns.local", 1, false, 0, false, 0x00)) << false
                                                  << false;
}

void TstPacketCache::keys()
{
    QFETCH(QByteArray, a);
    QFETCH(bool, tcpA);
    QFETCH(QByteArray, b);
    QFETCH(bool, tcpB);
    QFETCH(bool, same);
    std::string ka, kb;
    QVERIFY(key(a.toStdString(), tcpA, ka));
    QVERIFY(key(b.toStdString(), tcpB, kb));
    QCOMPARE(ka == kb, same);
}

void TstPacketCache::slowPath_data()
{
    // Queries the key reader leaves to the full parser (dns::parseQuery), which drops, FORMERRs or
    // handles them properly.
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("fast");
    const std::string plain = query(1, "a.skydns.local", 1, true);
    auto b = [](const std::string &s) { return QByteArray::fromStdString(s); };
    QTest::newRow("plain query with EDNS0: fast") << b(plain) << true;
    std::string qr = plain;
    qr[2] = char(qr[2] | 0x80);
    QTest::newRow("QR=1: parser drops it") << b(qr) << false;
    std::string two = plain;
    two[5] = 2;
    QTest::newRow("two questions") << b(two) << false;
    QTest::newRow("short header") << b(plain.substr(0, 11)) << false;
    QTest::newRow("name runs past the end") << b(plain.substr(0, 16)) << false;
    std::string version = plain;
    version[version.size() - 5] = 1; // EDNS version byte
    QTest::newRow("EDNS version 1") << b(version) << false;
    std::string stub = plain;
    stub[stub.size() - 1] = 5; // rdlen 5: one option of 1 byte follows
    stub += std::string("\xfd\xf3\x00\x01\x01", 5);
    QTest::newRow("spec 5: stub option (65011) present") << b(stub) << false;
    std::string cookie = plain;
    cookie[cookie.size() - 1] = 12;
    cookie += std::string("\x00\x0a\x00\x08", 4) + "abcdefgh";
    QTest::newRow("cookie option (dig): fast") << b(cookie) << true;
    std::string compressed = query(1, "a", 1);
    compressed.replace(12, 3, std::string("\xc0\x0c", 2));
    QTest::newRow("compression pointer in the question") << b(compressed) << false;
    // RFC 1035 3.1: at most 255 octets including the root byte (found by fuzz_querykey).
    const std::string l63(63, 'a');
    QTest::newRow("name of 255 octets: fast")
        << b(query(1, l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b'), 1)) << true;
    QTest::newRow("name of 256 octets: parser refuses it")
        << b(query(1, l63 + "." + l63 + "." + l63 + "." + std::string(62, 'b'), 1)) << false;
}

void TstPacketCache::slowPath()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, fast);
    std::string k;
    QCOMPARE(key(wire.toStdString(), false, k), fast);
}

void TstPacketCache::ttlChange_data()
{
    QTest::addColumn<qint64>("expiresAt");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("change");
    // remainingTtl rounds up: 10.5 s left shows 11 until 10.0 s are left.
    QTest::newRow("spec 2.3: 10.5 s left -> next change in 0.5 s") << qint64(20500) << qint64(10000) << qint64(10500);
    QTest::newRow("exactly 10 s left -> next change in 1 s") << qint64(20000) << qint64(10000) << qint64(11000);
    QTest::newRow("no etcd TTL -> never") << qint64(0) << qint64(10000)
                                          << qint64(std::numeric_limits<std::int64_t>::max());
    QTest::newRow("expired -> now") << qint64(5000) << qint64(10000) << qint64(10000);
}

void TstPacketCache::ttlChange()
{
    QFETCH(qint64, expiresAt);
    QFETCH(qint64, now);
    QFETCH(qint64, change);
    QCOMPARE(qint64(TrackingBackend::nextTtlChangeMs(expiresAt, now)), change);
    if (expiresAt > now) { // the TTL seen just before the change is the one seen now
        model::Record r;
        r.expiresAtMs = expiresAt;
        QCOMPARE(r.remainingTtl(change - 1), r.remainingTtl(now));
        QVERIFY(r.remainingTtl(change) != r.remainingTtl(now));
    }
}

QTEST_APPLESS_MAIN(TstPacketCache)
#include "tst_packetcache.moc"
