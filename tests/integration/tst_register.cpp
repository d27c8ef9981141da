// `skydns register / unregister / list` against the real etcd (v2 and v3 API) and answered by a
// running skydns. The key and value must be what a user would write by hand (SKYDNS-BEHAVIOUR.md
// 2.1), TTLs must expire (spec 2.3: the etcd TTL), and a keepalive must hold the key until it is
// interrupted (then remove it) or killed (then let it expire).
#include "servicetestutil.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"

#include <QRandomGenerator>
#include <QTest>

#include <csignal>

using namespace skydns;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

backend::EtcdOptions fixtureOptions()
{
    backend::EtcdOptions options;
    options.machines = {test::sharedEtcdEndpoint().toStdString()};
    return options;
}

} // namespace

class TestRegister : public QObject
{
    Q_OBJECT

private:
    QString m_endpoint;

    // base is the flag set every command of a row gets: the fixture etcd, the API and a prefix of
    // the row's own so rows and other tests never see each other's keys.
    QStringList base(bool v3, const QString &prefix) const
    {
        QStringList args{"-machines", m_endpoint, "-path-prefix", prefix};
        if (v3)
            args << "-etcd3";
        return args;
    }

    static QString uniquePrefix(const char *what)
    {
        return QStringLiteral("reg%1%2").arg(QLatin1String(what)).arg(QRandomGenerator::global()->generate() % 1000000);
    }

    static QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_")))
                env.remove(name);
        }
        return env;
    }

    Run run(const QString &command, const QStringList &flags, const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(cleanEnvironment());
        p.start(QStringLiteral(SKYDNS_BIN), QStringList{command} + flags + args);
        Run r;
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished();
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // value reads key through the API under test; nullopt when it does not exist.
    std::optional<std::string> value(bool v3, const std::string &key, std::int64_t *ttl = nullptr)
    {
        if (v3) {
            backend::Etcd3Client client(fixtureOptions());
            const backend::Etcd3Result r = client.range(key);
            if (!r.ok() || r.kvs.empty())
                return std::nullopt;
            if (ttl) {
                *ttl = 0;
                if (r.kvs.front().lease != 0)
                    *ttl = client.leaseTimeToLive(r.kvs.front().lease).ttl;
            }
            return r.kvs.front().value;
        }
        backend::EtcdClient client(fixtureOptions());
        const backend::EtcdResult r = client.get(key);
        if (!r.ok())
            return std::nullopt;
        if (ttl)
            *ttl = r.node.ttl;
        return r.node.value;
    }

    bool waitGone(bool v3, const std::string &key, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (!value(v3, key))
                return true;
            QTest::qWait(200);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_endpoint = test::sharedEtcdEndpoint();
        QVERIFY2(!m_endpoint.isEmpty(), "needs the CTest etcd fixture");
    }

    void api_data()
    {
        QTest::addColumn<bool>("v3");
        QTest::newRow("etcd v2") << false;
        QTest::newRow("etcd v3") << true;
    }

    // spec 2.1: the key is the reversed name under the prefix and the value SkyDNS's JSON.
    void registerListUnregister_data() { api_data(); }
    void registerListUnregister()
    {
        QFETCH(bool, v3);
        const QString prefix = uniquePrefix("rlu");
        const std::string key = "/" + prefix.toStdString() + "/local/skydns/dev/web";
        Run r = run("register", base(v3, prefix), {"web.dev", "127.0.0.7:8080", "--priority", "5", "--text", "hello"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("web.dev.skydns.local.")), qPrintable(r.out));
        QCOMPARE(QString::fromStdString(value(v3, key).value_or("<missing>")),
                 QStringLiteral(R"({"host":"127.0.0.7","port":8080,"priority":5,"text":"hello"})"));

        r = run("register", base(v3, prefix), {"db.dev", "[::1]:5432"});
        QCOMPARE(r.exitCode, 0);
        r = run("list", base(v3, prefix), {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header + two services, sorted by key
        QVERIFY2(lines.at(1).startsWith(QLatin1String("db.dev.skydns.local.")) && lines.at(1).contains("::1")
                     && lines.at(1).contains("5432"),
                 qPrintable(r.out));
        QVERIFY2(lines.at(2).startsWith(QLatin1String("web.dev.skydns.local.")) && lines.at(2).contains("hello"),
                 qPrintable(r.out));
        r = run("list", base(v3, prefix), {"web.dev"});
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);

        r = run("unregister", base(v3, prefix), {"web.dev"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!value(v3, key));
        r = run("unregister", base(v3, prefix), {"web.dev"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("not registered")), qPrintable(r.err));

        // A name with services below it is only removed with --recursive.
        r = run("unregister", base(v3, prefix), {"dev"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("--recursive")), qPrintable(r.err));
        QVERIFY(value(v3, "/" + prefix.toStdString() + "/local/skydns/dev/db"));
        r = run("unregister", base(v3, prefix), {"dev", "--recursive"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!value(v3, "/" + prefix.toStdString() + "/local/skydns/dev/db"));
    }

    // spec 2.3: a key with an etcd TTL disappears when it expires.
    void ttlExpires_data() { api_data(); }
    void ttlExpires()
    {
        QFETCH(bool, v3);
        const QString prefix = uniquePrefix("ttl");
        const std::string key = "/" + prefix.toStdString() + "/local/skydns/tmp";
        const Run r = run("register", base(v3, prefix), {"tmp", "10.1.1.1", "--ttl", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        std::int64_t ttl = 0;
        QVERIFY(value(v3, key, &ttl));
        QVERIFY2(ttl > 0 && ttl <= 2, qPrintable(QString::number(ttl)));
        QVERIFY2(waitGone(v3, key, 6000), "the key must expire");
    }

    // --keepalive holds a short-TTL key past its TTL; SIGTERM removes it at once; SIGKILL lets it expire.
    void keepalive_data() { api_data(); }
    void keepalive()
    {
        QFETCH(bool, v3);
        const QString prefix = uniquePrefix("ka");
        const std::string key = "/" + prefix.toStdString() + "/local/skydns/live";
        for (const int signal : {SIGTERM, SIGKILL}) {
            QProcess p;
            p.setProcessEnvironment(cleanEnvironment());
            p.start(QStringLiteral(SKYDNS_BIN), QStringList{"register"} + base(v3, prefix)
                                                    + QStringList{"live", "10.2.2.2:80", "--ttl", "2", "--keepalive"});
            QVERIFY(p.waitForStarted());
            QElapsedTimer t;
            t.start();
            while (!value(v3, key) && t.elapsed() < 10000)
                QTest::qWait(100);
            QVERIFY2(value(v3, key), qPrintable(QString::fromUtf8(p.readAllStandardError())));
            QTest::qWait(4500); // more than twice the TTL
            QVERIFY2(value(v3, key), "keepalive must refresh the key");
            QCOMPARE(p.state(), QProcess::Running);
            ::kill(pid_t(p.processId()), signal);
            QVERIFY(p.waitForFinished(10000));
            if (signal == SIGTERM) {
                QCOMPARE(p.exitCode(), 0);
                QVERIFY2(!value(v3, key), "an interrupted keepalive removes its key");
                QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(QLatin1String("unregistered")));
            } else {
                QVERIFY2(waitGone(v3, key, 6000), "a killed keepalive's key must expire");
            }
        }
    }

    // The service answers what register wrote (v2: the mirror; v3 once the service reads v3).
    void servedBySkydns()
    {
        const QString prefix = uniquePrefix("dns");
        test::Skydns skydns;
        QVERIFY2(skydns.start(base(false, prefix)), qPrintable(skydns.log()));
        const Run r = run("register", base(false, prefix), {"web.dev", "127.0.0.9:8443"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList a;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000) {
            a = test::dig(skydns.port(), {"+short", "web.dev.skydns.local.", "A"});
            if (!a.isEmpty())
                break;
            QTest::qWait(100);
        }
        QCOMPARE(a, QStringList{"127.0.0.9"});
        const QStringList srv = test::dig(skydns.port(), {"+short", "web.dev.skydns.local.", "SRV"});
        QCOMPARE(srv.size(), 1);
        QVERIFY2(srv.first().endsWith(QLatin1String(" 8443 web.dev.skydns.local.")), qPrintable(srv.first()));
        run("unregister", base(false, prefix), {"web.dev"});
        t.restart();
        while (t.elapsed() < 5000 && !test::dig(skydns.port(), {"+short", "web.dev.skydns.local.", "A"}).isEmpty())
            QTest::qWait(100);
        QVERIFY(test::dig(skydns.port(), {"+short", "web.dev.skydns.local.", "A"}).isEmpty());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("register without host") << "register" << QStringList{"web"} << 2 << "expected NAME HOST";
        QTest::newRow("register bad port") << "register" << QStringList{"web", "1.2.3.4:99999"} << 2 << "port";
        QTest::newRow("register outside domain") << "register" << QStringList{"a.example.com.", "1.2.3.4"} << 2
                                                 << "not below the served domain";
        QTest::newRow("unregister without name") << "unregister" << QStringList{} << 2 << "usage";
        QTest::newRow("unknown flag") << "register" << QStringList{"-nosuchflag", "web", "1.2.3.4"} << 2 << "nosuchflag";
    }

    void badInput()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = run(command, base(false, uniquePrefix("bad")), args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // Nothing listens on the port: a clear error and exit 1, never a hang or a crash.
    void etcdUnreachable()
    {
        const Run r = run("register", {"-machines", "http://127.0.0.1:1"}, {"web", "1.2.3.4"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("127.0.0.1:1")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestRegister)
#include "tst_register.moc"
