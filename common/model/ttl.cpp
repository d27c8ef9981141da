#include "model/ttl.h"

namespace skydns::model {

std::uint32_t calculateTtl(std::uint32_t etcdTtl, std::uint32_t jsonTtl, std::uint32_t defaultTtl)
{
    if (etcdTtl == 0 && jsonTtl == 0)
        return defaultTtl;
    if (etcdTtl == 0)
        return jsonTtl;
    if (jsonTtl == 0)
        return etcdTtl;
    return etcdTtl < jsonTtl ? etcdTtl : jsonTtl;
}

} // namespace skydns::model
