// Tests of SetDefaults normalisation (spec 1.2), resolv.conf parsing, and start-up validation.
#include "config/defaults.h"
#include "config/etcdjson.h"
#include "config/flags.h"
#include "config/loader.h"
#include "config/settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace skydns::config;

class TstDefaults final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void normalise_data();
    void normalise();
    void resolvConf_data();
    void resolvConf();
    void resolvConfFallback();
    void resolvConfMissing();
    void validate_data();
    void validate();

private:
    QTemporaryDir m_dir;
    QString m_resolv;   // a resolv.conf with two servers
    QString m_missing;  // a path that does not exist
};

void TstDefaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_resolv = m_dir.filePath(QStringLiteral("resolv.conf"));
    m_missing = m_dir.filePath(QStringLiteral("missing.conf"));
    QFile f(m_resolv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment\nsearch example.org\nnameserver 192.0.2.53\nnameserver 2001:db8::53\noptions ndots:3\n");
}

void TstDefaults::normalise_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("source");

    const QByteArray none;
    QTest::newRow("spec 1.2 domain lower-cased and FQDN") << QStringList{"-domain", "Example.ORG"} << none << "domain"
                                                          << "example.org." << "flag";
    QTest::newRow("spec 1.2 empty domain -> default") << QStringList{"-domain", ""} << none << "domain"
                                                      << "skydns.local." << "default";
    QTest::newRow("spec 1.2 hostmaster @ -> . + FQDN") << QStringList{"-hostmaster", "me@example.org"} << none
                                                       << "hostmaster" << "me.example.org." << "flag";
    QTest::newRow("spec 1.2 quirk: hostmaster ignores domain") << QStringList{"-domain", "example.org."} << none
                                                               << "hostmaster" << "hostmaster.skydns.local."
                                                               << "default";
    QTest::newRow("spec 1.2 empty hostmaster -> hostmaster.<domain>")
        << QStringList{"-domain", "example.org.", "-hostmaster", ""} << none << "hostmaster"
        << "hostmaster.example.org." << "default";
    QTest::newRow("spec 1.2 dnssec spaces -> +") << QStringList{} << QByteArray(R"({"dnssec":"Kskydns.local. 005 49860"})")
                                                 << "dnssec" << "Kskydns.local.+005+49860" << "etcd";
    QTest::newRow("spec 1.2 local FQDN") << QStringList{"-local", "public.addresses.skydns.local"} << none << "local"
                                         << "public.addresses.skydns.local." << "flag";
    QTest::newRow("spec 1.2 local empty stays empty") << QStringList{} << none << "local" << "" << "default";
    QTest::newRow("spec 1.2 negative scache -> 0") << QStringList{"-scache", "-1"} << none << "scache" << "0" << "flag";
    QTest::newRow("spec 1.2 negative rcache -> 0") << QStringList{} << QByteArray(R"({"rcache":-3})") << "rcache" << "0"
                                                   << "etcd";
    QTest::newRow("spec 1.2 rcache_ttl 0 -> 60") << QStringList{"-rcache-ttl", "0"} << none << "rcache_ttl" << "60"
                                                 << "default";
    QTest::newRow("spec 1.2 ndot 0 -> 2") << QStringList{} << QByteArray(R"({"ndot":0})") << "ndot" << "2" << "default";
    QTest::newRow("spec 1.2 ndot negative -> 2") << QStringList{"-ndots", "-4"} << none << "ndot" << "2" << "default";
    QTest::newRow("spec 1.2 priority 0 -> 10") << QStringList{} << QByteArray(R"({"priority":0})") << "priority" << "10"
                                               << "default";
    QTest::newRow("spec 1.2 ttl 0 -> 3600") << QStringList{} << QByteArray(R"({"ttl":0})") << "ttl" << "3600"
                                            << "default";
    QTest::newRow("spec 1.2 min_ttl 0 -> 60") << QStringList{} << QByteArray(R"({"min_ttl":0})") << "min_ttl" << "60"
                                              << "default";
    QTest::newRow("spec 1.2 min_ttl default 60") << QStringList{} << none << "min_ttl" << "60" << "default";
    QTest::newRow("spec 1.2 read_timeout 0 -> 2s") << QStringList{"-rtimeout", "0"} << none << "read_timeout" << "2s"
                                                   << "default";
    QTest::newRow("spec 1.2 empty dns_addr -> default") << QStringList{} << QByteArray(R"({"dns_addr":""})")
                                                        << "dns_addr" << "127.0.0.1:53" << "default";
    QTest::newRow("etcd ttl kept") << QStringList{} << QByteArray(R"({"ttl":60})") << "ttl" << "60" << "etcd";
}

void TstDefaults::normalise()
{
    QFETCH(QStringList, flags);
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QFETCH(QString, source);
    const LoadedConfig loaded = loadConfig(flags, {}, json.isEmpty() ? std::nullopt : std::optional<QByteArray>(json),
                                           m_missing);
    QVERIFY2(loaded.issues.ok(), qPrintable(loaded.issues.errorText()));
    QCOMPARE(settingValueText(*findSettingByKey(key), loaded.config), expected);
    QCOMPARE(sourceName(sourceOf(loaded.sources, key.toStdString())), source);
}

void TstDefaults::resolvConf_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("two servers, port 53") << QByteArray("nameserver 10.0.0.1\nnameserver 10.0.0.2\n")
                                          << QStringList{"10.0.0.1:53", "10.0.0.2:53"};
    QTest::newRow("ipv6 bracketed") << QByteArray("nameserver ::1\n") << QStringList{"[::1]:53"};
    QTest::newRow("tabs and spaces") << QByteArray("  nameserver\t10.0.0.3  \n") << QStringList{"10.0.0.3:53"};
    QTest::newRow("comments and other lines") << QByteArray("#nameserver 1.1.1.1\n; x\ndomain a\nsearch b c\n")
                                              << QStringList{};
    QTest::newRow("nameserver without address") << QByteArray("nameserver\n") << QStringList{};
    QTest::newRow("no trailing newline") << QByteArray("nameserver 10.9.8.7") << QStringList{"10.9.8.7:53"};
}

void TstDefaults::resolvConf()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, expected);
    QCOMPARE(parseResolvConf(content), expected);
}

void TstDefaults::resolvConfFallback()
{
    // spec 1.2: no nameservers from flags, env or etcd -> those of resolv.conf.
    LoadedConfig loaded = loadConfig({}, {}, std::nullopt, m_resolv);
    QVERIFY2(loaded.issues.ok(), qPrintable(loaded.issues.errorText()));
    QCOMPARE(loaded.config.nameservers, (std::vector<std::string>{"192.0.2.53:53", "[2001:db8::53]:53"}));
    QCOMPARE(sourceOf(loaded.sources, "nameservers"), ConfigSource::ResolvConf);

    // ... but not when any source gave some.
    loaded = loadConfig({"-nameservers", "8.8.8.8:53"}, {}, std::nullopt, m_resolv);
    QCOMPARE(loaded.config.nameservers, (std::vector<std::string>{"8.8.8.8:53"}));
    loaded = loadConfig({}, {}, QByteArray(R"({"nameservers":["9.9.9.9:53"]})"), m_resolv);
    QCOMPARE(loaded.config.nameservers, (std::vector<std::string>{"9.9.9.9:53"}));
}

void TstDefaults::resolvConfMissing()
{
    const LoadedConfig loaded = loadConfig({}, {}, std::nullopt, m_missing);
    QVERIFY(loaded.issues.ok());
    QVERIFY(loaded.config.nameservers.empty());

    // An existing file that cannot be read is an error (SkyDNS: fatal).
    const LoadedConfig unreadable = loadConfig({}, {}, std::nullopt, m_dir.path()); // a directory
    QVERIFY(!unreadable.issues.ok());
    QVERIFY2(unreadable.issues.errorText().contains(QStringLiteral("resolv.conf")),
             qPrintable(unreadable.issues.errorText()));
}

void TstDefaults::validate_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<Environment>("env");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<QString>("errorSubstring");

    const Environment noEnv;
    const QByteArray none;
    QTest::newRow("defaults are valid") << QStringList{} << noEnv << none << false << "";
    QTest::newRow("spec 1.2 -addr nonsense") << QStringList{"-addr", "nonsense"} << noEnv << none << true
                                             << "-addr \"nonsense\": missing port in address";
    QTest::newRow("spec 1.2 -addr hostname") << QStringList{"-addr", "localhost:53"} << noEnv << none << true
                                             << "-addr \"localhost:53\": bad IP address: localhost";
    QTest::newRow("spec 1.2 -addr port 0") << QStringList{"-addr", "127.0.0.1:0"} << noEnv << none << true
                                           << "bad port number 0";
    QTest::newRow("spec 1.2 -addr ipv6") << QStringList{"-addr", "[::1]:5354"} << noEnv << none << false << "";
    QTest::newRow("spec 1.4 SKYDNS_ADDR bad") << QStringList{} << Environment{{"SKYDNS_ADDR", "1.2.3.4"}} << none << true
                                              << "SKYDNS_ADDR \"1.2.3.4\"";
    QTest::newRow("spec 1.2 etcd dns_addr bad") << QStringList{} << noEnv << QByteArray(R"({"dns_addr":"x:53"})")
                                                << true << "dns_addr in /skydns/config \"x:53\": bad IP address";
    QTest::newRow("spec 1.1 etcd fixes a bad flag") << QStringList{"-addr", "bad"} << noEnv
                                                    << QByteArray(R"({"dns_addr":"127.0.0.1:5354"})") << false << "";
    QTest::newRow("spec 1.2 -nameservers validated") << QStringList{"-nameservers", "8.8.8.8"} << noEnv << none << true
                                                     << "-nameservers \"8.8.8.8\": missing port";
    QTest::newRow("nameservers trailing comma") << QStringList{"-nameservers", "8.8.8.8:53,"} << noEnv << none << true
                                                << "-nameservers \"\"";
    QTest::newRow("SKYDNS_NAMESERVERS validated") << QStringList{} << Environment{{"SKYDNS_NAMESERVERS", "a:53"}}
                                                  << none << true << "SKYDNS_NAMESERVERS \"a:53\"";
    QTest::newRow("ours: etcd nameservers validated too") << QStringList{} << noEnv
                                                          << QByteArray(R"({"nameservers":["8.8.8.8:53","dns"]})")
                                                          << true << "nameservers in /skydns/config \"dns\"";
    QTest::newRow("machines must be URLs") << QStringList{"-machines", "127.0.0.1:2379"} << noEnv << none << true
                                           << "-machines \"127.0.0.1:2379\": not an http";
    QTest::newRow("machines empty") << QStringList{"-machines", ""} << noEnv << none << true << "no etcd machine";
    QTest::newRow("https machines fine") << QStringList{"-machines", "https://10.0.0.1:2379,http://[::1]:2379"}
                                         << noEnv << none << false << "";
    QTest::newRow("domain empty label") << QStringList{"-domain", "a..b"} << noEnv << none << true
                                        << "-domain \"a..b.\": empty label";
    QTest::newRow("negative rtimeout") << QStringList{"-rtimeout", "-1s"} << noEnv << none << true
                                       << "-rtimeout \"-1s\": must not be negative";
    QTest::newRow("PROMETHEUS_PORT not a port") << QStringList{} << Environment{{"PROMETHEUS_PORT", "abc"}} << none
                                                << true << "PROMETHEUS_PORT \"abc\"";
    QTest::newRow("PROMETHEUS_PORT fine") << QStringList{} << Environment{{"PROMETHEUS_PORT", "9153"}} << none << false
                                          << "";
    QTest::newRow("error names path prefix key") << QStringList{"-path-prefix", "mydns"} << noEnv
                                                 << QByteArray(R"({"dns_addr":"1"})") << true
                                                 << "dns_addr in /mydns/config \"1\"";
}

void TstDefaults::validate()
{
    QFETCH(QStringList, flags);
    QFETCH(Environment, env);
    QFETCH(QByteArray, json);
    QFETCH(bool, shouldFail);
    QFETCH(QString, errorSubstring);
    const LoadedConfig loaded = loadConfig(flags, env, json.isEmpty() ? std::nullopt : std::optional<QByteArray>(json),
                                           m_missing);
    QVERIFY2(loaded.issues.ok() != shouldFail, qPrintable(loaded.issues.errorText()));
    QVERIFY2(loaded.issues.errorText().contains(errorSubstring), qPrintable(loaded.issues.errorText()));
}

QTEST_APPLESS_MAIN(TstDefaults)
#include "tst_defaults.moc"
