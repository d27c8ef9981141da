#include "model/gojson.h"

namespace skydns::model::gojson {

// sanitizeUtf8 replaces invalid UTF-8 with U+FFFD, as Go's decoder does inside strings; nlohmann
// would otherwise reject the whole document.
std::string sanitizeUtf8(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F; // surrogates are invalid UTF-8
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        }
        bool valid = len != 0 && i + len <= in.size();
        for (std::size_t k = 1; valid && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(in[i + k]);
            const unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
            if (cc < l || cc > h)
                valid = false;
        }
        if (valid) {
            out.append(in.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

namespace {

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

// escapedUnit reads the 4 hex digits of a \u escape starting at in[i] (the backslash); -1 if it
// is not one.
long escapedUnit(const std::string &in, std::size_t i)
{
    if (i + 6 > in.size() || in[i] != '\\' || in[i + 1] != 'u')
        return -1;
    long v = 0;
    for (std::size_t k = 2; k < 6; ++k) {
        const int h = hexValue(in[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

} // namespace

// replaceLoneSurrogates rewrites \u escapes of unpaired UTF-16 surrogates as \ufffd: Go's decoder
// turns them into U+FFFD, nlohmann would reject the document.
void replaceLoneSurrogates(std::string &in)
{
    if (in.find("\\u") == std::string::npos)
        return;
    bool inString = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c == '"') {
            inString = false;
            continue;
        }
        if (c != '\\')
            continue;
        const long unit = escapedUnit(in, i);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const long low = escapedUnit(in, i + 6);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                i += 11; // a valid pair
                continue;
            }
            in.replace(i, 6, "\\ufffd");
            i += 5;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            in.replace(i, 6, "\\ufffd");
            i += 5;
        } else {
            ++i; // skip the escaped character
        }
    }
}

bool isValidUtf8(std::string_view in)
{
    for (unsigned char c : in) {
        if (c >= 0x80)
            return sanitizeUtf8(in) == in;
    }
    return true;
}


// appendGoString writes s as Go's encoding/json does: HTML-safe escapes for <, > and &, U+2028 and
// U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
void appendGoString(std::string &out, const std::string &raw)
{
    static const char hex[] = "0123456789abcdef";
    const std::string s = sanitizeUtf8(raw);
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        default: break;
        }
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            continue;
        }
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80
            && (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    out += '"';
}

} // namespace skydns::model::gojson
