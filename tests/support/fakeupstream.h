#pragma once

#include "dns/message.h"

#include <QByteArray>
#include <QObject>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

class QHostAddress;
class QTcpServer;
class QUdpSocket;

namespace skydns::test {

// makeQuery encodes a query for name/type with the given ID and RD=1, with an OPT record (udpSize,
// DO bit) when edns is set: what a client sends to skydns or skydns to an upstream.
QByteArray makeQuery(const std::string &name, std::uint16_t type, std::uint16_t id, bool edns = false,
                     bool dnssecOk = false, std::uint16_t udpSize = 4096);

// FakeUpstream is a scriptable DNS server on 127.0.0.1 (UDP and TCP on one free port) standing in
// for the upstream nameservers and stub-zone servers of forwarding tests. Each query is answered as
// the script for its (lower-cased name, type) says: the n-th query gets the n-th Behaviour, the last
// one repeats. Everything received is recorded. It runs on the thread that created it.
class FakeUpstream : public QObject
{
    Q_OBJECT
public:
    // Junk is a wrong datagram sent before the real reply (UDP only), to prove clients ignore it.
    enum class Junk {
        ShortPacket,   // 5 bytes
        Random,        // 40 random bytes (ID and QR=1 of the query kept so only the body is wrong)
        WrongId,       // the right answer with ID + 1
        NotAResponse,  // the right answer with QR=0
        WrongQuestion, // the right ID, another question
        Spoofed,       // the right answer, sent from another port
        Huge,          // 60000 bytes of junk with the right ID and QR=1
    };

    // Behaviour is how one query is answered.
    struct Behaviour
    {
        bool silent = false;           // send nothing (the client times out)
        bool closeTcp = false;         // TCP: close the connection without answering
        bool truncated = false;        // TC=1, no records
        std::uint8_t rcode = 0;
        bool aa = false;
        std::vector<dns::Rr> answer, authority, additional;
        std::vector<Junk> junkFirst;   // UDP: sent before the reply
        int delayMs = 0;               // wait before replying
    };

    // Received is one query as it arrived.
    struct Received
    {
        QByteArray bytes;
        dns::Query query;  // parsed (hasQuestion false if it did not parse)
        bool tcp = false;
        std::uint16_t sourcePort = 0;
    };

    explicit FakeUpstream(QObject *parent = nullptr);
    ~FakeUpstream() override;

    // start binds UDP and TCP on 127.0.0.1 and one free port. Returns false if that failed.
    bool start();
    // port is the bound port; address is "127.0.0.1:<port>" as SkyDNS's nameservers want it.
    quint16 port() const { return m_port; }
    std::string address() const;

    // script sets the answers for (name, type); name is compared case-insensitively.
    void script(const std::string &name, std::uint16_t type, std::vector<Behaviour> sequence);
    // setDefault sets the answer to unscripted queries (initially NOERROR, no records).
    void setDefault(Behaviour b) { m_default = std::move(b); }

    // received lists every query so far; count counts those for (name, type) (case-insensitive;
    // type 0 = any). clear forgets them (not the script).
    const std::vector<Received> &received() const { return m_received; }
    int count(const std::string &name, std::uint16_t type = 0) const;
    void clear() { m_received.clear(); m_seen.clear(); }

    // Record builders for scripts.
    static dns::Rr a(const std::string &owner, const char *ipv4, std::uint32_t ttl = 300);
    static dns::Rr aaaa(const std::string &owner, const char *ipv6, std::uint32_t ttl = 300);
    static dns::Rr cname(const std::string &owner, const std::string &target, std::uint32_t ttl = 300);
    // answer, servFail, nxDomain, silent, truncated are the common behaviours.
    static Behaviour answer(std::vector<dns::Rr> records);
    static Behaviour servFail();
    static Behaviour nxDomain();
    static Behaviour silent();
    static Behaviour truncated();

    // reply builds the response the script gives to query (for tests comparing relayed bytes).
    static QByteArray reply(const QByteArray &query, const Behaviour &b);

signals:
    // queryReceived is emitted after a query is recorded.
    void queryReceived();

private:
    void readUdp();
    void acceptTcp();
    const Behaviour &behaviourFor(const Received &r);
    void respondUdp(const QByteArray &query, const Behaviour &b, const QHostAddress &peer, quint16 peerPort);

    QUdpSocket *m_udp = nullptr;
    QUdpSocket *m_spoofer = nullptr;
    QTcpServer *m_tcp = nullptr;
    quint16 m_port = 0;
    Behaviour m_default;
    std::map<std::pair<std::string, std::uint16_t>, std::vector<Behaviour>> m_script;
    std::map<std::pair<std::string, std::uint16_t>, int> m_seen;
    std::vector<Received> m_received;
};

} // namespace skydns::test
