// fuzz_etcdresponse: the etcd v2 response decoding (backend/etcdresponse.h) that every get, watch
// event and error body goes through, the /v2/members parser behind machine discovery, and the
// RFC 3339 reader of "expiration". The first input byte picks the HTTP status and whether an
// X-Etcd-Index header is present; the rest is the body.
#include "backend/etcdresponse.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

// kStatuses are the statuses etcd v2 answers with (200/201 ok, 307 redirect, 4xx/5xx errors).
constexpr int kStatuses[] = {200, 201, 204, 307, 400, 401, 403, 404, 409, 412, 500, 503, 0, 599, 100, 302};

// countNodes walks a decoded tree so every child is touched (ASan sees any bad node).
std::size_t countNodes(const skydns::backend::EtcdNode &node)
{
    std::size_t n = 1;
    for (const auto &child : node.nodes)
        n += countNodes(child);
    return n;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace skydns::backend;
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    const std::string_view body(reinterpret_cast<const char *>(data + 1), size - 1);
    const int status = kStatuses[selector & 15];
    const std::string_view header = (selector & 16) ? std::string_view("1234") : std::string_view();

    EtcdResult result = parseEtcdResponse(status, body, header);
    if (result.ok()) {
        volatile std::size_t n = countNodes(result.node);
        (void)n;
        if (result.action.empty()) {
            std::fprintf(stderr, "fuzz_etcdresponse: Ok without an action\n");
            __builtin_trap();
        }
    }

    EtcdNode node;
    std::string error;
    if (parseEtcdNode(body, &node, &error)) {
        volatile std::size_t n = countNodes(node);
        (void)n;
    }

    bool complete = true;
    if (auto urls = parseEtcdMembers(body, &complete)) {
        if (urls->empty()) {
            std::fprintf(stderr, "fuzz_etcdresponse: members parser returned an empty list\n");
            __builtin_trap();
        }
    }

    (void)parseRfc3339Ms(body);
    return 0;
}
