// NSEC3 hashing (RFC 5155 appendix A vectors, and ldns_nsec3_hash_name), base32hex (RFC 4648
// section 10) and the NSEC3 rdata we build, decoded by ldns.

#include "dns/ldns.h"
#include "dnssec/nsec3.h"

#include <QTest>

using namespace skydns;

class TstNsec3 final : public QObject
{
    Q_OBJECT
private slots:
    void rfc5155Vectors_data();
    void rfc5155Vectors();
    void whiteLieHashMatchesLdns_data();
    void whiteLieHashMatchesLdns();
    void base32Hex_data();
    void base32Hex();
    void rdataDecodesWithLdns();
    void badName();
};

void TstNsec3::rfc5155Vectors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("hash");
    // RFC 5155 appendix A: salt aabbccdd, 12 iterations.
    QTest::newRow("example") << "example." << "0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM";
    QTest::newRow("a.example") << "a.example." << "35MTHGPGCU1QG68FAB165KLNSNK3DPVL";
    QTest::newRow("ai.example") << "ai.example." << "GJEQE526PLBF1G8MKLP59ENFD789NJGI";
    QTest::newRow("ns1.example") << "ns1.example." << "2T7B4G4VSA5SMI47K61MV5BV1A22BOJR";
    QTest::newRow("ns2.example") << "ns2.example." << "Q04JKCEVQVMU85R014C7DKBA38O0JI5R";
    QTest::newRow("w.example") << "w.example." << "K8UDEMVP1J2F7EG6JEBPS17VP3N8I58H";
    QTest::newRow("*.w.example") << "*.w.example." << "R53BQ7CC2UVMUBFU5OCMM6PERS9TK9EN";
    QTest::newRow("x.w.example") << "x.w.example." << "B4UM86EGHHDS6NEA196SMVMLO4ORS995";
    QTest::newRow("y.w.example") << "y.w.example." << "JI6NEOAEPV8B5O6K4EV33ABHA8HT9FGC";
    QTest::newRow("x.y.w.example") << "x.y.w.example." << "2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S";
    QTest::newRow("xx.example") << "xx.example." << "T644EBQK9BIBCNA874GIVR6JOJ62MLHV";
    QTest::newRow("upper case hashes as lower") << "X.W.Example." << "B4UM86EGHHDS6NEA196SMVMLO4ORS995";
}

void TstNsec3::rfc5155Vectors()
{
    QFETCH(QString, name);
    QFETCH(QString, hash);
    dnssec::Nsec3Hash h{};
    QVERIFY(dnssec::nsec3Hash(name.toStdString(), std::string("\xaa\xbb\xcc\xdd", 4), 12, h));
    QCOMPARE(QString::fromStdString(dnssec::base32Hex(h.data(), h.size())), hash);
}

void TstNsec3::whiteLieHashMatchesLdns_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("apex") << "skydns.test.";
    QTest::newRow("wildcard") << "*.skydns.test.";
    QTest::newRow("deep mixed case") << "A.b.Web.skydns.test.";
    QTest::newRow("root") << ".";
}

// White lies use SHA-1, 0 iterations, empty salt; ldns must agree.
void TstNsec3::whiteLieHashMatchesLdns()
{
    QFETCH(QString, name);
    dnssec::Nsec3Hash h{};
    QVERIFY(dnssec::nsec3Hash(name.toStdString(), {}, 0, h));
    ldns_rdf *n = ldns_dname_new_frm_str(name.toLatin1().constData());
    ldns_rdf *lh = ldns_nsec3_hash_name(n, 1, 0, 0, nullptr);
    char *text = ldns_rdf2str(lh);
    const QString ldnsLabel = QString::fromLatin1(text).section('.', 0, 0).toUpper();
    free(text);
    ldns_rdf_deep_free(lh);
    ldns_rdf_deep_free(n);
    QCOMPARE(QString::fromStdString(dnssec::base32Hex(h.data(), h.size())), ldnsLabel);
}

void TstNsec3::base32Hex_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QString>("out");
    // RFC 4648 section 10, without padding.
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("f") << QByteArray("f") << "CO";
    QTest::newRow("fo") << QByteArray("fo") << "CPNG";
    QTest::newRow("foo") << QByteArray("foo") << "CPNMU";
    QTest::newRow("foob") << QByteArray("foob") << "CPNMUOG";
    QTest::newRow("fooba") << QByteArray("fooba") << "CPNMUOJ1";
    QTest::newRow("foobar") << QByteArray("foobar") << "CPNMUOJ1E8";
}

void TstNsec3::base32Hex()
{
    QFETCH(QByteArray, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(dnssec::base32Hex(reinterpret_cast<const unsigned char *>(in.constData()),
                                                      static_cast<std::size_t>(in.size()))), out);
}

// Our NSEC3 rdata (next hash, bitmap across windows) is what ldns reads back.
void TstNsec3::rdataDecodesWithLdns()
{
    dnssec::Nsec3Hash next{};
    for (std::size_t i = 0; i < next.size(); ++i)
        next[i] = static_cast<unsigned char>(i * 13);
    const std::string rdata = dnssec::nsec3Rdata(next, {dns::kTypeSRV, dns::kTypeA, dns::kTypeRRSIG, dns::kTypeAAAA, 257, dns::kTypeA});
    std::string wire("\x01x\x00", 3);
    wire += std::string("\x00\x32\x00\x01\x00\x00\x00\x3c", 8);
    wire.push_back(static_cast<char>(rdata.size() >> 8));
    wire.push_back(static_cast<char>(rdata.size() & 0xFF));
    wire += rdata;
    ldns_rr *rr = nullptr;
    size_t pos = 0;
    QCOMPARE(ldns_wire2rr(&rr, reinterpret_cast<const uint8_t *>(wire.data()), wire.size(), &pos, LDNS_SECTION_ANSWER),
             LDNS_STATUS_OK);
    char *text = ldns_rr2str(rr);
    const QString s = QString::fromLatin1(text).simplified();
    free(text);
    ldns_rr_free(rr);
    // base32hex of 00 0d 1a 27 ... (bytes i*13), as Python's base64.b32hexencode gives it.
    const QString expect = QStringLiteral("NSEC3 1 0 0 - 006hk9pk8575mq3lga7ppadmof8drqnn A AAAA SRV RRSIG CAA");
    QVERIFY2(s.endsWith(expect), qPrintable(s));
    QCOMPARE(QString::fromStdString(dnssec::base32Hex(next.data(), next.size())).toLower(), expect.section(' ', 5, 5));
}

void TstNsec3::badName()
{
    dnssec::Nsec3Hash h{};
    QVERIFY(!dnssec::nsec3Hash("a..b.", {}, 0, h));
}

QTEST_APPLESS_MAIN(TstNsec3)
#include "tst_nsec3.moc"
