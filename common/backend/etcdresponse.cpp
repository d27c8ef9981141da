#include "backend/etcdresponse.h"

#include "backend/etcdnodereader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace skydns::backend {

namespace {

using nlohmann::json;

std::uint64_t parseIndexHeader(std::string_view text)
{
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return 0;
        value = value * 10 + std::uint64_t(c - '0');
    }
    return value;
}

EtcdResult malformed(int httpStatus, std::string why)
{
    EtcdResult result;
    result.kind = EtcdResult::Kind::Malformed;
    result.httpStatus = httpStatus;
    result.message = std::move(why);
    return result;
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int *out)
{
    if (pos + count > text.size())
        return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return true;
}

// daysFromCivil is Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

} // namespace

std::optional<std::int64_t> parseRfc3339Ms(std::string_view text)
{
    int year, month, day, hour, minute, second;
    if (!digits(text, 0, 4, &year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, &month)
        || text[7] != '-' || !digits(text, 8, 2, &day) || (text[10] != 'T' && text[10] != 't')
        || !digits(text, 11, 2, &hour) || text[13] != ':' || !digits(text, 14, 2, &minute)
        || text[16] != ':' || !digits(text, 17, 2, &second))
        return std::nullopt;
    static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1] || hour > 23 || minute > 59
        || second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        int scale = 100;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
            millis += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    std::int64_t offsetSeconds = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh, om;
        if (!digits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !digits(text, pos + 4, 2, &om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetSeconds = (text[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    const std::int64_t seconds = daysFromCivil(year, unsigned(month), unsigned(day)) * 86400
        + hour * 3600 + minute * 60 + second - offsetSeconds;
    return seconds * 1000 + millis;
}

EtcdResult parseEtcdResponse(int httpStatus, std::string_view body, std::string_view etcdIndexHeader)
{
    const auto notAnObject = [&] {
        std::string snippet(body.substr(0, 120));
        return malformed(httpStatus, "HTTP " + std::to_string(httpStatus) + " with a body that is not a JSON object: \""
                                         + snippet + (body.size() > 120 ? "...\"" : "\""));
    };
    EtcdResult result;
    result.httpStatus = httpStatus;
    result.etcdIndex = parseIndexHeader(etcdIndexHeader);

    if (httpStatus >= 200 && httpStatus < 300) {
        // Success bodies can be whole trees: decoded as a stream (etcdnodereader.cpp).
        std::string error;
        bool notJson = false;
        if (!readEtcdSuccessBody(body, &result, &error, &notJson))
            return notJson ? notAnObject() : malformed(httpStatus, error);
        result.kind = EtcdResult::Kind::Ok;
        return result;
    }

    // Error bodies are small: a document is simplest.
    const json object = json::parse(body.begin(), body.end(), nullptr, false);
    if (object.is_discarded() || !object.is_object())
        return notAnObject();
    const auto code = object.find("errorCode");
    const auto message = object.find("message");
    if ((code != object.end() && !code->is_number_integer())
        || (message != object.end() && !message->is_string())
        || (code == object.end() && message == object.end()))
        return malformed(httpStatus, "HTTP " + std::to_string(httpStatus) + " with an unrecognised error body");
    result.kind = EtcdResult::Kind::EtcdError;
    result.errorCode = code != object.end() ? code->get<int>() : 0;
    std::string text = message != object.end() ? message->get<std::string>() : std::string("error");
    if (const auto cause = object.find("cause"); cause != object.end() && cause->is_string()
        && !cause->get_ref<const std::string &>().empty())
        text += " (" + cause->get<std::string>() + ")";
    if (const auto index = object.find("index"); index != object.end() && index->is_number_unsigned()) {
        if (result.etcdIndex == 0)
            result.etcdIndex = index->get<std::uint64_t>();
    }
    result.message = result.errorCode != 0
        ? "etcd error " + std::to_string(result.errorCode) + ": " + text
        : "HTTP " + std::to_string(httpStatus) + ": " + text;
    return result;
}

std::optional<std::vector<std::string>> parseEtcdMembers(std::string_view body, bool *complete)
{
    if (complete)
        *complete = true;
    const json object = json::parse(body.begin(), body.end(), nullptr, false);
    if (object.is_discarded() || !object.is_object())
        return std::nullopt;
    const auto members = object.find("members");
    if (members == object.end() || !members->is_array())
        return std::nullopt;
    std::vector<std::string> urls;
    for (const auto &member : *members) {
        if (!member.is_object())
            return std::nullopt;
        const auto clientUrls = member.find("clientURLs");
        // A member that has joined but not started yet has no client URLs; skip it.
        if (clientUrls == member.end() || clientUrls->is_null() || (clientUrls->is_array() && clientUrls->empty())) {
            if (complete)
                *complete = false;
            continue;
        }
        if (!clientUrls->is_array())
            return std::nullopt;
        for (const auto &url : *clientUrls) {
            if (!url.is_string())
                return std::nullopt;
            const auto &text = url.get_ref<const std::string &>();
            if (!text.empty() && std::find(urls.begin(), urls.end(), text) == urls.end())
                urls.push_back(text);
        }
    }
    if (urls.empty())
        return std::nullopt;
    return urls;
}

} // namespace skydns::backend
