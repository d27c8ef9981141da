// DNSSEC against a real validator without the service: a small UDP/TCP responder in this process
// answers with resolve() over a MemoryBackend and our ZoneSigner (loaded from dnssec-keygen
// files), and delv, with our DNSKEY as its only trust anchor, must validate A, AAAA, SRV, TXT and
// DNSKEY answers and accept the NSEC3 proofs of NXDOMAIN and NODATA (issue 5), for RSASHA256,
// ECDSAP256SHA256 and ED25519 keys. tst_dnssec_service asks the same of the skydns binary.

#include "tst_dnssec_delvutil.h"

#include "backend/memorybackend.h"
#include "config/serviceconfig.h"
#include "dns/wire.h"
#include "dnssec/zonesigner.h"
#include "resolver/resolver.h"

#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace skydns;
using namespace skydns::test;

namespace {

// Responder serves DNS on 127.0.0.1 (UDP and TCP, one query per TCP connection is enough for
// delv) from its own thread until destroyed.
class Responder
{
public:
    Responder(const backend::Backend &b, const config::ServiceConfig &c, const resolver::Signer *s)
        : m_backend(b), m_config(c), m_signer(s)
    {
        m_udp = ::socket(AF_INET, SOCK_DGRAM, 0);
        m_tcp = ::socket(AF_INET, SOCK_STREAM, 0);
        const int one = 1;
        ::setsockopt(m_tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (int attempt = 0; attempt < 20 && !m_port; ++attempt) {
            a.sin_port = 0;
            if (::bind(m_udp, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
                break;
            socklen_t len = sizeof a;
            ::getsockname(m_udp, reinterpret_cast<sockaddr *>(&a), &len);
            if (::bind(m_tcp, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::listen(m_tcp, 8) == 0) {
                m_port = ntohs(a.sin_port);
            } else { // the TCP twin is taken: new sockets, new port
                ::close(m_udp);
                m_udp = ::socket(AF_INET, SOCK_DGRAM, 0);
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            }
        }
        m_thread = std::thread([this] { run(); });
    }
    ~Responder()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_udp);
        ::close(m_tcp);
    }
    quint16 port() const { return m_port; }
    int queries() const { return m_queries; }

private:
    bool answer(const char *data, std::size_t size, bool tcp, std::string &wire)
    {
        dns::Query q;
        if (dns::parseQuery(data, size, q) != dns::ParseStatus::Ok)
            return false;
        q.tcp = tcp;
        ++m_queries;
        resolver::FastRandom random(1);
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch()).count();
        dns::Message m = resolver::resolve(q, m_backend, m_config, now, random, nullptr, m_signer).message;
        dns::fit(m, tcp ? 65535 : q.bufsize(), tcp, wire);
        return true;
    }
    void run()
    {
        pollfd fds[2] = {{m_udp, POLLIN, 0}, {m_tcp, POLLIN, 0}};
        char buf[65536];
        std::string wire;
        while (!m_stop) {
            if (::poll(fds, 2, 50) <= 0)
                continue;
            if (fds[0].revents & POLLIN) {
                sockaddr_in from{};
                socklen_t len = sizeof from;
                const ssize_t n = ::recvfrom(m_udp, buf, sizeof buf, 0, reinterpret_cast<sockaddr *>(&from), &len);
                if (n > 0 && answer(buf, std::size_t(n), false, wire))
                    ::sendto(m_udp, wire.data(), wire.size(), 0, reinterpret_cast<sockaddr *>(&from), len);
            }
            if (fds[1].revents & POLLIN) {
                const int c = ::accept(m_tcp, nullptr, nullptr);
                if (c < 0)
                    continue;
                timeval tv{2, 0};
                ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
                unsigned char lenBuf[2];
                if (::recv(c, lenBuf, 2, MSG_WAITALL) == 2) {
                    const std::size_t want = std::size_t(lenBuf[0]) << 8 | lenBuf[1];
                    if (::recv(c, buf, want, MSG_WAITALL) == ssize_t(want) && answer(buf, want, true, wire)) {
                        const unsigned char hdr[2] = {static_cast<unsigned char>(wire.size() >> 8),
                                                      static_cast<unsigned char>(wire.size() & 0xFF)};
                        ::send(c, hdr, 2, MSG_NOSIGNAL);
                        ::send(c, wire.data(), wire.size(), MSG_NOSIGNAL);
                    }
                }
                ::close(c);
            }
        }
    }

    const backend::Backend &m_backend;
    const config::ServiceConfig &m_config;
    const resolver::Signer *m_signer;
    int m_udp = -1, m_tcp = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_queries{0};
    std::thread m_thread;
};

} // namespace

class TstDnssecDelv final : public QObject
{
    Q_OBJECT
private slots:
    void validates_data();
    void validates();
    void wrongAnchorFails();
};

void TstDnssecDelv::validates_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("expect");
    QTest::addColumn<QString>("answer");
    for (const char *alg : {"RSASHA256", "ECDSAP256SHA256", "ED25519"})
        for (const DelvCase &c : delvCases())
            QTest::addRow("%s: spec 6 %s", alg, c.what) << alg << c.name << c.type << c.expect
                                                        << (c.answer ? QString::fromLatin1(c.answer) : QString());
}

void TstDnssecDelv::validates()
{
    QFETCH(QString, algorithm);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QString, expect);
    QFETCH(QString, answer);
    QTemporaryDir dir;
    const QString base = keygen(dir.path(), algorithm);
    QVERIFY(!base.isEmpty());
    const QString anchors = writeAnchors(dir.path(), base);
    QVERIFY(!anchors.isEmpty());

    backend::MemoryBackend b;
    for (const auto &[key, value] : zoneRecords())
        QVERIFY(b.put("/skydns" + key.toStdString(), value.toStdString()));
    config::ServiceConfig cfg;
    cfg.domain = "skydns.test.";
    cfg.hostmaster = "hostmaster.skydns.test.";
    cfg.dnssec = base.toStdString();
    std::string error;
    auto signer = dnssec::loadZoneSigner(cfg, &error);
    QVERIFY2(signer, error.c_str());
    Responder r(b, cfg, signer.get());
    QVERIFY(r.port());

    const QString out = delv(r.port(), anchors, name, type);
    QVERIFY2(out.contains(expect), qPrintable(out));
    QVERIFY2(!out.contains("insecure") && !out.contains("bogus") && !out.contains("unsigned"), qPrintable(out));
    if (!answer.isEmpty())
        QVERIFY2(out.contains(answer), qPrintable(out));
    QVERIFY(r.queries() > 0);
}

// The validator is really checking: with another key as the anchor nothing validates.
void TstDnssecDelv::wrongAnchorFails()
{
    QTemporaryDir dir;
    const QString base = keygen(dir.path(), "ECDSAP256SHA256");
    QTemporaryDir otherDir;
    const QString other = keygen(otherDir.path(), "ECDSAP256SHA256");
    const QString anchors = writeAnchors(otherDir.path(), other);
    backend::MemoryBackend b;
    for (const auto &[key, value] : zoneRecords())
        QVERIFY(b.put("/skydns" + key.toStdString(), value.toStdString()));
    config::ServiceConfig cfg;
    cfg.domain = "skydns.test.";
    cfg.dnssec = base.toStdString();
    std::string error;
    auto signer = dnssec::loadZoneSigner(cfg, &error);
    QVERIFY2(signer, error.c_str());
    Responder r(b, cfg, signer.get());
    const QString out = delv(r.port(), anchors, "web.skydns.test.", "A");
    QVERIFY2(!out.contains("; fully validated"), qPrintable(out));
}

QTEST_APPLESS_MAIN(TstDnssecDelv)
#include "tst_dnssec_delv.moc"
