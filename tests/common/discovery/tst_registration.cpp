// Tests of discovery::parseHostPort / qualifyName / parseRegisterArguments: what `skydns register`
// writes. The key layout and JSON encoding are SKYDNS-BEHAVIOUR.md 2.1 (key = reversed name under
// the prefix, value = the service JSON with omitempty fields).
#include "discovery/registration.h"

#include <QTest>

using skydns::discovery::parseHostPort;
using skydns::discovery::parseRegisterArguments;
using skydns::discovery::qualifyName;

class TestRegistration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostPort_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << "10.0.0.1" << true << "10.0.0.1" << 0;
        QTest::newRow("ipv4 with port") << "10.0.0.1:8080" << true << "10.0.0.1" << 8080;
        QTest::newRow("ipv6 bare") << "::1" << true << "::1" << 0;
        QTest::newRow("ipv6 bracketed with port") << "[2001:db8::1]:53" << true << "2001:db8::1" << 53;
        QTest::newRow("ipv6 bracketed no port") << "[::1]" << true << "::1" << 0;
        QTest::newRow("name") << "DB.Example.com" << true << "db.example.com" << 0;
        QTest::newRow("name with port") << "db.example.com:5432" << true << "db.example.com" << 5432;
        QTest::newRow("name with trailing dot") << "db.example.com." << true << "db.example.com" << 0;
        QTest::newRow("port 0") << "10.0.0.1:0" << true << "10.0.0.1" << 0;
        QTest::newRow("port max") << "10.0.0.1:65535" << true << "10.0.0.1" << 65535;
        QTest::newRow("port too big") << "10.0.0.1:65536" << false << "" << 0;
        QTest::newRow("port not a number") << "10.0.0.1:http" << false << "" << 0;
        QTest::newRow("empty port") << "10.0.0.1:" << false << "" << 0;
        QTest::newRow("octet too big") << "10.0.0.300" << false << "" << 0;
        QTest::newRow("short ipv4 is not a name") << "10.1" << false << "" << 0;
        QTest::newRow("empty") << "" << false << "" << 0;
        QTest::newRow("only port") << ":80" << false << "" << 0;
        QTest::newRow("unclosed bracket") << "[::1:80" << false << "" << 0;
        QTest::newRow("ipv4 in brackets") << "[10.0.0.1]:80" << false << "" << 0;
        QTest::newRow("bad character") << "db!.example.com" << false << "" << 0;
        QTest::newRow("empty label") << "db..example.com" << false << "" << 0;
        QTest::newRow("label of 64") << QString(64, QLatin1Char('a')) + ".com" << false << "" << 0;
        QTest::newRow("label of 63") << QString(63, QLatin1Char('a')) + ".com" << true
                                     << QString(63, QLatin1Char('a')) + ".com" << 0;
    }

    void hostPort()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, host);
        QFETCH(int, port);
        std::string error;
        const auto parsed = parseHostPort(text.toStdString(), &error);
        QCOMPARE(parsed.has_value(), ok);
        if (!ok) {
            QVERIFY2(!error.empty(), "an error must say why");
            QVERIFY2(error.find('"') != std::string::npos, error.c_str()); // names the argument
            return;
        }
        QCOMPARE(QString::fromStdString(parsed->host), host);
        QCOMPARE(parsed->port, port);
    }

    void qualify_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected"); // empty = error
        QTest::newRow("relative") << "web.dev" << "web.dev.skydns.local.";
        QTest::newRow("relative single label") << "web" << "web.skydns.local.";
        QTest::newRow("already under, no dot") << "web.dev.skydns.local" << "web.dev.skydns.local.";
        QTest::newRow("absolute") << "web.dev.skydns.local." << "web.dev.skydns.local.";
        QTest::newRow("upper case folded") << "WEB.Dev" << "web.dev.skydns.local.";
        QTest::newRow("domain itself") << "skydns.local." << "";
        QTest::newRow("outside the domain") << "web.example.com." << "";
        QTest::newRow("suffix but not a label boundary") << "web.myskydns.local." << "";
        QTest::newRow("slash") << "a/b" << "";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("empty label") << "web..dev" << "";
    }

    void qualify()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        std::string error;
        const auto qualified = qualifyName(name.toStdString(), "skydns.local.", &error);
        if (expected.isEmpty()) {
            QVERIFY(!qualified);
            QVERIFY(!error.empty());
            return;
        }
        QVERIFY2(qualified, error.c_str());
        QCOMPARE(QString::fromStdString(*qualified), expected);
    }

    void arguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("key");   // empty = usage error
        QTest::addColumn<QString>("json");
        QTest::addColumn<qlonglong>("ttl");
        QTest::addColumn<bool>("keepalive");
        // spec 2.1: key is the reversed name under /skydns; value is the JSON SkyDNS itself encodes.
        QTest::newRow("spec 2.1: host and port")
            << QStringList{"web.dev", "127.0.0.1:8080"} << "/skydns/local/skydns/dev/web"
            << R"({"host":"127.0.0.1","port":8080})" << 0LL << false;
        QTest::newRow("spec 2.1: zero fields omitted")
            << QStringList{"db", "10.0.0.2"} << "/skydns/local/skydns/db" << R"({"host":"10.0.0.2"})" << 0LL << false;
        QTest::newRow("all options, Go field order")
            << QStringList{"api", "[::1]:443", "--priority", "10", "--weight=20", "--text", "v=1", "--mail", "--ttl", "30"}
            << "/skydns/local/skydns/api" << R"({"host":"::1","port":443,"priority":10,"weight":20,"text":"v=1","mail":true})"
            << 30LL << false;
        QTest::newRow("options between positionals")
            << QStringList{"web", "--ttl=5", "example.org:80"} << "/skydns/local/skydns/web"
            << R"({"host":"example.org","port":80})" << 5LL << false;
        QTest::newRow("keepalive default ttl")
            << QStringList{"web", "127.0.0.1", "--keepalive"} << "/skydns/local/skydns/web" << R"({"host":"127.0.0.1"})"
            << qlonglong(skydns::discovery::kDefaultKeepaliveTtl) << true;
        QTest::newRow("keepalive keeps given ttl")
            << QStringList{"web", "127.0.0.1", "--keepalive", "--ttl", "3"} << "/skydns/local/skydns/web"
            << R"({"host":"127.0.0.1"})" << 3LL << true;
        QTest::newRow("missing host") << QStringList{"web"} << "" << "" << 0LL << false;
        QTest::newRow("extra positional") << QStringList{"web", "1.2.3.4", "x"} << "" << "" << 0LL << false;
        QTest::newRow("ttl zero") << QStringList{"web", "1.2.3.4", "--ttl", "0"} << "" << "" << 0LL << false;
        QTest::newRow("ttl not a number") << QStringList{"web", "1.2.3.4", "--ttl", "soon"} << "" << "" << 0LL << false;
        QTest::newRow("ttl missing value") << QStringList{"web", "1.2.3.4", "--ttl"} << "" << "" << 0LL << false;
        QTest::newRow("priority too big") << QStringList{"web", "1.2.3.4", "--priority", "70000"} << "" << "" << 0LL << false;
        QTest::newRow("unknown option") << QStringList{"web", "1.2.3.4", "--colour", "red"} << "" << "" << 0LL << false;
        QTest::newRow("mail takes no value") << QStringList{"web", "1.2.3.4", "--mail=yes"} << "" << "" << 0LL << false;
        QTest::newRow("wildcard name") << QStringList{"*.dev", "1.2.3.4"} << "" << "" << 0LL << false;
        QTest::newRow("name outside domain") << QStringList{"web.example.com.", "1.2.3.4"} << "" << "" << 0LL << false;
        QTest::newRow("bad host") << QStringList{"web", "1.2.3.999"} << "" << "" << 0LL << false;
    }

    void arguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, key);
        QFETCH(QString, json);
        QFETCH(qlonglong, ttl);
        QFETCH(bool, keepalive);
        const auto parse = parseRegisterArguments(args, "skydns.local.", "skydns");
        if (key.isEmpty()) {
            QVERIFY(!parse.registration);
            QVERIFY(!parse.error.isEmpty());
            return;
        }
        QVERIFY2(parse.registration, qPrintable(parse.error));
        QCOMPARE(QString::fromStdString(parse.registration->key), key);
        QCOMPARE(QString::fromStdString(parse.registration->json()), json);
        QCOMPARE(qlonglong(parse.registration->ttlSeconds), ttl);
        QCOMPARE(parse.registration->keepalive, keepalive);
    }

    void otherPrefix()
    {
        const auto parse = parseRegisterArguments({"web", "10.0.0.1"}, "example.test.", "dns");
        QVERIFY(parse.registration);
        QCOMPARE(QString::fromStdString(parse.registration->key), QStringLiteral("/dns/test/example/web"));
        QCOMPARE(QString::fromStdString(parse.registration->name), QStringLiteral("web.example.test."));
    }

    void keepaliveInterval()
    {
        QCOMPARE(skydns::discovery::keepaliveIntervalMs(30), 10000);
        QCOMPARE(skydns::discovery::keepaliveIntervalMs(1), 1000); // never faster than once a second
        QCOMPARE(skydns::discovery::keepaliveIntervalMs(10), 3333);
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
