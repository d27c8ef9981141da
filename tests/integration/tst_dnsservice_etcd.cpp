// skydns against a private etcd that the test stops and restarts (DESIGN principle 1: etcd is not
// on the query path), and systemd socket activation (spec 11) with sockets inherited from a helper.
#include "servicetestutil.h"

#include <QRegularExpression>

#include <csignal>

using namespace skydns;
using namespace skydns::test;

class TstDnsServiceEtcd final : public QObject
{
    Q_OBJECT
private slots:
    void etcdDownThenUp();
    void systemdSocketActivation();
};

namespace {

double metric(quint16 port, const QString &name)
{
    const QString text = QString::fromUtf8(httpGet(port, QStringLiteral("/metrics")));
    const QRegularExpression re(QStringLiteral("^%1 (\\S+)$").arg(QRegularExpression::escape(name)),
                                QRegularExpression::MultilineOption);
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

QStringList addresses(quint16 port, const QString &name, quint16 id)
{
    return answerAddresses(parse(udpExchange(port, makeQuery(id, name, 1))), dns::kTypeA);
}

} // namespace

void TstDnsServiceEtcd::etcdDownThenUp()
{
    EtcdServer etcd;
    QString error;
    QVERIFY2(etcd.start(&error), qPrintable(error));
    QVERIFY(curlPut(etcd.clientUrl(), QStringLiteral("/skydns/config"), QStringLiteral(R"({"ttl":42})")));
    for (int i = 1; i <= 20; ++i)
        QVERIFY(curlPut(etcd.clientUrl(), QStringLiteral("/skydns/local/skydns/n%1/a").arg(i),
                        QStringLiteral("{\"host\":\"10.5.0.%1\"}").arg(i)));
    const quint16 metricsPort = EtcdServer::freePort();
    Skydns s;
    QVERIFY2(s.start({"-machines", etcd.clientUrl(), "-nameservers", "127.0.0.1:1"},
                     {{"PROMETHEUS_PORT", QString::number(metricsPort)}}),
             qPrintable(s.log()));
    QCOMPARE(addresses(s.port(), "n1.skydns.local", 1), QStringList{"10.5.0.1"});
    QCOMPARE(metric(metricsPort, "skydns_skydns_etcd_connected"), 1.0);

    etcd.stop();
    QTRY_COMPARE_WITH_TIMEOUT(metric(metricsPort, "skydns_skydns_etcd_connected"), 0.0, 15000);
    // Every name still answers from the mirror, including ones never asked before (not cached).
    for (int i = 1; i <= 20; ++i)
        QCOMPARE(addresses(s.port(), QStringLiteral("n%1.skydns.local").arg(i), quint16(i)),
                 QStringList{QStringLiteral("10.5.0.%1").arg(i)});
    QCOMPARE(dig(s.port(), {"+short", "A", "n7.skydns.local"}), QStringList{"10.5.0.7"});
    QVERIFY(metric(metricsPort, "skydns_skydns_mirror_stale_seconds") > 0);
    // A reload while etcd is away keeps the settings etcd gave (ttl 42), instead of the flags'.
    ::kill(pid_t(s.pid()), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(s.log().contains(QLatin1String("keeping the running configuration")), 15000);
    const dns::Message afterHup = parse(udpExchange(s.port(), makeQuery(55, "n3.skydns.local", 1)));
    QCOMPARE(int(afterHup.answer.size()), 1);
    QCOMPARE(int(afterHup.answer[0].ttl), 42);

    QVERIFY2(etcd.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(metric(metricsPort, "skydns_skydns_etcd_connected"), 1.0, 15000);
    QVERIFY(curlPut(etcd.clientUrl(), QStringLiteral("/skydns/local/skydns/n1/a"), QStringLiteral("{\"host\":\"10.5.1.1\"}")));
    QTRY_COMPARE_WITH_TIMEOUT(addresses(s.port(), "n1.skydns.local", 99), QStringList{"10.5.1.1"}, 10000);
    QVERIFY(s.running());
}

void TstDnsServiceEtcd::systemdSocketActivation()
{
    EtcdServer etcd;
    QString error;
    QVERIFY2(etcd.start(&error), qPrintable(error));
    QVERIFY(curlPut(etcd.clientUrl(), QStringLiteral("/skydns/local/skydns/sd/a"), QStringLiteral("{\"host\":\"10.4.0.1\"}")));
    // The helper plays systemd: it binds the sockets, puts them on descriptors 3 and 4, sets
    // LISTEN_PID to its own pid and LISTEN_FDS=2, and execs skydns (same pid).
    const quint16 port = EtcdServer::freePort();
    const QString helper = QStringLiteral(R"(
import os, socket, sys
port = int(sys.argv[1])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", port))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("127.0.0.1", port)); t.listen(16)
os.dup2(u.fileno(), 3); os.dup2(t.fileno(), 4)
os.set_inheritable(3, True); os.set_inheritable(4, True)
os.environ["LISTEN_PID"] = str(os.getpid()); os.environ["LISTEN_FDS"] = "2"
os.execv(sys.argv[2], [sys.argv[2]] + sys.argv[3:])
)");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PROMETHEUS_PORT"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("python3"), {"-c", helper, QString::number(port), QStringLiteral(SKYDNS_BIN), "-systemd",
                                        "-machines", etcd.clientUrl(), "-nameservers", "127.0.0.1:1"});
    QVERIFY(p.waitForStarted());
    QString log;
    QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(p.readAllStandardError())).contains("ready for queries"), 15000);
    QVERIFY2(log.contains(QLatin1String("systemd sockets")), qPrintable(log));
    QCOMPARE(addresses(port, "sd.skydns.local", 5), QStringList{"10.4.0.1"});
    QCOMPARE(int(parse(tcpExchange(port, makeQuery(6, "sd.skydns.local", 1))).answer.size()), 1);
    p.terminate();
    QVERIFY(p.waitForFinished(5000));

    // -systemd without sockets is an error (spec 11).
    QProcess none;
    none.setProcessEnvironment(env);
    none.start(QStringLiteral(SKYDNS_BIN), {"-systemd", "-machines", etcd.clientUrl(), "-nameservers", "127.0.0.1:1"});
    QVERIFY(none.waitForFinished(15000));
    QCOMPARE(none.exitCode(), 1);
    QVERIFY(QString::fromUtf8(none.readAllStandardError()).contains(QLatin1String("systemd socket activation")));
}

QTEST_GUILESS_MAIN(TstDnsServiceEtcd)
#include "tst_dnsservice_etcd.moc"
