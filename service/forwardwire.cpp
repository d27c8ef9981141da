// Raw message inspection for the forwarder. Every read is bounds-checked: upstream bytes are
// untrusted (DESIGN principle 3).
#include "forwardwire.h"

#include "dns/message.h"
#include "forwarder.h"

#include <cctype>

namespace skydns::service::fwire {

namespace {

std::uint16_t u16At(const QByteArray &m, int pos)
{
    return static_cast<std::uint16_t>((static_cast<unsigned char>(m[pos]) << 8) | static_cast<unsigned char>(m[pos + 1]));
}

void setU16At(QByteArray &m, int pos, std::uint16_t v)
{
    m[pos] = static_cast<char>(v >> 8);
    m[pos + 1] = static_cast<char>(v & 0xff);
}

// skipName moves pos past a (possibly compressed) name; a pointer ends the name.
bool skipName(const QByteArray &m, int &pos)
{
    for (int labels = 0; labels < 128; ++labels) {
        if (pos >= m.size())
            return false;
        const auto len = static_cast<unsigned char>(m[pos]);
        if (len == 0) {
            pos += 1;
            return true;
        }
        if ((len & 0xC0) == 0xC0) {
            if (pos + 2 > m.size())
                return false;
            pos += 2;
            return true;
        }
        if ((len & 0xC0) != 0)
            return false; // extended label types are not used
        pos += 1 + len;
    }
    return false;
}

// questionAt reads the uncompressed question name (lower-cased wire form), type and class at
// offset 12. A compressed question name makes no sense and is refused.
bool questionAt(const QByteArray &m, QByteArray &name, std::uint16_t &type, std::uint16_t &cls)
{
    int pos = kHeaderSize;
    name.clear();
    while (true) {
        if (pos >= m.size() || name.size() > 255)
            return false;
        const auto len = static_cast<unsigned char>(m[pos]);
        if (len & 0xC0)
            return false;
        if (pos + 1 + len > m.size())
            return false;
        name.append(static_cast<char>(len));
        for (int i = 0; i < len; ++i)
            name.append(static_cast<char>(std::tolower(static_cast<unsigned char>(m[pos + 1 + i]))));
        pos += 1 + len;
        if (len == 0)
            break;
    }
    if (pos + 4 > m.size())
        return false;
    type = u16At(m, pos);
    cls = u16At(m, pos + 2);
    return true;
}

} // namespace

bool parseServer(const std::string &server, QHostAddress &address, quint16 &port)
{
    QString host = QString::fromStdString(server);
    QString portText;
    if (host.startsWith(QLatin1Char('['))) {
        const int close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        const QString rest = host.mid(close + 1);
        host = host.mid(1, close - 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return false;
            portText = rest.mid(1);
        }
    } else if (host.count(QLatin1Char(':')) == 1) {
        const int colon = host.indexOf(QLatin1Char(':'));
        portText = host.mid(colon + 1);
        host = host.left(colon);
    }
    if (!address.setAddress(host))
        return false;
    port = 53;
    if (!portText.isNull()) {
        bool ok = false;
        const uint p = portText.toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return false;
        port = static_cast<quint16>(p);
    }
    return true;
}

std::uint16_t messageId(const QByteArray &msg)
{
    return msg.size() < kHeaderSize ? 0 : u16At(msg, 0);
}

QByteArray withId(QByteArray msg, std::uint16_t id)
{
    if (msg.size() >= kHeaderSize)
        setU16At(msg, 0, id);
    return msg;
}

std::uint8_t rcodeOf(const QByteArray &msg)
{
    return msg.size() < kHeaderSize ? 0 : static_cast<std::uint8_t>(msg[3] & 0x0F);
}

bool isTruncated(const QByteArray &msg)
{
    return msg.size() >= kHeaderSize && (msg[2] & 0x02);
}

bool isResponseTo(const QByteArray &query, const QByteArray &response)
{
    if (query.size() < kHeaderSize || response.size() < kHeaderSize)
        return false;
    if (u16At(query, 0) != u16At(response, 0))
        return false;
    const auto flags = static_cast<unsigned char>(response[2]);
    if (!(flags & 0x80))
        return false; // QR=0: a query, not an answer
    if ((flags & 0x78) != (static_cast<unsigned char>(query[2]) & 0x78))
        return false; // other opcode
    const std::uint16_t qd = u16At(response, 4);
    if (qd == 0)
        return rcodeOf(response) != dns::kRcodeNoError;
    if (qd != 1 || u16At(query, 4) != 1)
        return false;
    QByteArray qn, rn;
    std::uint16_t qt = 0, qc = 0, rt = 0, rc = 0;
    if (!questionAt(query, qn, qt, qc) || !questionAt(response, rn, rt, rc))
        return false;
    return qn == rn && qt == rt && qc == rc;
}

int messageEnd(const QByteArray &msg, int *optRdlenOffset)
{
    if (optRdlenOffset)
        *optRdlenOffset = -1;
    if (msg.size() < kHeaderSize)
        return -1;
    int pos = kHeaderSize;
    const int qd = u16At(msg, 4);
    for (int i = 0; i < qd; ++i) {
        if (!skipName(msg, pos) || pos + 4 > msg.size())
            return -1;
        pos += 4;
    }
    const int counts[3] = {u16At(msg, 6), u16At(msg, 8), u16At(msg, 10)};
    for (int section = 0; section < 3; ++section) {
        for (int i = 0; i < counts[section]; ++i) {
            if (!skipName(msg, pos) || pos + 10 > msg.size())
                return -1;
            const std::uint16_t type = u16At(msg, pos);
            const int rdlen = u16At(msg, pos + 8);
            if (section == 2 && type == dns::kTypeOPT && optRdlenOffset && *optRdlenOffset < 0)
                *optRdlenOffset = pos + 8;
            pos += 10;
            if (pos + rdlen > msg.size())
                return -1;
            pos += rdlen;
        }
    }
    return pos;
}

QByteArray stubOptionRecord()
{
    // owner ".", type OPT, class (UDP size) 0, TTL 0, RDLENGTH 5, option 65011 length 1 data 0x01
    static const char bytes[] = {0, 0, 41, 0, 0, 0, 0, 0, 0, 0, 5, char(0xFD), char(0xF3), 0, 1, 1};
    return QByteArray(bytes, sizeof bytes);
}

} // namespace skydns::service::fwire

namespace skydns::service {

QByteArray addStubOption(const QByteArray &query)
{
    using namespace fwire;
    int optRdlen = -1;
    const int end = messageEnd(query, &optRdlen);
    if (end < 0)
        return query; // not a message we can extend; the caller forwards what it has
    static const char option[] = {char(0xFD), char(0xF3), 0, 1, 1};
    QByteArray out = query.left(end); // trailing bytes after the last record are dropped, as a re-pack would
    if (optRdlen >= 0) {
        const int rdlen = u16At(out, optRdlen);
        if (rdlen + 5 > 0xFFFF)
            return query;
        // The OPT rdata ends at optRdlen + 2 + rdlen: insert the option there, so it follows the
        // existing options even when other additional records come after the OPT.
        out.insert(optRdlen + 2 + rdlen, option, sizeof option);
        setU16At(out, optRdlen, static_cast<std::uint16_t>(rdlen + 5));
    } else {
        const std::uint16_t ar = u16At(out, 10);
        if (ar == 0xFFFF)
            return query;
        out.append(stubOptionRecord());
        setU16At(out, 10, static_cast<std::uint16_t>(ar + 1));
    }
    return out;
}

} // namespace skydns::service
