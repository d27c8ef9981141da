#include "backend/etcdrequest.h"

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

} // namespace skydns::backend
