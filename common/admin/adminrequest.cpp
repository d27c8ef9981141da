#include "adminrequest.h"

#include "adminapi.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace skydns::admin {

namespace {

struct Route
{
    const char *path;
    Endpoint endpoint;
    bool post;
};

constexpr Route kRoutes[] = {
    {kPathStatus, Endpoint::Status, false},   {kPathStats, Endpoint::Stats, false},
    {kPathQueryLog, Endpoint::QueryLog, false}, {kPathCache, Endpoint::Cache, false},
    {kPathCacheFlush, Endpoint::CacheFlush, true}, {kPathConfig, Endpoint::Config, false},
    {kPathReload, Endpoint::Reload, true},
};

const Route *findRoute(std::string_view path)
{
    // A trailing slash is tolerated ("/v1/status/"), as most HTTP clients add one now and then.
    if (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    for (const Route &r : kRoutes)
        if (path == r.path)
            return &r;
    return nullptr;
}

ParsedRequest refuse(int status, std::string message)
{
    ParsedRequest p;
    p.status = status;
    p.error = std::move(message);
    return p;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// percentDecode decodes application/x-www-form-urlencoded text ('+' is a space); false on a broken escape.
bool percentDecode(std::string_view in, std::string &out)
{
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            out.push_back(char(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return true;
}

// printable quotes a client-supplied value for an error message, cut short and with control bytes escaped.
std::string printable(std::string_view v)
{
    std::string out = "'";
    for (std::size_t i = 0; i < v.size() && i < 64; ++i) {
        const unsigned char c = static_cast<unsigned char>(v[i]);
        if (c < 0x20 || c >= 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        } else {
            out.push_back(char(c));
        }
    }
    if (v.size() > 64)
        out += "...";
    return out + "'";
}

bool parseInt(std::string_view text, int &out)
{
    if (text.empty() || text.size() > 9)
        return false;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

// Param is one decoded query parameter.
struct Param
{
    std::string key, value;
};

bool splitQuery(std::string_view query, std::vector<Param> &params, std::string &error)
{
    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos)
            end = query.size();
        const std::string_view part = query.substr(start, end - start);
        start = end + 1;
        if (part.empty()) // "a=1&&b=2", a trailing '&': nothing there
            continue;
        const std::size_t eq = part.find('=');
        Param p;
        if (!percentDecode(part.substr(0, eq), p.key) ||
            (eq != std::string_view::npos && !percentDecode(part.substr(eq + 1), p.value))) {
            error = "malformed percent-encoding in the query string near " + printable(part);
            return false;
        }
        for (const Param &seen : params)
            if (seen.key == p.key) {
                error = "parameter " + printable(p.key) + " given more than once";
                return false;
            }
        params.push_back(std::move(p));
    }
    return true;
}

// intParam reads one integer parameter with its range.
bool intParam(const Param &p, int min, int max, int &out, std::string &error)
{
    int v = 0;
    if (!parseInt(p.value, v) || v < min || v > max) {
        error = "parameter '" + p.key + "' must be an integer from " + std::to_string(min) + " to " +
                std::to_string(max) + ", not " + printable(p.value);
        return false;
    }
    out = v;
    return true;
}

} // namespace

std::string QueryLogCursor::toString() const
{
    std::string s = epoch + "-";
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (i)
            s.push_back('.');
        s += std::to_string(positions[i]);
    }
    return s;
}

std::optional<QueryLogCursor> QueryLogCursor::parse(std::string_view text)
{
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 32)
        return std::nullopt;
    QueryLogCursor c;
    c.epoch = std::string(text.substr(0, dash));
    for (const char ch : c.epoch)
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')))
            return std::nullopt;
    std::string_view rest = text.substr(dash + 1);
    if (rest.empty())
        return std::nullopt;
    for (;;) {
        const std::size_t dot = rest.find('.');
        const std::string_view num = rest.substr(0, dot);
        std::uint64_t v = 0;
        if (num.empty() || num.size() > 20)
            return std::nullopt;
        const auto r = std::from_chars(num.data(), num.data() + num.size(), v);
        if (r.ec != std::errc() || r.ptr != num.data() + num.size())
            return std::nullopt;
        c.positions.push_back(v);
        if (c.positions.size() > 256)
            return std::nullopt;
        if (dot == std::string_view::npos)
            break;
        rest = rest.substr(dot + 1);
    }
    return c;
}

ParsedRequest parseRequest(std::string_view method, std::string_view path, std::string_view query,
                           std::string_view body)
{
    const Route *route = findRoute(path);
    if (!route)
        return refuse(404, "no such endpoint " + printable(path) + "; see " + std::string(kApiPrefix) + "status");
    const bool isGet = method == "GET" || method == "HEAD";
    if (route->post ? method != "POST" : !isGet)
        return refuse(405, std::string(route->path) + " takes " + allowedMethods(route->path) + ", not " +
                               printable(method));
    if (body.size() > kMaxBodyBytes)
        return refuse(413, "request body over " + std::to_string(kMaxBodyBytes) + " bytes");
    if (!route->post && !body.empty())
        return refuse(400, std::string(route->path) + " takes no request body");
    if (route->post && !body.empty()) {
        const nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return refuse(400, std::string(route->path) + " takes an empty body or a JSON object");
    }

    std::vector<Param> params;
    std::string error;
    if (!splitQuery(query, params, error))
        return refuse(400, error);

    Request req;
    req.endpoint = route->endpoint;
    req.seriesSeconds = kSeriesDefaultSeconds;
    req.limit = route->endpoint == Endpoint::Cache ? kCacheDefaultLimit : kQueryLogDefaultLimit;
    for (const Param &p : params) {
        bool known = false;
        switch (route->endpoint) {
        case Endpoint::Stats:
            if (p.key == "series") {
                known = true;
                if (!intParam(p, 0, kSeriesMaxSeconds, req.seriesSeconds, error))
                    return refuse(400, error);
            }
            break;
        case Endpoint::QueryLog:
            if (p.key == "after") {
                known = true;
                req.after = QueryLogCursor::parse(p.value);
                if (!req.after)
                    return refuse(400, "parameter 'after' is not a query log cursor: " + printable(p.value) +
                                           " (pass the 'next' of a previous page)");
            } else if (p.key == "limit") {
                known = true;
                if (!intParam(p, 1, kQueryLogMaxLimit, req.limit, error))
                    return refuse(400, error);
            } else if (p.key == "wait") {
                known = true;
                if (!intParam(p, 0, kQueryLogMaxWaitSeconds, req.waitSeconds, error))
                    return refuse(400, error);
            }
            break;
        case Endpoint::Cache:
            if (p.key == "limit") {
                known = true;
                if (!intParam(p, 1, kCacheMaxLimit, req.limit, error))
                    return refuse(400, error);
            }
            break;
        default:
            break;
        }
        if (!known)
            return refuse(400, "unknown parameter " + printable(p.key) + " for " + route->path);
    }
    ParsedRequest ok;
    ok.request = req;
    return ok;
}

std::string allowedMethods(std::string_view path)
{
    const Route *route = findRoute(path);
    if (!route)
        return {};
    return route->post ? "POST" : "GET, HEAD";
}

bool tokenMatches(std::string_view authorization, std::string_view token)
{
    const std::string_view scheme = kTokenScheme;
    if (token.empty() || authorization.size() < scheme.size())
        return false;
    // The scheme is case-insensitive (RFC 7235); the token is compared in constant time.
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        const char a = authorization[i], b = scheme[i];
        if ((a | 0x20) != (b | 0x20) || (a == ' ') != (b == ' '))
            return false;
    }
    const std::string_view given = authorization.substr(scheme.size());
    unsigned char diff = given.size() == token.size() ? 0 : 1;
    for (std::size_t i = 0; i < token.size(); ++i)
        diff |= static_cast<unsigned char>(token[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0;
}

bool isValidToken(std::string_view text)
{
    if (text.size() < 32 || text.size() > 128)
        return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
            return false;
    return true;
}

} // namespace skydns::admin
