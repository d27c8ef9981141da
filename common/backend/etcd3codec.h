#pragma once

#include "backend/etcd3client.h"

#include <cstdint>
#include <string>
#include <string_view>

// Encoding of etcd v3 JSON gateway requests and decoding of its answers, kept apart from the
// transport so it can be tested without a network (tests/common/backend/tst_etcd3codec.cpp). The
// gateway wants keys and values in base64 and sends int64 fields as JSON strings. Nothing throws.
namespace skydns::backend {

// base64Encode is standard base64 with padding, as the gateway uses for bytes fields.
std::string base64Encode(std::string_view bytes);
// base64Decode decodes standard base64 (padding optional); false on anything else.
bool base64Decode(std::string_view text, std::string *bytes);

// prefixRangeEnd is the range_end that selects every key starting with prefix: prefix with its last
// byte below 0xff incremented (trailing 0xff bytes dropped); "\0" (every key) when there is none.
std::string prefixRangeEnd(std::string_view prefix);
// directoryPrefix ends prefix with "/" so a prefix range respects the key boundary ("/skydns/a"
// -> "/skydns/a/", which does not match "/skydns/a1").
std::string directoryPrefix(std::string_view prefix);

// Etcd3Compare says what a transaction compares (etcd3TxnBody).
enum class Etcd3Compare { ModRevision, Absent };

// Request bodies of the gateway calls (compact JSON).
std::string etcd3RangeBody(std::string_view key, std::string_view rangeEnd, std::int64_t revision, std::int64_t limit);
std::string etcd3PutBody(std::string_view key, std::string_view value, std::int64_t lease);
std::string etcd3DeleteBody(std::string_view key, std::string_view rangeEnd, bool prevKv);
// etcd3TxnBody: if the comparison holds, put value (or delete the key when isDelete); else read key.
std::string etcd3TxnBody(std::string_view key, Etcd3Compare compare, std::int64_t modRevision, bool isDelete,
                         std::string_view value, std::int64_t lease);
std::string etcd3LeaseGrantBody(std::int64_t ttlSeconds);
std::string etcd3LeaseIdBody(std::int64_t lease, bool withKeys = false);
std::string etcd3CompactionBody(std::int64_t revision, bool physical);
std::string etcd3AuthBody(std::string_view name, std::string_view password);
std::string etcd3WatchCreateBody(std::string_view key, std::string_view rangeEnd, std::int64_t startRevision,
                                 bool prevKv);

// parseEtcd3Response decodes a unary gateway answer: a 2xx JSON object fills the result fields it
// has (header.revision, kvs, count, more, succeeded and the first range response of a txn, ID, TTL,
// grantedTTL, keys, token into *token when given) and gives Ok; a keepalive's streamed
// {"result":{...}} is unwrapped. An error body ({"error":..., "code":N, "message":...}) gives
// EtcdError with grpcCode; anything else Malformed.
Etcd3Result parseEtcd3Response(int httpStatus, std::string_view body, std::string *token = nullptr);

// Etcd3WatchLine is what one line of the watch stream was.
enum class Etcd3WatchLine {
    Batch,     // events (or the created / progress response): *batch is filled
    Compacted, // the start revision was compacted: result->compactRevision is set
    Canceled,  // etcd cancelled the watch for another reason (result->message says why)
    Error,     // {"error":{...}}: result->grpcCode and message
    Malformed, // not a watch response
};

// parseEtcd3WatchLine decodes one newline-delimited JSON object of the /v3/watch stream.
Etcd3WatchLine parseEtcd3WatchLine(std::string_view line, Etcd3WatchBatch *batch, Etcd3Result *result);

// isInvalidTokenError tells whether an EtcdError means the auth token expired or is unknown, so
// authenticating again is worth a retry.
bool isInvalidTokenError(const Etcd3Result &result);

} // namespace skydns::backend
