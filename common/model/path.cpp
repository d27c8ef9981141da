#include "model/path.h"

#include <tuple>
#include <utility>

namespace skydns::model {

namespace {

// nextLabel is miekg/dns NextLabel (v1.0.4), quirks included: it returns the offset of the label
// after the one at offset, and true when the end of the name was reached.
std::pair<std::size_t, bool> nextLabel(std::string_view s, std::size_t offset)
{
    bool quote = false;
    std::size_t i = offset;
    for (; i + 1 < s.size(); ++i) {
        switch (s[i]) {
        case '\\':
            quote = !quote;
            break;
        case '.':
            if (quote) {
                quote = false;
                continue;
            }
            return {i + 1, false};
        default:
            quote = false;
            break;
        }
    }
    return {i + 1, true};
}

std::vector<std::string_view> splitOn(std::string_view s, char sep)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

// joinPath is Go's path.Join("/"+prefix+"/", labels[:count]...). Labels never contain an unescaped
// '.', so of path.Clean's rules only these can apply: runs of '/' collapse (a label may contain
// '/') and a trailing '/' goes.
std::string joinPath(std::string_view prefix, const std::vector<std::string_view> &labels, std::size_t count)
{
    std::string joined = "/";
    joined += prefix;
    for (std::size_t i = 0; i < count; ++i) {
        joined += '/';
        joined += labels[i];
    }
    std::string out;
    out.reserve(joined.size());
    for (char c : joined) {
        if (c == '/' && !out.empty() && out.back() == '/')
            continue;
        out += c;
    }
    if (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out;
}

} // namespace

std::vector<std::string_view> splitLabels(std::string_view name)
{
    // Split on unescaped dots only: "a\.b.c." has the labels "a\.b" and "c", as dns.SplitDomainName.
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\') {
            ++i;
            continue;
        }
        if (name[i] == '.') {
            if (i > start)
                labels.push_back(name.substr(start, i - start));
            start = i + 1;
        }
    }
    if (start < name.size())
        labels.push_back(name.substr(start));
    return labels;
}

std::string domainToPath(std::string_view name, std::string_view prefix)
{
    std::vector<std::string_view> labels = splitLabels(name);
    std::vector<std::string_view> reversed(labels.rbegin(), labels.rend());
    return joinPath(prefix, reversed, reversed.size());
}

std::string pathToDomain(std::string_view key)
{
    // msg.Domain: split on '/', reverse elements 1..n-1, join elements 1..n-2. With a leading '/'
    // this drops the prefix; the algorithm is kept as is for other shapes too.
    std::vector<std::string_view> l = splitOn(key, '/');
    if (l.size() < 2)
        return "."; // Go would panic on l[1:0]; "." is the harmless answer
    for (std::size_t i = 1, j = l.size() - 1; i < j; ++i, --j)
        std::swap(l[i], l[j]);
    std::string joined;
    for (std::size_t i = 1; i + 1 < l.size(); ++i) {
        if (i > 1)
            joined += '.';
        joined += l[i];
    }
    return fqdn(joined);
}

std::string toLowerAscii(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string fqdn(std::string_view name)
{
    // miekg/dns v1.0.4 IsFqdn only looks at the last byte; escaped final dots came later.
    if (!name.empty() && name.back() == '.')
        return std::string(name);
    std::string out(name);
    out += '.';
    return out;
}

bool isWildcardLabel(std::string_view label)
{
    return label == "*" || label == "any";
}

WildcardPath pathWithWildcard(std::string_view name, std::string_view prefix)
{
    std::vector<std::string_view> labels = splitLabels(name);
    std::vector<std::string_view> reversed(labels.rbegin(), labels.rend());
    for (std::size_t i = 0; i < reversed.size(); ++i) {
        if (isWildcardLabel(reversed[i]))
            return {joinPath(prefix, reversed, i), true};
    }
    return {joinPath(prefix, reversed, reversed.size()), false};
}

bool keyMatchesWildcard(std::string_view key, std::string_view queryPath)
{
    const std::vector<std::string_view> keyParts = splitOn(key, '/');
    const std::vector<std::string_view> nameParts = splitOn(queryPath, '/');
    for (std::size_t i = 0; i < nameParts.size(); ++i) {
        if (i >= keyParts.size())
            return false; // the key is shorter than the query
        if (isWildcardLabel(nameParts[i]))
            continue;
        if (keyParts[i] != nameParts[i])
            return false;
    }
    return true;
}

std::string targetStrip(std::string_view name, int labels)
{
    if (labels <= 0)
        return std::string(name);
    std::size_t offset = 0;
    bool end = false;
    // Once the end is reached NextLabel keeps saying so, so stopping early gives the same result
    // as SkyDNS's full loop without spinning on huge targetstrip values.
    for (int i = 0; i < labels && !end; ++i)
        std::tie(offset, end) = nextLabel(name, offset);
    if (end)
        return std::string(name); // overshoot: SkyDNS keeps the whole name
    return std::string(name.substr(offset));
}

int countLabels(std::string_view name)
{
    if (name == ".")
        return 0;
    int labels = 0;
    std::size_t offset = 0;
    for (;;) {
        bool end = false;
        std::tie(offset, end) = nextLabel(name, offset);
        ++labels;
        if (end)
            return labels;
    }
}

} // namespace skydns::model
