#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::dns {

// Type numbers used by the resolver (RFC 1035, 3596, 2782, 4034, 5155, 6891).
enum Type : std::uint16_t {
    kTypeA = 1,
    kTypeNS = 2,
    kTypeCNAME = 5,
    kTypeSOA = 6,
    kTypePTR = 12,
    kTypeHINFO = 13,
    kTypeMX = 15,
    kTypeTXT = 16,
    kTypeAAAA = 28,
    kTypeSRV = 33,
    kTypeOPT = 41,
    kTypeDS = 43,
    kTypeRRSIG = 46,
    kTypeNSEC = 47,
    kTypeDNSKEY = 48,
    kTypeNSEC3 = 50,
    kTypeANY = 255,
};

// Class numbers.
enum Class : std::uint16_t { kClassIN = 1, kClassCH = 3, kClassANY = 255 };

// Rcode numbers (4-bit header part).
enum Rcode : std::uint8_t {
    kRcodeNoError = 0,
    kRcodeFormErr = 1,
    kRcodeServFail = 2,
    kRcodeNxDomain = 3,
    kRcodeNotImp = 4,
    kRcodeRefused = 5,
};

// kStubOptionCode is SkyDNS's EDNS0 local option that marks a stub-forwarded query (spec 5):
// EDNS0LOCALSTART 0xFDE9 + 10 = 65011, data 0x01.
inline constexpr std::uint16_t kStubOptionCode = 65011;

// Rr is one resource record in the light form the resolver builds and the encoder writes.
// owner is the presentation form, fully qualified, in the case it is sent (escapes as in zone
// files: "\." for a dot inside a label, "\DDD" for other bytes). rdata is the uncompressed wire
// form; names inside it are uncompressed wire names, so rdata compares byte-wise for dedup and
// is canonical input for signing. The encoder compresses the names in CNAME, NS, PTR, MX and SOA
// rdata (never SRV targets, RFC 2782).
struct Rr
{
    std::string owner;
    std::uint16_t type = 0;
    std::uint16_t cls = kClassIN;
    std::uint32_t ttl = 0;
    std::string rdata;

    bool operator==(const Rr &o) const
    {
        return type == o.type && cls == o.cls && ttl == o.ttl && owner == o.owner && rdata == o.rdata;
    }
};

// Header holds the fixed header fields of a message (RFC 1035 4.1.1, RFC 4035 AD/CD).
struct Header
{
    std::uint16_t id = 0;
    bool qr = false, aa = false, tc = false, rd = false, ra = false, ad = false, cd = false;
    std::uint8_t opcode = 0;
    std::uint8_t rcode = kRcodeNoError;
};

// Question is the question section entry; name in presentation form as received (case kept).
struct Question
{
    std::string name;
    std::uint16_t type = 0;
    std::uint16_t cls = kClassIN;
};

// Edns is the OPT pseudo record of a message (RFC 6891). Only the fields SkyDNS looks at.
struct Edns
{
    bool present = false;
    std::uint16_t udpSize = 512;
    bool dnssecOk = false;
    std::uint8_t version = 0;
    std::uint8_t extendedRcode = 0;
    bool stubOption = false; // option kStubOptionCode with data 0x01 present (spec 5)
};

// Message is a whole DNS message: what resolve() returns and encode() writes. The OPT record is
// carried in edns, never in additional. compress is SkyDNS's Msg.Compress (spec 7: off for
// NXDOMAIN, SERVFAIL and REFUSED).
struct Message
{
    Header header;
    std::vector<Question> question; // 0 or 1 entries in practice
    std::vector<Rr> answer;
    std::vector<Rr> authority;
    std::vector<Rr> additional;
    Edns edns;
    bool compress = true;

    // Message is an empty NOERROR message; copies and moves are member-wise.
    Message() = default;
    Message(const Message &) = default;
    Message(Message &&) noexcept = default;
    Message &operator=(const Message &) = default;
    Message &operator=(Message &&) noexcept = default;
    // ~Message hands the records' heap storage to the thread's dns::Recycler (dns/recycler.h),
    // where the resolver takes it for its next answer.
    ~Message()
    {
        if (!answer.empty() || !authority.empty() || !additional.empty())
            recycle();
    }

private:
    void recycle() noexcept;
};

// Query is a parsed client query (see parseQuery in dns/wire.h). tcp is set by the listener.
struct Query
{
    Header header;
    Question question;
    bool hasQuestion = false;
    Edns edns;
    bool tcp = false;

    // bufsize is SkyDNS's answer size limit (spec 3 step 3, 7): 65534 over TCP, else the client's
    // EDNS0 UDP size with a floor of 512, else 512.
    std::uint16_t bufsize() const
    {
        if (tcp)
            return 65534;
        if (edns.present)
            return edns.udpSize < 512 ? 512 : edns.udpSize;
        return 512;
    }
};

// Rdata builders. Names are presentation form; an unparseable name gives an empty rdata (callers
// skip such records). Addresses are the raw 4 or 16 bytes.
std::string rdataA(const unsigned char (&addr)[4]);
std::string rdataAaaa(const unsigned char (&addr)[16]);
// rdataName is the rdata of CNAME, NS and PTR: one name.
std::string rdataName(std::string_view name);
// rdataMx is preference + exchange.
std::string rdataMx(std::uint16_t preference, std::string_view exchange);
// rdataSrv is priority, weight, port, target.
std::string rdataSrv(std::uint16_t priority, std::uint16_t weight, std::uint16_t port, std::string_view target);
// rdataSrvWire is rdataSrv with the target already in uncompressed wire form.
std::string rdataSrvWire(std::uint16_t priority, std::uint16_t weight, std::uint16_t port, std::string_view targetWire);
// rdataTxt is a sequence of character strings; each chunk must be at most 255 bytes (longer
// chunks are cut).
std::string rdataTxt(const std::vector<std::string_view> &chunks);
// rdataSoa is mname, rname and the five counters.
std::string rdataSoa(std::string_view mname, std::string_view rname, std::uint32_t serial, std::uint32_t refresh,
                     std::uint32_t retry, std::uint32_t expire, std::uint32_t minimum);

// typeName gives the mnemonic of a type ("A", "SRV", "TYPE65280") for logs and tests.
std::string typeName(std::uint16_t type);

} // namespace skydns::dns
