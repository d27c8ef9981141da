// One upstream attempt. Results are delivered from a queued call so the forwarder's logic and the
// caller's callbacks never run inside a socket's signal emission (they may start new attempts or
// destroy the Forwarder).
#include "forwardexchange.h"

#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

// Per-attempt details are debug messages, off unless QT_LOGGING_RULES turns them on.
Q_LOGGING_CATEGORY(lcForwarder, "skydns.forwarder", QtInfoMsg)

namespace skydns::service {

namespace {
// Upstream TCP answers are at most 65535 bytes (2-byte length); a stream that grows past two frames
// without a matching one is junk.
constexpr int kMaxTcpBuffer = 2 * (65535 + 2);
} // namespace

Exchange::Exchange(QByteArray query, QHostAddress address, quint16 port, bool tcp, std::chrono::milliseconds timeout,
                   Acceptor accept, QObject *parent)
    : QObject(parent)
    , m_query(std::move(query))
    , m_address(std::move(address))
    , m_port(port)
    , m_tcp(tcp)
    , m_timeout(timeout)
    , m_accept(std::move(accept))
{
}

Exchange::~Exchange() = default;

void Exchange::failLater(std::function<void(Result)> done, std::string error)
{
    m_done = std::move(done);
    QMetaObject::invokeMethod(
        this, [this, error] { finish(Status::NetworkError, {}, error); }, Qt::QueuedConnection);
}

void Exchange::start(std::function<void(Result)> done)
{
    m_done = std::move(done);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { finish(Status::Timeout, {}, "timeout"); });
    m_timer->start(m_timeout);

    if (m_tcp) {
        m_tcpSocket = new QTcpSocket(this);
        connect(m_tcpSocket, &QTcpSocket::connected, this, &Exchange::sendTcp);
        connect(m_tcpSocket, &QTcpSocket::readyRead, this, &Exchange::readTcp);
        connect(m_tcpSocket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            finish(Status::NetworkError, {}, m_tcpSocket->errorString().toStdString());
        });
        m_tcpSocket->connectToHost(m_address, m_port);
        return;
    }

    // A connected UDP socket: the kernel filters other sources and reports ICMP unreachable as
    // ConnectionRefused, so a dead server fails at once instead of after the timeout (as Go's
    // connected UDP sockets in miekg/dns).
    m_udp = new QUdpSocket(this);
    connect(m_udp, &QUdpSocket::connected, this, [this] {
        if (m_udp->write(m_query) != m_query.size())
            finish(Status::NetworkError, {}, "send: " + m_udp->errorString().toStdString());
    });
    connect(m_udp, &QUdpSocket::readyRead, this, &Exchange::readUdp);
    connect(m_udp, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        finish(Status::NetworkError, {}, m_probing ? "unreachable (ICMP)" : m_udp->errorString().toStdString());
    });
    m_udp->connectToHost(m_address, m_port);
}

void Exchange::sendTcp()
{
    QByteArray framed;
    framed.reserve(m_query.size() + 2);
    framed.append(static_cast<char>((m_query.size() >> 8) & 0xff));
    framed.append(static_cast<char>(m_query.size() & 0xff));
    framed.append(m_query);
    m_tcpSocket->write(framed);
}

void Exchange::readUdp()
{
    if (!m_udp->hasPendingDatagrams()) {
        // Readable without a datagram: the kernel holds an error for this connected socket (ICMP
        // port unreachable). Reading collects it.
        // readDatagram may emit errorOccurred itself, hence m_probing.
        char c;
        m_probing = true;
        const qint64 n = m_udp->readDatagram(&c, 1);
        m_probing = false;
        if (n < 0)
            finish(Status::NetworkError, {}, "unreachable (ICMP)");
        return;
    }
    while (!m_finished && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram dg = m_udp->receiveDatagram();
        if (!dg.isValid())
            continue;
        const bool fromServer = (dg.senderAddress().isNull() || dg.senderAddress().isEqual(m_address))
                                && (dg.senderPort() < 0 || dg.senderPort() == m_port);
        if (fromServer && m_accept(dg.data())) {
            finish(Status::Answer, dg.data(), {});
            return;
        }
        ++m_ignored;
        qCDebug(lcForwarder) << "ignoring" << dg.data().size() << "bytes from" << dg.senderAddress() << dg.senderPort();
    }
}

void Exchange::readTcp()
{
    m_tcpBuffer.append(m_tcpSocket->readAll());
    while (!m_finished && m_tcpBuffer.size() >= 2) {
        const int len = (static_cast<unsigned char>(m_tcpBuffer[0]) << 8) | static_cast<unsigned char>(m_tcpBuffer[1]);
        if (m_tcpBuffer.size() < 2 + len)
            break;
        const QByteArray msg = m_tcpBuffer.mid(2, len);
        m_tcpBuffer.remove(0, 2 + len);
        if (m_accept(msg)) {
            finish(Status::Answer, msg, {});
            return;
        }
        ++m_ignored;
    }
    if (!m_finished && m_tcpBuffer.size() > kMaxTcpBuffer)
        finish(Status::NetworkError, {}, "oversized TCP stream");
}

void Exchange::finish(Status status, QByteArray response, std::string error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_timer)
        m_timer->stop();
    // Sockets go quiet now; they are closed when this object is deleted.
    if (m_udp)
        m_udp->disconnect(this);
    if (m_tcpSocket)
        m_tcpSocket->disconnect(this);
    if (m_ignored > 0 && status != Status::Answer)
        error += " (" + std::to_string(m_ignored) + " unmatched responses ignored)";
    Result result{status, std::move(response), std::move(error), m_ignored};
    QMetaObject::invokeMethod(
        this,
        [this, result = std::move(result)]() mutable {
            auto done = std::move(m_done);
            // deleteLater first: done may destroy our parent (and us) before it returns.
            deleteLater();
            if (done)
                done(std::move(result));
        },
        Qt::QueuedConnection);
}

} // namespace skydns::service
