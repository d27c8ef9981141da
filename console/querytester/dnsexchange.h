#pragma once
// One DNS query/answer exchange over Qt sockets (no thread, no blocking call): UDP with a retry over
// TCP when the answer is truncated (as dig does), or TCP from the start.
#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTimer>

class QTcpSocket;
class QUdpSocket;

namespace skydns::console {

// DnsExchangeResult is the outcome of one exchange.
struct DnsExchangeResult
{
    bool ok = false;           // an answer arrived (whatever its rcode)
    QString error;             // why not, when !ok (translated)
    QByteArray answer;         // the raw answer message
    qint64 elapsedMs = 0;      // from sending to the answer (over both transports after a retry)
    bool tcp = false;          // the answer came over TCP
    bool retriedOverTcp = false; // the UDP answer had TC set and the query was sent again over TCP
};

// DnsExchange sends one query and emits finished() exactly once per start(). The answer must carry
// the query's ID and QR=1; other datagrams are ignored (they may be late answers of an older query).
class DnsExchange : public QObject
{
    Q_OBJECT

public:
    explicit DnsExchange(QObject *parent = nullptr);
    ~DnsExchange() override;

    // start sends query (wire form, at least 2 bytes: the ID) to server:port over TCP or UDP,
    // giving up after timeoutMs per transport. A running exchange is aborted first (without finished()).
    void start(const QHostAddress &server, quint16 port, const QByteArray &query, bool tcp, int timeoutMs);
    // abort stops a running exchange without emitting finished().
    void abort();
    // isRunning is true between start() and finished().
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // finished reports the answer or the failure.
    void finished(const skydns::console::DnsExchangeResult &result);

private:
    void startUdp();
    void startTcp();
    void onUdpReadyRead();
    void onTcpReadyRead();
    void finish(DnsExchangeResult result);
    void fail(const QString &error);
    bool matches(const QByteArray &answer) const;

    QHostAddress m_server;
    quint16 m_port = 0;
    QByteArray m_query;
    int m_timeoutMs = 3000;
    bool m_running = false;
    bool m_retried = false;
    QUdpSocket *m_udp = nullptr;
    QTcpSocket *m_tcp = nullptr;
    QByteArray m_tcpBuffer;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace skydns::console
