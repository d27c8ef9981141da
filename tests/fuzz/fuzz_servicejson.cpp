// fuzz_servicejson: model::parseService, the decoder of every etcd value SkyDNS serves. When a
// value parses, toJson and a second parse must give back an equal Service (the console writes
// services with toJson and the service reads them with parseService).
#include "model/service.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace skydns::model;
    const std::string_view json(reinterpret_cast<const char *>(data), size);
    std::string error;
    const auto service = parseService(json, "/skydns/local/skydns/fuzz", &error);
    if (!service) {
        if (error.empty()) {
            std::fprintf(stderr, "fuzz_servicejson: rejected without a message\n");
            __builtin_trap();
        }
        return 0;
    }
    const std::string again = toJson(*service);
    std::string error2;
    const auto back = parseService(again, "/skydns/local/skydns/fuzz", &error2);
    if (!back || *back != *service) {
        std::fprintf(stderr, "fuzz_servicejson: toJson round trip differs: %s (%s)\n", again.c_str(),
                     error2.c_str());
        __builtin_trap();
    }
    // toJson must be a fixed point: encoding the decoded encoding gives the same bytes.
    if (toJson(*back) != again) {
        std::fprintf(stderr, "fuzz_servicejson: toJson not stable: %s\n", again.c_str());
        __builtin_trap();
    }
    return 0;
}
