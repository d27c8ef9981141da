#include "testcertificates.h"

#include <QFile>
#include <QProcess>

namespace skydns::test {

bool TestCertificates::openssl(const QStringList &args, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *error = QStringLiteral("openssl ") + args.join(QLatin1Char(' ')) + QStringLiteral(": ")
            + QString::fromUtf8(process.readAll());
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(const QString &name, QString *error)
{
    return openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + name},
                   error);
}

bool TestCertificates::makeCertificate(const QString &name, const QString &ca, const QString &extensions,
                                       QString *error)
{
    QFile ext(path(name + ".ext"));
    if (!ext.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(ext.fileName());
        return false;
    }
    ext.write(extensions.toUtf8());
    ext.close();
    return openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name},
                   error)
        && openssl({"x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                    "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext"},
                   error);
}

bool TestCertificates::makeEtcdSet(QString *error)
{
    return makeCa(QStringLiteral("ca"), error)
        && makeCertificate(QStringLiteral("server"), QStringLiteral("ca"),
                           QStringLiteral("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n"),
                           error)
        && makeCertificate(QStringLiteral("client"), QStringLiteral("ca"),
                           QStringLiteral("extendedKeyUsage=clientAuth\n"), error);
}

EtcdServer::Options TestCertificates::etcdServerOptions() const
{
    EtcdServer::Options options;
    options.scheme = QStringLiteral("https");
    options.certFile = path(QStringLiteral("server.pem"));
    options.keyFile = path(QStringLiteral("server.key"));
    options.trustedCaFile = path(QStringLiteral("ca.pem"));
    options.clientCertAuth = true;
    return options;
}

backend::EtcdOptions TestCertificates::etcdClientOptions(const QString &clientUrl, bool clientCertificate) const
{
    backend::EtcdOptions options;
    options.machines = {clientUrl.toStdString()};
    options.caCert = path(QStringLiteral("ca.pem")).toStdString();
    if (clientCertificate) {
        options.tlsCert = path(QStringLiteral("client.pem")).toStdString();
        options.tlsKey = path(QStringLiteral("client.key")).toStdString();
    }
    options.requestTimeout = std::chrono::milliseconds(3000);
    return options;
}

bool TlsEtcdServer::start(QString *error)
{
    if (!m_certs.isValid()) {
        *error = QStringLiteral("cannot make a temporary directory for the certificates");
        return false;
    }
    if (!m_certs.makeEtcdSet(error))
        return false;
    m_server = std::make_unique<EtcdServer>(m_certs.etcdServerOptions());
    if (!m_server->start(error))
        return false;
    // A plain-HTTP server would make every TLS assertion meaningless: refuse it here.
    if (!m_server->clientUrl().startsWith(QStringLiteral("https://"))) {
        *error = QStringLiteral("etcd did not start on https: %1").arg(m_server->clientUrl());
        return false;
    }
    return true;
}

QString TlsEtcdServer::clientUrl() const
{
    return m_server ? m_server->clientUrl() : QString();
}

backend::EtcdOptions TlsEtcdServer::clientOptions(bool clientCertificate) const
{
    return m_certs.etcdClientOptions(clientUrl(), clientCertificate);
}

} // namespace skydns::test
