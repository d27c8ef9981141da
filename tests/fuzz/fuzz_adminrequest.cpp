// fuzz_adminrequest: the admin API's request parser and JSON readers (common/admin), which see
// whatever a local client sends. The input is split at the first three newlines into method, path,
// query and body. Checked: nothing throws or crashes; a request is accepted exactly when the status
// is 200; accepted values are within the documented limits; cursors survive text round trips; the
// response readers take any bytes without throwing.
#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_adminrequest: %s\n", what);
        __builtin_trap();
    }
}

template <typename T>
void readAs(std::string_view text)
{
    T v;
    std::string error;
    if (!skydns::admin::fromJsonText(text, v, &error))
        check(!error.empty(), "fromJson failed without saying why");
    else
        (void)skydns::admin::toJsonText(v);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace skydns::admin;
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::string_view parts[4];
    std::string_view rest = input;
    for (int i = 0; i < 3; ++i) {
        const std::size_t nl = rest.find('\n');
        parts[i] = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    parts[3] = rest;

    const ParsedRequest p = parseRequest(parts[0], parts[1], parts[2], parts[3]);
    check(p.ok() == (p.status == 200), "ok() and status disagree");
    if (p.ok()) {
        const Request &r = *p.request;
        check(r.seriesSeconds >= 0 && r.seriesSeconds <= kSeriesMaxSeconds, "series out of range");
        check(r.waitSeconds >= 0 && r.waitSeconds <= kQueryLogMaxWaitSeconds, "wait out of range");
        check(r.limit >= 1 && r.limit <= kCacheMaxLimit, "limit out of range");
        if (r.after) {
            const auto again = QueryLogCursor::parse(r.after->toString());
            check(again && *again == *r.after, "cursor does not survive toString/parse");
        }
    } else {
        check(!p.error.empty(), "refused without a message");
        check(p.status == 400 || p.status == 404 || p.status == 405 || p.status == 413, "unexpected status");
    }
    if (const auto c = QueryLogCursor::parse(input))
        check(QueryLogCursor::parse(c->toString()) == c, "cursor round trip");
    (void)tokenMatches(input, "0123456789abcdef0123456789abcdef");

    readAs<Status>(input);
    readAs<Stats>(input);
    readAs<QueryLogPage>(input);
    readAs<CacheListing>(input);
    readAs<ConfigListing>(input);
    readAs<ReloadResult>(input);
    readAs<ErrorBody>(input);
    return 0;
}
