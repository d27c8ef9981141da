#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <functional>
#include <string>

namespace skydns::service {

class QueryHandler;

// TcpConnection serves DNS over one TCP connection (RFC 7766): 2-byte length-prefixed messages,
// any number of queries one after the other or pipelined, answers written as they are ready (so
// forwarded ones may overtake). The connection closes after `idle` without a complete query (as
// miekg/dns's 8 s), when a length prefix cannot hold a DNS header, when more than 1 MiB of answers
// wait unread, or when the peer closes.
// It deletes itself when done; onClosed runs then (the worker counts connections with it).
class TcpConnection final : public QObject
{
    Q_OBJECT
public:
    TcpConnection(QTcpSocket *socket, QueryHandler &handler, std::chrono::milliseconds idle,
                  std::function<void()> onClosed, QObject *parent = nullptr);
    ~TcpConnection() override;

    // writeAnswer frames and sends wire on socket if it is still open.
    static void writeAnswer(QTcpSocket *socket, const std::string &wire);

private:
    static constexpr qint64 kMaxUnreadBytes = 1 << 20;

    void readQueries();
    void close();

    QPointer<QTcpSocket> m_socket;
    QueryHandler &m_handler;
    QTimer m_idle;
    QByteArray m_buffer;
    std::string m_out;
    std::function<void()> m_onClosed;
    bool m_closing = false;
};

} // namespace skydns::service
