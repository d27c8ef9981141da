#pragma once

#include <chrono>
#include <cstdint>

namespace skydns::backend {

// wallClockMs is the time since the epoch in milliseconds: the clock of etcd TTLs and lease expiries
// in the mirror (comparable across processes, unlike a steady clock).
inline std::int64_t wallClockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace skydns::backend
