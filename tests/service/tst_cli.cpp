// Tests of the skydns command line (spec 1.3, 1.4): -version, --help listing every flag and
// environment variable, exit codes and messages for bad flags. Runs the built binary.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

class TstCli final : public QObject
{
    Q_OBJECT
private slots:
    void version_data();
    void version();
    void help_data();
    void help();
    void badInput_data();
    void badInput();
    void runsWithoutEtcd();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// run starts skydns with args and extra environment; etcd is pointed at a closed loopback port so
// no test depends on an etcd that happens to run on this machine.
Run run(const QStringList &args, const QMap<QString, QString> &extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_"))
            || name.startsWith(QLatin1String("PROMETHEUS_")))
            env.remove(name);
    env.insert(QStringLiteral("ETCD_MACHINES"), QStringLiteral("http://127.0.0.1:1"));
    // Stop after the configuration is printed: these tests are about the command line, not DNS.
    env.insert(QStringLiteral("SKYDNS_CHECK_CONFIG"), QStringLiteral("1"));
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SKYDNS_BIN), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

void TstCli::version_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("spec 1.3 -version") << QStringList{"-version"};
    QTest::newRow("--version") << QStringList{"--version"};
    QTest::newRow("-version=true") << QStringList{"-version=true"};
}

void TstCli::version()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.split(QLatin1Char('\n')).first(), QStringLiteral("skydns server version: 2.5.3a"));
    QVERIFY2(r.out.contains(QStringLiteral("SkyDNS Qt ")), qPrintable(r.out));
}

void TstCli::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("-h") << QStringList{"-h"};
    QTest::newRow("-help") << QStringList{"-help"};
    QTest::newRow("--help") << QStringList{"--help"};
}

void TstCli::help()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 0);
    // Every flag of spec 1.3 (plus the README's -discover) and every variable of spec 1.4.
    const QStringList flags{"domain", "addr", "nameservers", "no-rec", "machines", "dnssec", "local", "tls-key",
                            "tls-pem", "ca-cert", "username", "password", "rtimeout", "round-robin", "ns-rotate",
                            "stubzones", "verbose", "systemd", "version", "hostmaster", "scache", "rcache",
                            "rcache-ttl", "ndots", "path-prefix", "etcd3", "discover"};
    for (const QString &flag : flags) {
        const QRegularExpression line(QStringLiteral("^  -%1( \\w+)?$").arg(QRegularExpression::escape(flag)),
                                      QRegularExpression::MultilineOption);
        QVERIFY2(line.match(r.out).hasMatch(), qPrintable(QStringLiteral("flag -%1 missing from --help").arg(flag)));
    }
    const QStringList env{"SKYDNS_DOMAIN", "SKYDNS_ADDR", "SKYDNS_NAMESERVERS", "SKYDNS_SYSTEMD", "SKYDNS_NDOTS",
                          "SKYDNS_PATH_PREFIX", "ETCD_MACHINES", "ETCD_TLSKEY", "ETCD_TLSPEM", "ETCD_CACERT",
                          "ETCD_USERNAME", "ETCD_PASSWORD", "PROMETHEUS_PORT", "PROMETHEUS_PATH",
                          "PROMETHEUS_NAMESPACE", "PROMETHEUS_SUBSYSTEM"};
    for (const QString &name : env) {
        const QRegularExpression line(QStringLiteral("^  %1\\b").arg(name), QRegularExpression::MultilineOption);
        QVERIFY2(line.match(r.out).hasMatch(), qPrintable(name + QStringLiteral(" missing from --help")));
    }
    // Defaults are shown (spec 1.3).
    for (const char *def : {"(default \"127.0.0.1:53\")", "(default 2s)", "(default 10000)", "(default 60)",
                            "(default \"hostmaster@skydns.local.\")", "(default \"http://127.0.0.1:2379\")",
                            "(default \"/metrics\")"})
        QVERIFY2(r.out.contains(QLatin1String(def)), def);
}

void TstCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("spec 1.3 unknown flag: exit 2 like Go") << QStringList{"-bogus"} << "" << "" << 2
                                                           << "-bogus: flag provided but not defined";
    QTest::newRow("int flag not a number: exit 2 like Go") << QStringList{"-ndots", "x"} << "" << "" << 2
                                                           << "-ndots \"x\": invalid value";
    QTest::newRow("bad duration") << QStringList{"-rtimeout", "2"} << "" << "" << 2 << "-rtimeout \"2\"";
    QTest::newRow("bad bool") << QStringList{"-no-rec=maybe"} << "" << "" << 2 << "-no-rec \"maybe\"";
    QTest::newRow("missing value") << QStringList{"-domain"} << "" << "" << 2 << "flag needs an argument";
    QTest::newRow("spec 1.2 -addr nonsense: exit 1") << QStringList{"-addr", "nonsense"} << "" << "" << 1
                                                     << "-addr \"nonsense\": missing port in address";
    QTest::newRow("-addr hostname") << QStringList{"-addr=localhost:53"} << "" << "" << 1
                                    << "-addr \"localhost:53\": bad IP address";
    QTest::newRow("-nameservers without port") << QStringList{"-nameservers", "8.8.8.8"} << "" << "" << 1
                                               << "-nameservers \"8.8.8.8\"";
    QTest::newRow("SKYDNS_ADDR bad") << QStringList{} << "SKYDNS_ADDR" << "127.0.0.1:99999" << 1
                                     << "SKYDNS_ADDR \"127.0.0.1:99999\": bad port number";
    QTest::newRow("ETCD_MACHINES not a URL") << QStringList{} << "ETCD_MACHINES" << "etcd:2379" << 1
                                             << "ETCD_MACHINES \"etcd:2379\"";
}

void TstCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, envName);
    QFETCH(QString, envValue);
    QFETCH(int, exitCode);
    QFETCH(QString, errorSubstring);
    QMap<QString, QString> env;
    if (!envName.isEmpty())
        env.insert(envName, envValue);
    const Run r = run(args, env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(errorSubstring), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("effective configuration")));
    if (exitCode == 2)
        QVERIFY2(r.err.contains(QStringLiteral("Usage of skydns:")), qPrintable(r.err));
}

void TstCli::runsWithoutEtcd()
{
    // No etcd answering: SkyDNS falls back to the flags (spec 1.1); with SKYDNS_CHECK_CONFIG=1 the
    // binary prints the effective configuration and exits 3 instead of serving.
    const Run r = run({"-addr", "127.0.0.1:5354", "-nameservers", "192.0.2.1:53"}, {{"SKYDNS_DOMAIN", "Example.ORG"}});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("falling back to default configuration")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("configuration checked, not starting")), qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("dns_addr = 127.0.0.1:5354 (flag)")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("domain = example.org. (env)")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("nameservers = 192.0.2.1:53 (flag)")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
