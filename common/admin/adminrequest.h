#pragma once
// The admin API's request side: the pure parser/validator the service runs on every call before it
// does anything (so a refused call changes nothing), the query log cursor and the token check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::admin {

// Endpoint is what a request asks for (see adminapi.h for the paths).
enum class Endpoint { Status, Stats, QueryLog, Cache, CacheFlush, Config, Reload };

// QueryLogCursor is a position in the query log: the service run it belongs to (epoch) and, per DNS
// worker, the sequence number of the last entry already seen. Its text form is
// "<epoch>-<seq0>.<seq1>..." (epoch: 1-32 characters [0-9a-z]; 1-256 sequence numbers).
struct QueryLogCursor
{
    std::string epoch;
    std::vector<std::uint64_t> positions;

    // toString is the text form used as `after` and `next`.
    std::string toString() const;
    // parse reads the text form; nullopt when it is not one.
    static std::optional<QueryLogCursor> parse(std::string_view text);
    bool operator==(const QueryLogCursor &o) const { return epoch == o.epoch && positions == o.positions; }
};

// Request is a validated request; only the fields of its endpoint mean anything.
struct Request
{
    Endpoint endpoint = Endpoint::Status;
    int seriesSeconds = 0;                // Stats
    std::optional<QueryLogCursor> after;  // QueryLog (nullopt: newest entries)
    int limit = 0;                        // QueryLog, Cache
    int waitSeconds = 0;                  // QueryLog
};

// ParsedRequest is parseRequest's verdict: a request, or the HTTP status (400, 404, 405, 413) and a
// message for the ErrorBody.
struct ParsedRequest
{
    std::optional<Request> request;
    int status = 200;
    std::string error;

    // ok is true when request holds a valid request.
    bool ok() const { return request.has_value(); }
};

// parseRequest validates method ("GET", "POST"), path (without the query), query (the raw text after
// '?', percent-encoded, may be empty) and body, and never throws. Unknown paths are 404, a wrong method
// 405 (GET endpoints also accept HEAD), unknown, repeated, malformed or out-of-range parameters 400,
// a body on GET or a POST body that is not empty or a JSON object 400, a body over kMaxBodyBytes 413.
ParsedRequest parseRequest(std::string_view method, std::string_view path, std::string_view query,
                           std::string_view body);

// allowedMethods is the Allow header for a known path ("GET, HEAD" or "POST"), "" for an unknown one.
std::string allowedMethods(std::string_view path);

// tokenMatches tells whether an Authorization header value is "Bearer <token>" for this token, in
// time independent of where they differ. An empty token never matches.
bool tokenMatches(std::string_view authorization, std::string_view token);

// isValidToken tells whether text can be a token: 32-128 characters of [0-9A-Za-z_-].
bool isValidToken(std::string_view text);

} // namespace skydns::admin
