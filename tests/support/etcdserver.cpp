#include "etcdserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace skydns::test {

QString etcdBinary()
{
    const QString bin = qEnvironmentVariable("SKYDNS_ETCD_BIN");
    return bin.isEmpty() ? QStringLiteral("etcd") : bin;
}

QString sharedEtcdEndpoint()
{
    QFile file(qEnvironmentVariable("SKYDNS_TEST_ETCD_ENDPOINT_FILE"));
    if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

int finishReply(QNetworkReply *reply, QByteArray *body, int timeoutMs)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    *body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

quint16 EtcdServer::freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

EtcdServer::EtcdServer() : EtcdServer(Options{}) {}

EtcdServer::EtcdServer(Options options) : m_options(std::move(options))
{
    m_clientPort = freePort();
    do {
        m_peerPort = freePort();
    } while (m_peerPort == m_clientPort);
    m_initialCluster = QStringLiteral("%1=%2").arg(m_options.name, peerUrl());
}

EtcdServer::~EtcdServer()
{
    kill();
}

QString EtcdServer::clientUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(m_options.scheme).arg(m_clientPort);
}

QString EtcdServer::peerUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_peerPort);
}

QString EtcdServer::dataDir() const
{
    return m_dir.path() + QStringLiteral("/data");
}

QString EtcdServer::log() const
{
    if (m_process)
        const_cast<EtcdServer *>(this)->m_log += QString::fromUtf8(m_process->readAll());
    return m_log;
}

void EtcdServer::setInitialCluster(const QString &initialCluster, const QString &state)
{
    m_initialCluster = initialCluster;
    m_clusterState = state;
}

bool EtcdServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool EtcdServer::start(QString *error)
{
    if (isRunning())
        return true;
    QStringList args{
        QStringLiteral("--name"), m_options.name,
        QStringLiteral("--data-dir"), dataDir(),
        QStringLiteral("--enable-v2=true"),
        QStringLiteral("--listen-client-urls"), clientUrl(),
        QStringLiteral("--advertise-client-urls"), clientUrl(),
        QStringLiteral("--listen-peer-urls"), peerUrl(),
        QStringLiteral("--initial-advertise-peer-urls"), peerUrl(),
        QStringLiteral("--initial-cluster"), m_initialCluster,
        QStringLiteral("--initial-cluster-state"), m_clusterState,
        QStringLiteral("--initial-cluster-token"), QStringLiteral("skydns-test"),
    };
    if (m_options.scheme == QLatin1String("https")) {
        args << QStringLiteral("--cert-file") << m_options.certFile << QStringLiteral("--key-file")
             << m_options.keyFile;
        if (!m_options.trustedCaFile.isEmpty())
            args << QStringLiteral("--trusted-ca-file") << m_options.trustedCaFile;
        if (m_options.clientCertAuth)
            args << QStringLiteral("--client-cert-auth");
    }
    args << m_options.extraArgs;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(etcdBinary(), args);
    if (!m_process->waitForStarted(5000)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(etcdBinary(), m_process->errorString());
        return false;
    }
    // A cluster member only serves once a quorum is up, so "accepts TCP" is what we wait for here;
    // callers that need a leader poll with their client.
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_clientPort);
        if (socket.waitForConnected(200)) {
            m_process->waitForReadyRead(50);
            log();
            return true;
        }
        QThread::msleep(50);
    }
    if (error)
        *error = QStringLiteral("etcd did not start on %1; log:\n%2").arg(clientUrl(), log());
    return false;
}

void EtcdServer::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000))
        kill();
    log();
}

void EtcdServer::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    log();
}

EtcdCluster::EtcdCluster(int members)
{
    QStringList initial;
    for (int i = 0; i < members; ++i) {
        EtcdServer::Options options;
        options.name = QStringLiteral("m%1").arg(i);
        m_members.push_back(std::make_unique<EtcdServer>(options));
        initial << QStringLiteral("%1=%2").arg(options.name, m_members.back()->peerUrl());
    }
    for (auto &member : m_members)
        member->setInitialCluster(initial.join(QLatin1Char(',')), QStringLiteral("new"));
}

bool EtcdCluster::start(QString *error)
{
    for (auto &member : m_members) {
        if (!member->start(error))
            return false;
    }
    return true;
}

QStringList EtcdCluster::clientUrls() const
{
    QStringList urls;
    for (const auto &member : m_members)
        urls << member->clientUrl();
    return urls;
}

} // namespace skydns::test
