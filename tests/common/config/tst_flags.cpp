// Tests of the flag parser and the environment loader (spec 1.3, 1.4): Go flag syntax, env fallbacks,
// precedence flag > env > default, and that errors name the flag and the value.
#include "config/describe.h"
#include "config/flags.h"
#include "config/settings.h"

#include <QTest>

using namespace skydns::config;

Q_DECLARE_METATYPE(skydns::config::Environment)

class TstFlags final : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void helpAndVersion_data();
    void helpAndVersion();
    void positionalStopsParsing();
    void environmentWarnings_data();
    void environmentWarnings();
    void sources();
    void usageListsEverything();
};

namespace {

// valueOf renders a setting's value after parsing so rows can state expectations as text.
QString valueOf(const FlagParseResult &r, const QString &key)
{
    const Setting *s = findSettingByKey(key);
    return s ? settingValueText(*s, r.config, true) : QStringLiteral("<no such key>");
}

} // namespace

void TstFlags::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Environment>("env");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<QString>("errorSubstring");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    const Environment none;
    QTest::newRow("spec 1.2 defaults: addr") << QStringList{} << none << false << "" << "dns_addr" << "127.0.0.1:53";
    QTest::newRow("spec 1.2 defaults: machines") << QStringList{} << none << false << "" << "machines"
                                                 << "http://127.0.0.1:2379";
    QTest::newRow("spec 1.2 defaults: round robin on") << QStringList{} << none << false << "" << "round_robin" << "true";
    QTest::newRow("spec 1.2 defaults: rcache off") << QStringList{} << none << false << "" << "rcache" << "0";
    QTest::newRow("spec 1.3 -name value") << QStringList{"-addr", "127.0.0.1:5354"} << none << false << ""
                                          << "dns_addr" << "127.0.0.1:5354";
    QTest::newRow("spec 1.3 -name=value") << QStringList{"-addr=127.0.0.1:5354"} << none << false << ""
                                          << "dns_addr" << "127.0.0.1:5354";
    QTest::newRow("spec 1.3 --name value") << QStringList{"--domain", "example.org."} << none << false << ""
                                           << "domain" << "example.org.";
    QTest::newRow("spec 1.3 --name=value") << QStringList{"--domain=example.org."} << none << false << ""
                                           << "domain" << "example.org.";
    QTest::newRow("value may start with -") << QStringList{"-local", "-x"} << none << false << "" << "local" << "-x";
    QTest::newRow("= inside value") << QStringList{"-password=a=b"} << none << false << "" << "password" << "a=b";
    QTest::newRow("last occurrence wins") << QStringList{"-ndots", "3", "-ndots", "4"} << none << false << ""
                                          << "ndot" << "4";
    QTest::newRow("bool bare") << QStringList{"-no-rec"} << none << false << "" << "no_rec" << "true";
    QTest::newRow("bool =false") << QStringList{"-round-robin=false"} << none << false << "" << "round_robin" << "false";
    QTest::newRow("bool =0") << QStringList{"-ns-rotate=0"} << none << false << "" << "ns_rotate" << "false";
    QTest::newRow("bool =T") << QStringList{"-etcd3=T"} << none << false << "" << "etcd3" << "true";
    QTest::newRow("bool =FALSE") << QStringList{"--systemd=FALSE"} << none << false << "" << "systemd" << "false";
    QTest::newRow("bool never consumes next arg") << QStringList{"-verbose", "false"} << none << false << ""
                                                  << "verbose" << "true";
    QTest::newRow("bool bad value") << QStringList{"-verbose=yes"} << none << true << "-verbose \"yes\"" << "" << "";
    QTest::newRow("int hex like Go") << QStringList{"-scache", "0x10"} << none << false << "" << "scache" << "16";
    QTest::newRow("int bad") << QStringList{"-ndots", "x"} << none << true << "-ndots \"x\": invalid value" << "" << "";
    QTest::newRow("int out of range") << QStringList{"-rcache", "99999999999"} << none << true << "out of range"
                                      << "" << "";
    QTest::newRow("spec 1.3 -rtimeout 500ms") << QStringList{"-rtimeout", "500ms"} << none << false << ""
                                              << "read_timeout" << "500ms";
    QTest::newRow("spec 1.3 -rtimeout 1m30s") << QStringList{"-rtimeout=1m30s"} << none << false << ""
                                              << "read_timeout" << "1m30s";
    QTest::newRow("rtimeout without unit") << QStringList{"-rtimeout", "2"} << none << true << "missing unit" << "" << "";
    QTest::newRow("missing argument") << QStringList{"-addr"} << none << true << "flag needs an argument" << "" << "";
    QTest::newRow("unknown flag") << QStringList{"-bogus"} << none << true << "-bogus" << "" << "";
    QTest::newRow("unknown flag message") << QStringList{"--nope=1"} << none << true << "not defined" << "" << "";
    QTest::newRow("no flags for ttl") << QStringList{"-ttl", "5"} << none << true << "not defined" << "" << "";
    QTest::newRow("bad syntax ---x") << QStringList{"---x"} << none << true << "bad flag syntax" << "" << "";
    QTest::newRow("bad syntax -=x") << QStringList{"-=x"} << none << true << "bad flag syntax" << "" << "";
    QTest::newRow("nameservers list") << QStringList{"-nameservers", "8.8.8.8:53,8.8.4.4:53"} << none << false << ""
                                      << "nameservers" << "8.8.8.8:53,8.8.4.4:53";
    QTest::newRow("machines list") << QStringList{"-machines", "http://a:2379,http://b:2379"} << none << false << ""
                                   << "machines" << "http://a:2379,http://b:2379";
    QTest::newRow("README -discover") << QStringList{"-discover"} << none << false << "" << "discover" << "true";
    QTest::newRow("hostmaster raw until normalised") << QStringList{"-hostmaster", "me@example.org"} << none << false
                                                     << "" << "hostmaster" << "me@example.org";

    QTest::newRow("spec 1.4 env SKYDNS_ADDR") << QStringList{} << Environment{{"SKYDNS_ADDR", "127.0.0.1:1053"}}
                                              << false << "" << "dns_addr" << "127.0.0.1:1053";
    QTest::newRow("spec 1.4 flag beats env") << QStringList{"-addr", "127.0.0.1:2053"}
                                             << Environment{{"SKYDNS_ADDR", "127.0.0.1:1053"}} << false << ""
                                             << "dns_addr" << "127.0.0.1:2053";
    QTest::newRow("spec 1.4 empty env is unset") << QStringList{} << Environment{{"SKYDNS_DOMAIN", ""}} << false << ""
                                                 << "domain" << "skydns.local.";
    QTest::newRow("spec 1.4 ETCD_MACHINES") << QStringList{} << Environment{{"ETCD_MACHINES", "http://10.0.0.1:4001"}}
                                            << false << "" << "machines" << "http://10.0.0.1:4001";
    QTest::newRow("spec 1.4 SKYDNS_NDOTS") << QStringList{} << Environment{{"SKYDNS_NDOTS", "5"}} << false << ""
                                           << "ndot" << "5";
    QTest::newRow("spec 1.4 bad SKYDNS_NDOTS falls back") << QStringList{} << Environment{{"SKYDNS_NDOTS", "five"}}
                                                          << false << "" << "ndot" << "2";
    QTest::newRow("spec 1.4 env int is decimal only") << QStringList{} << Environment{{"SKYDNS_NDOTS", "0x5"}}
                                                      << false << "" << "ndot" << "2";
    QTest::newRow("spec 1.4 SKYDNS_SYSTEMD=1") << QStringList{} << Environment{{"SKYDNS_SYSTEMD", "1"}} << false << ""
                                               << "systemd" << "true";
    QTest::newRow("spec 1.4 bad SKYDNS_SYSTEMD falls back") << QStringList{} << Environment{{"SKYDNS_SYSTEMD", "yes"}}
                                                            << false << "" << "systemd" << "false";
    QTest::newRow("spec 1.4 ETCD_PASSWORD") << QStringList{} << Environment{{"ETCD_PASSWORD", "s3cret"}} << false << ""
                                            << "password" << "s3cret";
    QTest::newRow("spec 1.4 SKYDNS_PATH_PREFIX") << QStringList{} << Environment{{"SKYDNS_PATH_PREFIX", "mydns"}}
                                                 << false << "" << "path_prefix" << "mydns";
    QTest::newRow("spec 1.4 PROMETHEUS_PATH default") << QStringList{} << none << false << "" << "prometheus_path"
                                                      << "/metrics";
    QTest::newRow("spec 1.4 PROMETHEUS_NAMESPACE") << QStringList{} << Environment{{"PROMETHEUS_NAMESPACE", "dns"}}
                                                   << false << "" << "prometheus_namespace" << "dns";
}

void TstFlags::parse()
{
    QFETCH(QStringList, args);
    QFETCH(Environment, env);
    QFETCH(bool, shouldFail);
    QFETCH(QString, errorSubstring);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const FlagParseResult r = parseFlags(args, env);
    QCOMPARE(!r.ok(), shouldFail);
    if (shouldFail) {
        QCOMPARE(r.issues.errors.size(), 1);
        QVERIFY2(r.issues.errorText().contains(errorSubstring), qPrintable(r.issues.errorText()));
        return;
    }
    QCOMPARE(valueOf(r, key), expected);
}

void TstFlags::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("help");
    QTest::addColumn<bool>("version");
    QTest::newRow("-h") << QStringList{"-h"} << true << false;
    QTest::newRow("-help") << QStringList{"-help"} << true << false;
    QTest::newRow("--help") << QStringList{"--help"} << true << false;
    QTest::newRow("help after flags") << QStringList{"-addr", "127.0.0.1:1", "--help"} << true << false;
    QTest::newRow("-version") << QStringList{"-version"} << false << true;
    QTest::newRow("--version") << QStringList{"--version"} << false << true;
    QTest::newRow("-version=false") << QStringList{"-version=false"} << false << false;
    QTest::newRow("neither") << QStringList{"-verbose"} << false << false;
}

void TstFlags::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(bool, help);
    QFETCH(bool, version);
    const FlagParseResult r = parseFlags(args, {});
    QVERIFY(r.ok());
    QCOMPARE(r.help, help);
    QCOMPARE(r.version, version);
}

void TstFlags::positionalStopsParsing()
{
    // Go's flag package stops at the first non-flag and after "--"; the rest is left alone.
    FlagParseResult r = parseFlags({"-verbose", "extra", "-no-rec"}, {});
    QVERIFY(r.ok());
    QCOMPARE(r.positional, QStringList({"extra", "-no-rec"}));
    QCOMPARE(r.config.noRec, false);
    QCOMPARE(r.issues.warnings.size(), 2);

    r = parseFlags({"--", "-no-rec"}, {});
    QVERIFY(r.ok());
    QCOMPARE(r.positional, QStringList({"-no-rec"}));
    QCOMPARE(r.config.noRec, false);
}

void TstFlags::environmentWarnings_data()
{
    QTest::addColumn<Environment>("env");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("warningSubstring");
    QTest::newRow("good values: no warning") << Environment{{"SKYDNS_NDOTS", "3"}, {"SKYDNS_SYSTEMD", "true"}} << 0
                                             << "";
    QTest::newRow("bad int names variable and value") << Environment{{"SKYDNS_NDOTS", "lots"}} << 1
                                                      << "SKYDNS_NDOTS \"lots\"";
    QTest::newRow("bad bool names variable and value") << Environment{{"SKYDNS_SYSTEMD", "on"}} << 1
                                                       << "SKYDNS_SYSTEMD \"on\"";
    QTest::newRow("unrelated variables ignored") << Environment{{"HOME", "/root"}, {"SKYDNS_FOO", "x"}} << 0 << "";
}

void TstFlags::environmentWarnings()
{
    QFETCH(Environment, env);
    QFETCH(int, warnings);
    QFETCH(QString, warningSubstring);
    ServiceConfig config;
    SourceMap sources;
    const LoadResult r = applyEnvironment(config, sources, env);
    QVERIFY(r.ok());
    QCOMPARE(r.warnings.size(), warnings);
    if (warnings)
        QVERIFY2(r.warnings.first().toString().contains(warningSubstring), qPrintable(r.warnings.first().toString()));
}

void TstFlags::sources()
{
    const FlagParseResult r = parseFlags({"-addr", "127.0.0.1:5354", "-ndots", "3"},
                                         {{"SKYDNS_DOMAIN", "example.org"}, {"SKYDNS_NDOTS", "4"}});
    QVERIFY(r.ok());
    QCOMPARE(sourceOf(r.sources, "dns_addr"), ConfigSource::Flag);
    QCOMPARE(sourceOf(r.sources, "ndot"), ConfigSource::Flag); // the flag beat the variable
    QCOMPARE(sourceOf(r.sources, "domain"), ConfigSource::Environment);
    QCOMPARE(sourceOf(r.sources, "ttl"), ConfigSource::Default);
    QCOMPARE(r.config.ndots, 3);
}

void TstFlags::usageListsEverything()
{
    const QString usage = usageText();
    // spec 1.3 and 1.4, written out here rather than taken from the table under test.
    const QStringList flags{"domain", "addr", "nameservers", "no-rec", "machines", "dnssec", "local", "tls-key",
                            "tls-pem", "ca-cert", "username", "password", "rtimeout", "round-robin", "ns-rotate",
                            "stubzones", "verbose", "systemd", "version", "hostmaster", "scache", "rcache",
                            "rcache-ttl", "ndots", "path-prefix", "etcd3", "discover"};
    for (const QString &flag : flags)
        QVERIFY2(usage.contains(QStringLiteral("  -") + flag + QLatin1Char(' '))
                     || usage.contains(QStringLiteral("  -") + flag + QLatin1Char('\n')),
                 qPrintable(flag));
    const QStringList env{"SKYDNS_DOMAIN", "SKYDNS_ADDR", "SKYDNS_NAMESERVERS", "SKYDNS_SYSTEMD", "SKYDNS_NDOTS",
                          "SKYDNS_PATH_PREFIX", "ETCD_MACHINES", "ETCD_TLSKEY", "ETCD_TLSPEM", "ETCD_CACERT",
                          "ETCD_USERNAME", "ETCD_PASSWORD", "PROMETHEUS_PORT", "PROMETHEUS_PATH",
                          "PROMETHEUS_NAMESPACE", "PROMETHEUS_SUBSYSTEM"};
    for (const QString &name : env)
        QVERIFY2(usage.contains(QStringLiteral("\n  ") + name), qPrintable(name));
    QVERIFY(usage.contains(QStringLiteral("(default \"127.0.0.1:53\")")));
    QVERIFY(usage.contains(QStringLiteral("(default 2s)")));
    QVERIFY(usage.contains(QStringLiteral("(default 10000)")));
    QVERIFY(versionText().startsWith(QStringLiteral("skydns server version: 2.5.3a\n")));
}

QTEST_APPLESS_MAIN(TstFlags)
#include "tst_flags.moc"
