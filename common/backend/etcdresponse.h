#pragma once

#include "backend/etcdclient.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Decoding of etcd v2 HTTP responses, kept apart from the transport so it can be tested without a
// network (tests/common/backend/tst_etcdresponse.cpp). Nothing here throws.
namespace skydns::backend {

// parseEtcdResponse turns one v2 keys API response into an EtcdResult: a 2xx JSON body with
// "action" and "node" gives Ok; a JSON error body ({"errorCode":100,"message":...,"cause":...,
// "index":...}) or any non-2xx JSON body with a "message" gives EtcdError; anything else gives
// Malformed. etcdIndexHeader is the X-Etcd-Index header ("" when absent). machine and message
// context are left for the caller to fill in.
EtcdResult parseEtcdResponse(int httpStatus, std::string_view body, std::string_view etcdIndexHeader);

// parseEtcdNode decodes one node object (JSON text) and its children; false with *error when a
// field has the wrong type or "expiration" is not RFC 3339.
bool parseEtcdNode(std::string_view json, EtcdNode *node, std::string *error);

// parseRfc3339Ms converts an RFC 3339 timestamp ("2026-11-26T05:10:00.123456789Z", or with a
// +hh:mm offset) to milliseconds since the Unix epoch (fractions below 1 ms are truncated);
// nullopt when the text is not a valid timestamp.
std::optional<std::int64_t> parseRfc3339Ms(std::string_view text);

// parseEtcdMembers reads the clientURLs of every member of a /v2/members response, in order,
// without duplicates; nullopt when the body is not a member list or lists no client URL.
// *complete (when given) is false if some member has no client URL yet (it has not started or
// published them), so the list may be missing machines.
std::optional<std::vector<std::string>> parseEtcdMembers(std::string_view body, bool *complete = nullptr);

} // namespace skydns::backend
