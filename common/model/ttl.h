#pragma once

#include <cstdint>

namespace skydns::model {

// calculateTtl is SkyDNS's calculateTtl (spec 2.3): both etcdTtl and jsonTtl zero -> defaultTtl;
// one of them zero -> the other; both set -> the smaller.
std::uint32_t calculateTtl(std::uint32_t etcdTtl, std::uint32_t jsonTtl, std::uint32_t defaultTtl);

} // namespace skydns::model
