// Offline tests of etcd request building (etcdrequest): key and form encoding, machine URLs and
// the proxy choice from the environment. No network.
#include "backend/etcdrequest.h"

#include <QTest>

#include <map>

using namespace skydns::backend;

class TstEtcdRequest final : public QObject
{
    Q_OBJECT

private slots:
    void encoding_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("plain") << QByteArray("/skydns/local/a") << QByteArray("/v2/keys/skydns/local/a");
        QTest::newRow("no leading slash") << QByteArray("a/b") << QByteArray("/v2/keys/a/b");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/v2/keys/");
        QTest::newRow("reserved characters") << QByteArray("/a b+c&d=e?f#g%h")
                                             << QByteArray("/v2/keys/a%20b%2Bc%26d%3De%3Ff%23g%25h");
        QTest::newRow("UTF-8 byte by byte") << QByteArray("/ü") << QByteArray("/v2/keys/%C3%BC");
        QTest::newRow("unreserved kept") << QByteArray("/A-z_0.9~") << QByteArray("/v2/keys/A-z_0.9~");
    }

    void encoding()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, target);
        QCOMPARE(QByteArray::fromStdString(keysTarget(key.toStdString())), target);
    }

    void queryAndForm()
    {
        QCOMPARE(keysTarget("/a", {{"recursive", "true"}, {"waitIndex", "12"}}),
                 std::string("/v2/keys/a?recursive=true&waitIndex=12"));
        QCOMPARE(encodeParams({{"value", "x&ttl=5 +ü"}, {"ttl", "30"}}),
                 std::string("value=x%26ttl%3D5%20%2B%C3%BC&ttl=30"));
        QCOMPARE(encodeParams({{"value", ""}}), std::string("value="));
    }

    void machineUrls_data()
    {
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QByteArray>("normalised");
        QTest::newRow("spec 1.3: default") << QByteArray("http://127.0.0.1:2379") << QByteArray("http://127.0.0.1:2379");
        QTest::newRow("trailing slash") << QByteArray("http://h:4001/") << QByteArray("http://h:4001");
        QTest::newRow("no scheme") << QByteArray("10.0.0.1:2379") << QByteArray("http://10.0.0.1:2379");
        QTest::newRow("https kept") << QByteArray(" https://h:2379 ") << QByteArray("https://h:2379");
    }

    void machineUrls()
    {
        QFETCH(QByteArray, given);
        QFETCH(QByteArray, normalised);
        QCOMPARE(QByteArray::fromStdString(normaliseMachine(given.toStdString())), normalised);
    }

    void proxies_data()
    {
        QTest::addColumn<QByteArray>("machine");
        QTest::addColumn<QByteArray>("environment"); // NAME=value;NAME=value
        QTest::addColumn<QByteArray>("proxy");
        QTest::newRow("spec 2.5: http proxy from the environment")
            << QByteArray("http://etcd.example.com:2379") << QByteArray("http_proxy=proxy:3128")
            << QByteArray("http://proxy:3128");
        QTest::newRow("upper case wins") << QByteArray("http://etcd:2379")
                                         << QByteArray("HTTP_PROXY=http://a:1;http_proxy=http://b:2")
                                         << QByteArray("http://a:1");
        QTest::newRow("https machine uses HTTPS_PROXY")
            << QByteArray("https://etcd:2379") << QByteArray("http_proxy=http://a:1;HTTPS_PROXY=http://s:3")
            << QByteArray("http://s:3");
        QTest::newRow("https machine without HTTPS_PROXY") << QByteArray("https://etcd:2379")
                                                           << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("loopback is never proxied") << QByteArray("http://127.0.0.1:2379")
                                                   << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("localhost is never proxied") << QByteArray("http://localhost:2379")
                                                    << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("IPv6 loopback") << QByteArray("http://[::1]:2379") << QByteArray("http_proxy=http://a:1")
                                       << QByteArray();
        QTest::newRow("no_proxy host") << QByteArray("http://etcd.local:2379")
                                       << QByteArray("http_proxy=http://a:1;no_proxy=x, etcd.local") << QByteArray();
        QTest::newRow("no_proxy domain matches subdomains")
            << QByteArray("http://e1.corp.example:2379") << QByteArray("http_proxy=http://a:1;NO_PROXY=.corp.example")
            << QByteArray();
        QTest::newRow("no_proxy domain without dot") << QByteArray("http://e1.corp.example:2379")
                                                     << QByteArray("http_proxy=http://a:1;NO_PROXY=corp.example")
                                                     << QByteArray();
        QTest::newRow("no_proxy suffix needs a label boundary")
            << QByteArray("http://mycorp.example:2379") << QByteArray("http_proxy=http://a:1;NO_PROXY=corp.example")
            << QByteArray("http://a:1");
        QTest::newRow("no_proxy star") << QByteArray("http://etcd:2379") << QByteArray("http_proxy=http://a:1;no_proxy=*")
                                       << QByteArray();
        QTest::newRow("no_proxy with port") << QByteArray("http://10.0.0.5:2379")
                                            << QByteArray("http_proxy=http://a:1;no_proxy=10.0.0.5:2379") << QByteArray();
        QTest::newRow("nothing set") << QByteArray("http://etcd:2379") << QByteArray() << QByteArray();
    }

    void proxies()
    {
        QFETCH(QByteArray, machine);
        QFETCH(QByteArray, environment);
        QFETCH(QByteArray, proxy);
        std::map<std::string, std::string> env;
        for (const QByteArray &pair : environment.split(';')) {
            const int eq = pair.indexOf('=');
            if (eq > 0)
                env[pair.left(eq).toStdString()] = pair.mid(eq + 1).toStdString();
        }
        const std::string got = proxyForMachine(machine.toStdString(), [&](const char *name) {
            const auto it = env.find(name);
            return it == env.end() ? std::string() : it->second;
        });
        QCOMPARE(QByteArray::fromStdString(got), proxy);
    }

    void hosts()
    {
        QCOMPARE(machineHost("http://Etcd.Example:2379/"), std::string("etcd.example"));
        QCOMPARE(machineHost("https://[::1]:2379"), std::string("::1"));
        QCOMPARE(machineHost("http://user:pw@host:1"), std::string("host"));
        QCOMPARE(machineHost("10.0.0.1"), std::string("10.0.0.1"));
    }
};

QTEST_APPLESS_MAIN(TstEtcdRequest)
#include "tst_etcdrequest.moc"
