// fuzz_packet: the packet path of the service without sockets. Bytes in -> dns::parseQuery ->
// resolver::resolve over a fixed MemoryBackend (tests/data/resolver-readme.json), a fixed clock and
// a fixed random sequence -> dns::fit/encode -> bytes out. The same bytes are also parsed as an
// upstream answer (dns::parseMessage) and handed to the resolver's second pass when it asks for
// lookups, so the upstream path is covered too.
#include "backend/memorybackend.h"
#include "config/serviceconfig.h"
#include "dns/message.h"
#include "dns/wire.h"
#include "resolver/random.h"
#include "resolver/resolver.h"
#include "resolver/upstream.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace skydns;

// kNowMs is the fixed clock: answers (TTLs, SOA serial) depend only on the input.
constexpr std::int64_t kNowMs = 1795000000000;

backend::MemoryBackend *g_backend = nullptr;
config::ServiceConfig *g_config = nullptr;
config::ServiceConfig *g_stubConfig = nullptr;

// mustReparse checks that what we send can be read back: an encoder bug that writes a message our
// own parser rejects would reach clients as garbage.
void mustReparse(const std::string &wire)
{
    dns::Message back;
    if (!dns::parseMessage(wire.data(), wire.size(), back)) {
        std::fprintf(stderr, "fuzz_packet: encoded answer of %zu bytes does not parse:", wire.size());
        for (unsigned char c : wire)
            std::fprintf(stderr, " %02x", c);
        std::fprintf(stderr, "\n");
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    std::ifstream in(SKYDNS_FUZZ_FIXTURE, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    g_backend = new backend::MemoryBackend();
    std::string error;
    if (!g_backend->loadJson(ss.str(), &error)) {
        std::fprintf(stderr, "fuzz_packet: cannot load %s: %s\n", SKYDNS_FUZZ_FIXTURE, error.c_str());
        std::abort();
    }
    g_config = new config::ServiceConfig();
    g_config->nameservers = {"127.0.0.1:53", "[::1]:53"};
    g_config->roundRobin = true;
    // A second configuration turns on the stub zone path (spec 5), chosen by a bit of the query id.
    g_stubConfig = new config::ServiceConfig(*g_config);
    g_stubConfig->stubzones = true;
    g_stubConfig->nsRotate = true;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (!g_backend)
        LLVMFuzzerInitialize(nullptr, nullptr);

    // The upstream view of the same bytes.
    dns::Message upstream;
    const bool upstreamOk = dns::parseMessage(data, size, upstream);
    if (upstreamOk) {
        std::string wire;
        dns::encode(upstream, wire);
        mustReparse(wire);
    }

    dns::Query query;
    const dns::ParseStatus status = dns::parseQuery(data, size, query);
    if (status == dns::ParseStatus::Drop)
        return 0;
    std::string wire;
    if (status == dns::ParseStatus::FormErr) {
        dns::Message msg = resolver::formErr(query.header);
        dns::fit(msg, 512, false, wire);
        mustReparse(wire);
        return 0;
    }

    // Bits of the (fuzzed) id pick the transport and the configuration, so one corpus covers all.
    query.tcp = (query.header.id & 1) != 0;
    const config::ServiceConfig &cfg = (query.header.id & 2) ? *g_stubConfig : *g_config;
    resolver::SequenceRandom random({query.header.id, 7, 1, 0, 65535});

    resolver::Reply reply = resolver::resolve(query, *g_backend, cfg, kNowMs, random);
    if (reply.kind == resolver::ReplyKind::Lookups) {
        resolver::Upstream outcomes;
        for (const resolver::Lookup &l : reply.lookups) {
            if (upstreamOk)
                outcomes.setResponse(l.name, l.type, upstream);
            else
                outcomes.setFailed(l.name, l.type);
        }
        reply = resolver::resolve(query, *g_backend, cfg, kNowMs, random, &outcomes);
        if (reply.kind == resolver::ReplyKind::Lookups) {
            std::fprintf(stderr, "fuzz_packet: second pass asked for lookups again\n");
            __builtin_trap();
        }
    }
    if (reply.kind == resolver::ReplyKind::Drop)
        return 0;
    dns::fit(reply.message, query.bufsize(), query.tcp, wire);
    mustReparse(wire);
    return 0;
}
