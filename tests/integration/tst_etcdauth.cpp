// EtcdClient with HTTP basic auth (spec 1.3/1.4/2.5: -username/-password, v2 only) against a private
// etcd whose v2 auth is switched on over the API: root user, auth enabled, guest role stripped.
#include "backend/etcdclient.h"
#include "etcdserver.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using namespace skydns::backend;

namespace {

const char *const kPassword = "s3cret:pass wörd"; // ':' and non-ASCII must survive basic auth

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TstEtcdAuth final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<skydns::test::EtcdServer> m_server;
    QNetworkAccessManager m_network;

    // adminPut sends a JSON PUT to etcd's v2 auth API (our client only speaks the keys API);
    // returns the HTTP status and fills *body.
    int adminPut(const QString &path, const QJsonObject &json, bool asRoot, QByteArray *body)
    {
        QNetworkRequest request(QUrl(m_server->clientUrl() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (asRoot)
            request.setRawHeader("Authorization", "Basic " + (QByteArray("root:") + kPassword).toBase64());
        QNetworkReply *reply = m_network.put(request, QJsonDocument(json).toJson(QJsonDocument::Compact));
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

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<skydns::test::EtcdServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        EtcdClient client(options({}, {}));
        EtcdResult ready;
        for (int i = 0; i < 50 && !(ready = client.set("/auth/key", "v")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(ready.ok(), ready.message.c_str());

        QByteArray body;
        int status = adminPut("/v2/auth/users/root", {{"user", "root"}, {"password", QString::fromUtf8(kPassword)}},
                              false, &body);
        QVERIFY2(status == 201 || status == 200, body.constData());
        status = adminPut("/v2/auth/enable", {}, false, &body);
        QVERIFY2(status == 200, body.constData());
        // With auth on, etcd v2 still lets the "guest" role read and write everything: take that away.
        const QJsonObject everything{{"read", QJsonArray{"/*"}}, {"write", QJsonArray{"/*"}}};
        status = adminPut("/v2/auth/roles/guest",
                          {{"role", "guest"}, {"revoke", QJsonObject{{"kv", everything}}}}, true, &body);
        QVERIFY2(status == 200, body.constData());
    }

    void rightPasswordWorks()
    {
        EtcdClient client(options("root", kPassword));
        const EtcdResult set = client.set("/auth/key", "with auth");
        QVERIFY2(set.ok(), set.message.c_str());
        const EtcdResult get = client.get("/auth/key");
        QVERIFY2(get.ok(), get.message.c_str());
        QCOMPARE(get.node.value, std::string("with auth"));
    }

    void wrongPasswordIsRefused()
    {
        EtcdClient client(options("root", "wrong"));
        const EtcdResult r = client.get("/auth/key");
        QCOMPARE(r.kind, EtcdResult::Kind::EtcdError);
        QCOMPARE(r.httpStatus, 401);
        QCOMPARE(r.errorCode, 110); // etcd v2 EcodeUnauthorized
        QVERIFY2(contains(r.message, "requires user authentication")
                     && contains(r.message, m_server->clientUrl().toStdString()),
                 r.message.c_str());
        qInfo("wrong password: %s", r.message.c_str());
    }

    void noCredentialsIsRefused()
    {
        EtcdClient client(options({}, {}));
        const EtcdResult r = client.set("/auth/key", "anonymous");
        QCOMPARE(r.kind, EtcdResult::Kind::EtcdError);
        QCOMPARE(r.httpStatus, 401);
        QCOMPARE(r.errorCode, 110);
        qInfo("no credentials: %s", r.message.c_str());
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TstEtcdAuth)
#include "tst_etcdauth.moc"
