// Tests of the /<prefix>/config overlay (spec 1.1, 1.2): etcd wins over flags, absent keys keep the
// flag value, arrays replace, keys match case-insensitively, ndot/ndots, read_timeout in nanoseconds.
#include "config/etcdjson.h"
#include "config/flags.h"
#include "config/settings.h"

#include <QTest>

using namespace skydns::config;

class TstEtcdJson final : public QObject
{
    Q_OBJECT
private slots:
    void overlay_data();
    void overlay();
    void absentKeysKeepFlagValues();
    void warnings_data();
    void warnings();
    void nullClearsList();
    void errorsDoNotApply();
};

void TstEtcdJson::overlay_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<QString>("errorSubstring");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QTest::newRow("spec 1.1 etcd wins over flag") << QStringList{"-addr", "127.0.0.1:1"}
                                                  << QByteArray(R"({"dns_addr":"127.0.0.1:5354"})") << false << ""
                                                  << "dns_addr" << "127.0.0.1:5354";
    QTest::newRow("spec 1.1 README example ttl") << QStringList{}
                                                 << QByteArray(R"({"dns_addr":"127.0.0.1:5354","ttl":60})") << false
                                                 << "" << "ttl" << "60";
    QTest::newRow("spec 1.1 arrays replace") << QStringList{"-nameservers", "1.1.1.1:53,9.9.9.9:53"}
                                             << QByteArray(R"({"nameservers":["8.8.8.8:53"]})") << false << ""
                                             << "nameservers" << "8.8.8.8:53";
    QTest::newRow("spec 1.1 case-insensitive keys") << QStringList{} << QByteArray(R"({"TTL":7,"Min_TTL":8})")
                                                    << false << "" << "ttl" << "7";
    QTest::newRow("spec 1.1 case-insensitive Etcd3") << QStringList{} << QByteArray(R"({"Etcd3":true})") << false << ""
                                                     << "etcd3" << "true";
    QTest::newRow("spec 1.2 ndot") << QStringList{} << QByteArray(R"({"ndot":4})") << false << "" << "ndot" << "4";
    QTest::newRow("spec 12 README ndots accepted") << QStringList{} << QByteArray(R"({"ndots":5})") << false << ""
                                                   << "ndot" << "5";
    QTest::newRow("ndot and ndots: last wins") << QStringList{} << QByteArray(R"({"ndots":5,"ndot":6})") << false
                                               << "" << "ndot" << "6";
    QTest::newRow("spec 1.2 read_timeout nanoseconds") << QStringList{} << QByteArray(R"({"read_timeout":500000000})")
                                                       << false << "" << "read_timeout" << "500ms";
    QTest::newRow("read_timeout Go string (ours)") << QStringList{} << QByteArray(R"({"read_timeout":"3s"})") << false
                                                   << "" << "read_timeout" << "3s";
    QTest::newRow("read_timeout float") << QStringList{} << QByteArray(R"({"read_timeout":1.5})") << true
                                        << "read_timeout in /skydns/config \"1.5\": must be an integer number of "
                                           "nanoseconds"
                                        << "" << "";
    QTest::newRow("spec 1.2 priority uint16") << QStringList{} << QByteArray(R"({"priority":65535})") << false << ""
                                              << "priority" << "65535";
    QTest::newRow("priority too big") << QStringList{} << QByteArray(R"({"priority":65536})") << true
                                      << "priority in /skydns/config \"65536\": out of range" << "" << "";
    QTest::newRow("ttl negative") << QStringList{} << QByteArray(R"({"ttl":-1})") << true << "ttl in /skydns/config"
                                  << "" << "";
    QTest::newRow("ttl as string") << QStringList{} << QByteArray(R"({"ttl":"60"})") << true << "must be an integer"
                                   << "" << "";
    QTest::newRow("ttl as float literal") << QStringList{} << QByteArray(R"({"ttl":60.0})") << true
                                          << "must be an integer" << "" << "";
    QTest::newRow("ttl as exponent") << QStringList{} << QByteArray(R"({"ttl":6e1})") << true << "must be an integer"
                                     << "" << "";
    QTest::newRow("bool as string") << QStringList{} << QByteArray(R"({"no_rec":"true"})") << true
                                    << "no_rec in /skydns/config \"true\": must be true or false" << "" << "";
    QTest::newRow("domain as number") << QStringList{} << QByteArray(R"({"domain":5})") << true << "must be a string"
                                      << "" << "";
    QTest::newRow("nameservers as string") << QStringList{} << QByteArray(R"({"nameservers":"8.8.8.8:53"})") << true
                                           << "must be an array of strings" << "" << "";
    QTest::newRow("nameservers with number") << QStringList{} << QByteArray(R"({"nameservers":["8.8.8.8:53",5]})")
                                             << true << "must be an array of strings" << "" << "";
    QTest::newRow("spec 1.1 invalid JSON is an error") << QStringList{} << QByteArray(R"({"ttl":)") << true
                                                       << "invalid JSON" << "" << "";
    QTest::newRow("top level array") << QStringList{} << QByteArray(R"([1,2])") << true << "must be a JSON object"
                                     << "" << "";
    QTest::newRow("scache negative passes to SetDefaults") << QStringList{} << QByteArray(R"({"scache":-5})") << false
                                                           << "" << "scache" << "-5";
    QTest::newRow("scache beyond int") << QStringList{} << QByteArray(R"({"scache":99999999999})") << true
                                       << "out of range" << "" << "";
    QTest::newRow("empty object changes nothing") << QStringList{"-ndots", "3"} << QByteArray("{}") << false << ""
                                                  << "ndot" << "3";
}

void TstEtcdJson::overlay()
{
    QFETCH(QStringList, flags);
    QFETCH(QByteArray, json);
    QFETCH(bool, shouldFail);
    QFETCH(QString, errorSubstring);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    FlagParseResult parsed = parseFlags(flags, {});
    QVERIFY(parsed.ok());
    const LoadResult r = applyEtcdJson(parsed.config, parsed.sources, json);
    QCOMPARE(!r.ok(), shouldFail);
    if (shouldFail) {
        QVERIFY2(r.errorText().contains(errorSubstring), qPrintable(r.errorText()));
        return;
    }
    QCOMPARE(settingValueText(*findSettingByKey(key), parsed.config), expected);
    if (json != "{}")
        QCOMPARE(sourceOf(parsed.sources, key.toStdString()), ConfigSource::Etcd);
}

void TstEtcdJson::absentKeysKeepFlagValues()
{
    FlagParseResult parsed = parseFlags({"-addr", "127.0.0.1:1053", "-no-rec"}, {{"SKYDNS_DOMAIN", "example.org."}});
    QVERIFY(parsed.ok());
    QVERIFY(applyEtcdJson(parsed.config, parsed.sources, R"({"ttl":30})").ok());
    QCOMPARE(parsed.config.dnsAddr, std::string("127.0.0.1:1053"));
    QCOMPARE(parsed.config.noRec, true);
    QCOMPARE(parsed.config.domain, std::string("example.org."));
    QCOMPARE(parsed.config.ttl, 30u);
    QCOMPARE(sourceOf(parsed.sources, "dns_addr"), ConfigSource::Flag);
    QCOMPARE(sourceOf(parsed.sources, "domain"), ConfigSource::Environment);
    QCOMPARE(sourceOf(parsed.sources, "ttl"), ConfigSource::Etcd);
}

void TstEtcdJson::warnings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("warningSubstring");
    QTest::newRow("unknown key") << QByteArray(R"({"colour":"blue"})") << "colour in /mydns/config \"blue\": unknown key";
    QTest::newRow("spec 12 path-prefix is flag only") << QByteArray(R"({"path-prefix":"x"})")
                                                      << "set by flag or environment only";
    QTest::newRow("machines is flag only") << QByteArray(R"({"machines":["http://a:1"]})")
                                           << "set by flag or environment only";
}

void TstEtcdJson::warnings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, warningSubstring);
    ServiceConfig config;
    const ServiceConfig before = config;
    SourceMap sources;
    const LoadResult r = applyEtcdJson(config, sources, json, etcdConfigKey("mydns"));
    QVERIFY(r.ok());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().toString().contains(warningSubstring), qPrintable(r.warnings.first().toString()));
    QCOMPARE(config.machines, before.machines);
    QCOMPARE(config.pathPrefix, before.pathPrefix);
    QVERIFY(sources.empty());
}

void TstEtcdJson::nullClearsList()
{
    // Go's json.Unmarshal sets a slice to nil on null but leaves other fields alone.
    FlagParseResult parsed = parseFlags({"-nameservers", "1.1.1.1:53", "-ndots", "3"}, {});
    QVERIFY(applyEtcdJson(parsed.config, parsed.sources, R"({"nameservers":null,"ndot":null})").ok());
    QVERIFY(parsed.config.nameservers.empty());
    QCOMPARE(parsed.config.ndots, 3);
    QCOMPARE(sourceOf(parsed.sources, "ndot"), ConfigSource::Flag);
}

void TstEtcdJson::errorsDoNotApply()
{
    ServiceConfig config;
    SourceMap sources;
    const LoadResult r = applyEtcdJson(config, sources, R"({"ttl":"x","min_ttl":5,"priority":-1})");
    QCOMPARE(r.errors.size(), 2); // every bad key is reported, not just the first
    QCOMPARE(config.ttl, 3600u);
    QCOMPARE(config.minTtl, 5u);
    QCOMPARE(config.priority, std::uint16_t(10));
}

QTEST_APPLESS_MAIN(TstEtcdJson)
#include "tst_etcdjson.moc"
