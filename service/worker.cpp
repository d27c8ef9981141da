#include "worker.h"

#include "tcpconnection.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <arpa/inet.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>

namespace skydns::service {

namespace {

class UdpTarget final : public ReplyTarget
{
public:
    UdpTarget(int fd, const sockaddr_storage &peer) : m_fd(fd), m_peer(peer) {}
    LateReply late() const override
    {
        const int fd = m_fd;
        const sockaddr_storage peer = m_peer;
        return [fd, peer](const std::string &wire) {
            ::sendto(fd, wire.data(), wire.size(), MSG_DONTWAIT, reinterpret_cast<const sockaddr *>(&peer),
                     peer.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
        };
    }
    const sockaddr *peer() const override { return reinterpret_cast<const sockaddr *>(&m_peer); }
    QString describe() const override
    {
        QHostAddress address(reinterpret_cast<const sockaddr *>(&m_peer));
        const std::uint16_t port = m_peer.ss_family == AF_INET6
                                       ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&m_peer)->sin6_port)
                                       : ntohs(reinterpret_cast<const sockaddr_in *>(&m_peer)->sin_port);
        return QStringLiteral("udp %1:%2").arg(address.toString()).arg(port);
    }

private:
    int m_fd;
    sockaddr_storage m_peer;
};

void toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage &out)
{
    std::memset(&out, 0, sizeof out);
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&out);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        v4->sin_addr.s_addr = htonl(address.toIPv4Address());
    } else {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&out);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(&v6->sin6_addr, a.c, 16);
        v6->sin6_scope_id = address.scopeId().toUInt();
    }
}

socklen_t addrLen(const sockaddr_storage &a)
{
    return a.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
}

} // namespace

Worker::Worker(const backend::Mirror *mirror, WorkerMetrics *metrics, TcpLimits limits)
    : m_handler(mirror, metrics, this), m_metrics(metrics), m_limits(limits), m_acceptRetry(this)
{
    // A child, so that moveToThread takes the timer along to the worker's thread.
    m_acceptRetry.setSingleShot(true);
    connect(&m_acceptRetry, &QTimer::timeout, this, &Worker::resumeAccepting);
}

Worker::~Worker() = default;

bool Worker::adopt(const std::vector<ListenSocket> &sockets, QString *error)
{
    for (const ListenSocket &s : sockets) {
        if (s.tcp) {
            auto *server = new QTcpServer(this);
            server->setMaxPendingConnections(1024);
            if (!server->setSocketDescriptor(s.fd)) {
                *error = QStringLiteral("QTcpServer refused socket %1: %2").arg(s.fd).arg(server->errorString());
                return false;
            }
            connect(server, &QTcpServer::newConnection, this, [this, server] { acceptTcp(server); });
            connect(server, &QTcpServer::acceptError, this,
                    [this, server](QAbstractSocket::SocketError e) { acceptFailed(server, e); });
        } else {
            auto *socket = new QUdpSocket(this);
            if (!socket->setSocketDescriptor(s.fd, QAbstractSocket::BoundState, QIODevice::ReadWrite)) {
                *error = QStringLiteral("QUdpSocket refused socket %1: %2").arg(s.fd).arg(socket->errorString());
                return false;
            }
            connect(socket, &QUdpSocket::readyRead, this, [this, socket] { readUdp(socket); });
        }
    }
    return true;
}

void Worker::setConfig(std::shared_ptr<const config::ServiceConfig> config)
{
    m_handler.setConfig(std::move(config));
    m_cacheEntries.store(0, std::memory_order_relaxed);
}

std::size_t Worker::flushCaches()
{
    const std::size_t n = m_handler.cacheEntries();
    m_handler.clearCaches();
    m_cacheEntries.store(0, std::memory_order_relaxed);
    return n;
}

void Worker::readUdp(QUdpSocket *socket)
{
    const int fd = int(socket->socketDescriptor());
    // The first datagram goes through QUdpSocket: that is what re-arms its read notifier (an
    // unbuffered QUdpSocket stops notifying until a datagram was read through it). The rest of
    // the burst is read straight from the descriptor, kBatch at a time.
    int have = 0;
    {
        QHostAddress from;
        quint16 port = 0;
        const qint64 n = socket->readDatagram(reinterpret_cast<char *>(m_in[0].data()), kMaxQuery, &from, &port);
        if (n >= 0) {
            toSockaddr(from, port, m_from[0]);
            m_inVec[0].iov_len = std::size_t(n);
            m_inHdr[0].msg_len = unsigned(n);
            have = 1;
        }
    }
    for (int round = 0; round < 64; ++round) {
        for (int i = have; i < kBatch; ++i) {
            m_inVec[i] = {m_in[i].data(), kMaxQuery};
            std::memset(&m_inHdr[i].msg_hdr, 0, sizeof(msghdr));
            m_inHdr[i].msg_hdr.msg_name = &m_from[i];
            m_inHdr[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
            m_inHdr[i].msg_hdr.msg_iov = &m_inVec[i];
            m_inHdr[i].msg_hdr.msg_iovlen = 1;
        }
        const int got = ::recvmmsg(fd, &m_inHdr[have], unsigned(kBatch - have), MSG_DONTWAIT, nullptr);
        const int count = have + (got > 0 ? got : 0);
        have = 0;
        if (count == 0)
            break;

        m_handler.beginBatch();
        int out = 0;
        int flushed = 0;
        std::size_t pendingBytes = 0;
        for (int i = 0; i < count; ++i) {
            const std::size_t len = m_inHdr[i].msg_len;
            UdpTarget target(fd, m_from[i]);
            if (!m_handler.handle(m_in[i].data(), len, false, target, m_out[out]))
                continue;
            m_outVec[out] = {m_out[out].data(), m_out[out].size()};
            std::memset(&m_outHdr[out].msg_hdr, 0, sizeof(msghdr));
            m_outHdr[out].msg_hdr.msg_name = &m_from[i];
            m_outHdr[out].msg_hdr.msg_namelen = addrLen(m_from[i]);
            m_outHdr[out].msg_hdr.msg_iov = &m_outVec[out];
            m_outHdr[out].msg_hdr.msg_iovlen = 1;
            ++out;
            // Large answers go out in smaller bursts: a client's receive buffer (212 KiB by
            // default; dnsperf asks for less) overflows when dozens of 4 KB answers land at once.
            pendingBytes += m_out[out - 1].size();
            if (pendingBytes >= kBurstBytes) {
                flushed = sendBatch(fd, flushed, out);
                pendingBytes = 0;
            }
        }
        sendBatch(fd, flushed, out);
        if (count < kBatch)
            break;
    }
    m_cacheEntries.store(m_handler.cacheEntries(), std::memory_order_relaxed);
}

int Worker::sendBatch(int fd, int from, int to)
{
    int sent = from;
    while (sent < to) {
        const int n = ::sendmmsg(fd, &m_outHdr[sent], unsigned(to - sent), MSG_DONTWAIT);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            break; // send buffer full: UDP may drop, the client retries
        }
        sent += n;
    }
    return to;
}

void Worker::acceptTcp(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        if (m_tcpConnections >= m_limits.maxConnections) {
            m_metrics->tcpRejected.add();
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_tcpConnections;
        m_acceptBackoffMs = kMinAcceptBackoffMs;
        new TcpConnection(socket, m_handler, m_limits.idle, [this] {
            --m_tcpConnections;
            // A descriptor came free: a listener paused for want of one can accept again.
            if (!m_paused.empty())
                resumeAccepting();
        }, this);
    }
}

void Worker::acceptFailed(QTcpServer *server, QAbstractSocket::SocketError error)
{
    // QTcpServer pauses a listener on any accept() error but EAGAIN and never resumes it by itself
    // (only nextPendingConnection() re-enables it, when connections were queued before the error). With
    // SO_REUSEPORT the kernel keeps handing this listener its share of new clients, so a pause that
    // lasts would strand them in the backlog. Go's servers (SkyDNS) retry with a back-off; so do we.
    if (std::find(m_paused.begin(), m_paused.end(), server) == m_paused.end())
        m_paused.push_back(server);
    if (!m_acceptWarned.isValid() || m_acceptWarned.hasExpired(10000)) {
        m_acceptWarned.start();
        qCWarning(lcService).noquote() << QStringLiteral("cannot accept TCP connections: %1 (socket error %2); "
                                                         "retrying after %3 to %4 ms")
                                              .arg(server->errorString())
                                              .arg(int(error))
                                              .arg(kMinAcceptBackoffMs)
                                              .arg(kMaxAcceptBackoffMs);
    }
    if (!m_acceptRetry.isActive()) {
        m_acceptRetry.start(m_acceptBackoffMs);
        m_acceptBackoffMs = std::min(m_acceptBackoffMs * 2, kMaxAcceptBackoffMs);
    }
}

void Worker::resumeAccepting()
{
    m_acceptRetry.stop();
    const std::vector<QTcpServer *> paused = std::move(m_paused);
    m_paused.clear();
    for (QTcpServer *server : paused)
        server->resumeAccepting(); // a backlog still without a descriptor to take it fails again
}

} // namespace skydns::service
