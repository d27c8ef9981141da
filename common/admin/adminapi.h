#pragma once
// The admin API contract (DESIGN "common/admin"): one source for the service (service/admin) and the
// console. HTTP/1.1 with JSON bodies on loopback. Every call carries "Authorization: Bearer <token>"
// (kTokenHeader); a wrong or missing token gets 401, bad input 400, an unknown path 404, a wrong method
// 405, each with an ErrorBody. A refused call changes nothing.
//
//   GET  /v1/status                                   -> Status
//   GET  /v1/stats?series=<seconds 0..3600, def. 60>  -> Stats (series: the last <seconds> seconds)
//   GET  /v1/querylog?after=<cursor>&limit=<1..1000, def. 100>&wait=<seconds 0..30, def. 0>
//                                                     -> QueryLogPage
//        no `after`: the newest `limit` entries; with `after`: the oldest `limit` entries logged after
//        the cursor (page forward with `next`, no gaps, no repeats). wait > 0: when nothing is there
//        yet, the answer is held until an entry arrives or `wait` seconds pass (long poll; an empty
//        page then). The cursor is opaque: pass back the `next` of the previous page.
//   GET  /v1/cache?limit=<1..100000, def. 1000>        -> CacheListing
//   POST /v1/cache/flush   (empty body or a JSON object) -> CacheFlushResult
//   GET  /v1/config                                   -> ConfigListing (effective values and sources)
//   POST /v1/reload        (empty body or a JSON object) -> ReloadResult (the same path as SIGHUP)
//
// The toJson/fromJson pairs below never throw: fromJson returns false and says which field is wrong.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::admin {

// kPath* are the endpoints; kApiPrefix is what they share.
inline constexpr const char *kApiPrefix = "/v1/";
inline constexpr const char *kPathStatus = "/v1/status";
inline constexpr const char *kPathStats = "/v1/stats";
inline constexpr const char *kPathQueryLog = "/v1/querylog";
inline constexpr const char *kPathCache = "/v1/cache";
inline constexpr const char *kPathCacheFlush = "/v1/cache/flush";
inline constexpr const char *kPathConfig = "/v1/config";
inline constexpr const char *kPathReload = "/v1/reload";

// kTokenHeader carries the token as kTokenScheme + token ("Authorization: Bearer 3f9a...").
inline constexpr const char *kTokenHeader = "Authorization";
inline constexpr const char *kTokenScheme = "Bearer ";

// kDefaultAddress is where the service listens when not told otherwise (loopback only).
inline constexpr const char *kDefaultAddress = "127.0.0.1:8054";
// kEnvAddress selects the admin address ("host:port", IPv4 or a name; "" disables the admin API); kEnvTokenFile the
// token file (created 0600 with a new token at first start when missing, reused afterwards).
inline constexpr const char *kEnvAddress = "SKYDNS_ADMIN_ADDR";
inline constexpr const char *kEnvTokenFile = "SKYDNS_ADMIN_TOKEN_FILE";
// kTokenFileName is the token file's name in the default directory (the service's state directory).
inline constexpr const char *kTokenFileName = "admin.token";

// Limits of the query parameters (requests outside them get 400).
inline constexpr int kSeriesDefaultSeconds = 60;
inline constexpr int kSeriesMaxSeconds = 3600;
inline constexpr int kQueryLogDefaultLimit = 100;
inline constexpr int kQueryLogMaxLimit = 1000;
inline constexpr int kQueryLogMaxWaitSeconds = 30;
inline constexpr int kCacheDefaultLimit = 1000;
inline constexpr int kCacheMaxLimit = 100000;
// kMaxBodyBytes is the largest request body accepted.
inline constexpr std::size_t kMaxBodyBytes = 4096;

// ErrorBody is the body of every 4xx/5xx answer: {"error": "..."}.
struct ErrorBody
{
    std::string error;
};

// Status is GET /v1/status: what runs and how current its data is.
struct Status
{
    std::string version;            // SkyDNS Qt's version ("0.1.0")
    std::string compatVersion;      // the SkyDNS release reproduced ("2.5.3a")
    std::int64_t startedAtMs = 0;   // ms since the epoch
    double uptimeSeconds = 0;
    std::string domain;             // "skydns.local."
    std::vector<std::string> listen; // DNS listen addresses ("127.0.0.1:53", or "systemd sockets")
    std::string adminAddress;       // where this API listens
    int workers = 0;                // DNS worker threads
    std::vector<std::string> etcdMachines;
    std::string etcdState;          // "connected", "stale" (etcd unreachable, serving the mirror) or "syncing"
    std::string etcdLastError;      // last etcd error seen ("" if none)
    std::uint64_t etcdIndex = 0;
    std::uint64_t generation = 0;   // mirror snapshot generation
    std::uint64_t records = 0;      // records in the mirror
    std::uint64_t malformed = 0;    // malformed etcd values skipped
    bool synced = false;            // the mirror has read etcd completely at least once
    double staleSeconds = 0;        // how long etcd has been unreachable (0: fresh)
    std::uint64_t configReloads = 0;
};

// LatencyPercentiles are response times in ms over `samples` queries (0 when there were none).
struct LatencyPercentiles
{
    std::uint64_t samples = 0;
    double p50Ms = 0, p90Ms = 0, p99Ms = 0, p999Ms = 0;
};

// StatsPoint is one second of the series: queries answered in that second by rcode, cache use, latency.
struct StatsPoint
{
    std::int64_t second = 0;        // seconds since the epoch
    std::uint64_t queries = 0;
    std::uint64_t noError = 0, nxDomain = 0, servFail = 0, refused = 0, other = 0;
    std::uint64_t cacheHits = 0, cacheMisses = 0;
    double p50Ms = 0, p99Ms = 0;
};

// Stats is GET /v1/stats: counters since start and a per-second series (oldest first, no gaps).
struct Stats
{
    std::int64_t nowMs = 0;
    double uptimeSeconds = 0;
    std::uint64_t queries = 0;
    // bySystem[system][rcode]: system "auth", "cache", "recursive", "reverse", "stub"; rcode as rcodeName().
    std::map<std::string, std::map<std::string, std::uint64_t>> bySystem;
    std::map<std::string, std::uint64_t> byRcode;
    std::uint64_t cacheHits = 0, cacheMisses = 0, cacheSize = 0;
    LatencyPercentiles latency;           // since start
    LatencyPercentiles latencyLastMinute; // the last 60 seconds
    std::vector<StatsPoint> series;
};

// QueryLogEntry is one query in the log.
struct QueryLogEntry
{
    std::int64_t timeMs = 0;   // when it was answered, ms since the epoch
    std::string client;        // "127.0.0.1:53124" ("[::1]:53124" for IPv6)
    std::string transport;     // "udp" or "tcp"
    std::string name;          // question name ("web.skydns.local.")
    std::string type;          // "A", "SRV", "TYPE65280"
    std::string rcode;         // rcodeName(), "" when nothing was sent (dropped)
    double latencyMs = 0;
    std::string servedFrom;    // "cache", "mirror", "forwarder" or "none" (malformed, dropped)
};

// QueryLogPage is GET /v1/querylog.
struct QueryLogPage
{
    std::vector<QueryLogEntry> entries; // oldest first
    std::string next;          // cursor for the next call (after=next)
    std::uint64_t missed = 0;  // entries after the cursor that the log no longer holds (overwritten)
    bool reset = false;        // the cursor was from another run of the service: reading from the start
};

// CacheEntry is one packet cache entry (per worker; the same question may be cached by each worker).
struct CacheEntry
{
    std::string cache;         // "local" (answers from the mirror) or "response" (forwarded, rcache)
    int worker = 0;
    std::string name;
    std::string type;
    bool edns = false, dnssecOk = false;
    int sizeLimit = 0;         // the answer's size limit (512.., 65535 for TCP)
    std::uint64_t generation = 0; // mirror generation it was built from (0: not mirror-bound)
    bool current = false;      // still served (generation current and not expired)
    double expiresInSeconds = 0;
    int variants = 0;          // stored encodings (randomised answers keep several)
    std::uint64_t bytes = 0;
};

// CacheListing is GET /v1/cache.
struct CacheListing
{
    std::uint64_t total = 0;   // entries in every cache of every worker
    bool truncated = false;    // more than limit: only the first limit are listed
    std::vector<CacheEntry> entries;
};

// CacheFlushResult is POST /v1/cache/flush.
struct CacheFlushResult
{
    std::uint64_t flushed = 0; // entries removed
};

// ConfigValue is one effective setting: key as in /<prefix>/config or the flag, value as text
// (secrets "***"), source "default", "env", "flag", "etcd" or "resolv.conf".
struct ConfigValue
{
    std::string key, value, source;
};

// ConfigListing is GET /v1/config.
struct ConfigListing
{
    std::vector<ConfigValue> settings;
};

// ReloadResult is POST /v1/reload.
struct ReloadResult
{
    bool accepted = false;     // the new configuration was read and valid (else the running one stays)
    bool changed = false;      // and it differed from the running one
    std::uint64_t configReloads = 0;
    std::string message;
};

// toJson renders a response body as a JSON value.
nlohmann::json toJson(const ErrorBody &v);
nlohmann::json toJson(const Status &v);
nlohmann::json toJson(const LatencyPercentiles &v);
nlohmann::json toJson(const StatsPoint &v);
nlohmann::json toJson(const Stats &v);
nlohmann::json toJson(const QueryLogEntry &v);
nlohmann::json toJson(const QueryLogPage &v);
nlohmann::json toJson(const CacheEntry &v);
nlohmann::json toJson(const CacheListing &v);
nlohmann::json toJson(const CacheFlushResult &v);
nlohmann::json toJson(const ConfigValue &v);
nlohmann::json toJson(const ConfigListing &v);
nlohmann::json toJson(const ReloadResult &v);

// fromJson reads a response body; false with *error naming the field when j does not have the shape.
// Unknown fields are ignored (newer services may add some); missing fields are errors.
bool fromJson(const nlohmann::json &j, ErrorBody &v, std::string *error);
bool fromJson(const nlohmann::json &j, Status &v, std::string *error);
bool fromJson(const nlohmann::json &j, LatencyPercentiles &v, std::string *error);
bool fromJson(const nlohmann::json &j, StatsPoint &v, std::string *error);
bool fromJson(const nlohmann::json &j, Stats &v, std::string *error);
bool fromJson(const nlohmann::json &j, QueryLogEntry &v, std::string *error);
bool fromJson(const nlohmann::json &j, QueryLogPage &v, std::string *error);
bool fromJson(const nlohmann::json &j, CacheEntry &v, std::string *error);
bool fromJson(const nlohmann::json &j, CacheListing &v, std::string *error);
bool fromJson(const nlohmann::json &j, CacheFlushResult &v, std::string *error);
bool fromJson(const nlohmann::json &j, ConfigValue &v, std::string *error);
bool fromJson(const nlohmann::json &j, ConfigListing &v, std::string *error);
bool fromJson(const nlohmann::json &j, ReloadResult &v, std::string *error);

// toJsonText is the body as sent: toJson(v) compact, invalid UTF-8 replaced by U+FFFD (never throws).
template <typename T>
std::string toJsonText(const T &v)
{
    return toJson(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// fromJsonText parses text and reads it with fromJson; false with *error for bad JSON or shape.
template <typename T>
bool fromJsonText(std::string_view text, T &v, std::string *error)
{
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        if (error)
            *error = "not valid JSON";
        return false;
    }
    return fromJson(j, v, error);
}

// rcodeName is the mnemonic of a DNS rcode ("NOERROR", "NXDOMAIN", ...; "RCODE12" for unnamed ones).
std::string rcodeName(int rcode);

} // namespace skydns::admin
