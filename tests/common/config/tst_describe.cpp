// Tests of the effective-configuration listing (values and their sources) and of the reload diff.
#include "config/describe.h"
#include "config/loader.h"

#include <QTest>

using namespace skydns::config;

class TstDescribe final : public QObject
{
    Q_OBJECT
private slots:
    void sourcesOfEveryLayer();
    void secretsHidden();
    void diff_data();
    void diff();
};

namespace {

ConfigEntry entry(const QList<ConfigEntry> &entries, const QString &key)
{
    for (const ConfigEntry &e : entries)
        if (e.key == key)
            return e;
    return {QStringLiteral("<missing>"), {}, ConfigSource::Default};
}

} // namespace

void TstDescribe::sourcesOfEveryLayer()
{
    const LoadedConfig loaded = loadConfig({"-addr", "127.0.0.1:5354", "-rcache", "100"},
                                           {{"SKYDNS_DOMAIN", "Example.org"}, {"ETCD_MACHINES", "http://127.0.0.1:4001"}},
                                           QByteArray(R"({"ttl":60,"rcache":5})"), QStringLiteral("/nonexistent"));
    QVERIFY2(loaded.issues.ok(), qPrintable(loaded.issues.errorText()));
    const QList<ConfigEntry> entries = describeConfig(loaded.config, loaded.sources);
    QCOMPARE(entry(entries, "dns_addr").value, QStringLiteral("127.0.0.1:5354"));
    QCOMPARE(entry(entries, "dns_addr").source, ConfigSource::Flag);
    QCOMPARE(entry(entries, "domain").value, QStringLiteral("example.org."));
    QCOMPARE(entry(entries, "domain").source, ConfigSource::Environment);
    QCOMPARE(entry(entries, "machines").source, ConfigSource::Environment);
    QCOMPARE(entry(entries, "ttl").value, QStringLiteral("60"));
    QCOMPARE(entry(entries, "ttl").source, ConfigSource::Etcd);
    QCOMPARE(entry(entries, "rcache").value, QStringLiteral("5")); // etcd beat the flag
    QCOMPARE(entry(entries, "rcache").source, ConfigSource::Etcd);
    QCOMPARE(entry(entries, "min_ttl").source, ConfigSource::Default);
    QCOMPARE(entry(entries, "read_timeout").value, QStringLiteral("2s"));

    const QString text = formatConfig(loaded.config, loaded.sources);
    QVERIFY2(text.contains(QStringLiteral("  ttl = 60 (etcd)\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  dns_addr = 127.0.0.1:5354 (flag)\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  domain = example.org. (env)\n")), qPrintable(text));
}

void TstDescribe::secretsHidden()
{
    const LoadedConfig loaded = loadConfig({"-password", "hunter2"}, {}, std::nullopt, QStringLiteral("/nonexistent"));
    QCOMPARE(entry(describeConfig(loaded.config, loaded.sources), "password").value, QStringLiteral("***"));
    QCOMPARE(entry(describeConfig(loaded.config, loaded.sources, true), "password").value, QStringLiteral("hunter2"));
    QVERIFY(!formatConfig(loaded.config, loaded.sources).contains(QStringLiteral("hunter2")));
    ServiceConfig changed = loaded.config;
    changed.password = "other";
    QCOMPARE(diffConfigs(loaded.config, changed), QStringList{QStringLiteral("password: changed")});
}

void TstDescribe::diff_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("no change") << QByteArray("{}") << QByteArray(R"({"ttl":3600})") << QStringList{};
    QTest::newRow("ttl") << QByteArray("{}") << QByteArray(R"({"ttl":60})") << QStringList{"ttl: 3600 -> 60"};
    QTest::newRow("several, in table order")
        << QByteArray(R"({"no_rec":false})") << QByteArray(R"({"ttl":60,"no_rec":true,"domain":"a.org"})")
        << QStringList{"domain: skydns.local. -> a.org.", "no_rec: false -> true", "ttl: 3600 -> 60"};
    QTest::newRow("lists and durations")
        << QByteArray(R"({"nameservers":["1.1.1.1:53"]})")
        << QByteArray(R"({"nameservers":["1.1.1.1:53","8.8.8.8:53"],"read_timeout":500000000})")
        << QStringList{"nameservers: 1.1.1.1:53 -> 1.1.1.1:53,8.8.8.8:53", "read_timeout: 2s -> 500ms"};
    QTest::newRow("empty value quoted") << QByteArray("{}") << QByteArray(R"({"local":"x.skydns.local."})")
                                        << QStringList{"local: \"\" -> x.skydns.local."};
}

void TstDescribe::diff()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QStringList, expected);
    const QString noResolv = QStringLiteral("/nonexistent");
    const LoadedConfig a = loadConfig({}, {}, before, noResolv);
    const LoadedConfig b = loadConfig({}, {}, after, noResolv);
    QVERIFY(a.issues.ok() && b.issues.ok());
    QCOMPARE(diffConfigs(a.config, b.config), expected);
}

QTEST_APPLESS_MAIN(TstDescribe)
#include "tst_describe.moc"
