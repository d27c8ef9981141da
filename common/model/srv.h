#pragma once

#include <cstdint>
#include <vector>

namespace skydns::model {

// srvWeights is SkyDNS's SRV weight arithmetic (server.go:SRVRecords): services are grouped by
// priority; within a group sum = Σ(weight or 100 when weight is 0) and each SRV weight is
// uint16(floor(100 / sum * (weight or 100))) in float math. priorities[i] and weights[i] describe
// service i; the result has one weight per service, in the same order.
// README examples: 120/100/130 -> 34/28/37, 100/100/100 -> 33/33/33, a single service -> 100.
std::vector<std::uint16_t> srvWeights(const std::vector<int> &priorities, const std::vector<int> &weights);

} // namespace skydns::model
