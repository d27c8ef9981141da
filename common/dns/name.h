#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace skydns::dns {

// kMaxNameWire is the longest wire-format name (RFC 1035 2.3.4), root label included.
inline constexpr std::size_t kMaxNameWire = 255;

// nameToWire appends the uncompressed wire form of a presentation-form name to out (a trailing
// dot is optional; "." and "" are the root). Escapes "\X" and "\DDD" are decoded as in zone files.
// Returns false, leaving out unchanged, for empty labels, labels over 63 bytes, names over 255
// bytes or bad escapes.
bool nameToWire(std::string_view name, std::string &out);

// wireToName appends the presentation form of the uncompressed wire name at data[0..size) to out,
// fully qualified, escaped as miekg/dns prints names: "\X" for . space ' @ ; ( ) " \ and "\DDD"
// for bytes outside 0x21-0x7E. Returns the wire length consumed, 0 on error (compression pointers
// are errors here: decompress first).
std::size_t wireToName(const unsigned char *data, std::size_t size, std::string &out);

// isSubdomain is dns.IsSubDomain for lower-case presentation names: child equals parent or ends in
// "." + parent (parent fully qualified). "." is the parent of everything.
bool isSubdomain(std::string_view parent, std::string_view child);

// lowerAscii lower-cases ASCII letters in place.
void lowerAscii(std::string &s);

// equalsIgnoreCase compares two names ASCII case-insensitively.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

} // namespace skydns::dns
