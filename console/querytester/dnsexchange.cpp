#include "querytester/dnsexchange.h"

#include <QTcpSocket>
#include <QUdpSocket>

namespace skydns::console {

DnsExchange::DnsExchange(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(tr("no answer from %1 port %2 over %3 within %4 ms")
                 .arg(m_server.toString())
                 .arg(m_port)
                 .arg(m_tcp ? QStringLiteral("TCP") : QStringLiteral("UDP"))
                 .arg(m_timeoutMs));
    });
}

DnsExchange::~DnsExchange()
{
    abort();
}

void DnsExchange::start(const QHostAddress &server, quint16 port, const QByteArray &query, bool tcp, int timeoutMs)
{
    abort();
    m_server = server;
    m_port = port;
    m_query = query;
    m_timeoutMs = timeoutMs;
    m_running = true;
    m_retried = false;
    m_clock.start();
    if (tcp)
        startTcp();
    else
        startUdp();
}

void DnsExchange::abort()
{
    m_timer.stop();
    m_running = false;
    // deleteLater: abort may run inside one of the sockets' own signal handlers.
    if (m_udp) {
        m_udp->disconnect(this);
        m_udp->abort();
        m_udp->deleteLater();
        m_udp = nullptr;
    }
    if (m_tcp) {
        m_tcp->disconnect(this);
        m_tcp->abort();
        m_tcp->deleteLater();
        m_tcp = nullptr;
    }
    m_tcpBuffer.clear();
}

void DnsExchange::startUdp()
{
    m_udp = new QUdpSocket(this);
    connect(m_udp, &QUdpSocket::readyRead, this, &DnsExchange::onUdpReadyRead);
    // A connected UDP socket reports the ICMP "port unreachable" of a closed port as an error
    // instead of waiting for the timeout.
    connect(m_udp, &QUdpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        fail(tr("%1 port %2 (UDP): %3").arg(m_server.toString()).arg(m_port).arg(m_udp->errorString()));
    });
    auto send = [this] {
        if (m_udp && m_udp->write(m_query) != m_query.size())
            fail(tr("could not send to %1 port %2: %3").arg(m_server.toString()).arg(m_port).arg(m_udp->errorString()));
    };
    m_timer.start(m_timeoutMs);
    m_udp->connectToHost(m_server, m_port);
    // With an address (no lookup) a UDP "connection" is usually made at once; else wait for it.
    if (m_udp && m_udp->state() == QAbstractSocket::ConnectedState)
        send();
    else if (m_udp)
        connect(m_udp, &QUdpSocket::connected, this, send);
}

void DnsExchange::onUdpReadyRead()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        QByteArray datagram(int(qMax<qint64>(0, m_udp->pendingDatagramSize())), '\0');
        const qint64 n = m_udp->readDatagram(datagram.data(), datagram.size());
        if (n < 0)
            continue;
        datagram.resize(int(n));
        if (!matches(datagram))
            continue;
        const bool truncated = datagram.size() >= 3 && (quint8(datagram.at(2)) & 0x02);
        if (truncated) {
            // dig's behaviour: a truncated UDP answer is retried over TCP.
            m_udp->disconnect(this);
            m_udp->deleteLater();
            m_udp = nullptr;
            m_timer.stop();
            m_retried = true;
            startTcp();
            return;
        }
        DnsExchangeResult result;
        result.ok = true;
        result.answer = datagram;
        finish(result);
        return;
    }
}

void DnsExchange::startTcp()
{
    m_tcp = new QTcpSocket(this);
    connect(m_tcp, &QTcpSocket::connected, this, [this] {
        QByteArray framed;
        framed.append(char(m_query.size() >> 8));
        framed.append(char(m_query.size() & 0xff));
        m_tcp->write(framed + m_query);
    });
    connect(m_tcp, &QTcpSocket::readyRead, this, &DnsExchange::onTcpReadyRead);
    connect(m_tcp, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        fail(tr("%1 port %2 (TCP): %3").arg(m_server.toString()).arg(m_port).arg(m_tcp->errorString()));
    });
    m_timer.start(m_timeoutMs);
    m_tcp->connectToHost(m_server, m_port);
}

void DnsExchange::onTcpReadyRead()
{
    m_tcpBuffer += m_tcp->readAll();
    while (m_tcpBuffer.size() >= 2) {
        const int length = (quint8(m_tcpBuffer.at(0)) << 8) | quint8(m_tcpBuffer.at(1));
        if (m_tcpBuffer.size() < 2 + length)
            return;
        const QByteArray message = m_tcpBuffer.mid(2, length);
        m_tcpBuffer.remove(0, 2 + length);
        if (!matches(message))
            continue;
        DnsExchangeResult result;
        result.ok = true;
        result.tcp = true;
        result.answer = message;
        finish(result);
        return;
    }
}

bool DnsExchange::matches(const QByteArray &answer) const
{
    return answer.size() >= 12 && answer.at(0) == m_query.at(0) && answer.at(1) == m_query.at(1) &&
           (quint8(answer.at(2)) & 0x80);
}

void DnsExchange::fail(const QString &error)
{
    if (!m_running)
        return;
    DnsExchangeResult result;
    result.error = error;
    result.tcp = m_tcp != nullptr;
    finish(result);
}

void DnsExchange::finish(DnsExchangeResult result)
{
    result.elapsedMs = m_clock.elapsed();
    result.retriedOverTcp = m_retried;
    abort();
    Q_EMIT finished(result);
}

} // namespace skydns::console
