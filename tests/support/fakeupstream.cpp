// A scriptable upstream DNS server for forwarding tests.
#include "fakeupstream.h"

#include "dns/name.h"
#include "dns/wire.h"

#include <QHostAddress>
#include <QNetworkDatagram>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace skydns::test {

QByteArray makeQuery(const std::string &name, std::uint16_t type, std::uint16_t id, bool edns, bool dnssecOk,
                     std::uint16_t udpSize)
{
    dns::Message m;
    m.header.id = id;
    m.header.rd = true;
    m.question.push_back(dns::Question{name, type, dns::kClassIN});
    m.edns.present = edns;
    m.edns.dnssecOk = dnssecOk;
    m.edns.udpSize = udpSize;
    return QByteArray::fromStdString(dns::encode(m));
}

namespace {

std::string lower(std::string s)
{
    dns::lowerAscii(s);
    if (s.empty() || s.back() != '.')
        s += '.';
    return s;
}

QByteArray framed(const QByteArray &msg)
{
    QByteArray out;
    out.append(static_cast<char>((msg.size() >> 8) & 0xff));
    out.append(static_cast<char>(msg.size() & 0xff));
    return out + msg;
}

} // namespace

FakeUpstream::FakeUpstream(QObject *parent)
    : QObject(parent)
{
}

FakeUpstream::~FakeUpstream() = default;

bool FakeUpstream::start()
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        delete m_udp;
        delete m_tcp;
        m_udp = new QUdpSocket(this);
        m_tcp = new QTcpServer(this);
        // No address sharing: a client socket with SO_REUSEADDR (dig's) could otherwise be given this port.
        if (!m_udp->bind(QHostAddress::LocalHost, 0, QUdpSocket::DontShareAddress))
            continue;
        m_port = m_udp->localPort();
        if (!m_tcp->listen(QHostAddress::LocalHost, m_port))
            continue;
        connect(m_udp, &QUdpSocket::readyRead, this, &FakeUpstream::readUdp);
        connect(m_tcp, &QTcpServer::newConnection, this, &FakeUpstream::acceptTcp);
        m_spoofer = new QUdpSocket(this);
        m_spoofer->bind(QHostAddress::LocalHost, 0);
        return true;
    }
    return false;
}

std::string FakeUpstream::address() const
{
    return "127.0.0.1:" + std::to_string(m_port);
}

void FakeUpstream::script(const std::string &name, std::uint16_t type, std::vector<Behaviour> sequence)
{
    m_script[{lower(name), type}] = std::move(sequence);
}

int FakeUpstream::count(const std::string &name, std::uint16_t type) const
{
    int n = 0;
    for (const auto &r : m_received)
        if (r.query.hasQuestion && dns::equalsIgnoreCase(r.query.question.name, lower(name))
            && (type == 0 || r.query.question.type == type))
            ++n;
    return n;
}

const FakeUpstream::Behaviour &FakeUpstream::behaviourFor(const Received &r)
{
    if (!r.query.hasQuestion)
        return m_default;
    const auto key = std::make_pair(lower(r.query.question.name), r.query.question.type);
    const auto it = m_script.find(key);
    if (it == m_script.end() || it->second.empty())
        return m_default;
    const int n = m_seen[key]++;
    const auto &seq = it->second;
    return seq[std::min<std::size_t>(static_cast<std::size_t>(n), seq.size() - 1)];
}

QByteArray FakeUpstream::reply(const QByteArray &query, const Behaviour &b)
{
    dns::Query q;
    if (dns::parseQuery(query.constData(), static_cast<std::size_t>(query.size()), q) != dns::ParseStatus::Ok)
        return {};
    dns::Message m;
    m.header.id = q.header.id;
    m.header.qr = true;
    m.header.opcode = q.header.opcode;
    m.header.rd = q.header.rd;
    m.header.cd = q.header.cd;
    m.header.ra = true;
    m.header.aa = b.aa;
    m.header.tc = b.truncated;
    m.header.rcode = b.rcode;
    m.question.push_back(q.question);
    if (!b.truncated) {
        m.answer = b.answer;
        m.authority = b.authority;
        m.additional = b.additional;
    }
    if (q.edns.present) {
        m.edns.present = true;
        m.edns.udpSize = 4096;
        m.edns.dnssecOk = q.edns.dnssecOk;
    }
    return QByteArray::fromStdString(dns::encode(m));
}

void FakeUpstream::readUdp()
{
    while (m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram dg = m_udp->receiveDatagram();
        Received r;
        r.bytes = dg.data();
        r.tcp = false;
        r.sourcePort = static_cast<std::uint16_t>(dg.senderPort());
        if (dns::parseQuery(r.bytes.constData(), static_cast<std::size_t>(r.bytes.size()), r.query) != dns::ParseStatus::Ok)
            r.query.hasQuestion = false;
        const Behaviour b = behaviourFor(r);
        m_received.push_back(r);
        emit queryReceived();
        const QHostAddress peer = dg.senderAddress();
        const quint16 peerPort = static_cast<quint16>(dg.senderPort());
        if (b.delayMs > 0) {
            QTimer::singleShot(b.delayMs, this, [this, bytes = r.bytes, b, peer, peerPort] { respondUdp(bytes, b, peer, peerPort); });
        } else {
            respondUdp(r.bytes, b, peer, peerPort);
        }
    }
}

void FakeUpstream::respondUdp(const QByteArray &query, const Behaviour &b, const QHostAddress &peer, quint16 peerPort)
{
    const QByteArray good = reply(query, b);
    for (Junk junk : b.junkFirst) {
        QByteArray bad = good;
        switch (junk) {
        case Junk::ShortPacket:
            bad = good.left(5);
            break;
        case Junk::Random:
            bad = good.left(2) + QByteArray(1, char(0x81));
            while (bad.size() < 40)
                bad.append(static_cast<char>(QRandomGenerator::global()->bounded(256)));
            break;
        case Junk::WrongId:
            bad[1] = static_cast<char>(bad[1] + 1);
            break;
        case Junk::NotAResponse:
            bad[2] = static_cast<char>(bad[2] & 0x7F);
            break;
        case Junk::WrongQuestion: {
            QByteArray other = query;
            const int pos = 13; // first character of the first label
            if (other.size() > pos)
                other[pos] = other[pos] == 'z' ? 'y' : 'z';
            Behaviour plain = b;
            plain.junkFirst.clear();
            bad = reply(other, plain);
            break;
        }
        case Junk::Spoofed:
            m_spoofer->writeDatagram(good, peer, peerPort);
            continue;
        case Junk::Huge:
            bad = good.left(3) + QByteArray(60000, char(0xC0));
            break;
        }
        m_udp->writeDatagram(bad, peer, peerPort);
    }
    if (b.silent || good.isEmpty())
        return;
    m_udp->writeDatagram(good, peer, peerPort);
}

void FakeUpstream::acceptTcp()
{
    while (QTcpSocket *s = m_tcp->nextPendingConnection()) {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            buffer->append(s->readAll());
            while (buffer->size() >= 2) {
                const int len = (static_cast<unsigned char>((*buffer)[0]) << 8) | static_cast<unsigned char>((*buffer)[1]);
                if (buffer->size() < 2 + len)
                    return;
                Received r;
                r.bytes = buffer->mid(2, len);
                buffer->remove(0, 2 + len);
                r.tcp = true;
                r.sourcePort = s->peerPort();
                if (dns::parseQuery(r.bytes.constData(), static_cast<std::size_t>(r.bytes.size()), r.query)
                    != dns::ParseStatus::Ok)
                    r.query.hasQuestion = false;
                const Behaviour b = behaviourFor(r);
                m_received.push_back(r);
                emit queryReceived();
                QPointer<QTcpSocket> guard(s);
                auto respond = [guard, b, bytes = r.bytes] {
                    if (!guard)
                        return;
                    if (b.closeTcp) {
                        guard->close();
                        return;
                    }
                    if (b.silent)
                        return;
                    guard->write(framed(reply(bytes, b)));
                };
                if (b.delayMs > 0)
                    QTimer::singleShot(b.delayMs, this, respond);
                else
                    respond();
            }
        });
    }
}

dns::Rr FakeUpstream::a(const std::string &owner, const char *ipv4, std::uint32_t ttl)
{
    const QHostAddress addr(QString::fromLatin1(ipv4));
    const quint32 v = addr.toIPv4Address();
    const unsigned char raw[4] = {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
                                  static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
    return dns::Rr{owner, dns::kTypeA, dns::kClassIN, ttl, dns::rdataA(raw)};
}

dns::Rr FakeUpstream::aaaa(const std::string &owner, const char *ipv6, std::uint32_t ttl)
{
    const Q_IPV6ADDR v = QHostAddress(QString::fromLatin1(ipv6)).toIPv6Address();
    unsigned char raw[16];
    for (int i = 0; i < 16; ++i)
        raw[i] = v[i];
    return dns::Rr{owner, dns::kTypeAAAA, dns::kClassIN, ttl, dns::rdataAaaa(raw)};
}

dns::Rr FakeUpstream::cname(const std::string &owner, const std::string &target, std::uint32_t ttl)
{
    return dns::Rr{owner, dns::kTypeCNAME, dns::kClassIN, ttl, dns::rdataName(target)};
}

FakeUpstream::Behaviour FakeUpstream::answer(std::vector<dns::Rr> records)
{
    Behaviour b;
    b.answer = std::move(records);
    return b;
}

FakeUpstream::Behaviour FakeUpstream::servFail()
{
    Behaviour b;
    b.rcode = dns::kRcodeServFail;
    return b;
}

FakeUpstream::Behaviour FakeUpstream::nxDomain()
{
    Behaviour b;
    b.rcode = dns::kRcodeNxDomain;
    return b;
}

FakeUpstream::Behaviour FakeUpstream::silent()
{
    Behaviour b;
    b.silent = true;
    return b;
}

FakeUpstream::Behaviour FakeUpstream::truncated()
{
    Behaviour b;
    b.truncated = true;
    return b;
}

} // namespace skydns::test
