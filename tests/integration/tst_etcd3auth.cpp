// Etcd3Client with etcd v3 authentication (issue 8: token from /v3/auth/authenticate, sent as
// "Authorization: <token>", fetched again when etcd no longer knows it) against a private etcd whose
// auth is switched on through the gateway: root user, root role, /v3/auth/enable.
#include "backend/etcd3client.h"
#include "etcdserver.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using namespace skydns::backend;
using namespace std::chrono_literals;

namespace {

const char *const kPassword = "v3 s3cret:wörd";

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TstEtcd3Auth final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<skydns::test::EtcdServer> m_server;
    QNetworkAccessManager m_network;

    // adminPost sends JSON to the gateway's auth admin calls (the client has no user management);
    // returns the HTTP status and fills *body.
    int adminPost(const QString &path, const QJsonObject &json, QByteArray *body)
    {
        QNetworkRequest request(QUrl(m_server->clientUrl() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = m_network.post(request, QJsonDocument(json).toJson(QJsonDocument::Compact));
        return skydns::test::finishReply(reply, body);
    }

    EtcdOptions options(const std::string &user, const std::string &password) const
    {
        EtcdOptions o;
        o.machines = {m_server->clientUrl().toStdString()};
        o.username = user;
        o.password = password;
        return o;
    }

    // waitUntil retries put until it works (etcd just started) or 10 s passed.
    static Etcd3Result putWhenReady(Etcd3Client &client, const std::string &key, const std::string &value)
    {
        Etcd3Result result;
        for (int i = 0; i < 100 && !(result = client.put(key, value)).ok(); ++i)
            QTest::qWait(100);
        return result;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<skydns::test::EtcdServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        Etcd3Client anonymous(options({}, {}));
        const Etcd3Result ready = putWhenReady(anonymous, "/auth3/key", "before auth");
        QVERIFY2(ready.ok(), ready.message.c_str());

        QByteArray body;
        QCOMPARE(adminPost("/v3/auth/user/add", {{"name", "root"}, {"password", QString::fromUtf8(kPassword)}}, &body), 200);
        QCOMPARE(adminPost("/v3/auth/user/grant", {{"user", "root"}, {"role", "root"}}, &body), 200);
        const int status = adminPost("/v3/auth/enable", {}, &body);
        QVERIFY2(status == 200, body.constData());
    }

    void rightPasswordWorks()
    {
        Etcd3Client client(options("root", kPassword));
        const Etcd3Result put = client.put("/auth3/key", "with auth");
        QVERIFY2(put.ok(), put.message.c_str());
        const Etcd3Result range = client.rangePrefix("/auth3");
        QVERIFY2(range.ok(), range.message.c_str());
        QCOMPARE(range.kvs.at(0).value, std::string("with auth"));
        const Etcd3Result cas = client.compareAndSwap("/auth3/key", "swapped", put.revision);
        QVERIFY2(cas.ok() && cas.succeeded, cas.message.c_str());
        const Etcd3Result lease = client.leaseGrant(10);
        QVERIFY2(lease.ok(), lease.message.c_str());

        // The watch stream carries the token too.
        std::vector<Etcd3Event> events;
        const Etcd3Result watch = client.watch(
            "/auth3/key", {}, put.revision,
            [&](const Etcd3WatchBatch &batch) {
                events.insert(events.end(), batch.events.begin(), batch.events.end());
                return events.size() < 2;
            },
            10s);
        QVERIFY2(watch.ok(), watch.message.c_str());
        QCOMPARE(events.at(1).kv.value, std::string("swapped"));
    }

    void wrongPasswordIsRefused()
    {
        Etcd3Client client(options("root", "wrong"));
        const Etcd3Result r = client.range("/auth3/key");
        QCOMPARE(r.kind, Etcd3Result::Kind::EtcdError);
        QVERIFY2(contains(r.message, "authentication failed") && contains(r.message, "root")
                     && contains(r.message, m_server->clientUrl().toStdString()),
                 r.message.c_str());
        qInfo("wrong password: %s", r.message.c_str());
        QCOMPARE(client.authenticate().kind, Etcd3Result::Kind::EtcdError);
        const Etcd3Result watch = client.watch("/auth3/key", {}, 0, [](const Etcd3WatchBatch &) { return true; }, 2s);
        QCOMPARE(watch.kind, Etcd3Result::Kind::EtcdError);
    }

    void noCredentialsIsRefused()
    {
        Etcd3Client client(options({}, {}));
        const Etcd3Result r = client.put("/auth3/key", "anonymous");
        QCOMPARE(r.kind, Etcd3Result::Kind::EtcdError);
        QVERIFY2(contains(r.message, "user name is empty"), r.message.c_str());
        qInfo("no credentials: %s", r.message.c_str());
    }

    void tokenFetchedAgainAfterRestart()
    {
        // Simple tokens live in etcd's memory: after a restart the old one is unknown and the
        // client must authenticate again by itself.
        Etcd3Client client(options("root", kPassword));
        QVERIFY(client.authenticate().ok());
        QVERIFY(client.put("/auth3/restart", "1").ok());
        m_server->stop();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        const Etcd3Result put = putWhenReady(client, "/auth3/restart", "2");
        QVERIFY2(put.ok(), put.message.c_str());
        const Etcd3Result range = client.range("/auth3/restart");
        QVERIFY2(range.ok(), range.message.c_str());
        QCOMPARE(range.kvs.at(0).value, std::string("2"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TstEtcd3Auth)
#include "tst_etcd3auth.moc"
