#pragma once

#include "dns/message.h"

#include <cstdint>
#include <string>

namespace skydns::service {

// FitOutcome says what fitAndEncode had to do to make an answer fit.
enum class FitOutcome {
    Fits,      // sent as built
    Trimmed,   // additional section dropped, the rest fits
    Truncated, // UDP: TC set and answers cut (spec 7)
    Overflow,  // TCP: still too big, replaced by SERVFAIL (spec 7)
};

// fitAndEncode is SkyDNS's Fit (spec 7) followed by encoding into out: when the encoded message is
// longer than size the whole additional section goes (OPT and RRSIGs included); if it is then still
// not shorter than size, a UDP answer gets TC=1 and as many answer records as fit (the authority
// section too when not even zero answers fit), and a TCP answer becomes SERVFAIL.
FitOutcome fitAndEncode(dns::Message &msg, std::uint16_t size, bool tcp, std::string &out);

} // namespace skydns::service
