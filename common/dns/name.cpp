#include "dns/name.h"

#include <cstring>

namespace skydns::dns {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

bool nameToWire(std::string_view name, std::string &out)
{
    const std::size_t start = out.size();
    if (name.empty() || name == ".") {
        out.push_back('\0');
        return true;
    }
    auto fail = [&] {
        out.resize(start);
        return false;
    };
    if (name.size() <= kMaxNameWire) {
        // Names without escapes (nearly all): one pass into a stack buffer, one append. Labels
        // are short, so a plain loop beats memchr calls here.
        char buf[kMaxNameWire + 2];
        std::size_t n = 1, labelStart = 0;
        buf[0] = 0;
        const std::size_t size = name.back() == '.' ? name.size() - 1 : name.size();
        bool escaped = false;
        for (std::size_t i = 0; i < size; ++i) {
            const char c = name[i];
            if (c == '\\') {
                escaped = true;
                break;
            }
            if (c == '.') {
                const std::size_t len = n - labelStart - 1;
                if (len == 0 || len > 63)
                    return false;
                buf[labelStart] = static_cast<char>(len);
                labelStart = n;
                buf[n++] = 0;
                continue;
            }
            buf[n++] = c;
        }
        if (!escaped) {
            const std::size_t len = n - labelStart - 1;
            if (len == 0 || len > 63 || n + 1 > kMaxNameWire)
                return false;
            buf[labelStart] = static_cast<char>(len);
            buf[n++] = 0;
            out.append(buf, n);
            return true;
        }
    }
    std::size_t i = 0;
    while (i < name.size()) {
        const std::size_t lenPos = out.size();
        out.push_back('\0'); // length byte, patched when the label ends
        std::size_t len = 0;
        for (; i < name.size() && name[i] != '.'; ++i) {
            char c = name[i];
            if (c == '\\') {
                if (i + 1 >= name.size())
                    return fail();
                if (isDigit(name[i + 1])) {
                    if (i + 3 >= name.size() || !isDigit(name[i + 2]) || !isDigit(name[i + 3]))
                        return fail();
                    const int v = (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
                    if (v > 255)
                        return fail();
                    c = static_cast<char>(v);
                    i += 3;
                } else {
                    c = name[++i];
                }
            }
            if (++len > 63)
                return fail();
            out.push_back(c);
        }
        if (len == 0)
            return fail(); // "a..b" or a leading dot
        out[lenPos] = static_cast<char>(len);
        if (i < name.size())
            ++i; // the dot
    }
    out.push_back('\0');
    if (out.size() - start > kMaxNameWire)
        return fail();
    return true;
}

std::size_t wireToName(const unsigned char *data, std::size_t size, std::string &out)
{
    std::size_t pos = 0;
    bool any = false;
    while (pos < size) {
        const unsigned len = data[pos];
        if (len == 0) {
            if (!any)
                out.push_back('.');
            return pos + 1;
        }
        if (len > 63 || pos + 1 + len > size || pos + 1 + len >= kMaxNameWire)
            return 0;
        for (std::size_t i = pos + 1; i <= pos + len; ++i) {
            const unsigned char c = data[i];
            switch (c) {
            case '.': case ' ': case '\'': case '@': case ';': case '(': case ')': case '"': case '\\':
                out.push_back('\\');
                out.push_back(static_cast<char>(c));
                break;
            default:
                if (c < 0x21 || c > 0x7E) {
                    out.push_back('\\');
                    out.push_back(static_cast<char>('0' + c / 100));
                    out.push_back(static_cast<char>('0' + (c / 10) % 10));
                    out.push_back(static_cast<char>('0' + c % 10));
                } else {
                    out.push_back(static_cast<char>(c));
                }
            }
        }
        out.push_back('.');
        any = true;
        pos += 1 + len;
    }
    return 0;
}

bool isSubdomain(std::string_view parent, std::string_view child)
{
    if (parent == "." || parent.empty())
        return true;
    if (child.size() < parent.size())
        return false;
    if (child.size() == parent.size())
        return child == parent;
    return child[child.size() - parent.size() - 1] == '.'
        && child.compare(child.size() - parent.size(), parent.size(), parent) == 0
        && (child.size() - parent.size() < 2 || child[child.size() - parent.size() - 2] != '\\');
}

void lowerAscii(std::string &s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

} // namespace skydns::dns
