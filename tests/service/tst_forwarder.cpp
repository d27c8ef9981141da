// Forwarder against FakeUpstream servers on 127.0.0.1: SkyDNS's forwarding retry loop (spec 4.1),
// Lookup (spec 4.2) and the stub option (spec 5), plus what SkyDNS does not guard against: garbage,
// spoofed and late answers.
#include "dns/wire.h"
#include "fakeupstream.h"
#include "forwarder.h"
#include "forwardwire.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <set>

using skydns::service::ExchangeResult;
using skydns::service::Forwarder;
using skydns::test::FakeUpstream;
namespace dns = skydns::dns;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(FakeUpstream::Junk)
Q_DECLARE_METATYPE(FakeUpstream::Behaviour)
Q_DECLARE_METATYPE(std::vector<FakeUpstream::Behaviour>)

namespace {

using skydns::test::makeQuery;

struct Outcome
{
    bool done = false;
    ExchangeResult result;
    qint64 elapsedMs = 0;
};

Outcome forwardAndWait(Forwarder &f, const QByteArray &query, const std::vector<std::string> &servers, bool tcp,
                       std::chrono::milliseconds timeout)
{
    Outcome o;
    QElapsedTimer clock;
    clock.start();
    f.forward(query, servers, tcp, timeout, [&](ExchangeResult r) {
        o.result = std::move(r);
        o.done = true;
        o.elapsedMs = clock.elapsed();
    });
    (void)QTest::qWaitFor([&] { return o.done; }, 20000);
    return o;
}

struct LookupOutcome
{
    bool done = false;
    bool ok = false;
    dns::Message response;
    qint64 elapsedMs = 0;
};

LookupOutcome lookupAndWait(Forwarder &f, const std::string &name, std::uint16_t type, std::uint16_t udpSize,
                            bool dnssecOk, const std::vector<std::string> &servers, std::chrono::milliseconds timeout)
{
    LookupOutcome o;
    QElapsedTimer clock;
    clock.start();
    f.lookup(name, type, udpSize, dnssecOk, servers, timeout, [&](bool ok, const dns::Message &m) {
        o.ok = ok;
        o.response = m;
        o.done = true;
        o.elapsedMs = clock.elapsed();
    });
    (void)QTest::qWaitFor([&] { return o.done; }, 20000);
    return o;
}

std::uint16_t idOf(const QByteArray &m)
{
    return static_cast<std::uint16_t>((static_cast<unsigned char>(m[0]) << 8) | static_cast<unsigned char>(m[1]));
}

int rcodeOf(const QByteArray &m)
{
    return m.size() >= 4 ? (m[3] & 0x0F) : -1;
}

// A port nobody listens on (bound and released at once): UDP there answers ICMP port unreachable.
std::string deadServer()
{
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    const quint16 port = s.localPort();
    s.close();
    return "127.0.0.1:" + std::to_string(port);
}

const std::string kName = "www.example.org.";

} // namespace

class TstForwarder final : public QObject
{
    Q_OBJECT
private slots:
    void relaysAnswer_data();
    void relaysAnswer();
    void retryLoop_data();
    void retryLoop();
    void allFail();
    void deadServerFailsFast();
    void truncatedRelayed();
    void coalescesIdentical();
    void doesNotCoalesceDifferent();
    void ignoresGarbage_data();
    void ignoresGarbage();
    void lateAnswerIgnored();
    void lookupEdns_data();
    void lookupEdns();
    void lookupFirstServerIsIdModN();
    void lookupRcodeFails_data();
    void lookupRcodeFails();
    void lookupFailsOver();
    void lookupAllFail();
    void destroyedWhilePending();
    void manyInFlight();
    void inFlightLimit();
};

void TstForwarder::relaysAnswer_data()
{
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<bool>("edns");
    QTest::newRow("spec 4.1: UDP query relayed unchanged, answer bytes relayed") << false << false;
    QTest::newRow("spec 4.1: UDP query with EDNS0 (DO) relayed unchanged") << false << true;
    QTest::newRow("spec 4.1: TCP client -> TCP upstream") << true << false;
    QTest::newRow("spec 4.1: TCP with EDNS0") << true << true;
}

void TstForwarder::relaysAnswer()
{
    QFETCH(bool, tcp);
    QFETCH(bool, edns);
    FakeUpstream up;
    QVERIFY(up.start());
    FakeUpstream::Behaviour b = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.1")});
    b.aa = true;
    up.script(kName, dns::kTypeA, {b});
    Forwarder f;
    const QByteArray query = makeQuery(kName, dns::kTypeA, 0xBEEF, edns, edns);
    const Outcome o = forwardAndWait(f, query, {up.address()}, tcp, 2000ms);
    QVERIFY(o.done);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    QCOMPARE(o.result.server, up.address());
    QCOMPARE(up.received().size(), std::size_t(1));
    QCOMPARE(up.received()[0].bytes, query); // unchanged: ID, RD, EDNS0
    QCOMPARE(up.received()[0].tcp, tcp);
    QCOMPARE(o.result.response, FakeUpstream::reply(query, b)); // relayed as the upstream sent it (AA kept)
    QCOMPARE(idOf(o.result.response), std::uint16_t(0xBEEF));
}

void TstForwarder::retryLoop_data()
{
    QTest::addColumn<std::vector<FakeUpstream::Behaviour>>("first");
    QTest::addColumn<std::vector<FakeUpstream::Behaviour>>("second");
    QTest::addColumn<int>("firstCount");
    QTest::addColumn<int>("secondCount");
    QTest::addColumn<int>("rcode");
    QTest::addColumn<int>("answeredBy");
    const auto ok = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.7")});
    const auto sf = FakeUpstream::servFail();
    const auto quiet = FakeUpstream::silent();
    using V = std::vector<FakeUpstream::Behaviour>;
    QTest::newRow("spec 4.1: SERVFAIL re-asked on the same server, which answers") << V{sf, ok} << V{ok} << 2 << 0 << 0 << 0;
    QTest::newRow("spec 4.1: SERVFAIL twice -> the second SERVFAIL is relayed (exchangeWithRetry)")
        << V{sf, sf} << V{ok} << 2 << 0 << 2 << 0;
    QTest::newRow("spec 4.1: SERVFAIL then timeout -> next server") << V{sf, quiet} << V{ok} << 2 << 1 << 0 << 1;
    QTest::newRow("spec 4.1: timeout -> next server") << V{quiet} << V{ok} << 1 << 1 << 0 << 1;
    QTest::newRow("spec 4.1: NXDOMAIN is an answer, relayed") << V{FakeUpstream::nxDomain()} << V{ok} << 1 << 0 << 3 << 0;
    QTest::newRow("spec 4.1: timeout, SERVFAIL x2 on the next -> SERVFAIL relayed")
        << V{quiet} << V{sf, sf} << 1 << 2 << 2 << 1;
}

void TstForwarder::retryLoop()
{
    QFETCH(std::vector<FakeUpstream::Behaviour>, first);
    QFETCH(std::vector<FakeUpstream::Behaviour>, second);
    QFETCH(int, firstCount);
    QFETCH(int, secondCount);
    QFETCH(int, rcode);
    QFETCH(int, answeredBy);
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    up1.script(kName, dns::kTypeA, first);
    up2.script(kName, dns::kTypeA, second);
    Forwarder f;
    const QByteArray query = makeQuery(kName, dns::kTypeA, 4321);
    const Outcome o = forwardAndWait(f, query, {up1.address(), up2.address()}, false, 500ms);
    QVERIFY(o.done);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    QCOMPARE(rcodeOf(o.result.response), rcode);
    QCOMPARE(idOf(o.result.response), std::uint16_t(4321));
    QCOMPARE(o.result.server, answeredBy == 0 ? up1.address() : up2.address());
    QCOMPARE(up1.count(kName), firstCount);
    QCOMPARE(up2.count(kName), secondCount);
}

void TstForwarder::allFail()
{
    // n+1 attempts: with two silent servers, the first is asked twice (try 0 and try 2).
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    up1.setDefault(FakeUpstream::silent());
    up2.setDefault(FakeUpstream::silent());
    Forwarder f;
    const Outcome o = forwardAndWait(f, makeQuery(kName, dns::kTypeA, 77), {up1.address(), up2.address()}, false, 200ms);
    QVERIFY(o.done);
    QVERIFY(!o.result.ok);
    QVERIFY(o.result.response.isEmpty());
    QVERIFY2(o.result.error.find("timeout") != std::string::npos, o.result.error.c_str());
    QCOMPARE(up1.count(kName) + up2.count(kName), 3);
    QCOMPARE(up1.count(kName), 2);
    QCOMPARE(up2.count(kName), 1);
    // three timeouts of 200 ms
    QVERIFY2(o.elapsedMs >= 550 && o.elapsedMs < 3000, QByteArray::number(o.elapsedMs));
}

void TstForwarder::deadServerFailsFast()
{
    // ICMP port unreachable is a network error: next server without waiting for the timeout.
    FakeUpstream up;
    QVERIFY(up.start());
    up.script(kName, dns::kTypeA, {FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.9")})});
    Forwarder f;
    const Outcome o = forwardAndWait(f, makeQuery(kName, dns::kTypeA, 5), {deadServer(), up.address()}, false, 3000ms);
    QVERIFY(o.done);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    QCOMPARE(o.result.server, up.address());
    QVERIFY2(o.elapsedMs < 2000, QByteArray::number(o.elapsedMs));

    // TCP to a closed port: refused, next server.
    const Outcome t = forwardAndWait(f, makeQuery(kName, dns::kTypeA, 6), {deadServer(), up.address()}, true, 3000ms);
    QVERIFY2(t.result.ok, t.result.error.c_str());
    QVERIFY2(t.elapsedMs < 2000, QByteArray::number(t.elapsedMs));

    // Only dead servers: fails without waiting 3 timeouts.
    const Outcome d = forwardAndWait(f, makeQuery(kName, dns::kTypeA, 7), {deadServer(), deadServer()}, false, 3000ms);
    QVERIFY(d.done);
    QVERIFY(!d.result.ok);
    QVERIFY2(d.elapsedMs < 2000, QByteArray::number(d.elapsedMs));
}

void TstForwarder::truncatedRelayed()
{
    FakeUpstream up;
    QVERIFY(up.start());
    up.script(kName, dns::kTypeTXT, {FakeUpstream::truncated()});
    Forwarder f;
    const QByteArray query = makeQuery(kName, dns::kTypeTXT, 99);
    const Outcome o = forwardAndWait(f, query, {up.address()}, false, 1000ms);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    QVERIFY(o.result.response[2] & 0x02); // TC kept
    QCOMPARE(o.result.response, FakeUpstream::reply(query, FakeUpstream::truncated()));
    QCOMPARE(up.received().size(), std::size_t(1)); // no TCP retry by the forwarder
}

void TstForwarder::coalescesIdentical()
{
    FakeUpstream up;
    QVERIFY(up.start());
    auto b = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.3")});
    b.delayMs = 150;
    up.script(kName, dns::kTypeA, {b});
    Forwarder f;
    std::vector<ExchangeResult> results;
    const std::uint16_t ids[] = {100, 200, 300};
    for (std::uint16_t id : ids)
        f.forward(makeQuery(kName, dns::kTypeA, id), {up.address()}, false, 2000ms,
                  [&](ExchangeResult r) { results.push_back(std::move(r)); });
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), std::size_t(3), 5000);
    QCOMPARE(up.count(kName), 1); // one upstream exchange
    std::vector<std::uint16_t> got;
    for (const auto &r : results) {
        QVERIFY(r.ok);
        got.push_back(idOf(r.response));
        // the same answer apart from the ID
        QCOMPARE(r.response.mid(2), results[0].response.mid(2));
    }
    std::sort(got.begin(), got.end());
    QCOMPARE(got, (std::vector<std::uint16_t>{100, 200, 300}));

    // Once finished, a new identical query goes upstream again.
    const Outcome again = forwardAndWait(f, makeQuery(kName, dns::kTypeA, 400), {up.address()}, false, 2000ms);
    QVERIFY(again.result.ok);
    QCOMPARE(up.count(kName), 2);
}

void TstForwarder::doesNotCoalesceDifferent()
{
    FakeUpstream up;
    QVERIFY(up.start());
    auto b = FakeUpstream::answer({});
    b.delayMs = 150;
    up.setDefault(b);
    Forwarder f;
    int finished = 0;
    auto count = [&](ExchangeResult r) {
        QVERIFY(r.ok);
        ++finished;
    };
    f.forward(makeQuery(kName, dns::kTypeA, 1), {up.address()}, false, 2000ms, count);
    f.forward(makeQuery(kName, dns::kTypeA, 2, true, true), {up.address()}, false, 2000ms, count); // DO
    f.forward(makeQuery(kName, dns::kTypeA, 3), {up.address()}, true, 2000ms, count);              // TCP
    f.forward(makeQuery(kName, dns::kTypeAAAA, 4), {up.address()}, false, 2000ms, count);          // type
    f.forward(makeQuery("WWW.example.org.", dns::kTypeA, 5), {up.address()}, false, 2000ms, count); // case
    f.forward(makeQuery(kName, dns::kTypeA, 6, true, false, 1232), {up.address()}, false, 2000ms, count); // EDNS0
    QTRY_COMPARE_WITH_TIMEOUT(finished, 6, 5000);
    QCOMPARE(up.received().size(), std::size_t(6));
}

void TstForwarder::ignoresGarbage_data()
{
    QTest::addColumn<FakeUpstream::Junk>("junk");
    QTest::newRow("short packet") << FakeUpstream::Junk::ShortPacket;
    QTest::newRow("random body with the right ID") << FakeUpstream::Junk::Random;
    QTest::newRow("wrong ID") << FakeUpstream::Junk::WrongId;
    QTest::newRow("QR=0") << FakeUpstream::Junk::NotAResponse;
    QTest::newRow("other question") << FakeUpstream::Junk::WrongQuestion;
    QTest::newRow("spoofed from another port") << FakeUpstream::Junk::Spoofed;
    QTest::newRow("huge junk") << FakeUpstream::Junk::Huge;
}

void TstForwarder::ignoresGarbage()
{
    QFETCH(FakeUpstream::Junk, junk);
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    // The junk arrives first, then (80 ms later, so it is surely read separately) the real answer.
    auto real = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.55")});
    auto junkOnly = FakeUpstream::silent();
    junkOnly.junkFirst = {junk};
    real.junkFirst = {junk};
    up1.script(kName, dns::kTypeA, {real});
    Forwarder f;
    const QByteArray query = makeQuery(kName, dns::kTypeA, 0x4242);
    const Outcome o = forwardAndWait(f, query, {up1.address()}, false, 1000ms);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    real.junkFirst.clear();
    QCOMPARE(o.result.response, FakeUpstream::reply(query, real));

    // Junk only: the attempt times out (junk is not an answer) and the next server answers; the
    // lookup path ignores it the same way.
    up1.script(kName, dns::kTypeA, {junkOnly});
    up2.script(kName, dns::kTypeA, {real});
    const Outcome o2 = forwardAndWait(f, query, {up1.address(), up2.address()}, false, 300ms);
    QVERIFY2(o2.result.ok, o2.result.error.c_str());
    QCOMPARE(o2.result.server, up2.address());
    QCOMPARE(o2.result.response, FakeUpstream::reply(query, real));

    const LookupOutcome l = lookupAndWait(f, kName, dns::kTypeA, 1232, false, {up1.address()}, 300ms);
    QVERIFY(l.done);
    QVERIFY(!l.ok);
    QCOMPARE(up1.count(kName), 1 + 1 + 2); // forward, forward, lookup (1 server: 2 attempts)
}

void TstForwarder::lateAnswerIgnored()
{
    // The first server answers after the timeout, when the forwarder already asked the second:
    // the late answer must not be taken for the second server's (it arrives on a closed socket).
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    auto late = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.1")});
    late.delayMs = 500;
    auto slowRight = FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.2")});
    slowRight.delayMs = 200; // asked at 400 ms, answers at 600 ms: the late answer (500 ms) comes in between
    up1.script(kName, dns::kTypeA, {late});
    up2.script(kName, dns::kTypeA, {slowRight});
    Forwarder f;
    const QByteArray query = makeQuery(kName, dns::kTypeA, 0x0101);
    const Outcome o = forwardAndWait(f, query, {up1.address(), up2.address()}, false, 400ms);
    QVERIFY2(o.result.ok, o.result.error.c_str());
    QCOMPARE(o.result.server, up2.address());
    slowRight.delayMs = 0;
    QCOMPARE(o.result.response, FakeUpstream::reply(query, slowRight));
}

void TstForwarder::lookupEdns_data()
{
    QTest::addColumn<int>("udpSize");
    QTest::addColumn<bool>("dnssecOk");
    QTest::addColumn<int>("type");
    QTest::newRow("spec 4.2: EDNS0 with the client's bufsize 512, no DO") << 512 << false << int(dns::kTypeA);
    QTest::newRow("spec 4.2: bufsize 4096 and DO") << 4096 << true << int(dns::kTypeAAAA);
}

void TstForwarder::lookupEdns()
{
    QFETCH(int, udpSize);
    QFETCH(bool, dnssecOk);
    QFETCH(int, type);
    FakeUpstream up;
    QVERIFY(up.start());
    const std::string target = "Target.Example.NET.";
    up.script(target, dns::kTypeA,
              {FakeUpstream::answer({FakeUpstream::cname(target, "real.example.net."),
                                     FakeUpstream::a("real.example.net.", "192.0.2.10", 1234)})});
    up.script(target, dns::kTypeAAAA, {FakeUpstream::answer({FakeUpstream::aaaa(target, "2001:db8::10")})});
    Forwarder f;
    const LookupOutcome o = lookupAndWait(f, target, static_cast<std::uint16_t>(type),
                                          static_cast<std::uint16_t>(udpSize), dnssecOk, {up.address()}, 1000ms);
    QVERIFY(o.done);
    QVERIFY(o.ok);
    QCOMPARE(up.received().size(), std::size_t(1));
    const auto &rx = up.received()[0];
    QVERIFY(!rx.tcp);
    QVERIFY(rx.query.hasQuestion);
    QCOMPARE(rx.query.question.name, target); // asked exactly as written
    QCOMPARE(int(rx.query.question.type), type);
    QCOMPARE(int(rx.query.question.cls), int(dns::kClassIN));
    QVERIFY(rx.query.header.rd);
    QVERIFY(!rx.query.header.qr);
    QVERIFY(rx.query.edns.present);
    QCOMPARE(int(rx.query.edns.udpSize), udpSize);
    QCOMPARE(rx.query.edns.dnssecOk, dnssecOk);
    QVERIFY(!rx.query.edns.stubOption);
    // the parsed upstream response is handed back with its sections as received
    QCOMPARE(int(o.response.header.rcode), 0);
    if (type == dns::kTypeA) {
        QCOMPARE(o.response.answer.size(), std::size_t(2));
        QCOMPARE(o.response.answer[0].type, std::uint16_t(dns::kTypeCNAME));
        QCOMPARE(o.response.answer[1], FakeUpstream::a("real.example.net.", "192.0.2.10", 1234));
    } else {
        QCOMPARE(o.response.answer.size(), std::size_t(1));
        QCOMPARE(o.response.answer[0], FakeUpstream::aaaa(target, "2001:db8::10"));
    }
}

void TstForwarder::lookupFirstServerIsIdModN()
{
    FakeUpstream ups[3];
    std::vector<std::string> servers;
    for (auto &u : ups) {
        QVERIFY(u.start());
        u.setDefault(FakeUpstream::answer({}));
        servers.push_back(u.address());
    }
    Forwarder f;
    std::set<int> used;
    for (int i = 0; i < 12; ++i) {
        for (auto &u : ups)
            u.clear();
        const LookupOutcome o = lookupAndWait(f, "x.example.com.", dns::kTypeA, 512, false, servers, 1000ms);
        QVERIFY(o.ok);
        int asked = -1;
        for (int s = 0; s < 3; ++s)
            if (!ups[s].received().empty()) {
                QCOMPARE(asked, -1);
                asked = s;
            }
        QVERIFY(asked >= 0);
        const std::uint16_t id = ups[asked].received()[0].query.header.id;
        QCOMPARE(asked, id % 3);
        used.insert(asked);
    }
    QVERIFY2(used.size() > 1, "query IDs are random, so lookups start at different servers");
}

void TstForwarder::lookupRcodeFails_data()
{
    QTest::addColumn<FakeUpstream::Behaviour>("behaviour");
    QTest::newRow("spec 4.2: NXDOMAIN -> failure") << FakeUpstream::nxDomain();
    QTest::newRow("spec 4.2: SERVFAIL -> failure, not retried") << FakeUpstream::servFail();
    FakeUpstream::Behaviour refused;
    refused.rcode = dns::kRcodeRefused;
    QTest::newRow("spec 4.2: REFUSED -> failure") << refused;
}

void TstForwarder::lookupRcodeFails()
{
    QFETCH(FakeUpstream::Behaviour, behaviour);
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    up1.setDefault(behaviour);
    up2.setDefault(behaviour);
    Forwarder f;
    const LookupOutcome o = lookupAndWait(f, kName, dns::kTypeA, 512, false, {up1.address(), up2.address()}, 1000ms);
    QVERIFY(o.done);
    QVERIFY(!o.ok);
    QCOMPARE(up1.received().size() + up2.received().size(), std::size_t(1)); // an answer ends the loop
}

void TstForwarder::lookupFailsOver()
{
    FakeUpstream quiet, good;
    QVERIFY(quiet.start());
    QVERIFY(good.start());
    quiet.setDefault(FakeUpstream::silent());
    good.setDefault(FakeUpstream::answer({FakeUpstream::a(kName, "192.0.2.77")}));
    Forwarder f;
    const LookupOutcome o = lookupAndWait(f, kName, dns::kTypeA, 512, false, {quiet.address(), good.address()}, 200ms);
    QVERIFY(o.ok);
    QCOMPARE(o.response.answer.size(), std::size_t(1));
    QCOMPARE(good.received().size(), std::size_t(1));
    QVERIFY(quiet.received().size() <= 1);
    // the same query (same ID) is sent again to the next server
    if (!quiet.received().empty())
        QCOMPARE(quiet.received()[0].bytes, good.received()[0].bytes);
}

void TstForwarder::lookupAllFail()
{
    FakeUpstream up1, up2;
    QVERIFY(up1.start());
    QVERIFY(up2.start());
    up1.setDefault(FakeUpstream::silent());
    up2.setDefault(FakeUpstream::silent());
    Forwarder f;
    const LookupOutcome o = lookupAndWait(f, kName, dns::kTypeA, 512, false, {up1.address(), up2.address()}, 200ms);
    QVERIFY(o.done);
    QVERIFY(!o.ok);
    QCOMPARE(up1.received().size() + up2.received().size(), std::size_t(3)); // n+1
    QVERIFY2(o.elapsedMs >= 550 && o.elapsedMs < 3000, QByteArray::number(o.elapsedMs));

    const LookupOutcome none = lookupAndWait(f, kName, dns::kTypeA, 512, false, {}, 200ms);
    QVERIFY(none.done);
    QVERIFY(!none.ok);
}

void TstForwarder::destroyedWhilePending()
{
    FakeUpstream up;
    QVERIFY(up.start());
    up.setDefault(FakeUpstream::silent());
    bool called = false;
    {
        Forwarder f;
        f.forward(makeQuery(kName, dns::kTypeA, 1), {up.address()}, false, 100ms, [&](ExchangeResult) { called = true; });
        f.lookup(kName, dns::kTypeA, 512, false, {up.address()}, 100ms, [&](bool, const dns::Message &) { called = true; });
        QTRY_COMPARE(up.received().size(), std::size_t(2));
    }
    QTest::qWait(300);
    QVERIFY(!called);

    // a callback that destroys the Forwarder it came from
    up.setDefault(FakeUpstream::answer({}));
    auto *f = new Forwarder;
    bool second = false;
    f->forward(makeQuery(kName, dns::kTypeA, 2), {up.address()}, false, 1000ms, [&](ExchangeResult r) {
        QVERIFY(r.ok);
        delete f;
        second = true;
    });
    QTRY_VERIFY(second);
    QTest::qWait(50);
}

void TstForwarder::manyInFlight()
{
    // 3000 distinct forwards, 64 in flight, over UDP: every client gets its own answer (ID and
    // question), none lost. Prints the rate (upstream and forwarder share this thread).
    FakeUpstream up;
    QVERIFY(up.start());
    up.setDefault(FakeUpstream::answer({}));
    Forwarder f;
    const int total = 3000, window = 64;
    int sent = 0, done = 0, wrong = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void()> sendOne = [&] {
        const int i = sent++;
        const QByteArray q = makeQuery("q" + std::to_string(i) + ".example.org.", dns::kTypeA, std::uint16_t(i));
        f.forward(q, {up.address()}, false, 2000ms, [&, q](ExchangeResult r) {
            ++done;
            if (!r.ok || r.response.left(2) != q.left(2) || !skydns::service::fwire::isResponseTo(q, r.response))
                ++wrong;
            if (sent < total)
                sendOne();
        });
    };
    for (int i = 0; i < window; ++i)
        sendOne();
    QTRY_COMPARE_WITH_TIMEOUT(done, total, 60000);
    QCOMPARE(wrong, 0);
    QCOMPARE(int(up.received().size()), total);
    qInfo("%d forwards in %lld ms (%.0f/s, 64 in flight, fake upstream on the same thread)", total,
          clock.elapsed(), total * 1000.0 / double(std::max<qint64>(1, clock.elapsed())));
}

void TstForwarder::inFlightLimit()
{
    FakeUpstream up;
    QVERIFY(up.start());
    up.setDefault(FakeUpstream::silent());
    Forwarder f;
    f.setMaxInFlight(2);
    std::vector<ExchangeResult> results;
    QElapsedTimer clock;
    clock.start();
    qint64 rejectedAfter = -1;
    for (int i = 0; i < 2; ++i)
        f.forward(makeQuery("n" + std::to_string(i) + ".example.org.", dns::kTypeA, std::uint16_t(i)), {up.address()},
                  false, 300ms, [&](ExchangeResult r) { results.push_back(std::move(r)); });
    QCOMPARE(f.inFlight(), std::size_t(2));
    // a coalesced duplicate opens no socket and is accepted
    f.forward(makeQuery("n0.example.org.", dns::kTypeA, 99), {up.address()}, false, 300ms,
              [&](ExchangeResult r) { results.push_back(std::move(r)); });
    // a third distinct one is refused at once
    f.forward(makeQuery("n2.example.org.", dns::kTypeA, 2), {up.address()}, false, 300ms, [&](ExchangeResult r) {
        rejectedAfter = clock.elapsed();
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("too many") != std::string::npos, r.error.c_str());
    });
    bool lookupRejected = false;
    f.lookup("n3.example.org.", dns::kTypeA, 512, false, {up.address()}, 300ms,
             [&](bool ok, const dns::Message &) { lookupRejected = !ok; });
    QTRY_VERIFY(rejectedAfter >= 0);
    QVERIFY2(rejectedAfter < 250, QByteArray::number(rejectedAfter));
    QTRY_VERIFY(lookupRejected);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), std::size_t(3), 5000);
    for (const auto &r : results)
        QVERIFY(!r.ok); // silent upstream: timeouts
    QCOMPARE(f.inFlight(), std::size_t(0));
    QCOMPARE(up.count("n2.example.org."), 0);
    QCOMPARE(up.count("n3.example.org."), 0);
    QCOMPARE(up.count("n0.example.org."), 2); // n+1 attempts, shared by both clients
}

QTEST_GUILESS_MAIN(TstForwarder)
#include "tst_forwarder.moc"
