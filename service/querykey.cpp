#include "querykey.h"

#include "dns/message.h"

namespace skydns::service {

namespace {

std::uint16_t u16(const unsigned char *p)
{
    return std::uint16_t((p[0] << 8) | p[1]);
}

} // namespace

bool cacheKey(const unsigned char *data, std::size_t size, bool tcp, std::string &key)
{
    if (size < 12)
        return false;
    const unsigned char flags1 = data[2], flags2 = data[3];
    if (flags1 & 0x80) // QR: a response, the full parser drops it
        return false;
    if (u16(data + 4) != 1 || u16(data + 6) != 0 || u16(data + 8) != 0)
        return false;
    const std::uint16_t arcount = u16(data + 10);
    if (arcount > 1)
        return false;

    std::size_t pos = 12;
    std::size_t nameLen = 0;
    for (;;) {
        if (pos >= size)
            return false;
        const unsigned char len = data[pos];
        if (len == 0) {
            ++pos;
            // The root byte counts toward the 255-octet limit (RFC 1035 3.1): a name of 255 octets
            // before it is already too long, and the full parser refuses it.
            if (++nameLen > 255)
                return false;
            break;
        }
        if (len & 0xC0) // compression in a question is legal but rare: let the full parser decide
            return false;
        pos += 1 + len;
        nameLen += 1 + len;
        if (nameLen > 255)
            return false;
    }
    if (pos + 4 > size)
        return false;
    const std::size_t questionEnd = pos + 4;

    unsigned char ednsByte = 0; // 0: no EDNS0, 1: EDNS0, 2: EDNS0 with DO
    std::uint16_t limit = tcp ? 0xFFFF : 512;
    if (arcount == 1) {
        // Only an OPT record (root owner) qualifies; anything else goes the slow way.
        std::size_t p = questionEnd;
        if (p + 11 > size || data[p] != 0 || u16(data + p + 1) != dns::kTypeOPT)
            return false;
        const std::uint16_t udpSize = u16(data + p + 3);
        const unsigned char version = data[p + 6];
        const bool dnssecOk = (data[p + 7] & 0x80) != 0;
        const std::uint16_t rdlen = u16(data + p + 9);
        if (version != 0)
            return false;
        p += 11;
        if (p + rdlen > size)
            return false;
        const std::size_t end = p + rdlen;
        while (p < end) {
            if (p + 4 > end)
                return false;
            const std::uint16_t code = u16(data + p), optLen = u16(data + p + 2);
            if (code == dns::kStubOptionCode || p + 4 + optLen > end)
                return false;
            p += 4 + optLen;
        }
        ednsByte = dnssecOk ? 2 : 1;
        if (!tcp)
            limit = udpSize < 512 ? 512 : udpSize;
    }

    key.clear();
    key.push_back(char(flags1 & 0x79)); // opcode and RD are copied into the answer
    key.push_back(char(flags2 & 0x10)); // CD as well
    key.push_back(char(ednsByte));
    key.push_back(char(limit >> 8));
    key.push_back(char(limit & 0xff));
    key.append(reinterpret_cast<const char *>(data) + 12, questionEnd - 12);
    return true;
}

} // namespace skydns::service
