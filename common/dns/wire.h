#pragma once

#include "dns/message.h"

#include <cstddef>
#include <string>

namespace skydns::dns {

// encode writes msg in wire format into out (its previous contents are replaced). Names are
// compressed when msg.compress is set: owners, and the names inside CNAME, NS, PTR, MX and SOA
// rdata (SRV targets never, RFC 2782). Compression is case-sensitive so every name keeps the case
// it was given. edns.present adds an OPT record at the end of the additional section. A record
// whose owner is not a valid name is written with the root as owner (the resolver never builds
// such records). Fit/truncation is the caller's: encode the message again after trimming it.
void encode(const Message &msg, std::string &out);

// encode returns the wire form of msg; see encode(msg, out).
std::string encode(const Message &msg);

// FitResult is the outcome of fit.
enum class FitResult {
    Fits,      // sent as is (the additional section may have been dropped)
    Truncated, // UDP: TC set, answers cut to fit
    Overflow,  // TCP: does not fit even without additional records: answer SERVFAIL instead
};

// fit is SkyDNS's Fit (server/msg.go, spec 7) followed by encode: if the message is longer than
// size, the whole additional section (and the OPT record with it) is dropped; if it is then still
// not shorter than size (SkyDNS's strict test), over UDP TC is set and the answer section is cut
// to the longest prefix that fits, over TCP the result is Overflow. wire receives the encoding of
// the (possibly trimmed) message. size is the client's limit: Query::bufsize(), or 65535 over TCP.
FitResult fit(Message &msg, std::size_t size, bool tcp, std::string &wire);

// ParseStatus is the outcome of parseQuery.
enum class ParseStatus {
    Ok,      // a query with one (or more: the first is used) question
    FormErr, // malformed (or no question): answer FORMERR with the id in Query::header
    Drop,    // not worth an answer: shorter than a header, or a response (QR=1)
};

// parseQuery strictly parses a client query: header, the question(s), and every record of the
// other sections (each must lie within the packet; the OPT record of the additional section is
// decoded into query.edns, including SkyDNS's stub option). Trailing bytes after the last record
// are ignored as miekg/dns does. Never reads outside [data, data+size).
ParseStatus parseQuery(const void *data, std::size_t size, Query &query);

// parseMessage parses a whole message, e.g. an upstream answer handed back to the resolver.
// Owners become presentation names; compressed names inside rdata of the types that allow
// compression (NS, CNAME, SOA, PTR, MX, SRV, and the obsolete MB/MD/MF/MG/MINFO/MR) are expanded so
// every Rr holds uncompressed rdata. The OPT record goes to msg.edns. Returns false if malformed.
bool parseMessage(const void *data, std::size_t size, Message &msg);

} // namespace skydns::dns
