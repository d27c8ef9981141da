#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QObject>

#include <chrono>
#include <functional>
#include <string>

class QTcpSocket;
class QTimer;
class QUdpSocket;

Q_DECLARE_LOGGING_CATEGORY(lcForwarder)

namespace skydns::service {

// Exchange is one attempt: one query to one upstream server over UDP or TCP, with a timeout. A
// fresh socket per attempt gives each query its own random source port, and answers are accepted
// only from the server's address and port and only when the acceptor says they answer the query;
// anything else (garbage, spoofs, late answers) is ignored and the wait goes on.
class Exchange : public QObject
{
    Q_OBJECT
public:
    // Status is how an attempt ended.
    enum class Status { Answer, Timeout, NetworkError };

    // Result is the outcome of an attempt.
    struct Result
    {
        Status status = Status::NetworkError;
        QByteArray response; // the accepted response, as received (Answer only)
        std::string error;   // why it failed (Timeout, NetworkError)
        int ignored = 0;     // datagrams or frames ignored while waiting
    };

    // Acceptor decides whether bytes received from the server answer the query.
    using Acceptor = std::function<bool(const QByteArray &response)>;

    // Exchange prepares an attempt; start() sends. The object deletes itself once done has run;
    // destroying it earlier (e.g. with its parent) cancels the attempt and done never runs.
    Exchange(QByteArray query, QHostAddress address, quint16 port, bool tcp, std::chrono::milliseconds timeout,
             Acceptor accept, QObject *parent);
    ~Exchange() override;

    // start sends the query. done runs exactly once, later, from the event loop (never inside start).
    void start(std::function<void(Result)> done);

    // failLater ends the attempt with a network error without sending (e.g. an unusable address).
    void failLater(std::function<void(Result)> done, std::string error);

private:
    void sendTcp();
    void readUdp();
    void readTcp();
    void finish(Status status, QByteArray response, std::string error);

    QByteArray m_query;
    QHostAddress m_address;
    quint16 m_port;
    bool m_tcp;
    std::chrono::milliseconds m_timeout;
    Acceptor m_accept;
    std::function<void(Result)> m_done;
    QUdpSocket *m_udp = nullptr;
    QTcpSocket *m_tcpSocket = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_tcpBuffer;
    int m_ignored = 0;
    bool m_finished = false;
    bool m_probing = false; // collecting a pending socket error (ICMP) in readUdp
};

} // namespace skydns::service
