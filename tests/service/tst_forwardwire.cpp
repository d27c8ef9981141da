// The forwarder's raw wire helpers: SkyDNS's stub option added to client queries (spec 5), checked
// byte for byte and parsed back by our parser and by ldns; nameserver addresses.
#include "dns/ldns.h"
#include "dns/wire.h"
#include "fakeupstream.h"
#include "forwarder.h"
#include "forwardwire.h"

#include <QHostAddress>
#include <QTest>

namespace dns = skydns::dns;

using skydns::test::makeQuery;

class TstForwardWire final : public QObject
{
    Q_OBJECT
private slots:
    void stubOption_data();
    void stubOption();
    void stubOptionMalformed();
    void serverAddresses_data();
    void serverAddresses();
    void responseMatching_data();
    void responseMatching();
    void messageEnd();
};

void TstForwardWire::stubOption_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray plain = makeQuery("a.example.com.", dns::kTypeA, 0x1111);
    QByteArray plainExpected = plain;
    plainExpected[11] = 1; // ARCOUNT 0 -> 1
    plainExpected += QByteArray::fromHex("00" "0029" "0000" "00000000" "0005" "fdf3" "0001" "01");
    QTest::newRow("spec 5: no OPT -> new OPT (owner ., size 0) with option 65011=0x01") << plain << plainExpected;

    const QByteArray withOpt = makeQuery("a.example.com.", dns::kTypeA, 0x2222, true, true, 4096);
    QByteArray withOptExpected = withOpt;
    // OPT is last: RDLENGTH 0 -> 5, the option appended
    QCOMPARE(withOpt.right(2), QByteArray::fromHex("0000"));
    withOptExpected.chop(2);
    withOptExpected += QByteArray::fromHex("0005" "fdf3" "0001" "01");
    QTest::newRow("spec 5: OPT present -> option appended, size and DO kept") << withOpt << withOptExpected;

    // An OPT that already carries an option (NSID, empty), followed by another additional record.
    QByteArray q = QByteArray::fromHex("3333" "0100" "0001" "0000" "0000" "0002")
                   + QByteArray::fromHex("0161076578616d706c6503636f6d00" "0001" "0001");
    const QByteArray opt = QByteArray::fromHex("00" "0029" "1000" "00008000" "0004" "0003" "0000");
    const QByteArray extra = QByteArray::fromHex("c00c" "0001" "0001" "0000003c" "0004" "c0000201");
    QByteArray qExpected = q + QByteArray::fromHex("00" "0029" "1000" "00008000" "0009" "0003" "0000" "fdf3" "0001" "01") + extra;
    q += opt + extra;
    QTest::newRow("spec 5: option appended after existing options, later records kept") << q << qExpected;

    QTest::newRow("trailing bytes after the last record are dropped (as a re-pack)")
        << plain + QByteArray("junk") << plainExpected;
}

void TstForwardWire::stubOption()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, expected);
    const QByteArray out = skydns::service::addStubOption(query);
    QCOMPARE(out.toHex(), expected.toHex());

    // our parser sees the mark (the loop guard of the other instance)
    dns::Query parsed;
    QCOMPARE(dns::parseQuery(out.constData(), out.size(), parsed), dns::ParseStatus::Ok);
    QVERIFY(parsed.edns.stubOption);
    dns::Query before;
    if (dns::parseQuery(query.constData(), query.size(), before) == dns::ParseStatus::Ok) {
        QVERIFY(!before.edns.stubOption);
        if (before.edns.present) {
            QCOMPARE(parsed.edns.udpSize, before.edns.udpSize);
            QCOMPARE(parsed.edns.dnssecOk, before.edns.dnssecOk);
        }
    }

    // ldns parses it and finds the option in the OPT rdata
    ldns_pkt *pkt = nullptr;
    QCOMPARE(ldns_wire2pkt(&pkt, reinterpret_cast<const uint8_t *>(out.constData()), out.size()), LDNS_STATUS_OK);
    QVERIFY(ldns_pkt_edns(pkt));
    ldns_rdf *data = ldns_pkt_edns_data(pkt);
    QVERIFY(data);
    const QByteArray rdata(reinterpret_cast<const char *>(ldns_rdf_data(data)), int(ldns_rdf_size(data)));
    QVERIFY2(rdata.endsWith(QByteArray::fromHex("fdf3000101")), rdata.toHex().constData());
    QCOMPARE(ldns_pkt_qdcount(pkt), std::uint16_t(1));
    ldns_pkt_free(pkt);

    // applied twice, the second option is simply appended again (SkyDNS never does that: the
    // marked query is dropped before)
    const QByteArray twice = skydns::service::addStubOption(out);
    QCOMPARE(twice.size(), out.size() + 5);
}

void TstForwardWire::stubOptionMalformed()
{
    const QByteArray shortMsg = QByteArray::fromHex("1234");
    QCOMPARE(skydns::service::addStubOption(shortMsg), shortMsg);
    QByteArray cut = makeQuery("a.example.com.", dns::kTypeA, 1);
    cut.chop(3);
    QCOMPARE(skydns::service::addStubOption(cut), cut);
}

void TstForwardWire::serverAddresses_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("ip:port") << "192.0.2.1:5353" << true << "192.0.2.1" << 5353;
    QTest::newRow("bare ip -> 53") << "192.0.2.1" << true << "192.0.2.1" << 53;
    QTest::newRow("[v6]:port") << "[2001:db8::1]:54" << true << "2001:db8::1" << 54;
    QTest::newRow("bare v6 -> 53") << "2001:db8::1" << true << "2001:db8::1" << 53;
    QTest::newRow("port 0") << "192.0.2.1:0" << false << "" << 0;
    QTest::newRow("port too big") << "192.0.2.1:70000" << false << "" << 0;
    QTest::newRow("host name (SkyDNS wants IPs)") << "ns.example.org:53" << false << "" << 0;
    QTest::newRow("unclosed bracket") << "[::1:53" << false << "" << 0;
}

void TstForwardWire::serverAddresses()
{
    QFETCH(QString, server);
    QFETCH(bool, ok);
    QFETCH(QString, address);
    QFETCH(int, port);
    QHostAddress a;
    quint16 p = 0;
    QCOMPARE(skydns::service::fwire::parseServer(server.toStdString(), a, p), ok);
    if (ok) {
        QCOMPARE(a, QHostAddress(address));
        QCOMPARE(int(p), port);
    }
}

void TstForwardWire::responseMatching_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("matches");
    const QByteArray query = makeQuery("www.Example.org.", dns::kTypeA, 0x1234);
    auto answer = [](const std::string &name, std::uint16_t type, std::uint16_t id, std::uint8_t rcode = 0,
                     bool withQuestion = true) {
        dns::Message m;
        m.header.id = id;
        m.header.qr = true;
        m.header.rcode = rcode;
        if (withQuestion)
            m.question.push_back(dns::Question{name, type, dns::kClassIN});
        return QByteArray::fromStdString(dns::encode(m));
    };
    QTest::newRow("the answer") << answer("www.Example.org.", dns::kTypeA, 0x1234) << true;
    QTest::newRow("question case differs (0x20)") << answer("WWW.example.ORG.", dns::kTypeA, 0x1234) << true;
    QTest::newRow("other ID") << answer("www.Example.org.", dns::kTypeA, 0x1235) << false;
    QTest::newRow("other name") << answer("ww.Example.org.", dns::kTypeA, 0x1234) << false;
    QTest::newRow("other type") << answer("www.Example.org.", dns::kTypeAAAA, 0x1234) << false;
    QByteArray qr0 = answer("www.Example.org.", dns::kTypeA, 0x1234);
    qr0[2] = char(qr0[2] & 0x7f);
    QTest::newRow("QR=0") << qr0 << false;
    QByteArray opcode = answer("www.Example.org.", dns::kTypeA, 0x1234);
    opcode[2] = char(opcode[2] | 0x10);
    QTest::newRow("other opcode") << opcode << false;
    QTest::newRow("no question, REFUSED") << answer("", 0, 0x1234, dns::kRcodeRefused, false) << true;
    QTest::newRow("no question, NOERROR") << answer("", 0, 0x1234, 0, false) << false;
    QTest::newRow("header only, cut") << answer("www.Example.org.", dns::kTypeA, 0x1234).left(11) << false;
    QTest::newRow("question cut") << answer("www.Example.org.", dns::kTypeA, 0x1234).left(20) << false;
    QByteArray pointer = answer("www.Example.org.", dns::kTypeA, 0x1234).left(12) + QByteArray::fromHex("c00c00010001");
    QTest::newRow("compressed question name") << pointer << false;
}

void TstForwardWire::responseMatching()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, matches);
    const QByteArray query = makeQuery("www.Example.org.", dns::kTypeA, 0x1234);
    QCOMPARE(skydns::service::fwire::isResponseTo(query, response), matches);
}

void TstForwardWire::messageEnd()
{
    using skydns::service::fwire::messageEnd;
    const QByteArray q = makeQuery("a.example.com.", dns::kTypeA, 1, true);
    int opt = -2;
    QCOMPARE(messageEnd(q, &opt), int(q.size()));
    QCOMPARE(opt, int(q.size()) - 2); // RDLENGTH of the OPT record, the last 2 bytes
    QCOMPARE(messageEnd(q + "xyz"), int(q.size()));
    for (int cut = 0; cut < q.size(); ++cut)
        QCOMPARE(messageEnd(q.left(cut)), -1);
}

QTEST_APPLESS_MAIN(TstForwardWire)
#include "tst_forwardwire.moc"
