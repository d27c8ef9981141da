#include "tcpconnection.h"

#include "queryhandler.h"

namespace skydns::service {

namespace {

class TcpTarget final : public ReplyTarget
{
public:
    explicit TcpTarget(QTcpSocket *socket) : m_socket(socket) {}
    LateReply late() const override
    {
        QPointer<QTcpSocket> socket = m_socket;
        return [socket](const std::string &wire) {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                TcpConnection::writeAnswer(socket, wire);
        };
    }
    QString describe() const override
    {
        return m_socket ? QStringLiteral("tcp %1:%2").arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort())
                        : QStringLiteral("tcp");
    }

private:
    QPointer<QTcpSocket> m_socket;
};

} // namespace

TcpConnection::TcpConnection(QTcpSocket *socket, QueryHandler &handler, std::chrono::milliseconds idle,
                             std::function<void()> onClosed, QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(handler), m_onClosed(std::move(onClosed))
{
    socket->setParent(this);
    m_idle.setSingleShot(true);
    m_idle.setInterval(idle);
    connect(&m_idle, &QTimer::timeout, this, &TcpConnection::close);
    connect(socket, &QTcpSocket::readyRead, this, &TcpConnection::readQueries);
    connect(socket, &QTcpSocket::disconnected, this, &TcpConnection::close);
    connect(socket, &QTcpSocket::errorOccurred, this, &TcpConnection::close);
    m_idle.start();
    readQueries();
}

TcpConnection::~TcpConnection()
{
    if (m_onClosed)
        m_onClosed();
}

void TcpConnection::writeAnswer(QTcpSocket *socket, const std::string &wire)
{
    const char length[2] = {char((wire.size() >> 8) & 0xff), char(wire.size() & 0xff)};
    socket->write(length, 2);
    socket->write(wire.data(), qint64(wire.size()));
}

void TcpConnection::readQueries()
{
    if (m_closing || !m_socket)
        return;
    m_buffer.append(m_socket->readAll());
    qsizetype pos = 0;
    bool any = false;
    while (m_buffer.size() - pos >= 2) {
        const auto *p = reinterpret_cast<const unsigned char *>(m_buffer.constData() + pos);
        const std::size_t length = std::size_t((p[0] << 8) | p[1]);
        if (length < 12) { // not even a header: nothing sensible can follow on this stream
            close();
            return;
        }
        if (std::size_t(m_buffer.size() - pos - 2) < length)
            break;
        // A client that pipelines queries but never reads its answers would grow our write buffer
        // without bound: past 1 MiB unread, the connection goes.
        if (m_socket->bytesToWrite() > kMaxUnreadBytes) {
            close();
            return;
        }
        if (!any)
            m_handler.beginBatch();
        any = true;
        TcpTarget target(m_socket);
        if (m_handler.handle(p + 2, length, true, target, m_out))
            writeAnswer(m_socket, m_out);
        pos += qsizetype(2 + length);
        if (m_closing || !m_socket)
            return;
    }
    m_buffer.remove(0, pos);
    if (any) {
        m_idle.start(); // idle time counts from the last complete query
        // Hand the answers to the kernel now: a client that half-closes after its queries makes Qt
        // drop the socket on the EOF that follows, and with it answers still in Qt's write buffer.
        m_socket->flush();
    }
}

void TcpConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    m_idle.stop();
    if (m_socket) {
        // The socket outlives this object until its written answers are flushed.
        QTcpSocket *socket = m_socket;
        socket->disconnect(this);
        socket->setParent(nullptr);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        else // a peer that never reads must not keep it forever
            QTimer::singleShot(5000, socket, [socket] { socket->abort(); socket->deleteLater(); });
    }
    deleteLater();
}

} // namespace skydns::service
