#pragma once

#include "etcdserver.h"

#include "backend/etcdclient.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace skydns::test {

// TestCertificates is a throwaway PKI for TLS tests, made with the openssl command line in a
// temporary directory (no key is ever committed): EC P-256 keys, certificates valid for two days.
class TestCertificates
{
public:
    // isValid is false when the temporary directory could not be made.
    bool isValid() const { return m_dir.isValid(); }

    // path is the absolute path of a file in the directory, e.g. path("ca.pem").
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // makeCa writes <name>.key and a self-signed <name>.pem.
    bool makeCa(const QString &name, QString *error);

    // makeCertificate writes <name>.key and <name>.pem signed by the CA <ca>, with the given
    // openssl extension lines (e.g. "extendedKeyUsage=clientAuth\n").
    bool makeCertificate(const QString &name, const QString &ca, const QString &extensions, QString *error);

    // makeEtcdSet makes "ca", a "server" certificate for 127.0.0.1 and a "client" certificate.
    bool makeEtcdSet(QString *error);

    // etcdServerOptions are EtcdServer options for https with the "server" certificate that
    // require client certificates signed by "ca".
    EtcdServer::Options etcdServerOptions() const;

    // etcdClientOptions reach clientUrl trusting "ca", with the "client" certificate when
    // clientCertificate is set, and a 3 s request timeout.
    backend::EtcdOptions etcdClientOptions(const QString &clientUrl, bool clientCertificate) const;

private:
    bool openssl(const QStringList &args, QString *error);

    QTemporaryDir m_dir;
};

// TlsEtcdServer is the set-up the TLS tests share: a TestCertificates etcd set and a private etcd
// on https that requires client certificates signed by its "ca".
class TlsEtcdServer
{
public:
    // start makes the certificates and starts etcd; false with the reason in error when either fails
    // or the server's URL is not https.
    bool start(QString *error);

    // stop kills etcd; the certificates stay until the object goes.
    void stop() { m_server.reset(); }

    // certificates give access to the PKI, e.g. to make more certificates or CAs.
    TestCertificates &certificates() { return m_certs; }

    // path is the absolute path of a file in the certificates' directory, e.g. path("ca.pem").
    QString path(const QString &name) const { return m_certs.path(name); }

    // clientUrl is the server's https client URL (empty before start).
    QString clientUrl() const;

    // clientOptions are TestCertificates::etcdClientOptions for this server.
    backend::EtcdOptions clientOptions(bool clientCertificate) const;

private:
    TestCertificates m_certs;               // declared first: the server goes before its files
    std::unique_ptr<EtcdServer> m_server;
};

} // namespace skydns::test
