// DNSSEC end to end with the skydns binary (issue 5): skydns started with -dnssec <basename> over
// the shared etcd fixture; delv, with our DNSKEY as its only trust anchor, validates A, AAAA, SRV,
// TXT and DNSKEY answers and the NSEC3 proofs of NXDOMAIN and NODATA for RSASHA256,
// ECDSAP256SHA256 and ED25519 keys. Without DO nothing changes. A new key is taken on SIGHUP. A
// tampered or missing key stops start-up with a message.

#include "servicetestutil.h"
#include "tst_dnssec_delvutil.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <csignal>

using namespace skydns;
using namespace skydns::test;

class TstDnssecService final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void validates_data();
    void validates();
    void withoutDoUnsigned();
    void newKeyOnSighup();
    void badKeyStopsStartup_data();
    void badKeyStopsStartup();

private:
    QStringList args(const QString &keyBase) const
    {
        return {"-machines", m_endpoint, "-path-prefix", m_prefix, "-domain", "skydns.test.", "-nameservers",
                "127.0.0.1:1", "-dnssec", keyBase};
    }
    QString m_endpoint;
    QString m_prefix;
};

void TstDnssecService::initTestCase()
{
    m_endpoint = sharedEtcdEndpoint();
    QVERIFY(!m_endpoint.isEmpty());
    m_prefix = QStringLiteral("dnssec%1").arg(QRandomGenerator::global()->generate());
    for (const auto &[key, value] : zoneRecords())
        QVERIFY(curlPut(m_endpoint, QLatin1Char('/') + m_prefix + key, value));
}

void TstDnssecService::validates_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("RSASHA256") << "RSASHA256";
    QTest::newRow("ECDSAP256SHA256") << "ECDSAP256SHA256";
    QTest::newRow("ED25519") << "ED25519";
}

void TstDnssecService::validates()
{
    QFETCH(QString, algorithm);
    QTemporaryDir dir;
    const QString base = keygen(dir.path(), algorithm);
    QVERIFY(!base.isEmpty());
    const QString anchors = writeAnchors(dir.path(), base);
    Skydns s;
    const quint16 metricsPort = EtcdServer::freePort();
    QVERIFY2(s.start(args(base), {{"PROMETHEUS_PORT", QString::number(metricsPort)}}), qPrintable(s.log()));
    for (const DelvCase &c : delvCases()) {
        const QString out = delv(s.port(), anchors, c.name, c.type);
        const QString what = QStringLiteral("spec 6 %1 %2 %3: %4").arg(c.what, c.name, c.type, out);
        QVERIFY2(out.contains(QLatin1String(c.expect)), qPrintable(what));
        QVERIFY2(!out.contains("insecure") && !out.contains("bogus"), qPrintable(what));
        if (c.answer)
            QVERIFY2(out.contains(QLatin1String(c.answer)), qPrintable(what));
    }
    // spec 8: AD set for DO=1, OPT with DO and UDP size 4096 (spec 6).
    const dns::Message m = parse(udpExchange(s.port(), makeQuery(7, "web.skydns.test.", dns::kTypeA, 1232, true)));
    QVERIFY(m.header.ad);
    QVERIFY(m.edns.present && m.edns.dnssecOk);
    QCOMPARE(int(m.edns.udpSize), 4096);
    QCOMPARE(int(std::count_if(m.answer.begin(), m.answer.end(), [](const dns::Rr &r) { return r.type == dns::kTypeRRSIG; })), 1);
    // spec 10: signature cache misses are counted (SkyDNS's dns_cachemiss_count_total{cache="signature"}).
    const QByteArray metrics = httpGet(metricsPort, QStringLiteral("/metrics"));
    QVERIFY2(metrics.contains("skydns_skydns_dns_cachemiss_count_total{cache=\"signature\"}"), metrics.constData());
}

// Without DO nothing changes: no RRSIG, no AD, no OPT (spec 6).
void TstDnssecService::withoutDoUnsigned()
{
    QTemporaryDir dir;
    const QString base = keygen(dir.path(), "ED25519");
    Skydns s;
    QVERIFY2(s.start(args(base)), qPrintable(s.log()));
    for (quint16 type : {dns::kTypeA, dns::kTypeSRV, dns::kTypeMX}) {
        const dns::Message m = parse(udpExchange(s.port(), makeQuery(9, "web.skydns.test.", type, 1232, false)));
        QVERIFY(!m.header.ad);
        QVERIFY(!m.edns.present);
        for (const auto *sec : {&m.answer, &m.authority, &m.additional})
            for (const dns::Rr &rr : *sec)
                QVERIFY(rr.type != dns::kTypeRRSIG && rr.type != dns::kTypeNSEC3);
    }
}

// A new key is taken without a restart (issue 5): new files under the configured name, SIGHUP,
// then the DNSKEY answer is the new key and delv validates with the new anchor only.
void TstDnssecService::newKeyOnSighup()
{
    QTemporaryDir dir;
    const QString base = keygen(dir.path(), "ECDSAP256SHA256");
    QTemporaryDir nextDir;
    const QString next = keygen(nextDir.path(), "ED25519");
    QVERIFY(!base.isEmpty() && !next.isEmpty());
    Skydns s;
    QVERIFY2(s.start(args(base)), qPrintable(s.log()));
    const QString oldAnchors = writeAnchors(dir.path(), base);
    QVERIFY(delv(s.port(), oldAnchors, "web.skydns.test.", "A").contains("; fully validated"));
    for (const char *ext : {".key", ".private"}) {
        QFile::remove(base + ext);
        QVERIFY(QFile::copy(next + ext, base + ext));
    }
    ::kill(pid_t(s.pid()), SIGHUP);
    const QString newAnchors = writeAnchors(nextDir.path(), next);
    QTRY_VERIFY2_WITH_TIMEOUT(delv(s.port(), newAnchors, "web.skydns.test.", "A").contains("; fully validated"),
                              qPrintable(s.log()), 10000);
    const dns::Message m = parse(udpExchange(s.port(), makeQuery(11, "skydns.test.", dns::kTypeDNSKEY, 1232, true)));
    QVERIFY(!m.answer.empty());
    QCOMPARE(int(static_cast<unsigned char>(m.answer.front().rdata[3])), 15); // ED25519 now
    QVERIFY(!delv(s.port(), oldAnchors, "web.skydns.test.", "A").contains("; fully validated"));
}

void TstDnssecService::badKeyStopsStartup_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("tampered .private") << "tamper";
    QTest::newRow("missing files") << "missing";
    QTest::newRow("key of another zone") << "owner";
}

// A missing, unreadable or mismatched key stops start-up with a clear message (issue 5).
void TstDnssecService::badKeyStopsStartup()
{
    QFETCH(QString, damage);
    QTemporaryDir dir;
    QString base = keygen(dir.path(), "ECDSAP256SHA256");
    QVERIFY(!base.isEmpty());
    if (damage == "tamper") {
        QFile f(base + ".private");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray p = f.readAll();
        f.close();
        const int at = p.indexOf("PrivateKey: ") + 15;
        p[at] = p[at] == 'A' ? 'B' : 'A';
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(p);
        f.close();
    } else if (damage == "missing") {
        base += ".nothere";
    } else if (damage == "owner") {
        QProcess p;
        p.start("dnssec-keygen", {"-q", "-K", dir.path(), "-a", "ED25519", "-f", "KSK", "example.org."});
        QVERIFY(p.waitForFinished(30000));
        base = QDir(dir.path()).filePath(QString::fromLatin1(p.readAllStandardOutput().trimmed()));
    }
    Skydns s;
    QVERIFY2(!s.start(args(base)), "skydns started with a bad key");
    QTRY_VERIFY_WITH_TIMEOUT(!s.running(), 10000);
    QVERIFY2(s.log().contains("DNSSEC"), qPrintable(s.log()));
}

QTEST_GUILESS_MAIN(TstDnssecService)
#include "tst_dnssec_service.moc"
