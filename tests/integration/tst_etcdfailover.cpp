// EtcdClient with several machines (spec 1.3 -machines, 2.5): fail-over past refused, silent and
// failing (HTTP 5xx) machines, a clear Unavailable when none answers, a machine killed while in
// use, and bodies that are not etcd's (Malformed, never an exception).
#include "backend/etcdclient.h"
#include "etcdserver.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

#include <QTcpSocket>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

using namespace skydns::backend;
using namespace std::chrono_literals;

namespace {

std::string closedPort()
{
    return "http://127.0.0.1:" + std::to_string(skydns::test::EtcdServer::freePort());
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

// FakeEtcd answers every request on a loopback port with one canned HTTP response, from its own
// thread (the client under test blocks the test's thread).
class FakeEtcd
{
public:
    explicit FakeEtcd(QByteArray response) : m_response(std::move(response))
    {
        std::promise<quint16> port;
        auto ready = port.get_future();
        m_thread = std::thread([this, p = std::move(port)]() mutable {
            QTcpServer server;
            server.listen(QHostAddress::LocalHost, 0);
            p.set_value(server.serverPort());
            while (!m_stop) {
                if (!server.waitForNewConnection(50))
                    continue;
                std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
                QByteArray request;
                while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                    request += socket->readAll();
                {
                    std::lock_guard lock(m_mutex);
                    m_lastRequest = request;
                }
                ++m_requests;
                socket->write(m_response);
                socket->waitForBytesWritten(2000);
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(500);
            }
        });
        m_url = "http://127.0.0.1:" + std::to_string(ready.get());
    }
    ~FakeEtcd()
    {
        m_stop = true;
        m_thread.join();
    }
    const std::string &url() const { return m_url; }
    int requests() const { return m_requests; }
    QByteArray lastRequest() const
    {
        std::lock_guard lock(m_mutex);
        return m_lastRequest;
    }

private:
    QByteArray m_response;
    std::string m_url;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    mutable std::mutex m_mutex;
    QByteArray m_lastRequest;
    std::thread m_thread;
};

QByteArray httpResponse(const QByteArray &status, const QByteArray &body)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

class TstEtcdFailover final : public QObject
{
    Q_OBJECT

private:
    std::string m_shared;

private slots:
    void initTestCase()
    {
        m_shared = skydns::test::sharedEtcdEndpoint().toStdString();
        QVERIFY2(!m_shared.empty(), "needs the etcd CTest fixture");
    }

    void refusedFirstMachineIsSkipped()
    {
        const std::string dead = closedPort();
        EtcdOptions options;
        options.machines = {dead, m_shared};
        EtcdClient client(options);
        QCOMPARE(client.activeMachine(), dead);
        QElapsedTimer timer;
        timer.start();
        const EtcdResult first = client.set("/tst_etcdfailover/refused", "x");
        QVERIFY2(first.ok(), first.message.c_str());
        QVERIFY2(timer.elapsed() < 1000, QByteArray::number(timer.elapsed()));
        QCOMPARE(first.machine, m_shared);
        QCOMPARE(client.activeMachine(), m_shared);
        // The list itself is unchanged (no discovery): fail-over only changes the order.
        QCOMPARE(client.machines(), (std::vector<std::string>{dead, m_shared}));
        const EtcdResult second = client.get("/tst_etcdfailover/refused");
        QVERIFY(second.ok());
        QCOMPARE(second.machine, m_shared);
    }

    void allDeadIsUnavailableQuickly()
    {
        const std::string a = closedPort();
        std::string b = closedPort();
        while (b == a)
            b = closedPort();
        EtcdOptions options;
        options.machines = {a, b};
        EtcdClient client(options);
        for (int round = 0; round < 3; ++round) { // also when both are in back-off: still tried
            QElapsedTimer timer;
            timer.start();
            const EtcdResult r = client.get("/anything");
            QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
            QVERIFY2(timer.elapsed() < 1000, QByteArray::number(timer.elapsed()));
            QVERIFY2(contains(r.message, a) && contains(r.message, b), r.message.c_str());
            QVERIFY2(contains(r.message, "/anything"), r.message.c_str());
            QVERIFY(r.message != "timeout");
        }
    }

    void noMachineConfigured()
    {
        EtcdOptions options;
        options.machines = {};
        EtcdClient client(options);
        const EtcdResult r = client.get("/x");
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        QCOMPARE(r.message, std::string("no etcd machine configured"));
        QVERIFY(client.machines().empty());
    }

    void silentMachineTimesOut()
    {
        // Listening but never answering: the kernel completes the TCP handshake, nobody replies.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const std::string hang = "http://127.0.0.1:" + std::to_string(silent.serverPort());
        EtcdOptions options;
        options.machines = {hang, m_shared};
        options.requestTimeout = 500ms;
        options.connectTimeout = 300ms;
        EtcdClient client(options);
        QElapsedTimer timer;
        timer.start();
        const EtcdResult r = client.set("/tst_etcdfailover/silent", "x");
        QVERIFY2(r.ok(), r.message.c_str());
        QVERIFY2(timer.elapsed() >= 450 && timer.elapsed() < 2000, QByteArray::number(timer.elapsed()));
        QCOMPARE(r.machine, m_shared);

        // A watch notices a silent machine after connectTimeout (no headers), not after maxWait.
        EtcdClient watcher(options);
        timer.restart();
        const EtcdResult event = watcher.watch("/tst_etcdfailover/silent", r.node.modifiedIndex, false, 20s);
        QVERIFY2(event.ok(), event.message.c_str());
        QVERIFY2(timer.elapsed() < 2000, QByteArray::number(timer.elapsed()));
        QCOMPARE(event.node.value, std::string("x"));
    }

    void serverErrorFailsOver()
    {
        // etcd answers 500 with errorCode 300 when raft fails (no leader): another member may work.
        FakeEtcd broken(httpResponse("500 Internal Server Error",
                                     R"({"errorCode":300,"message":"Raft Internal Error","cause":"etcdserver: request timed out","index":0})"));
        EtcdOptions options;
        options.machines = {broken.url(), m_shared};
        EtcdClient client(options);
        const EtcdResult r = client.get("/");
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.machine, m_shared);
        QCOMPARE(broken.requests(), 1);

        EtcdOptions alone;
        alone.machines = {broken.url()};
        EtcdClient lonely(alone);
        const EtcdResult failed = lonely.get("/");
        QCOMPARE(failed.kind, EtcdResult::Kind::Unavailable);
        QVERIFY2(contains(failed.message, "Raft Internal Error") && contains(failed.message, broken.url()),
                 failed.message.c_str());
    }

    void foreignBodiesAreMalformed_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("HTML page") << httpResponse("200 OK", "<html><body>hello</body></html>");
        QTest::newRow("truncated JSON") << httpResponse("200 OK", R"({"action":"get","node":{"key":)");
        QTest::newRow("404 text (v2 API off)") << httpResponse("404 Not Found", "404 page not found\n");
        QTest::newRow("wrong field types") << httpResponse("200 OK", R"({"action":"get","node":{"key":1}})");
    }

    void foreignBodiesAreMalformed()
    {
        QFETCH(QByteArray, response);
        FakeEtcd fake(response);
        EtcdOptions options;
        options.machines = {fake.url(), m_shared};
        EtcdClient client(options);
        const EtcdResult r = client.get("/x");
        // An answer that is not etcd's is reported, not failed over: the machine did answer.
        QCOMPARE(r.kind, EtcdResult::Kind::Malformed);
        QCOMPARE(r.machine, fake.url());
        QVERIFY2(contains(r.message, fake.url()) && contains(r.message, "/x"), r.message.c_str());
    }

    void proxyFromEnvironment()
    {
        // spec 2.5: SkyDNS's client honoured http_proxy. The "proxy" here answers by itself, so the
        // machine's name is never resolved and nothing leaves the loopback interface.
        FakeEtcd proxy(httpResponse("200 OK", R"({"action":"get","node":{"key":"/p","value":"via proxy"}})"));
        qputenv("http_proxy", QByteArray::fromStdString(proxy.url()));
        qunsetenv("HTTP_PROXY");
        qunsetenv("no_proxy");
        qunsetenv("NO_PROXY");
        EtcdOptions options;
        options.machines = {"http://etcd.skydns-test.invalid:2379"};
        EtcdClient client(options);
        const EtcdResult r = client.get("/p");
        qunsetenv("http_proxy");
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.node.value, std::string("via proxy"));
        QVERIFY2(proxy.lastRequest().startsWith("GET http://etcd.skydns-test.invalid:2379/v2/keys/p "),
                 proxy.lastRequest().constData());
    }

    void machineKilledMidTest()
    {
        skydns::test::EtcdServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const std::string priv = server.clientUrl().toStdString();
        EtcdOptions options;
        options.machines = {priv, m_shared};
        EtcdClient client(options);
        EtcdResult r;
        for (int i = 0; i < 50 && !(r = client.set("/tst_etcdfailover/kill", "private")).ok(); ++i)
            QTest::qWait(100); // a fresh member needs a moment to elect itself
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.machine, priv);

        server.kill();
        QElapsedTimer timer;
        timer.start();
        r = client.set("/tst_etcdfailover/kill", "shared");
        QVERIFY2(r.ok(), r.message.c_str());
        QVERIFY2(timer.elapsed() < 1500, QByteArray::number(timer.elapsed()));
        QCOMPARE(r.machine, m_shared);
        QCOMPARE(client.activeMachine(), m_shared);
    }

    void restartedMachineAnswersAtOnce()
    {
        // Pooled keep-alive connections die with the server; the first call after a restart must
        // not fail because of them.
        skydns::test::EtcdServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        EtcdOptions options;
        options.machines = {server.clientUrl().toStdString()};
        EtcdClient client(options);
        EtcdResult r;
        for (int i = 0; i < 50 && !(r = client.set("/restart/key", "before")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(r.ok(), r.message.c_str());
        QVERIFY(client.get("/restart/key").ok());

        server.stop();
        QVERIFY2(server.start(&error), qPrintable(error));
        for (int i = 0; i < 100 && !server.log().contains("ready to serve client requests"); ++i)
            QTest::qWait(100);
        const EtcdResult get = client.get("/restart/key");
        QVERIFY2(get.ok(), get.message.c_str());
        QCOMPARE(get.node.value, std::string("before"));
        const EtcdResult set = client.set("/restart/key", "after");
        QVERIFY2(set.ok(), set.message.c_str());
    }

    void watchedMachineKilled()
    {
        skydns::test::EtcdServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        EtcdOptions options;
        options.machines = {server.clientUrl().toStdString()};
        EtcdClient client(options);
        EtcdResult ready;
        for (int i = 0; i < 50 && !(ready = client.get("/")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(ready.ok(), ready.message.c_str());

        auto watch = std::async(std::launch::async, [&] { return client.watch("/w", 0, true, 30s); });
        QVERIFY(watch.wait_for(300ms) == std::future_status::timeout);
        QElapsedTimer timer;
        timer.start();
        server.kill();
        QVERIFY(watch.wait_for(5s) == std::future_status::ready);
        const EtcdResult r = watch.get();
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        QVERIFY2(r.message != "timeout", r.message.c_str());
        QVERIFY2(contains(r.message, options.machines[0]), r.message.c_str());
        QVERIFY2(timer.elapsed() < 3000, QByteArray::number(timer.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TstEtcdFailover)
#include "tst_etcdfailover.moc"
