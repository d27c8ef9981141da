// fuzz_querykey: the packet cache's key reader (service/querykey.h), which reads raw client bytes
// on the hot path before the full parser. A query it accepts must also be one the full parser
// accepts (dns::parseQuery Ok), with the same question: otherwise a cached answer could be sent
// for bytes the service would have answered differently.
#include "dns/message.h"
#include "dns/wire.h"
#include "querykey.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace skydns;
    std::string key;
    for (const bool tcp : {false, true}) {
        if (!service::cacheKey(data, size, tcp, key))
            continue;
        dns::Query query;
        if (dns::parseQuery(data, size, query) != dns::ParseStatus::Ok) {
            std::fprintf(stderr, "fuzz_querykey: cacheKey accepted a query parseQuery rejects\n");
            __builtin_trap();
        }
        if (size >= 2 && service::queryId(data) != query.header.id)
            __builtin_trap();
    }
    return 0;
}
