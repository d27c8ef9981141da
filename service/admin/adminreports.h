#pragma once
// adminreports turns what the workers recorded into the admin API's response shapes: statistics
// summed over workers, query log pages with their cursor, and cache keys shown as questions. Plain
// functions over QueryRecorders so they can be tested without a server.
#include "queryrecorder.h"

#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <string>
#include <vector>

namespace skydns::service {

// buildStats sums the recorders' counters and the last seriesSeconds complete seconds before nowMs.
skydns::admin::Stats buildStats(const std::vector<const QueryRecorder *> &recorders, int seriesSeconds,
                                std::int64_t nowMs);

// readQueryLog answers GET /v1/querylog once (no waiting): cursor semantics as in adminapi.h. epoch
// names this run of the service; a cursor of another epoch or worker count reads from the start
// with reset set.
skydns::admin::QueryLogPage readQueryLog(const std::vector<const QueryRecorder *> &recorders,
                                         const std::string &epoch, const std::optional<skydns::admin::QueryLogCursor> &after,
                                         int limit);

// toApiEntry renders a stored log entry.
skydns::admin::QueryLogEntry toApiEntry(const LogEntry &e);

// wireNameText renders wire labels (without the root byte) as a presentation name with a trailing
// dot, escaping as dig does ("\." inside a label, "\ddd" for other bytes outside printable ASCII).
std::string wireNameText(const std::uint8_t *labels, std::size_t size);

// describeCacheKey fills name, type, edns, dnssecOk and sizeLimit of e from a packet cache key
// (service/querykey.h); false when the key does not have that shape.
bool describeCacheKey(const std::string &key, skydns::admin::CacheEntry &e);

// percentiles computes latency percentiles from bucket counts.
skydns::admin::LatencyPercentiles percentiles(const std::array<std::uint64_t, kLatencyBuckets> &buckets);

} // namespace skydns::service
