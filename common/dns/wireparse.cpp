// The strict parsers of dns/wire.h. Every read is bounds-checked; malformed input is reported,
// never trusted (DESIGN principle 3).
#include "dns/wire.h"

#include "dns/name.h"

namespace skydns::dns {

namespace {

class Reader
{
public:
    Reader(const void *data, std::size_t size)
        : m_data(static_cast<const unsigned char *>(data)), m_size(size)
    {
    }

    std::size_t pos() const { return m_pos; }
    std::size_t size() const { return m_size; }
    const unsigned char *data() const { return m_data; }
    bool atEnd() const { return m_pos >= m_size; }

    bool u8(std::uint8_t &v)
    {
        if (m_pos + 1 > m_size)
            return false;
        v = m_data[m_pos++];
        return true;
    }
    bool u16(std::uint16_t &v)
    {
        if (m_pos + 2 > m_size)
            return false;
        v = static_cast<std::uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return true;
    }
    bool u32(std::uint32_t &v)
    {
        std::uint16_t a, b;
        if (!u16(a) || !u16(b))
            return false;
        v = (static_cast<std::uint32_t>(a) << 16) | b;
        return true;
    }
    bool skip(std::size_t n)
    {
        if (n > m_size - m_pos)
            return false;
        m_pos += n;
        return true;
    }

    // name reads a possibly compressed name at the cursor, appending its uncompressed wire form to
    // wire. Pointers must point backwards (no loops) and the result must fit in 255 bytes.
    bool name(std::string &wire) { return nameAt(m_pos, wire, &m_pos); }

    bool nameAt(std::size_t pos, std::string &wire, std::size_t *after) const
    {
        const std::size_t start = wire.size();
        bool jumped = false;
        std::size_t limit = pos; // a pointer must go strictly before the smallest position seen
        for (;;) {
            if (pos >= m_size)
                return false;
            const unsigned len = m_data[pos];
            if ((len & 0xC0) == 0xC0) {
                if (pos + 2 > m_size)
                    return false;
                const std::size_t target = ((len & 0x3F) << 8) | m_data[pos + 1];
                if (!jumped && after)
                    *after = pos + 2;
                jumped = true;
                if (target >= limit)
                    return false;
                limit = target;
                pos = target;
                continue;
            }
            if ((len & 0xC0) != 0)
                return false; // extended label types are obsolete
            if (pos + 1 + len > m_size)
                return false;
            wire.append(reinterpret_cast<const char *>(m_data + pos), 1 + len);
            if (wire.size() - start > kMaxNameWire)
                return false;
            pos += 1 + len;
            if (len == 0) {
                if (!jumped && after)
                    *after = pos;
                return true;
            }
        }
    }

private:
    const unsigned char *m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

bool readHeader(Reader &r, Header &h, std::uint16_t counts[4])
{
    std::uint16_t flags;
    if (!r.u16(h.id) || !r.u16(flags))
        return false;
    h.qr = flags & 0x8000;
    h.opcode = (flags >> 11) & 0xF;
    h.aa = flags & 0x0400;
    h.tc = flags & 0x0200;
    h.rd = flags & 0x0100;
    h.ra = flags & 0x0080;
    h.ad = flags & 0x0020;
    h.cd = flags & 0x0010;
    h.rcode = flags & 0xF;
    for (int i = 0; i < 4; ++i) {
        if (!r.u16(counts[i]))
            return false;
    }
    return true;
}

bool wireToText(const std::string &wire, std::string &text)
{
    text.clear();
    return wireToName(reinterpret_cast<const unsigned char *>(wire.data()), wire.size(), text) == wire.size();
}

// readOpt decodes an OPT record whose owner, type and class (udp size) were read already.
bool readOpt(Reader &r, std::uint16_t udpSize, Edns &edns)
{
    std::uint32_t ttl;
    std::uint16_t rdlen;
    if (!r.u32(ttl) || !r.u16(rdlen))
        return false;
    edns.present = true;
    edns.udpSize = udpSize;
    edns.extendedRcode = static_cast<std::uint8_t>(ttl >> 24);
    edns.version = static_cast<std::uint8_t>((ttl >> 16) & 0xFF);
    edns.dnssecOk = ttl & 0x8000;
    const std::size_t end = r.pos() + rdlen;
    if (end > r.size())
        return false;
    while (r.pos() < end) {
        std::uint16_t code, len;
        if (!r.u16(code) || !r.u16(len) || r.pos() + len > end)
            return false;
        if (code == kStubOptionCode && len == 1 && r.data()[r.pos()] == 1)
            edns.stubOption = true;
        r.skip(len);
    }
    return true;
}

bool compressibleRdata(std::uint16_t type)
{
    switch (type) {
    case kTypeNS: case 3: case 4: case kTypeCNAME: case kTypeSOA: case 7: case 8: case 9:
    case kTypePTR: case 14: case kTypeMX: case kTypeSRV:
        return true;
    default:
        return false;
    }
}

// readRdata copies rdata [pos, pos+len) into out, expanding compressed names of the types that allow
// them so the stored form is self-contained.
bool readRdata(const Reader &r, std::uint16_t type, std::size_t pos, std::size_t len, std::string &out)
{
    const auto *d = reinterpret_cast<const char *>(r.data());
    if (!compressibleRdata(type)) {
        out.assign(d + pos, len);
        return true;
    }
    const std::size_t end = pos + len;
    out.clear();
    auto names = [&](int count) {
        for (int i = 0; i < count; ++i) {
            std::size_t after = 0;
            if (pos >= end || !r.nameAt(pos, out, &after) || after > end)
                return false;
            pos = after;
        }
        return true;
    };
    auto fixed = [&](std::size_t n) {
        if (end - pos < n)
            return false;
        out.append(d + pos, n);
        pos += n;
        return true;
    };
    bool ok = false;
    switch (type) {
    case kTypeSOA: ok = names(2) && fixed(20); break;
    case 14: ok = names(2); break; // MINFO
    case kTypeMX: ok = fixed(2) && names(1); break;
    case kTypeSRV: ok = fixed(6) && names(1); break;
    default: ok = names(1); break;
    }
    return ok && pos == end;
}

} // namespace

ParseStatus parseQuery(const void *data, std::size_t size, Query &query)
{
    query = Query{};
    Reader r(data, size);
    std::uint16_t counts[4];
    if (!readHeader(r, query.header, counts))
        return ParseStatus::Drop;
    if (query.header.qr)
        return ParseStatus::Drop;
    if (counts[0] == 0)
        return ParseStatus::FormErr;
    std::string wire;
    for (unsigned i = 0; i < counts[0]; ++i) {
        wire.clear();
        std::uint16_t type, cls;
        if (!r.name(wire) || !r.u16(type) || !r.u16(cls))
            return ParseStatus::FormErr;
        if (i == 0) {
            if (!wireToText(wire, query.question.name))
                return ParseStatus::FormErr;
            query.question.type = type;
            query.question.cls = cls;
            query.hasQuestion = true;
        }
    }
    for (int section = 1; section < 4; ++section) {
        for (unsigned i = 0; i < counts[section]; ++i) {
            wire.clear();
            std::uint16_t type, cls, rdlen;
            std::uint32_t ttl;
            if (!r.name(wire) || !r.u16(type) || !r.u16(cls))
                return ParseStatus::FormErr;
            if (type == kTypeOPT) { // RFC 6891 6.1.1: one OPT, in the additional section only
                if (section != 3 || wire.size() != 1 || query.edns.present || !readOpt(r, cls, query.edns))
                    return ParseStatus::FormErr;
                continue;
            }
            if (!r.u32(ttl) || !r.u16(rdlen) || !r.skip(rdlen))
                return ParseStatus::FormErr;
        }
    }
    return ParseStatus::Ok;
}

bool parseMessage(const void *data, std::size_t size, Message &msg)
{
    msg = Message{};
    Reader r(data, size);
    std::uint16_t counts[4];
    if (!readHeader(r, msg.header, counts))
        return false;
    std::string wire;
    for (unsigned i = 0; i < counts[0]; ++i) {
        wire.clear();
        Question q;
        if (!r.name(wire) || !r.u16(q.type) || !r.u16(q.cls) || !wireToText(wire, q.name))
            return false;
        msg.question.push_back(std::move(q));
    }
    std::vector<Rr> *sections[3] = {&msg.answer, &msg.authority, &msg.additional};
    for (int section = 1; section < 4; ++section) {
        for (unsigned i = 0; i < counts[section]; ++i) {
            wire.clear();
            Rr rr;
            std::uint16_t rdlen;
            if (!r.name(wire) || !r.u16(rr.type) || !r.u16(rr.cls))
                return false;
            if (rr.type == kTypeOPT) { // RFC 6891 6.1.1: an OPT elsewhere makes the message malformed
                if (section != 3 || wire.size() != 1 || msg.edns.present || !readOpt(r, rr.cls, msg.edns))
                    return false;
                continue;
            }
            if (!r.u32(rr.ttl) || !r.u16(rdlen) || rdlen > r.size() - r.pos())
                return false;
            if (!wireToText(wire, rr.owner) || !readRdata(r, rr.type, r.pos(), rdlen, rr.rdata))
                return false;
            r.skip(rdlen);
            sections[section - 1]->push_back(std::move(rr));
        }
    }
    return true;
}

} // namespace skydns::dns
