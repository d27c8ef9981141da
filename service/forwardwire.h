#pragma once

#include <QByteArray>
#include <QHostAddress>

#include <cstdint>
#include <string>

// Raw wire helpers of the forwarder: it relays upstream bytes unchanged, so it looks at messages
// without decoding them whole.
namespace skydns::service::fwire {

// kHeaderSize is the size of the fixed DNS header.
inline constexpr int kHeaderSize = 12;

// parseServer splits "ip:port", "[v6]:port" or a bare IP (port 53) into address and port.
bool parseServer(const std::string &server, QHostAddress &address, quint16 &port);

// messageId returns the ID of a message (0 when shorter than a header).
std::uint16_t messageId(const QByteArray &msg);

// withId returns msg with its ID replaced (msg unchanged when shorter than a header).
QByteArray withId(QByteArray msg, std::uint16_t id);

// rcodeOf returns the 4-bit header rcode of a message.
std::uint8_t rcodeOf(const QByteArray &msg);

// isTruncated says whether TC is set.
bool isTruncated(const QByteArray &msg);

// isResponseTo says whether response answers query: same ID, QR=1, same opcode and the same
// question (name compared ASCII case-insensitively, type and class exact). A response without a
// question matches only when its rcode is not NOERROR (FORMERR/NOTIMP/REFUSED answers often drop
// it). Anything else (garbage, spoofs, late answers to other queries) does not match.
bool isResponseTo(const QByteArray &query, const QByteArray &response);

// messageEnd returns the offset just after the last record announced by the header counts, or -1
// when the message is malformed. optRdlenOffset receives the offset of the RDLENGTH field of the
// OPT record in the additional section (-1 when there is none).
int messageEnd(const QByteArray &msg, int *optRdlenOffset = nullptr);

// stubOptionRecord is the OPT record SkyDNS adds to a stub query that has none (spec 5): owner ".",
// UDP size 0, TTL 0, option 65011 with data 0x01.
QByteArray stubOptionRecord();

} // namespace skydns::service::fwire
