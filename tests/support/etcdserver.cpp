#include "etcdserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QUdpSocket>
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

namespace {

// ephemeralRange is the kernel's range for automatically chosen local ports.
std::pair<int, int> ephemeralRange()
{
    QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (f.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> parts = f.readAll().simplified().split(' ');
        bool okLow = false, okHigh = false;
        const int low = parts.value(0).toInt(&okLow);
        const int high = parts.value(1).toInt(&okHigh);
        if (okLow && okHigh && low > 0 && high >= low)
            return {low, high};
    }
    return {32768, 60999};
}

// freeForBoth tells whether port can be bound on 127.0.0.1 for TCP and UDP (and on ::1 where there
// is one), without address sharing.
bool freeForBoth(quint16 port)
{
    for (const QHostAddress &address : {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}) {
        QTcpServer tcp;
        QUdpSocket udp;
        const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
        if (!tcp.listen(address, port))
            return v6 && tcp.serverError() != QAbstractSocket::AddressInUseError;
        if (!udp.bind(address, port, QUdpSocket::DontShareAddress))
            return v6 && udp.error() != QAbstractSocket::AddressInUseError;
    }
    return true;
}

} // namespace

quint16 EtcdServer::freePort()
{
    // Not from the kernel's ephemeral range: the kernel hands those to client sockets, and dig's UDP
    // sockets set SO_REUSEADDR and SO_REUSEPORT as skydns's listeners do, so a dig could be given the
    // very port skydns listens on, send its query to itself and read it back as the answer (";;
    // Warning: query response not set", a sanitizer-CI flake reproduced in a network namespace with
    // a one-port range). Below the range, only programs that ask for a port get one.
    static QMutex mutex;
    static QSet<quint16> given; // never the same port twice in one test process
    const QMutexLocker lock(&mutex);
    const auto [low, high] = ephemeralRange();
    const int first = 20000, last = low - 1; // clear of well-known and registered service ports
    if (last - first >= 1000) {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            const auto port = quint16(first + int(QRandomGenerator::global()->bounded(last - first + 1)));
            if (!given.contains(port) && freeForBoth(port)) {
                given.insert(port);
                return port;
            }
        }
    }
    // A machine whose ephemeral range leaves no room below it: let the kernel choose.
    Q_UNUSED(high);
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    given.insert(server.serverPort());
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
