#pragma once

#include "etcdserver.h"

#include "backend/etcdclient.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

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

} // namespace skydns::test
