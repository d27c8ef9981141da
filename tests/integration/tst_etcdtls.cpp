// EtcdClient over TLS (spec 2.5: -ca-cert, -tls-pem, -tls-key): a private etcd that requires client
// certificates, with a CA and certificates made by the openssl command line for this run only.
#include "backend/etcdclient.h"
#include "etcdserver.h"
#include "testcertificates.h"

#include <QTest>

using namespace skydns::backend;

namespace {

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TstEtcdTls final : public QObject
{
    Q_OBJECT

private:
    skydns::test::TlsEtcdServer m_tls;

    QString path(const QString &name) const { return m_tls.path(name); }
    EtcdOptions options(bool clientCert) const { return m_tls.clientOptions(clientCert); }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_tls.start(&error), qPrintable(error));
        skydns::test::TestCertificates &certs = m_tls.certificates();
        QVERIFY2(certs.makeCa("otherca", &error), qPrintable(error));
        QVERIFY2(certs.makeCertificate("stranger", "otherca", "extendedKeyUsage=clientAuth\n", &error), qPrintable(error));
    }

    void clientCertificateWorks()
    {
        EtcdClient client(options(true));
        EtcdResult r;
        for (int i = 0; i < 50 && !(r = client.set("/tls/key", "secret value")).ok(); ++i)
            QTest::qWait(100); // the member elects itself first
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.machine, m_tls.clientUrl().toStdString());
        const EtcdResult get = client.get("/tls/key");
        QVERIFY2(get.ok(), get.message.c_str());
        QCOMPARE(get.node.value, std::string("secret value"));
    }

    void withoutClientCertificateFails()
    {
        EtcdClient client(options(false));
        const EtcdResult r = client.get("/tls/key");
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        QVERIFY2(contains(r.message, m_tls.clientUrl().toStdString()), r.message.c_str());
        // TLS 1.3 reports the refusal as an alert on the first read: "certificate required".
        QVERIFY2(contains(r.message, "TLS: ") && contains(r.message, "certificate"), r.message.c_str());
        qInfo("without client certificate: %s", r.message.c_str());
    }

    void certificateFromAnotherCaFails()
    {
        EtcdOptions o = options(true);
        o.tlsCert = path("stranger.pem").toStdString();
        o.tlsKey = path("stranger.key").toStdString();
        EtcdClient client(o);
        const EtcdResult r = client.get("/tls/key");
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        // Either the alert or a reset arrives first, depending on timing: only the outcome is stable.
        QVERIFY2(contains(r.message, m_tls.clientUrl().toStdString()), r.message.c_str());
        qInfo("client certificate from another CA: %s", r.message.c_str());
    }

    void serverNotTrustedFails()
    {
        EtcdOptions o = options(true);
        o.caCert = path("otherca.pem").toStdString();
        EtcdClient client(o);
        const EtcdResult r = client.get("/tls/key");
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        QVERIFY2(contains(r.message, "certificate verify failed"), r.message.c_str());
        qInfo("server not trusted: %s", r.message.c_str());
    }

    void missingCaFileIsNamed()
    {
        EtcdOptions o = options(true);
        o.caCert = path("does-not-exist.pem").toStdString();
        EtcdClient client(o);
        const EtcdResult r = client.get("/tls/key");
        QCOMPARE(r.kind, EtcdResult::Kind::Unavailable);
        QVERIFY2(contains(r.message, "cannot read CA file") && contains(r.message, "does-not-exist.pem"),
                 r.message.c_str());
    }

    void plainHttpToTlsServerFails()
    {
        EtcdOptions o = options(true);
        QString url = m_tls.clientUrl();
        url.replace("https://", "http://");
        o.machines = {url.toStdString()};
        EtcdClient client(o);
        const EtcdResult r = client.get("/tls/key");
        QVERIFY2(!r.ok(), r.message.c_str());
        qInfo("plain HTTP to a TLS port: %s", r.message.c_str());
    }

    void cleanupTestCase() { m_tls.stop(); }
};

QTEST_GUILESS_MAIN(TstEtcdTls)
#include "tst_etcdtls.moc"
