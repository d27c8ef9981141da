// The skydns binary forwarding to FakeUpstream servers and to another skydns (spec 3 steps 5, 7,
// 8; 3.2-3.4 external targets; 3.6 PTR misses; 4.1; 4.2; 5 stub zones and their loop guard).
// Records come from the shared etcd fixture under a per-test path prefix. Everything is on
// 127.0.0.1; the test's event loop keeps running while it waits so the fake upstreams can answer.
#include "dns/wire.h"
#include "etcdserver.h"
#include "fakeupstream.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <memory>

using namespace skydns;
using skydns::test::FakeUpstream;

namespace {

const std::string kDomain = "skydns.test.";

QByteArray makeQuery(const std::string &name, std::uint16_t type, std::uint16_t id, bool edns = false,
                     std::uint16_t udpSize = 4096, bool stubMark = false)
{
    dns::Message m;
    m.header.id = id;
    m.header.rd = true;
    m.question.push_back(dns::Question{name, type, dns::kClassIN});
    m.edns.present = edns;
    m.edns.udpSize = udpSize;
    QByteArray q = QByteArray::fromStdString(dns::encode(m));
    if (stubMark) {
        // The same bytes SkyDNS adds: a new OPT (owner ".", size 0) with option 65011 = 0x01.
        q[11] = char(q[11] + 1);
        q += QByteArray::fromHex("0000290000000000000005fdf3000101");
    }
    return q;
}

// ask sends query to skydns on 127.0.0.1:port and returns the answer ("" after timeoutMs), keeping
// the event loop running meanwhile.
QByteArray ask(quint16 port, const QByteArray &query, bool tcp = false, int timeoutMs = 5000)
{
    if (!tcp) {
        QUdpSocket s;
        s.bind(QHostAddress::LocalHost, 0);
        s.writeDatagram(query, QHostAddress::LocalHost, port);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                while (s.hasPendingDatagrams()) {
                    const QByteArray a = s.receiveDatagram().data();
                    if (a.size() >= 12 && a.left(2) == query.left(2))
                        answer = a;
                }
                return !answer.isEmpty();
            },
            timeoutMs);
        return answer;
    }
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return s.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return {};
    s.write(QByteArray(1, char(query.size() >> 8)) + QByteArray(1, char(query.size() & 0xff)) + query);
    QByteArray buf;
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            buf += s.readAll();
            if (buf.size() >= 2) {
                const int len = (quint8(buf[0]) << 8) | quint8(buf[1]);
                if (buf.size() >= 2 + len)
                    answer = buf.mid(2, len);
            }
            return !answer.isEmpty();
        },
        timeoutMs);
    return answer;
}

dns::Message parse(const QByteArray &wire)
{
    dns::Message m;
    m.header.rcode = 0xff;
    if (wire.isEmpty() || !dns::parseMessage(wire.constData(), std::size_t(wire.size()), m))
        m.header.rcode = 0xff;
    return m;
}

bool curlPut(const QString &endpoint, const QString &key, const QString &value)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"), {"-fsS", "-XPUT", endpoint + QStringLiteral("/v2/keys") + key,
                                        "--data-urlencode", QStringLiteral("value=") + value});
    return curl.waitForFinished(10000) && curl.exitCode() == 0;
}

// Skydns runs the binary on a free port until destroyed.
class Skydns
{
public:
    ~Skydns()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(2000);
            }
        }
    }

    bool start(QStringList args)
    {
        m_port = test::EtcdServer::freePort();
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys())
            if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_"))
                || name.startsWith(QLatin1String("PROMETHEUS_")))
                env.remove(name);
        m_process->setProcessEnvironment(env);
        args << QStringLiteral("-addr") << QStringLiteral("127.0.0.1:%1").arg(m_port);
        m_process->start(QStringLiteral(SKYDNS_BIN), args);
        return QTest::qWaitFor(
            [&] {
                m_log += QString::fromUtf8(m_process->readAllStandardError() + m_process->readAllStandardOutput());
                return m_log.contains(QLatin1String("ready for queries")) || m_process->state() == QProcess::NotRunning;
            },
            20000)
               && m_process->state() == QProcess::Running;
    }
    quint16 port() const { return m_port; }
    QString log()
    {
        if (m_process)
            m_log += QString::fromUtf8(m_process->readAllStandardError() + m_process->readAllStandardOutput());
        return m_log;
    }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_log;
};

QString uniquePrefix()
{
    return QStringLiteral("fwd%1").arg(QRandomGenerator::global()->generate());
}

} // namespace

class TstForwarding final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void forwardsOutsideNames_data();
    void forwardsOutsideNames();
    void ndotsRule();
    void noRecursion();
    void ptrMissForwarded();
    void externalCnameTarget();
    void srvExternalTarget();
    void upstreamTimeoutServfail();
    void truncatedRelayed();
    void firstServerIsIdModN_data();
    void firstServerIsIdModN();
    void stubZoneToFake();
    void stubZoneBetweenInstances();
    void stubMarkedQueryDropped();
    void stubLoopBetweenInstances();

private:
    QString m_endpoint;
    QString m_prefix;  // instance A (skydns.test.)
    QString m_prefixB; // instance B (example.org.)
    FakeUpstream m_up;
    FakeUpstream m_stubUp;
    Skydns m_a;      // -nameservers m_up, -stubzones
    Skydns m_b;      // domain example.org., -stubzones, stub zone loop.test. -> A
    Skydns m_noRec;  // -no-rec
};

void TstForwarding::initTestCase()
{
    m_endpoint = test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd fixture (run through ctest)");
    QVERIFY(m_up.start());
    QVERIFY(m_stubUp.start());
    m_prefix = uniquePrefix();
    m_prefixB = uniquePrefix();
    const QString a = QLatin1Char('/') + m_prefix + QStringLiteral("/test/skydns");
    const QString b = QLatin1Char('/') + m_prefixB + QStringLiteral("/org/example");
    QVERIFY(curlPut(m_endpoint, a + "/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(curlPut(m_endpoint, a + "/ext", R"({"host":"cnametarget.example.net"})"));
    QVERIFY(curlPut(m_endpoint, a + "/svc/x1", R"({"host":"srvtarget.example.net","port":8080})"));
    QVERIFY(curlPut(m_endpoint, a + "/svc/x2", R"({"host":"single","port":8081})")); // 1 label: never looked up
    QVERIFY(curlPut(m_endpoint, b + "/y", R"({"host":"10.9.9.9"})"));

    QVERIFY2(m_b.start({"-machines", m_endpoint, "-path-prefix", m_prefixB, "-domain", "example.org.", "-stubzones",
                        "-nameservers", QString::fromStdString(m_up.address()), "-rtimeout", "400ms"}),
             qPrintable(m_b.log()));
    // A: a stub zone for example.com. (the fake), example.org. (instance B), loop.test. (B, which
    // stubs it back to A).
    const QString stub = a + "/dns/stub";
    QVERIFY(curlPut(m_endpoint, stub + "/com/example/s1",
                    QStringLiteral(R"({"host":"127.0.0.1","port":%1})").arg(m_stubUp.port())));
    QVERIFY(curlPut(m_endpoint, stub + "/org/example/s1", QStringLiteral(R"({"host":"127.0.0.1","port":%1})").arg(m_b.port())));
    // priority 20: the same host:port as example.org.'s server would be a duplicate service in
    // one result set and collapse (spec 2.2 dedup applies to the stub definitions too, as in SkyDNS).
    QVERIFY(curlPut(m_endpoint, stub + "/test/loop/s1",
                    QStringLiteral(R"({"host":"127.0.0.1","port":%1,"priority":20})").arg(m_b.port())));
    QVERIFY2(m_a.start({"-machines", m_endpoint, "-path-prefix", m_prefix, "-domain", QString::fromStdString(kDomain),
                        "-stubzones", "-nameservers", QString::fromStdString(m_up.address()), "-rtimeout", "400ms"}),
             qPrintable(m_a.log()));
    QVERIFY(curlPut(m_endpoint, b + "/dns/stub/test/loop/s1",
                    QStringLiteral(R"({"host":"127.0.0.1","port":%1})").arg(m_a.port())));
    QVERIFY2(m_noRec.start({"-machines", m_endpoint, "-path-prefix", m_prefix, "-domain", QString::fromStdString(kDomain),
                            "-no-rec", "-nameservers", QString::fromStdString(m_up.address())}),
             qPrintable(m_noRec.log()));
}

void TstForwarding::forwardsOutsideNames_data()
{
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<bool>("edns");
    QTest::newRow("spec 3 step 8 / 4.1: UDP, relayed unchanged") << false << false;
    QTest::newRow("spec 4.1: UDP with EDNS0 passed on") << false << true;
    QTest::newRow("spec 4.1: TCP client -> TCP upstream") << true << false;
}

void TstForwarding::forwardsOutsideNames()
{
    QFETCH(bool, tcp);
    QFETCH(bool, edns);
    const std::string name = "www.example.net.";
    FakeUpstream::Behaviour b = FakeUpstream::answer({FakeUpstream::a(name, "192.0.2.80", 1234)});
    b.aa = true;
    m_up.script(name, dns::kTypeA, {b});
    m_up.clear();
    const QByteArray query = makeQuery(name, dns::kTypeA, 0x5150, edns);
    const QByteArray answer = ask(m_a.port(), query, tcp);
    QVERIFY2(!answer.isEmpty(), qPrintable(m_a.log()));
    QCOMPARE(m_up.count(name), 1);
    QCOMPARE(m_up.received().back().bytes, query); // the client's message unchanged
    QCOMPARE(m_up.received().back().tcp, tcp);
    QCOMPARE(answer, FakeUpstream::reply(query, b)); // header bits and TTLs as upstream sent them (spec 8)
}

void TstForwarding::ndotsRule()
{
    // spec 4.1: fewer labels than ndots (2) -> SERVFAIL with RA=1, nothing forwarded
    m_up.clear();
    const dns::Message m = parse(ask(m_a.port(), makeQuery("localhost.", dns::kTypeA, 11)));
    QCOMPARE(int(m.header.rcode), int(dns::kRcodeServFail));
    QVERIFY(m.header.ra);
    QVERIFY(!m.header.aa);
    QCOMPARE(m_up.received().size(), std::size_t(0));
}

void TstForwarding::noRecursion()
{
    // spec 4.1: no_rec -> SERVFAIL, AA=0, RA=0, nothing forwarded
    m_up.clear();
    const dns::Message m = parse(ask(m_noRec.port(), makeQuery("www.example.net.", dns::kTypeA, 12)));
    QCOMPARE(int(m.header.rcode), int(dns::kRcodeServFail));
    QVERIFY(!m.header.ra);
    QVERIFY(!m.header.aa);
    QCOMPARE(m_up.received().size(), std::size_t(0));
    // names in the domain are still answered
    const dns::Message web = parse(ask(m_noRec.port(), makeQuery("web.skydns.test.", dns::kTypeA, 13)));
    QCOMPARE(int(web.header.rcode), 0);
    QCOMPARE(web.answer.size(), std::size_t(1));
}

void TstForwarding::ptrMissForwarded()
{
    // spec 3.6: a reverse name not in etcd is forwarded
    const std::string name = "4.3.2.198.in-addr.arpa.";
    const FakeUpstream::Behaviour b = FakeUpstream::answer(
        {dns::Rr{name, dns::kTypePTR, dns::kClassIN, 77, dns::rdataName("host.example.net.")}});
    m_up.script(name, dns::kTypePTR, {b});
    m_up.clear();
    const QByteArray query = makeQuery(name, dns::kTypePTR, 0x0777);
    const QByteArray answer = ask(m_a.port(), query);
    QCOMPARE(answer, FakeUpstream::reply(query, b));
    QCOMPARE(m_up.count(name, dns::kTypePTR), 1);
}

void TstForwarding::externalCnameTarget()
{
    // spec 3.2: CNAME to a name outside the domain + the upstream answer, TTLs rcache_ttl (60)
    const std::string target = "cnametarget.example.net.";
    m_up.script(target, dns::kTypeA, {FakeUpstream::answer({FakeUpstream::a(target, "192.0.2.33", 3600)})});
    m_up.clear();
    const dns::Message m = parse(ask(m_a.port(), makeQuery("ext.skydns.test.", dns::kTypeA, 21)));
    QCOMPARE(int(m.header.rcode), 0);
    QCOMPARE(m.answer.size(), std::size_t(2));
    // round_robin may swap the two records
    const bool cnameFirst = m.answer[0].type == dns::kTypeCNAME;
    const dns::Rr &cname = m.answer[cnameFirst ? 0 : 1];
    const dns::Rr &a = m.answer[cnameFirst ? 1 : 0];
    QCOMPARE(cname.type, std::uint16_t(dns::kTypeCNAME));
    QCOMPARE(cname.owner, std::string("ext.skydns.test."));
    QCOMPARE(cname.rdata, dns::rdataName(target));
    QCOMPARE(a.type, std::uint16_t(dns::kTypeA));
    QCOMPARE(a.owner, target);
    QCOMPARE(a.ttl, 60u); // rcache_ttl, not the upstream's 3600
    // the lookup on the wire (spec 4.2): UDP, RD, EDNS0 with the client's bufsize (512 here)
    QCOMPARE(m_up.count(target, dns::kTypeA), 1);
    const auto &rx = m_up.received().back();
    QVERIFY(!rx.tcp);
    QVERIFY(rx.query.header.rd);
    QVERIFY(rx.query.edns.present);
    QCOMPARE(int(rx.query.edns.udpSize), 512);
    QVERIFY(!rx.query.edns.stubOption);
}

void TstForwarding::srvExternalTarget()
{
    // spec 3.3: SRV with an outside target: its A and AAAA (looked up) in additional
    const std::string target = "srvtarget.example.net.";
    m_up.script(target, dns::kTypeA, {FakeUpstream::answer({FakeUpstream::a(target, "192.0.2.44")})});
    m_up.script(target, dns::kTypeAAAA, {FakeUpstream::answer({FakeUpstream::aaaa(target, "2001:db8::44")})});
    m_up.clear();
    const dns::Message m = parse(ask(m_a.port(), makeQuery("x1.svc.skydns.test.", dns::kTypeSRV, 22, true, 4096)));
    QCOMPARE(int(m.header.rcode), 0);
    QCOMPARE(m.answer.size(), std::size_t(1));
    QCOMPARE(m.answer[0].rdata, dns::rdataSrv(10, 100, 8080, target));
    std::vector<std::uint16_t> types;
    for (const auto &rr : m.additional) {
        QCOMPARE(rr.owner, target);
        types.push_back(rr.type);
    }
    std::sort(types.begin(), types.end());
    QCOMPARE(types, (std::vector<std::uint16_t>{dns::kTypeA, dns::kTypeAAAA}));
    QCOMPARE(m_up.count(target, dns::kTypeA), 1);
    QCOMPARE(m_up.count(target, dns::kTypeAAAA), 1);
    QCOMPARE(int(m_up.received().back().query.edns.udpSize), 4096);

    // a one-label host is never looked up (ndots)
    m_up.clear();
    const dns::Message single = parse(ask(m_a.port(), makeQuery("x2.svc.skydns.test.", dns::kTypeSRV, 23)));
    QCOMPARE(int(single.header.rcode), 0);
    QCOMPARE(single.answer.size(), std::size_t(1));
    QCOMPARE(m_up.received().size(), std::size_t(0));
}

void TstForwarding::upstreamTimeoutServfail()
{
    // spec 4.1 with our fix: every attempt times out -> SERVFAIL (SkyDNS sent nothing)
    const std::string name = "dead.example.net.";
    m_up.script(name, dns::kTypeA, {FakeUpstream::silent()});
    m_up.clear();
    QElapsedTimer clock;
    clock.start();
    const dns::Message m = parse(ask(m_a.port(), makeQuery(name, dns::kTypeA, 31)));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(int(m.header.rcode), int(dns::kRcodeServFail));
    QCOMPARE(m_up.count(name), 2); // one nameserver: n+1 = 2 attempts of 400 ms
    QVERIFY2(elapsed >= 750 && elapsed < 4000, QByteArray::number(elapsed));
}

void TstForwarding::truncatedRelayed()
{
    // spec 4.1 / 7: a TC=1 upstream answer is relayed as it came; the client retries over TCP
    const std::string name = "big.example.net.";
    m_up.script(name, dns::kTypeTXT, {FakeUpstream::truncated()});
    m_up.clear();
    const QByteArray query = makeQuery(name, dns::kTypeTXT, 0x7C7C);
    const QByteArray answer = ask(m_a.port(), query);
    QCOMPARE(answer, FakeUpstream::reply(query, FakeUpstream::truncated()));
    QVERIFY(answer[2] & 0x02);
    const QByteArray overTcp = ask(m_a.port(), query, true);
    QCOMPARE(overTcp, FakeUpstream::reply(query, FakeUpstream::truncated())); // the fake truncates TCP too
    QCOMPARE(m_up.count(name), 2);
    QVERIFY(m_up.received().back().tcp);
}

void TstForwarding::firstServerIsIdModN_data()
{
    QTest::addColumn<QString>("rotate");
    QTest::addColumn<int>("id");
    QTest::addColumn<int>("first");
    QTest::newRow("spec 4.1: ns_rotate, even ID -> server 0") << "true" << 10 << 0;
    QTest::newRow("spec 4.1: ns_rotate, odd ID -> server 1") << "true" << 11 << 1;
    QTest::newRow("spec 4.1: no ns_rotate, odd ID -> server 0") << "false" << 11 << 0;
}

void TstForwarding::firstServerIsIdModN()
{
    QFETCH(QString, rotate);
    QFETCH(int, id);
    QFETCH(int, first);
    FakeUpstream ups[2];
    for (auto &u : ups) {
        QVERIFY(u.start());
        u.setDefault(FakeUpstream::silent()); // so the fail-over order shows too
    }
    Skydns s;
    QVERIFY2(s.start({"-machines", m_endpoint, "-path-prefix", m_prefix, "-domain", QString::fromStdString(kDomain),
                      "-nameservers", QString::fromStdString(ups[0].address() + "," + ups[1].address()),
                      "-ns-rotate=" + rotate, "-rtimeout", "300ms"}),
             qPrintable(s.log()));
    const std::string name = "rot.example.net.";
    const dns::Message m = parse(ask(s.port(), makeQuery(name, dns::kTypeA, std::uint16_t(id))));
    QCOMPARE(int(m.header.rcode), int(dns::kRcodeServFail));
    // n+1 = 3 attempts: first, other, first
    QCOMPARE(ups[first].count(name), 2);
    QCOMPARE(ups[1 - first].count(name), 1);
}

void TstForwarding::stubZoneToFake()
{
    // spec 5: a name in a stub zone goes to the zone's server with the stub option added
    const std::string name = "host.example.com.";
    FakeUpstream::Behaviour b = FakeUpstream::answer({FakeUpstream::a(name, "192.0.2.50")});
    b.aa = true;
    m_stubUp.script(name, dns::kTypeA, {b});
    m_stubUp.clear();
    m_up.clear();
    const QByteArray query = makeQuery(name, dns::kTypeA, 0x0A0A);
    const QByteArray answer = ask(m_a.port(), query);
    QVERIFY2(!answer.isEmpty(), qPrintable(m_a.log()));
    QCOMPARE(m_stubUp.count(name), 1);
    QCOMPARE(m_up.received().size(), std::size_t(0));
    const auto &rx = m_stubUp.received().back();
    QVERIFY(rx.query.edns.stubOption);
    // exactly the client's bytes plus SkyDNS's OPT record
    QByteArray expected = query;
    expected[11] = char(expected[11] + 1);
    expected += QByteArray::fromHex("0000290000000000000005fdf3000101");
    QCOMPARE(rx.bytes.toHex(), expected.toHex());
    // the answer is relayed as the stub server sent it (AA=1), with the client's ID
    const dns::Message m = parse(answer);
    QVERIFY(m.header.aa);
    QCOMPARE(m.header.id, std::uint16_t(0x0A0A));
    QCOMPARE(m.answer.size(), std::size_t(1));
    QCOMPARE(m.answer[0], FakeUpstream::a(name, "192.0.2.50"));
}

void TstForwarding::stubZoneBetweenInstances()
{
    // spec 5: A forwards example.org. to B, which answers it from its own data
    const dns::Message m = parse(ask(m_a.port(), makeQuery("y.example.org.", dns::kTypeA, 41)));
    QCOMPARE(int(m.header.rcode), 0);
    QVERIFY(m.header.aa);
    QCOMPARE(m.answer.size(), std::size_t(1));
    const unsigned char addr[4] = {10, 9, 9, 9};
    QCOMPARE(m.answer[0].rdata, dns::rdataA(addr));
}

void TstForwarding::stubMarkedQueryDropped()
{
    // spec 5 loop guard: a query already carrying option 65011 for a stub zone gets no reply
    m_stubUp.clear();
    const QByteArray answer = ask(m_a.port(), makeQuery("host.example.com.", dns::kTypeA, 51, false, 0, true), false, 1500);
    QVERIFY(answer.isEmpty());
    QCOMPARE(m_stubUp.received().size(), std::size_t(0));
    // the same query without the mark is answered
    QVERIFY(!ask(m_a.port(), makeQuery("host.example.com.", dns::kTypeA, 52)).isEmpty());
}

void TstForwarding::stubLoopBetweenInstances()
{
    // spec 5: A and B stub loop.test. to each other: B drops A's marked query, so A fails (two
    // attempts of 400 ms) and answers SERVFAIL; no endless ping-pong.
    QElapsedTimer clock;
    clock.start();
    m_up.clear();
    const dns::Message m = parse(ask(m_a.port(), makeQuery("q.loop.test.", dns::kTypeA, 61)));
    QCOMPARE(int(m.header.rcode), int(dns::kRcodeServFail));
    QCOMPARE(m_up.count("q.loop.test."), 0);
    QVERIFY2(clock.elapsed() >= 750 && clock.elapsed() < 4000, QByteArray::number(clock.elapsed()));
}

QTEST_GUILESS_MAIN(TstForwarding)
#include "tst_forwarding.moc"
