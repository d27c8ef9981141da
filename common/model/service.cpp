#include "model/service.h"

#include "model/gojson.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace skydns::model {

namespace {

// Go's encoding/json rejects documents nested deeper than this (scanner.go maxNestingDepth).
constexpr int kMaxNestingDepth = 10000;

enum class Field { None, Host, Port, Priority, Weight, Text, Mail, Ttl, TargetStrip, Group };

struct FieldName
{
    const char *name;
    Field field;
};

constexpr FieldName kFields[] = {
    {"host", Field::Host},   {"port", Field::Port}, {"priority", Field::Priority},
    {"weight", Field::Weight}, {"text", Field::Text}, {"mail", Field::Mail},
    {"ttl", Field::Ttl},     {"targetstrip", Field::TargetStrip}, {"group", Field::Group},
};

// foldKey folds a JSON object key the way Go's encoding/json matches field names: ASCII case is
// ignored, and the two non-ASCII runes that fold to ASCII letters (U+017F long s, U+212A Kelvin)
// count as 's' and 'k' (bytes.EqualFold / equalFoldRight).
std::string foldKey(const std::string &key)
{
    std::string out;
    out.reserve(key.size());
    for (std::size_t i = 0; i < key.size(); ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (c == 0xC5 && i + 1 < key.size() && static_cast<unsigned char>(key[i + 1]) == 0xBF) {
            out += 's';
            i += 1;
        } else if (c == 0xE2 && i + 2 < key.size() && static_cast<unsigned char>(key[i + 1]) == 0x84
                   && static_cast<unsigned char>(key[i + 2]) == 0xAA) {
            out += 'k';
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

Field fieldFor(const std::string &key)
{
    const std::string folded = foldKey(key);
    for (const auto &f : kFields) {
        if (folded == f.name)
            return f.field;
    }
    return Field::None;
}

const char *fieldName(Field field)
{
    for (const auto &f : kFields) {
        if (f.field == field)
            return f.name;
    }
    return "";
}

using Json = nlohmann::json;

// ServiceSax decodes a Service in document order, so that duplicate and case-variant keys behave
// as in Go (the last one wins) and the first type error is the one reported.
class ServiceSax final : public nlohmann::json_sax<Json>
{
public:
    Service service;
    std::string typeError;   // first type error, "" if none
    std::string syntaxError; // "" unless the document is not valid JSON
    bool tooDeep = false;

    bool null() override { return scalar([](Field) { return std::string(); }); }

    bool boolean(bool val) override
    {
        return scalar([&](Field f) -> std::string {
            if (f == Field::Mail) {
                service.mail = val;
                return {};
            }
            return mismatch(f, std::string("bool ") + (val ? "true" : "false"));
        });
    }

    bool number_integer(number_integer_t val) override
    {
        return scalar([&](Field f) -> std::string {
            // Only documents like "-1" or "-0" reach here: non-negative integers are unsigned.
            if (f == Field::Ttl)
                return mismatch(f, "number " + (val == 0 ? std::string("-0") : std::to_string(val)));
            return storeInt(f, val, std::to_string(val));
        });
    }

    bool number_unsigned(number_unsigned_t val) override
    {
        return scalar([&](Field f) -> std::string {
            if (f == Field::Ttl) {
                if (val > std::numeric_limits<std::uint32_t>::max())
                    return outOfRange(f, std::to_string(val));
                service.ttl = static_cast<std::uint32_t>(val);
                return {};
            }
            if (val > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
                return isIntField(f) ? outOfRange(f, std::to_string(val)) : mismatch(f, "number " + std::to_string(val));
            return storeInt(f, static_cast<std::int64_t>(val), std::to_string(val));
        });
    }

    bool number_float(number_float_t, const string_t &s) override
    {
        // Go parses integers with strconv.ParseInt/ParseUint, so "80.0" and "8e1" are not integers.
        return scalar([&](Field f) { return mismatch(f, "number " + s); });
    }

    bool string(string_t &val) override
    {
        return scalar([&](Field f) -> std::string {
            switch (f) {
            case Field::Host: service.host = val; return {};
            case Field::Text: service.text = val; return {};
            case Field::Group: service.group = val; return {};
            default: return mismatch(f, "string " + Json(val).dump());
            }
        });
    }

    bool binary(binary_t &) override { return true; }

    bool start_object(std::size_t) override { return open("object"); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open("array"); }
    bool end_array() override { return close(); }

    bool key(string_t &val) override
    {
        if (m_depth == 1)
            m_field = fieldFor(val);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex) override
    {
        // ex.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>".
        std::string reason = ex.what();
        const auto colon = reason.find(": ");
        if (colon != std::string::npos)
            reason = reason.substr(colon + 2);
        syntaxError = "invalid JSON at byte " + std::to_string(position) + ": " + reason;
        return false;
    }

private:
    template<typename F>
    bool scalar(F store)
    {
        // Top-level scalars are judged by parseService (null is a no-op in Go, others are errors).
        if (m_depth == 0)
            return true;
        if (m_depth == 1 && m_field != Field::None)
            note(store(m_field));
        return true;
    }

    bool open(const char *what)
    {
        if (m_depth == 1 && m_field != Field::None)
            note(mismatch(m_field, what));
        ++m_depth;
        if (m_depth > kMaxNestingDepth) {
            tooDeep = true;
            return false;
        }
        return true;
    }

    bool close()
    {
        --m_depth;
        return true;
    }

    void note(const std::string &error)
    {
        if (!error.empty() && typeError.empty())
            typeError = error;
    }

    static bool isIntField(Field f)
    {
        return f == Field::Port || f == Field::Priority || f == Field::Weight || f == Field::TargetStrip;
    }

    static std::string expected(Field f)
    {
        switch (f) {
        case Field::Host:
        case Field::Text:
        case Field::Group: return "a string";
        case Field::Mail: return "a bool";
        case Field::Ttl: return "an unsigned 32-bit integer";
        default: return "an integer";
        }
    }

    static std::string mismatch(Field f, const std::string &got)
    {
        return std::string("field \"") + fieldName(f) + "\": expected " + expected(f) + ", got " + got;
    }

    static std::string outOfRange(Field f, const std::string &value)
    {
        return std::string("field \"") + fieldName(f) + "\": integer " + value + " out of range";
    }

    std::string storeInt(Field f, std::int64_t val, const std::string &text)
    {
        int *target = nullptr;
        switch (f) {
        case Field::Port: target = &service.port; break;
        case Field::Priority: target = &service.priority; break;
        case Field::Weight: target = &service.weight; break;
        case Field::TargetStrip: target = &service.targetStrip; break;
        default: return mismatch(f, "number " + text);
        }
        // Go's int is 64 bits; ours is 32, so values Go would accept but we cannot hold are errors.
        if (val < std::numeric_limits<int>::min() || val > std::numeric_limits<int>::max())
            return outOfRange(f, text);
        *target = static_cast<int>(val);
        return {};
    }

    int m_depth = 0;
    Field m_field = Field::None;
};

// topLevelKind names the JSON type of a top-level scalar for the "not an object" message.
std::string topLevelKind(std::string_view json)
{
    for (char c : json) {
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': continue;
        case '"': return "string";
        case 't': case 'f': return "bool";
        case 'n': return "null";
        case '[': return "array";
        case '{': return "object";
        default: return "number";
        }
    }
    return "nothing";
}

} // namespace

bool Service::operator==(const Service &other) const
{
    return host == other.host && port == other.port && priority == other.priority && weight == other.weight
        && text == other.text && mail == other.mail && ttl == other.ttl && targetStrip == other.targetStrip
        && group == other.group;
}

std::optional<Service> parseService(std::string_view json, std::string_view key, std::string *error)
{
    auto fail = [&](const std::string &message) -> std::optional<Service> {
        if (error)
            *error = std::string(key) + ": " + message;
        return std::nullopt;
    };

    // Go rejects a byte order mark (nlohmann would skip it).
    if (json.size() >= 3 && json.substr(0, 3) == "\xEF\xBB\xBF")
        return fail("invalid JSON at byte 1: invalid character looking for beginning of value (byte order mark)");
    std::string input = gojson::isValidUtf8(json) ? std::string(json) : gojson::sanitizeUtf8(json);
    gojson::replaceLoneSurrogates(input);
    ServiceSax sax;
    const bool parsed = Json::sax_parse(input, &sax);
    if (sax.tooDeep)
        return fail("invalid JSON: exceeded max depth");
    if (!parsed || !sax.syntaxError.empty())
        return fail(sax.syntaxError.empty() ? std::string("invalid JSON") : sax.syntaxError);

    // Go: a top-level null decodes to the zero value; other non-objects are type errors.
    const std::string kind = topLevelKind(input);
    if (kind != "object" && kind != "null")
        return fail("expected a JSON object, got " + kind);
    if (!sax.typeError.empty())
        return fail(sax.typeError);
    return sax.service;
}

std::string toJson(const Service &service)
{
    std::string out = "{";
    auto sep = [&out]() {
        if (out.size() > 1)
            out += ',';
    };
    auto str = [&](const char *name, const std::string &value) {
        if (value.empty())
            return;
        sep();
        out += '"';
        out += name;
        out += "\":";
        gojson::appendGoString(out, value);
    };
    auto num = [&](const char *name, long long value) {
        if (value == 0)
            return;
        sep();
        out += '"';
        out += name;
        out += "\":";
        out += std::to_string(value);
    };
    str("host", service.host);
    num("port", service.port);
    num("priority", service.priority);
    num("weight", service.weight);
    str("text", service.text);
    if (service.mail) {
        sep();
        out += "\"mail\":true";
    }
    num("ttl", service.ttl);
    num("targetstrip", service.targetStrip);
    str("group", service.group);
    out += '}';
    return out;
}

} // namespace skydns::model
