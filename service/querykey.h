#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace skydns::service {

// cacheKey reads just enough of a raw client query to key the packet cache, without building a
// dns::Query: header flags that the answer copies (opcode, RD, CD), the question as sent (name
// bytes case-sensitive, type, class, as SkyDNS's own cache key), whether EDNS0 is present with its
// DO bit, and the size limit (udpSize floor 512, or TCP). It returns false for anything that is not
// a plain query (QR set, not exactly one question, answer or authority records, more than one
// additional record, a compressed or oversized question name, EDNS version other than 0, SkyDNS's
// stub option, bytes running past the end): such queries take the full parser (dns::parseQuery).
// key is overwritten; its capacity is reused so the hot path does not allocate.
bool cacheKey(const unsigned char *data, std::size_t size, bool tcp, std::string &key);

// patchId writes id into the first two bytes of a wire message (of at least 2 bytes).
inline void patchId(char *wire, std::uint16_t id)
{
    wire[0] = char(id >> 8);
    wire[1] = char(id & 0xff);
}

// queryId is the ID of a raw message of at least 2 bytes.
inline std::uint16_t queryId(const unsigned char *data)
{
    return std::uint16_t((data[0] << 8) | data[1]);
}

} // namespace skydns::service
