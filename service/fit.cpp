#include "fit.h"

#include "dns/wire.h"

namespace skydns::service {

FitOutcome fitAndEncode(dns::Message &msg, std::uint16_t size, bool tcp, std::string &out)
{
    dns::encode(msg, out);
    if (out.size() <= size)
        return FitOutcome::Fits;

    msg.additional.clear();
    msg.edns.present = false;
    dns::encode(msg, out);
    // SkyDNS tests Len() >= size here (strict): keep that boundary.
    if (out.size() < size)
        return FitOutcome::Trimmed;

    if (tcp) {
        msg.answer.clear();
        msg.authority.clear();
        msg.header.rcode = dns::kRcodeServFail;
        msg.header.aa = false;
        msg.header.ra = false;
        msg.compress = false;
        dns::encode(msg, out);
        return FitOutcome::Overflow;
    }

    msg.header.tc = true;
    // Binary search for the most answer records that fit: encoding is linear, so log2(n) passes.
    std::vector<dns::Rr> all = std::move(msg.answer);
    std::size_t lo = 0, hi = all.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        msg.answer.assign(all.begin(), all.begin() + std::ptrdiff_t(mid));
        dns::encode(msg, out);
        if (out.size() <= size)
            lo = mid;
        else
            hi = mid - 1;
    }
    msg.answer.assign(all.begin(), all.begin() + std::ptrdiff_t(lo));
    dns::encode(msg, out);
    if (out.size() > size) {
        msg.authority.clear();
        dns::encode(msg, out);
    }
    return FitOutcome::Truncated;
}

} // namespace skydns::service
