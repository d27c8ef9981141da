#pragma once

#include "listensockets.h"
#include "metrics.h"
#include "queryhandler.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace skydns::service {

// TcpLimits bounds what TCP clients can hold on to.
struct TcpLimits
{
    int maxConnections = 512;                  // per worker; more are closed at once
    std::chrono::milliseconds idle{8000};      // miekg/dns's read timeout on an idle connection
};

// Worker serves DNS on its own thread: its UDP sockets (QUdpSocket owns each descriptor; datagrams
// are read and answered in batches with recvmmsg/sendmmsg straight from the descriptor) and TCP
// listeners (QTcpServer), with one QueryHandler (caches, resolver, forwarder) that only this thread
// touches. Create it, move it to its thread, then call adopt() and setConfig() there.
class Worker final : public QObject
{
    Q_OBJECT
public:
    Worker(const backend::Mirror *mirror, WorkerMetrics *metrics, TcpLimits limits);
    ~Worker() override;

    // adopt takes ownership of the sockets (in the worker's thread). False with *error if Qt refuses one.
    bool adopt(const std::vector<ListenSocket> &sockets, QString *error);
    // setConfig installs a configuration (in the worker's thread).
    void setConfig(std::shared_ptr<const config::ServiceConfig> config);
    // setSigner installs the DNSSEC hook (in the worker's thread).
    void setSigner(const resolver::Signer *signer) { m_handler.setSigner(signer); }
    // cacheEntries is the size of this worker's caches as last published (readable from any thread).
    std::size_t cacheEntries() const { return m_cacheEntries.load(std::memory_order_relaxed); }
    // handler is the worker's query pipeline (in the worker's thread only; the admin API lists caches).
    QueryHandler &handler() { return m_handler; }
    // flushCaches empties the packet caches and returns how many entries they held (worker's thread).
    std::size_t flushCaches();

private:
    static constexpr int kBatch = 32;
    static constexpr int kMaxQuery = 4096;
    static constexpr std::size_t kBurstBytes = 65536;

    void readUdp(QUdpSocket *socket);
    void acceptTcp(QTcpServer *server);
    // acceptFailed handles a listener that QTcpServer paused after accept() failed (EMFILE, ENFILE,
    // ENOBUFS...): it is resumed after a back-off, and as soon as one of our connections closes.
    void acceptFailed(QTcpServer *server, QAbstractSocket::SocketError error);
    void resumeAccepting();
    // sendBatch sends the prepared answers [from, to) with sendmmsg; returns to.
    int sendBatch(int fd, int from, int to);

    QueryHandler m_handler;
    WorkerMetrics *m_metrics;
    TcpLimits m_limits;
    int m_tcpConnections = 0;
    std::vector<QTcpServer *> m_paused; // listeners QTcpServer paused after an accept error
    QTimer m_acceptRetry;               // resumes them after m_acceptBackoff
    static constexpr int kMinAcceptBackoffMs = 5;
    static constexpr int kMaxAcceptBackoffMs = 1000;
    int m_acceptBackoffMs = kMinAcceptBackoffMs; // doubles per failure, back to the minimum on an accept
    QElapsedTimer m_acceptWarned;                // the last warning, so a long shortage logs every 10 s
    std::atomic<std::size_t> m_cacheEntries{0};

    // Batch buffers, reused for every batch.
    std::array<std::array<unsigned char, kMaxQuery>, kBatch> m_in{};
    std::array<sockaddr_storage, kBatch> m_from{};
    std::array<iovec, kBatch> m_inVec{};
    std::array<mmsghdr, kBatch> m_inHdr{};
    std::array<std::string, kBatch> m_out;
    std::array<iovec, kBatch> m_outVec{};
    std::array<mmsghdr, kBatch> m_outHdr{};
};

} // namespace skydns::service
