#include "model/srv.h"

#include <cmath>
#include <limits>
#include <map>

namespace skydns::model {

namespace {

// goFloatToUint16 reproduces Go's uint16(f) on amd64 for any float: the compiler converts to int32
// (CVTTSD2SL, which yields INT32_MIN for NaN and out-of-range values) and keeps the low 16 bits.
// Only negative or zero-sum weights get odd values here; SkyDNS serves those numbers, so do we.
std::uint16_t goFloatToUint16(double f)
{
    std::int32_t i = std::numeric_limits<std::int32_t>::min();
    if (!std::isnan(f) && f > -2147483649.0 && f < 2147483648.0)
        i = static_cast<std::int32_t>(f);
    return static_cast<std::uint16_t>(static_cast<std::uint32_t>(i) & 0xFFFFu);
}

} // namespace

std::vector<std::uint16_t> srvWeights(const std::vector<int> &priorities, const std::vector<int> &weights)
{
    const std::size_t n = priorities.size() < weights.size() ? priorities.size() : weights.size();
    // Go sums in int (64 bits), so the sum cannot overflow for any number of int32 weights we hold.
    std::map<int, std::int64_t> sums;
    for (std::size_t i = 0; i < n; ++i)
        sums[priorities[i]] += weights[i] == 0 ? 100 : weights[i];

    std::vector<std::uint16_t> result;
    result.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        // Same operation order as server.go: (100.0 / sum) first, then times the weight.
        double w = 100.0 / static_cast<double>(sums[priorities[i]]);
        w *= weights[i] == 0 ? 100.0 : static_cast<double>(weights[i]);
        result.push_back(goFloatToUint16(std::floor(w)));
    }
    return result;
}

} // namespace skydns::model
