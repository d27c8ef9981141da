#include "backend/etcdrequest.h"

#include <algorithm>
#include <cctype>

namespace skydns::backend {

std::string percentEncode(std::string_view text, bool keepSlash)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z')
            || (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
        if (unreserved || (keepSlash && byte == '/')) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        }
    }
    return out;
}

std::string encodeParams(const EtcdParams &params)
{
    std::string out;
    for (const auto &[name, value] : params) {
        if (!out.empty())
            out += '&';
        out += percentEncode(name);
        out += '=';
        out += percentEncode(value);
    }
    return out;
}

std::string keysTarget(std::string_view key, const EtcdParams &query)
{
    std::string target = "/v2/keys";
    if (key.empty() || key.front() != '/')
        target += '/';
    target += percentEncode(key, true);
    if (!query.empty()) {
        target += '?';
        target += encodeParams(query);
    }
    return target;
}

std::string normaliseMachine(std::string_view machine)
{
    std::string url(machine);
    while (!url.empty() && (url.back() == '/' || url.back() == ' '))
        url.pop_back();
    while (!url.empty() && url.front() == ' ')
        url.erase(url.begin());
    if (!url.empty() && url.find("://") == std::string::npos)
        url.insert(0, "http://");
    return url;
}

std::string machineHost(std::string_view machine)
{
    std::string_view rest = machine;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos)
        rest.remove_prefix(scheme + 3);
    if (const auto at = rest.find('@'); at != std::string_view::npos && at < rest.find('/'))
        rest.remove_prefix(at + 1);
    std::string_view host;
    if (!rest.empty() && rest.front() == '[') {
        host = rest.substr(1, rest.find(']') == std::string_view::npos ? rest.size() - 1 : rest.find(']') - 1);
    } else {
        host = rest.substr(0, std::min(rest.find(':'), rest.find('/')));
    }
    std::string lower(host);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower;
}

std::string proxyForMachine(std::string_view machine, const std::function<std::string(const char *)> &env)
{
    const auto first = [&](const char *upper, const char *lower) {
        std::string value = env(upper);
        return value.empty() ? env(lower) : value;
    };
    const std::string host = machineHost(machine);
    if (host.empty() || host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1")
        return {};
    const std::string noProxy = first("NO_PROXY", "no_proxy");
    std::size_t start = 0;
    while (start <= noProxy.size()) {
        std::size_t end = noProxy.find(',', start);
        if (end == std::string::npos)
            end = noProxy.size();
        std::string entry = noProxy.substr(start, end - start);
        entry.erase(0, entry.find_first_not_of(' '));
        entry.erase(entry.find_last_not_of(' ') + 1);
        std::transform(entry.begin(), entry.end(), entry.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (const auto colon = entry.rfind(':'); colon != std::string::npos && entry.find(':') == colon)
            entry.erase(colon); // "host:port" entries match the host
        if (!entry.empty() && entry.front() == '.')
            entry.erase(0, 1);
        if (entry == "*" || (!entry.empty()
                             && (host == entry
                                 || (host.size() > entry.size() && host.compare(host.size() - entry.size(), entry.size(), entry) == 0
                                     && host[host.size() - entry.size() - 1] == '.'))))
            return {};
        start = end + 1;
    }
    const bool https = machine.rfind("https://", 0) == 0;
    std::string proxy = https ? first("HTTPS_PROXY", "https_proxy") : first("HTTP_PROXY", "http_proxy");
    if (!proxy.empty() && proxy.find("://") == std::string::npos)
        proxy.insert(0, "http://");
    return proxy;
}

} // namespace skydns::backend
