// Tests of the console's query tester against a running skydns (DNSSEC on, records in the fixture
// etcd under a private path prefix): A, SRV, NXDOMAIN, TCP, the DO bit, truncation retried over
// TCP, bad input, and a timeout against a loopback port that never answers.
#include "querytester/querytester.h"
#include "servicetestutil.h"
#include "tst_dnssec_delvutil.h"
#include "widgetinput.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace skydns;
using namespace skydns::test;
using skydns::console::QueryTester;

class TstQueryTester final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void answers_data();
    void answers();
    void dnssecOkBit();
    void truncatedRetriedOverTcp();
    void badInput_data();
    void badInput();
    void timeout();

private:
    bool run(QueryTester &tester);
    QString m_endpoint;
    QString m_prefix;
    QTemporaryDir m_keys;
    Skydns m_skydns;
};

namespace {

// section returns the record lines under a dig section title, up to the next blank line.
QStringList section(const QString &output, const QString &title)
{
    QStringList out;
    const QStringList lines = output.split(QLatin1Char('\n'));
    const qsizetype start = lines.indexOf(title);
    for (qsizetype i = start + 1; start >= 0 && i < lines.size() && !lines.at(i).isEmpty(); ++i)
        out << lines.at(i).simplified();
    return out;
}

} // namespace

void TstQueryTester::initTestCase()
{
    m_endpoint = sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd fixture");
    m_prefix = QStringLiteral("qt%1").arg(QRandomGenerator::global()->generate());
    const QString base = QLatin1Char('/') + m_prefix + QStringLiteral("/test/skydns/");
    QVERIFY(curlPut(m_endpoint, base + "web", R"({"host":"10.20.30.40"})"));
    QVERIFY(curlPut(m_endpoint, base + "svc/a", R"({"host":"10.0.0.1","port":8080})"));
    QVERIFY(curlPut(m_endpoint, base + "svc/b", R"({"host":"10.0.0.2","port":8081})"));
    // 60 AAAA records (about 1.7 kB) do not fit the 1232-byte EDNS buffer the tester offers.
    for (int i = 1; i <= 60; ++i)
        QVERIFY(curlPut(m_endpoint, base + QStringLiteral("big/h%1").arg(i),
                        QStringLiteral(R"({"host":"2001:db8::%1"})").arg(i, 0, 16)));
    const QString key = keygen(m_keys.path(), QStringLiteral("ECDSAP256SHA256"));
    QVERIFY(!key.isEmpty());
    QVERIFY2(m_skydns.start({"-machines", m_endpoint, "-path-prefix", m_prefix, "-domain", "skydns.test.",
                             "-nameservers", "127.0.0.1:1", "-dnssec", key}),
             qPrintable(m_skydns.log()));
}

bool TstQueryTester::run(QueryTester &tester)
{
    QSignalSpy finished(&tester, &QueryTester::finished);
    QTest::mouseClick(child<QPushButton>(&tester, "sendButton"), Qt::LeftButton);
    if (finished.isEmpty() && !finished.wait(10000))
        return false;
    return finished.first().first().toBool();
}

void TstQueryTester::answers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QStringList>("answer");   // record lines of the ANSWER section, whitespace simplified
    QTest::addColumn<QString>("authority");    // a substring of the AUTHORITY section ("" = none expected)

    QTest::newRow("spec 3.2: A over UDP") << "web.skydns.test." << "A" << false << "NOERROR"
                                          << QStringList{"web.skydns.test. 3600 IN A 10.20.30.40"} << "";
    QTest::newRow("spec 3.2: A over TCP") << "web.skydns.test" << "A" << true << "NOERROR"
                                          << QStringList{"web.skydns.test. 3600 IN A 10.20.30.40"} << "";
    QTest::newRow("spec 3.3: SRV of a directory") << "svc.skydns.test." << "SRV" << false << "NOERROR"
        << QStringList{"svc.skydns.test. 3600 IN SRV 10 50 8080 a.svc.skydns.test.",
                       "svc.skydns.test. 3600 IN SRV 10 50 8081 b.svc.skydns.test."}
        << "";
    QTest::newRow("spec 3: NXDOMAIN with the SOA") << "missing.skydns.test." << "A" << false << "NXDOMAIN"
                                                   << QStringList{} << "IN SOA";
    QTest::newRow("numeric type 1 is A") << "web.skydns.test." << "1" << false << "NOERROR"
                                         << QStringList{"web.skydns.test. 3600 IN A 10.20.30.40"} << "";
}

void TstQueryTester::answers()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(bool, tcp);
    QFETCH(QString, status);
    QFETCH(QStringList, answer);
    QFETCH(QString, authority);
    QueryTester tester;
    tester.show();
    typeInto(child<QLineEdit>(&tester, "serverEdit"), QStringLiteral("127.0.0.1"));
    typeInto(child<QLineEdit>(&tester, "portEdit"), QString::number(m_skydns.port()));
    typeInto(child<QLineEdit>(&tester, "nameEdit"), name);
    child<QComboBox>(&tester, "typeCombo")->setCurrentText(type);
    QTest::mouseClick(child<QRadioButton>(&tester, tcp ? "tcpRadio" : "udpRadio"), Qt::LeftButton);
    QVERIFY2(run(tester), qPrintable(child<QLabel>(&tester, "errorLabel")->text()));

    const QString out = tester.output();
    QVERIFY2(out.contains(QStringLiteral("status: %1, id: ").arg(status)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("flags: qr")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("ANSWER: %1,").arg(answer.size())), qPrintable(out));
    QCOMPARE(section(out, ";; QUESTION SECTION:").size(), 1);
    QStringList got = section(out, ";; ANSWER SECTION:");
    got.sort();
    QCOMPARE(got, answer);
    if (!authority.isEmpty())
        QVERIFY2(section(out, ";; AUTHORITY SECTION:").join('\n').contains(authority), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral(";; SERVER: 127.0.0.1#%1(127.0.0.1) (%2)")
                              .arg(m_skydns.port())
                              .arg(tcp ? "TCP" : "UDP")),
             qPrintable(out));
    QVERIFY(out.contains(QStringLiteral(";; Query time: ")));
    QVERIFY2(out.contains(QStringLiteral(";; MSG SIZE  rcvd: %1").arg(tester.lastAnswer().size())), qPrintable(out));
    // The header line agrees with the raw answer.
    const dns::Message m = parse(tester.lastAnswer());
    QVERIFY(out.contains(QStringLiteral("id: %1").arg(m.header.id)));
    QCOMPARE(int(m.answer.size()), answer.size());
}

void TstQueryTester::dnssecOkBit()
{
    QueryTester tester;
    tester.show();
    tester.setServer(QStringLiteral("127.0.0.1"), m_skydns.port());
    tester.setQuery(QStringLiteral("web.skydns.test."), QStringLiteral("A"));
    QVERIFY(run(tester));
    QVERIFY2(!tester.output().contains(QLatin1String("RRSIG")), qPrintable(tester.output()));

    QTest::mouseClick(child<QCheckBox>(&tester, "doCheck"), Qt::LeftButton);
    QVERIFY(run(tester));
    const QString out = tester.output();
    // spec 6: with DO the answer is signed and the OPT record echoes DO.
    QVERIFY2(section(out, ";; OPT PSEUDOSECTION:").join(' ').contains(QLatin1String("flags: do;")), qPrintable(out));
    const QStringList answer = section(out, ";; ANSWER SECTION:");
    QCOMPARE(answer.size(), 2);
    QVERIFY2(answer.join('\n').contains(QLatin1String("IN RRSIG A 13 3")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("+dnssec")));
    // The tester with a signed answer, for the docs: <build>/screenshots/querytester.png.
    tester.resize(900, 560);
    QDir().mkpath(QStringLiteral(SKYDNS_BINARY_DIR "/screenshots"));
    QVERIFY(tester.grab().save(QStringLiteral(SKYDNS_BINARY_DIR "/screenshots/querytester.png")));
}

void TstQueryTester::truncatedRetriedOverTcp()
{
    QueryTester tester;
    tester.setServer(QStringLiteral("127.0.0.1"), m_skydns.port());
    tester.setQuery(QStringLiteral("big.skydns.test."), QStringLiteral("AAAA"));
    QVERIFY(run(tester));
    const QString out = tester.output();
    QVERIFY2(out.contains(QLatin1String(";; Truncated, retrying in TCP mode.")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("(TCP)")), qPrintable(out));
    QCOMPARE(section(out, ";; ANSWER SECTION:").size(), 60);
    QVERIFY(!section(out, ";; ANSWER SECTION:").join('\n').contains(QLatin1String(" tc")));
}

void TstQueryTester::badInput_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty name") << "127.0.0.1" << "53" << "" << "A" << "Enter a name";
    QTest::newRow("label over 63") << "127.0.0.1" << "53" << QString(64, 'a') + ".test" << "A" << "not a valid DNS name";
    QTest::newRow("empty label") << "127.0.0.1" << "53" << "a..test" << "A" << "not a valid DNS name";
    QTest::newRow("port 0") << "127.0.0.1" << "0" << "web.skydns.test" << "A" << "from 1 to 65535";
    QTest::newRow("port 65536") << "127.0.0.1" << "65536" << "web.skydns.test" << "A" << "from 1 to 65535";
    QTest::newRow("port not a number") << "127.0.0.1" << "dns" << "web.skydns.test" << "A" << "from 1 to 65535";
    QTest::newRow("unknown type") << "127.0.0.1" << "53" << "web.skydns.test" << "BOGUS" << "Unknown type";
    QTest::newRow("type over 65535") << "127.0.0.1" << "53" << "web.skydns.test" << "70000" << "Unknown type";
    QTest::newRow("empty server") << "" << "53" << "web.skydns.test" << "A" << "server's address";
}

void TstQueryTester::badInput()
{
    QFETCH(QString, server);
    QFETCH(QString, port);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QString, error);
    QueryTester tester;
    tester.show();
    typeInto(child<QLineEdit>(&tester, "serverEdit"), server);
    typeInto(child<QLineEdit>(&tester, "portEdit"), port);
    typeInto(child<QLineEdit>(&tester, "nameEdit"), name);
    child<QComboBox>(&tester, "typeCombo")->setCurrentText(type);
    QSignalSpy finished(&tester, &QueryTester::finished);
    QTest::mouseClick(child<QPushButton>(&tester, "sendButton"), Qt::LeftButton);
    QCOMPARE(finished.count(), 1); // refused at once, nothing sent
    QCOMPARE(finished.first().first().toBool(), false);
    auto *label = child<QLabel>(&tester, "errorLabel");
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(error), qPrintable(label->text()));
    QVERIFY(!tester.isRunning());
    QVERIFY(child<QPushButton>(&tester, "sendButton")->isEnabled());
}

void TstQueryTester::timeout()
{
    // A bound UDP socket that never answers: no ICMP error, only the timeout can end the query.
    QUdpSocket silent;
    QVERIFY(silent.bind(QHostAddress::LocalHost, 0));
    QueryTester tester;
    tester.show();
    tester.setTimeout(500);
    tester.setServer(QStringLiteral("127.0.0.1"), silent.localPort());
    tester.setQuery(QStringLiteral("web.skydns.test."), QStringLiteral("A"));
    QVERIFY(!run(tester));
    QTRY_VERIFY(silent.hasPendingDatagrams()); // the query was sent
    const QString error = child<QLabel>(&tester, "errorLabel")->text();
    QVERIFY2(error.contains(QStringLiteral("no answer from 127.0.0.1 port %1 over UDP within 500 ms").arg(silent.localPort())),
             qPrintable(error));
    QVERIFY(tester.lastAnswer().isEmpty());
    QVERIFY(child<QPushButton>(&tester, "sendButton")->isEnabled());

    // A closed TCP port is refused at once, with the reason.
    const quint16 closed = EtcdServer::freePort();
    QTest::mouseClick(child<QRadioButton>(&tester, "tcpRadio"), Qt::LeftButton);
    tester.setServer(QStringLiteral("127.0.0.1"), closed);
    QVERIFY(!run(tester));
    QVERIFY2(child<QLabel>(&tester, "errorLabel")->text().contains(QStringLiteral("(TCP)")),
             qPrintable(child<QLabel>(&tester, "errorLabel")->text()));
}

QTEST_MAIN(TstQueryTester)
#include "tst_querytester.moc"
