#pragma once

#include <cstdint>
#include <string>

namespace skydns::dns {

// put16 appends v in network byte order (big-endian), as DNS wire format writes 16-bit fields.
inline void put16(std::string &out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v & 0xFF));
}

// put32 appends v in network byte order.
inline void put32(std::string &out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v >> 16));
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
}

} // namespace skydns::dns
