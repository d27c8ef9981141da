// Tests that skydns reads /<prefix>/config from a real etcd and lays it over the flags (spec 1.1):
// etcd wins, absent keys keep the flags, a missing key falls back, invalid JSON or values stop start-up.
#include "etcdserver.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTest>

class TstCliEtcd final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void config_data();
    void config();

private:
    QString m_endpoint;
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runSkydns(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_")))
            env.remove(name);
    env.insert(QStringLiteral("SKYDNS_CHECK_CONFIG"), QStringLiteral("1")); // print the configuration, do not serve
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SKYDNS_BIN), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// putKey writes value at key with the v2 keys API (curl keeps this test independent of our client).
bool putKey(const QString &endpoint, const QString &key, const QString &value)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"), {"-fsS", "-XPUT", endpoint + QStringLiteral("/v2/keys") + key,
                                        "--data-urlencode", QStringLiteral("value=") + value});
    return curl.waitForFinished(10000) && curl.exitCode() == 0;
}

} // namespace

void TstCliEtcd::initTestCase()
{
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd fixture (run through ctest)");
}

void TstCliEtcd::config_data()
{
    QTest::addColumn<QString>("json"); // empty: the key is not written
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expectedOut");
    QTest::addColumn<QString>("expectedErr");

    QTest::newRow("spec 1.1 etcd wins, absent keys keep flags")
        << R"({"dns_addr":"127.0.0.1:5399","TTL":60,"ndots":4,"nameservers":["192.0.2.9:53"]})" << 3
        << QStringList{"dns_addr = 127.0.0.1:5399 (etcd)", "ttl = 60 (etcd)", "ndot = 4 (etcd)",
                       "nameservers = 192.0.2.9:53 (etcd)", "rcache = 7 (flag)"}
        << "configuration checked, not starting";
    QTest::newRow("spec 1.1 missing key: flags only") << QString() << 3
                                                      << QStringList{"dns_addr = 127.0.0.1:5354 (flag)"}
                                                      << "in etcd, using flags and environment";
    QTest::newRow("spec 1.1 invalid JSON is fatal") << R"({"ttl":)" << 1 << QStringList{} << "invalid JSON";
    QTest::newRow("bad dns_addr in etcd names key and value") << R"({"dns_addr":"nope"})" << 1 << QStringList{}
                                                              << "dns_addr in /%1/config \"nope\"";
    QTest::newRow("wrong type in etcd") << R"({"no_rec":"yes"})" << 1 << QStringList{}
                                        << "no_rec in /%1/config \"yes\": must be true or false";
}

void TstCliEtcd::config()
{
    QFETCH(QString, json);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expectedOut);
    QFETCH(QString, expectedErr);
    // A prefix of its own, so other tests sharing the fixture never see this config.
    const QString prefix = QStringLiteral("clitest%1").arg(QRandomGenerator::global()->generate());
    if (!json.isEmpty())
        QVERIFY(putKey(m_endpoint, QStringLiteral("/%1/config").arg(prefix), json));
    const Run r = runSkydns({"-machines", m_endpoint, "-path-prefix", prefix, "-addr", "127.0.0.1:5354", "-rcache",
                             "7", "-nameservers", "192.0.2.1:53"});
    QCOMPARE(r.exitCode, exitCode);
    for (const QString &line : expectedOut)
        QVERIFY2(r.out.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + r.out));
    const QString err = expectedErr.contains(QLatin1String("%1")) ? expectedErr.arg(prefix) : expectedErr;
    QVERIFY2(r.err.contains(err), qPrintable(err + QStringLiteral(" not in:\n") + r.err));
}

QTEST_GUILESS_MAIN(TstCliEtcd)
#include "tst_cli_etcd.moc"
