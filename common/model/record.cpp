#include "model/record.h"

#include <limits>

namespace skydns::model {

std::uint32_t Record::remainingTtl(std::int64_t nowMs) const
{
    if (expiresAtMs == 0 || expiresAtMs <= nowMs)
        return 0;
    // etcd v2 reports the TTL rounded up to whole seconds (store/node.go expirationAndTTL), so a key
    // with 0.2 s left still says 1: the answer TTL never reaches 0 while the key exists.
    const std::int64_t left = expiresAtMs - nowMs;
    const std::int64_t seconds = left / 1000 + (left % 1000 != 0 ? 1 : 0);
    if (seconds > std::numeric_limits<std::uint32_t>::max())
        return std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(seconds);
}

} // namespace skydns::model
