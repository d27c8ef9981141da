// Tests of common/dns: names, the encoder (checked by decoding with ldns) and the strict parsers.
#include "wiredump.h"

#include "dns/message.h"
#include "dns/name.h"
#include "dns/wire.h"

#include <QtTest>

using namespace skydns;
using skydns::test::dumpWire;

namespace {

dns::Rr rr(const char *owner, std::uint16_t type, std::uint32_t ttl, std::string rdata,
           std::uint16_t cls = dns::kClassIN)
{
    dns::Rr r;
    r.owner = owner;
    r.type = type;
    r.cls = cls;
    r.ttl = ttl;
    r.rdata = std::move(rdata);
    return r;
}

std::string a(unsigned char a0, unsigned char a1, unsigned char a2, unsigned char a3)
{
    const unsigned char b[4] = {a0, a1, a2, a3};
    return dns::rdataA(b);
}

QByteArray hex(const std::string &s)
{
    return QByteArray(s.data(), int(s.size())).toHex();
}

} // namespace

class TstWire final : public QObject
{
    Q_OBJECT
private slots:
    void names_data();
    void names();
    void encodeSections();
    void compression();
    void parseQueries_data();
    void parseQueries();
    void parseQueryFields();
    void parseMessageExpandsRdata();
    void optOutsideAdditional();
    void fitToSize_data();
    void fitToSize();
};

void TstWire::names_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("wireHex");
    QTest::addColumn<QString>("back");
    QTest::newRow("root") << "." << true << QByteArray("00") << ".";
    QTest::newRow("two labels, no final dot") << "a.bc" << true << QByteArray("01610262630" "0") << "a.bc.";
    QTest::newRow("case kept") << "Web.Skydns.LOCAL." << true << QByteArray("03576562065" "36b79646e73054c4f43414c00")
                               << "Web.Skydns.LOCAL.";
    QTest::newRow("escaped dot stays in the label") << "a\\.b.c." << true << QByteArray("03612e62016300")
                                                    << "a\\.b.c.";
    QTest::newRow("decimal escape") << "\\065x." << true << QByteArray("02417800") << "Ax.";
    QTest::newRow("non-printable byte printed as \\DDD") << "\\001." << true << QByteArray("010100") << "\\001.";
    QTest::newRow("wildcard label") << "*.east.skydns.local." << true
                                    << QByteArray("012a04656173740673" "6b79646e73056c6f63616c00")
                                    << "*.east.skydns.local.";
    QTest::newRow("empty label invalid") << "a..b." << false << QByteArray() << "";
    QTest::newRow("empty last label invalid") << "a.." << false << QByteArray() << "";
    QTest::newRow("only dots invalid") << ".." << false << QByteArray() << "";
    QTest::newRow("63-byte label valid") << QString(63, QLatin1Char('z')) + ".a" << true
                                         << QByteArray("3f") + QByteArray(63, 'z').toHex() + "016100"
                                         << QString(63, QLatin1Char('z')) + ".a.";
    QTest::newRow("leading dot invalid") << ".a." << false << QByteArray() << "";
    QTest::newRow("label of 64 invalid") << QString(64, QLatin1Char('x')) + "." << false << QByteArray() << "";
    QTest::newRow("escape over 255 invalid") << "\\256." << false << QByteArray() << "";
    QTest::newRow("dangling backslash invalid") << "a\\" << false << QByteArray() << "";
    QString longName;
    for (int i = 0; i < 5; ++i)
        longName += QString(60, QLatin1Char('y')) + ".";
    QTest::newRow("name over 255 bytes invalid") << longName << false << QByteArray() << "";
}

void TstWire::names()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, wireHex);
    QFETCH(QString, back);
    std::string wire = "keep";
    const bool ok = dns::nameToWire(text.toStdString(), wire);
    QCOMPARE(ok, valid);
    if (!valid) {
        QCOMPARE(QString::fromStdString(wire), QStringLiteral("keep")); // left unchanged
        return;
    }
    const std::string w = wire.substr(4);
    QCOMPARE(hex(w), wireHex);
    std::string t;
    QCOMPARE(dns::wireToName(reinterpret_cast<const unsigned char *>(w.data()), w.size(), t), w.size());
    QCOMPARE(QString::fromStdString(t), back);
}

void TstWire::encodeSections()
{
    dns::Message m;
    m.header.id = 0xBEEF;
    m.header.qr = m.header.aa = m.header.rd = m.header.ra = true;
    m.question.push_back({"Db.skydns.local.", dns::kTypeSRV, dns::kClassIN});
    m.answer.push_back(rr("Db.skydns.local.", dns::kTypeSRV, 3600, dns::rdataSrv(10, 33, 8080, "x1.db.skydns.local.")));
    m.answer.push_back(rr("Db.skydns.local.", dns::kTypeCNAME, 60, dns::rdataName("www.example.com.")));
    m.answer.push_back(rr("Db.skydns.local.", dns::kTypeMX, 60, dns::rdataMx(20, "mail.skydns.local.")));
    m.answer.push_back(rr("db.skydns.local.", dns::kTypeTXT, 0, dns::rdataTxt({"a b", ""}), dns::kClassCH));
    m.authority.push_back(rr("skydns.local.", dns::kTypeSOA, 60,
                             dns::rdataSoa("ns.dns.skydns.local.", "hostmaster.skydns.local.", 1700000000, 28800,
                                           7200, 604800, 60)));
    m.additional.push_back(rr("x1.db.skydns.local.", dns::kTypeA, 3600, a(127, 0, 0, 1)));
    const unsigned char v6[16] = {0x20, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0, 0x01};
    m.additional.push_back(rr("x1.db.skydns.local.", dns::kTypeAAAA, 3600, dns::rdataAaaa(v6)));
    m.edns.present = true;
    m.edns.udpSize = 4096;
    m.edns.dnssecOk = true;

    const test::Dump d = dumpWire(dns::encode(m));
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.id, 0xBEEF);
    QCOMPARE(d.flags(), QStringLiteral("qr aa rd ra"));
    QCOMPARE(d.question, QStringList{"Db.skydns.local. IN SRV"});
    QCOMPARE(d.answer, (QStringList{
                           "Db.skydns.local. 3600 IN SRV 10 33 8080 x1.db.skydns.local.",
                           "Db.skydns.local. 60 IN CNAME www.example.com.",
                           "Db.skydns.local. 60 IN MX 20 mail.skydns.local.",
                           "db.skydns.local. 0 CH TXT \"a b\" \"\"",
                       }));
    QCOMPARE(d.authority, QStringList{"skydns.local. 60 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. "
                                      "1700000000 28800 7200 604800 60"});
    QCOMPARE(d.additional, (QStringList{"x1.db.skydns.local. 3600 IN A 127.0.0.1",
                                        "x1.db.skydns.local. 3600 IN AAAA 2003::8:1"}));
    QVERIFY(d.edns);
    QCOMPARE(d.ednsUdpSize, 4096);
    QVERIFY(d.ednsDo);

    // The same message uncompressed decodes to the same text and is larger.
    dns::Message plain = m;
    plain.compress = false;
    const std::string w1 = dns::encode(m), w2 = dns::encode(plain);
    QVERIFY(w2.size() > w1.size());
    const test::Dump d2 = dumpWire(w2);
    QCOMPARE(d2.answer, d.answer);
    QCOMPARE(d2.authority, d.authority);
    QCOMPARE(d2.additional, d.additional);
}

void TstWire::compression()
{
    // 100 SRV records for one owner: every owner after the question is a 2-byte pointer, so each
    // record costs 2 (owner) + 10 (type, class, ttl, rdlength) + rdata.
    dns::Message m;
    m.question.push_back({"svc.skydns.local.", dns::kTypeSRV, dns::kClassIN});
    for (int i = 0; i < 100; ++i)
        m.answer.push_back(rr("svc.skydns.local.", dns::kTypeSRV, 60, dns::rdataSrv(10, 1, 80, "t.skydns.local.")));
    const std::string w = dns::encode(m);
    const std::size_t rdata = dns::rdataSrv(10, 1, 80, "t.skydns.local.").size();
    QCOMPARE(w.size(), 12 + (18 + 4) + 100 * (2 + 10 + rdata));
    // Names in additional point into earlier names; case differences are not merged.
    dns::Message n;
    n.question.push_back({"a.skydns.local.", dns::kTypeA, dns::kClassIN});
    n.answer.push_back(rr("b.SKYDNS.local.", dns::kTypeA, 1, a(1, 2, 3, 4)));
    n.answer.push_back(rr("c.b.SKYDNS.local.", dns::kTypeCNAME, 1, dns::rdataName("x.a.skydns.local.")));
    const test::Dump d = dumpWire(dns::encode(n));
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.answer, (QStringList{"b.SKYDNS.local. 1 IN A 1.2.3.4", "c.b.SKYDNS.local. 1 IN CNAME x.a.skydns.local."}));
}

void TstWire::parseQueries_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<int>("status");
    const QByteArray hdr = QByteArray::fromHex("1234" "0100" "0001" "0000" "0000" "0000");
    const QByteArray q = QByteArray::fromHex("0361626300" "0001" "0001");
    const int ok = int(dns::ParseStatus::Ok), formErr = int(dns::ParseStatus::FormErr),
              drop = int(dns::ParseStatus::Drop);
    QTest::newRow("plain query") << hdr + q << ok;
    QTest::newRow("trailing bytes ignored") << hdr + q + QByteArray("xx") << ok;
    QTest::newRow("empty packet dropped") << QByteArray() << drop;
    QTest::newRow("short header dropped") << QByteArray::fromHex("12340100") << drop;
    QTest::newRow("response (QR=1) dropped") << QByteArray::fromHex("1234" "8100" "0001" "0000" "0000" "0000") + q
                                             << drop;
    QTest::newRow("spec top: no question -> FORMERR")
        << QByteArray::fromHex("1234" "0100" "0000" "0000" "0000" "0000") << formErr;
    QTest::newRow("question missing") << hdr << formErr;
    QTest::newRow("truncated name") << hdr + QByteArray::fromHex("0361") << formErr;
    QTest::newRow("truncated type") << hdr + QByteArray::fromHex("0361626300" "00") << formErr;
    QTest::newRow("pointer to itself") << hdr + QByteArray::fromHex("c00c" "0001" "0001") << formErr;
    QTest::newRow("pointer forward") << hdr + QByteArray::fromHex("c010" "0001" "0001" "0000") << formErr;
    QTest::newRow("label type 0x40") << hdr + QByteArray::fromHex("4161" "00" "0001" "0001") << formErr;
    QTest::newRow("answer rdlength beyond end")
        << QByteArray::fromHex("1234" "0100" "0001" "0001" "0000" "0000") + q
               + QByteArray::fromHex("c00c" "0001" "0001" "00000000" "0004" "0102") << formErr;
    QTest::newRow("OPT with bad option length")
        << QByteArray::fromHex("1234" "0100" "0001" "0000" "0000" "0001") + q
               + QByteArray::fromHex("00" "0029" "1000" "00008000" "0004" "fdf3" "0005") << formErr;
    QTest::newRow("two OPT records")
        << QByteArray::fromHex("1234" "0100" "0001" "0000" "0000" "0002") + q
               + QByteArray::fromHex("00" "0029" "1000" "00000000" "0000" "00" "0029" "1000" "00000000" "0000")
        << formErr;
    QTest::newRow("OPT not at the root") << QByteArray::fromHex("1234" "0100" "0001" "0000" "0000" "0001") + q
                                                + QByteArray::fromHex("0161" "00" "0029" "1000" "00000000" "0000")
                                         << formErr;
}

void TstWire::parseQueries()
{
    QFETCH(QByteArray, packet);
    QFETCH(int, status);
    dns::Query query;
    QCOMPARE(int(dns::parseQuery(packet.constData(), std::size_t(packet.size()), query)), status);
    if (status == int(dns::ParseStatus::FormErr))
        QCOMPARE(query.header.id, std::uint16_t(0x1234)); // the FORMERR reply needs it
}

void TstWire::parseQueryFields()
{
    const std::string w = test::buildQuery("Web.SkyDNS.local.", "SRV", "IN", true, true, 777, 1232);
    QVERIFY(!w.empty());
    dns::Query q;
    QCOMPARE(int(dns::parseQuery(w.data(), w.size(), q)), int(dns::ParseStatus::Ok));
    QCOMPARE(q.header.id, std::uint16_t(777));
    QVERIFY(q.header.rd);
    QVERIFY(q.hasQuestion);
    QCOMPARE(QString::fromStdString(q.question.name), QStringLiteral("Web.SkyDNS.local."));
    QCOMPARE(q.question.type, std::uint16_t(dns::kTypeSRV));
    QCOMPARE(q.question.cls, std::uint16_t(dns::kClassIN));
    QVERIFY(q.edns.present);
    QVERIFY(q.edns.dnssecOk);
    QCOMPARE(q.edns.udpSize, std::uint16_t(1232));
    QCOMPARE(q.bufsize(), std::uint16_t(1232));
    q.tcp = true;
    QCOMPARE(q.bufsize(), std::uint16_t(65534)); // spec 3 step 3
    q.tcp = false;
    q.edns.udpSize = 100;
    QCOMPARE(q.bufsize(), std::uint16_t(512));

    // The stub option of spec 5 is recognised.
    const QByteArray stub = QByteArray::fromHex("0001" "0000" "0001" "0000" "0000" "0001" "0361626300" "0001" "0001"
                                                "00" "0029" "1000" "00000000" "0005" "fdf3" "0001" "01");
    QCOMPARE(int(dns::parseQuery(stub.constData(), std::size_t(stub.size()), q)), int(dns::ParseStatus::Ok));
    QVERIFY(q.edns.present);
    QVERIFY(q.edns.stubOption);
    QVERIFY(!q.edns.dnssecOk);
}

void TstWire::parseMessageExpandsRdata()
{
    // A response whose CNAME/MX/SOA rdata names are compressed pointers into the question.
    dns::Message m;
    m.header.qr = true;
    m.question.push_back({"www.example.com.", dns::kTypeA, dns::kClassIN});
    m.answer.push_back(rr("www.example.com.", dns::kTypeCNAME, 300, dns::rdataName("a.example.com.")));
    m.answer.push_back(rr("a.example.com.", dns::kTypeA, 300, a(192, 0, 2, 7)));
    m.answer.push_back(rr("example.com.", dns::kTypeMX, 300, dns::rdataMx(5, "www.example.com.")));
    m.authority.push_back(rr("example.com.", dns::kTypeSOA, 60,
                             dns::rdataSoa("ns.example.com.", "h.example.com.", 1, 2, 3, 4, 5)));
    const std::string wire = dns::encode(m);
    dns::Message back;
    QVERIFY(dns::parseMessage(wire.data(), wire.size(), back));
    QCOMPARE(back.answer.size(), std::size_t(3));
    QCOMPARE(back.answer[0].rdata, dns::rdataName("a.example.com."));
    QCOMPARE(back.answer[2].rdata, dns::rdataMx(5, "www.example.com."));
    QCOMPARE(back.authority[0].rdata, m.authority[0].rdata);
    QCOMPARE(QString::fromStdString(back.answer[1].owner), QStringLiteral("a.example.com."));
    // Truncating the packet anywhere makes it malformed, never a crash.
    for (std::size_t cut = 0; cut < wire.size(); ++cut)
        QVERIFY(!dns::parseMessage(wire.data(), cut, back));
}

void TstWire::optOutsideAdditional()
{
    // RFC 6891 6.1.1: an OPT record belongs in the additional section only. One in the answer or
    // authority section makes an upstream answer malformed (found by fuzz_packet: it used to be kept
    // as a record and copied into our answers as a second OPT) and a query FORMERR.
    for (int section = 0; section < 2; ++section) {
        dns::Message m;
        m.header.qr = true;
        m.question.push_back({"www.example.com.", dns::kTypeA, dns::kClassIN});
        m.answer.push_back(rr("www.example.com.", dns::kTypeA, 300, a(192, 0, 2, 7)));
        (section == 0 ? m.answer : m.authority).push_back(rr(".", dns::kTypeOPT, 0, std::string()));
        const std::string wire = dns::encode(m);
        dns::Message back;
        QVERIFY2(!dns::parseMessage(wire.data(), wire.size(), back), section == 0 ? "answer" : "authority");
        std::string query = wire;
        query[2] = char(query[2] & 0x7F); // QR=0
        dns::Query q;
        QCOMPARE(dns::parseQuery(query.data(), query.size(), q), dns::ParseStatus::FormErr);
    }
}

void TstWire::fitToSize_data()
{
    QTest::addColumn<int>("answers");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<int>("result");
    QTest::addColumn<bool>("keepsAdditional");
    QTest::addColumn<bool>("tc");
    const int fits = int(dns::FitResult::Fits), trunc = int(dns::FitResult::Truncated), over = int(dns::FitResult::Overflow);
    QTest::newRow("spec 7: small answer fits with its additional section") << 3 << 512 << false << fits << true << false;
    QTest::newRow("spec 7: too long -> additional dropped first, then it fits") << 15 << 512 << false << fits << false << false;
    QTest::newRow("spec 7: UDP, still too long -> TC and answers cut") << 60 << 512 << false << trunc << false << true;
    QTest::newRow("spec 7: TCP, still too long -> overflow (SERVFAIL)") << 60 << 512 << true << over << false << false;
    QTest::newRow("spec 7: 2000 AAAA over UDP without EDNS -> TC") << 2000 << 512 << false << trunc << false << true;
    QTest::newRow("spec 7: 2000 AAAA over TCP fit in 65535") << 2000 << 65535 << true << fits << true << false;
}

void TstWire::fitToSize()
{
    QFETCH(int, answers);
    QFETCH(int, size);
    QFETCH(bool, tcp);
    QFETCH(int, result);
    QFETCH(bool, keepsAdditional);
    QFETCH(bool, tc);
    dns::Message m;
    m.header.qr = true;
    m.question.push_back({"svc.skydns.local.", dns::kTypeAAAA, dns::kClassIN});
    const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8};
    for (int i = 0; i < answers; ++i)
        m.answer.push_back(rr("svc.skydns.local.", dns::kTypeAAAA, 60, dns::rdataAaaa(v6)));
    for (int i = 0; i < 10; ++i)
        m.additional.push_back(rr(qPrintable(QStringLiteral("x%1.example.org.").arg(i)), dns::kTypeA, 60, a(1, 2, 3, 4)));
    std::string wire;
    QCOMPARE(int(dns::fit(m, std::size_t(size), tcp, wire)), result);
    QCOMPARE(!m.additional.empty(), keepsAdditional);
    QCOMPARE(m.header.tc, tc);
    const test::Dump d = dumpWire(wire);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.tc, tc);
    if (result != int(dns::FitResult::Overflow))
        QVERIFY(int(wire.size()) < size);
    if (result == int(dns::FitResult::Truncated)) {
        // the longest prefix: one more answer would not fit
        QVERIFY(d.answer.size() > 0);
        dns::Message more = m;
        more.answer.push_back(m.answer.front());
        QVERIFY(int(dns::encode(more).size()) >= size);
    } else {
        QCOMPARE(d.answer.size(), answers);
    }
}

QTEST_APPLESS_MAIN(TstWire)
#include "tst_wire.moc"
