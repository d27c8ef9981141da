// skydns with -etcd3 (issue 8) against the shared etcd fixture: the resolver's README fixture
// (tests/data/resolver-readme.json) loaded once into v2 and once into v3 (separate stores of the same
// etcd) under a prefix of its own, /<prefix>/config in each, and two running skydns, one per API,
// asked the same questions: the answers must be the same. TTLs of leased keys count down from the
// lease's TTL, and the v3 service follows changes and deletes with NXDOMAIN.
#include "servicetestutil.h"

#include "backend/etcd3client.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace skydns;
using namespace skydns::test;
using namespace std::chrono_literals;

namespace {

// render is a message as comparable text: rcode, AA, then every answer and authority record
// sorted (round robin shuffles them), TTLs included.
QString render(const dns::Message &m)
{
    QStringList answer, authority;
    const auto line = [](const dns::Rr &rr) {
        return QStringLiteral("%1 %2 %3 %4")
            .arg(QString::fromStdString(rr.owner))
            .arg(rr.type)
            .arg(rr.ttl)
            .arg(QString::fromLatin1(QByteArray::fromStdString(rr.rdata).toHex()));
    };
    for (const dns::Rr &rr : m.answer)
        answer << line(rr);
    for (const dns::Rr &rr : m.authority)
        authority << line(rr);
    answer.sort();
    authority.sort();
    return QStringLiteral("rcode=%1 aa=%2\nanswer:\n  %3\nauthority:\n  %4")
        .arg(m.header.rcode)
        .arg(m.header.aa)
        .arg(answer.join(QStringLiteral("\n  ")), authority.join(QStringLiteral("\n  ")));
}

dns::Message ask(quint16 port, const QString &name, quint16 type, quint16 id)
{
    bool ok = false;
    const dns::Message m = parse(udpExchange(port, makeQuery(id, name, type)), &ok);
    return ok ? m : dns::Message();
}

} // namespace

class TstEtcd3Service final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameAnswers_data();
    void sameAnswers();
    void leaseTtlAndChanges();
    void cleanupTestCase();

private:
    QString m_endpoint;
    QString m_prefix;
    std::unique_ptr<Skydns> m_v2, m_v3;
};

void TstEtcd3Service::initTestCase()
{
    m_endpoint = sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
    m_prefix = QStringLiteral("tstetcd3svc%1").arg(QCoreApplication::applicationPid());

    QFile file(QStringLiteral(SKYDNS_TEST_DATA_DIR "/resolver-readme.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject records = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(records.size() > 10);
    backend::EtcdOptions options;
    options.machines = {m_endpoint.toStdString()};
    backend::Etcd3Client v3(options);
    const auto write = [&](QString key, const QString &value) {
        key.replace(0, int(qstrlen("/skydns")), QLatin1Char('/') + m_prefix);
        QVERIFY(curlPut(m_endpoint, key, value));
        const backend::Etcd3Result put = v3.put(key.toStdString(), value.toStdString());
        QVERIFY2(put.ok(), put.message.c_str());
    };
    for (auto it = records.begin(); it != records.end(); ++it)
        write(it.key(), QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact)));
    // A prefix that SkyDNS's etcd3 mode would have matched ("db" also finding "dbx").
    write(QStringLiteral("/skydns/local/skydns/dbx/y1"), QStringLiteral(R"({"host":"127.0.9.1"})"));
    // Read at start-up from the store of the API in use (a ttl other than the default shows it was).
    write(QStringLiteral("/skydns/config"), QStringLiteral(R"({"ttl":77,"domain":"skydns.local."})"));

    const QStringList common{"-machines", m_endpoint, "-path-prefix", m_prefix, "-nameservers", "127.0.0.1:1"};
    m_v2 = std::make_unique<Skydns>();
    QVERIFY2(m_v2->start(common), qPrintable(m_v2->log()));
    m_v3 = std::make_unique<Skydns>();
    QVERIFY2(m_v3->start(common + QStringList{"-etcd3"}), qPrintable(m_v3->log()));
    QVERIFY2(!m_v3->log().contains(QLatin1String("no /") + m_prefix + QLatin1String("/config")), qPrintable(m_v3->log()));
    QVERIFY2(m_v3->log().contains(QLatin1String("(etcd v3) at revision")), qPrintable(m_v3->log()));
    QVERIFY2(!m_v2->log().contains(QLatin1String("(etcd v3)")), qPrintable(m_v2->log()));
}

void TstEtcd3Service::sameAnswers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::newRow("spec 4.1: A of a leaf") << "4.rails.staging.east.skydns.local." << 1;
    QTest::newRow("spec 4.1: AAAA of a leaf") << "6.rails.staging.east.skydns.local." << 28;
    QTest::newRow("spec 4.2: SRV of a subtree") << "staging.east.skydns.local." << 33;
    QTest::newRow("spec 4.2: SRV with an outside target") << "rails.production.east.skydns.local." << 33;
    QTest::newRow("spec 4.2: SRV of a name that is not there") << "rails.east.skydns.local." << 33;
    QTest::newRow("spec 4.1: A of a subtree") << "db.skydns.local." << 1;
    QTest::newRow("issue 8: db is not dbx") << "x1.db.skydns.local." << 1;
    QTest::newRow("issue 8: dbx on its own") << "dbx.skydns.local." << 1;
    QTest::newRow("spec 4.2: SRV targetstrip") << "bar.skydns.local." << 33;
    QTest::newRow("spec 4.2: SRV weights") << "weights.skydns.local." << 33;
    QTest::newRow("spec 4.4: NS of the domain") << "skydns.local." << 2;
    QTest::newRow("spec 4.4: SOA of the domain") << "skydns.local." << 6;
    QTest::newRow("spec 4.4: A of a nameserver") << "ns1.ns.dns.skydns.local." << 1;
    QTest::newRow("spec 6: PTR") << "125.1.0.10.in-addr.arpa." << 12;
    QTest::newRow("spec 4.3: NODATA (TXT of an A-only name)") << "x2.db.skydns.local." << 16;
    QTest::newRow("issue 8: NXDOMAIN for a name without keys") << "nothere.skydns.local." << 1;
    QTest::newRow("spec 2.1: a name below a leaf") << "deeper.x3.db.skydns.local." << 1;
    QTest::newRow("spec 4.2: SRV targetstrip 2") << "strip.skydns.local." << 33;
}

void TstEtcd3Service::sameAnswers()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    const dns::Message v2 = ask(m_v2->port(), name, quint16(type), 1);
    const dns::Message v3 = ask(m_v3->port(), name, quint16(type), 1);
    QVERIFY2(v2.header.id == 1 && v3.header.id == 1, "no answer");
    const QString a = render(v2), b = render(v3);
    QVERIFY2(a == b, qPrintable(QStringLiteral("v2:\n%1\nv3:\n%2").arg(a, b)));
    qInfo("%s", qPrintable(a.section(QLatin1Char('\n'), 0, 2)));
}

void TstEtcd3Service::leaseTtlAndChanges()
{
    // The configured ttl (77) came from /<prefix>/config in v3.
    const dns::Message plain = ask(m_v3->port(), QStringLiteral("x1.db.skydns.local."), 1, 2);
    QCOMPARE(plain.answer.size(), std::size_t(1));
    QCOMPARE(plain.answer[0].ttl, 77u);

    backend::EtcdOptions options;
    options.machines = {m_endpoint.toStdString()};
    backend::Etcd3Client v3(options);
    const backend::Etcd3Result lease = v3.leaseGrant(40);
    QVERIFY(lease.ok());
    const std::string key = "/" + m_prefix.toStdString() + "/local/skydns/leased/a";
    QVERIFY(v3.put(key, R"({"host":"10.7.0.1"})", lease.leaseId).ok());
    QTRY_COMPARE_WITH_TIMEOUT(
        answerAddresses(ask(m_v3->port(), QStringLiteral("a.leased.skydns.local."), 1, 3), dns::kTypeA),
        QStringList{"10.7.0.1"}, 5000);
    // The lease's time left (at most 40), not its ID and not the configured 77.
    const dns::Message leased = ask(m_v3->port(), QStringLiteral("a.leased.skydns.local."), 1, 4);
    QCOMPARE(leased.answer.size(), std::size_t(1));
    QVERIFY2(leased.answer[0].ttl >= 35 && leased.answer[0].ttl <= 40, qPrintable(QString::number(leased.answer[0].ttl)));

    // The last key of a name goes: NXDOMAIN (SkyDNS's etcd3 mode answered NODATA).
    QVERIFY(v3.leaseRevoke(lease.leaseId).ok());
    QTRY_COMPARE_WITH_TIMEOUT(ask(m_v3->port(), QStringLiteral("a.leased.skydns.local."), 1, 5).header.rcode,
                              std::uint8_t(dns::kRcodeNxDomain), 5000);
    QCOMPARE(ask(m_v3->port(), QStringLiteral("leased.skydns.local."), 1, 6).header.rcode,
             std::uint8_t(dns::kRcodeNxDomain));

    // A change of /<prefix>/config in v3 is seen by the mirror and reloaded from v3.
    const std::string config = "/" + m_prefix.toStdString() + "/config";
    QVERIFY(v3.put(config, R"({"ttl":66,"domain":"skydns.local."})").ok());
    const auto ttlOf = [](const dns::Message &m) { return m.answer.size() == 1 ? m.answer[0].ttl : 0u; };
    QTRY_COMPARE_WITH_TIMEOUT(ttlOf(ask(m_v3->port(), QStringLiteral("x1.db.skydns.local."), 1, 7)), 66u, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_v3->log().contains(QLatin1String("ttl: 77 -> 66")), 5000);
    QCOMPARE(ttlOf(ask(m_v2->port(), QStringLiteral("x1.db.skydns.local."), 1, 8)), 77u);
}

void TstEtcd3Service::cleanupTestCase()
{
    m_v2.reset();
    m_v3.reset();
}

QTEST_GUILESS_MAIN(TstEtcd3Service)
#include "tst_etcd3service.moc"
