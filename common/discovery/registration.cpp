#include "registration.h"

#include "model/path.h"

#include <QHostAddress>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace skydns::discovery {

namespace {

// isIpv4 accepts exactly four decimal octets: QHostAddress would also take "10.1" or "1" (inet_aton
// forms), which a user typing a port-less host almost never means.
bool isIpv4(std::string_view text)
{
    int octets = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('.', pos), text.size());
        const std::string_view part = text.substr(pos, end - pos);
        if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), [](char c) {
                return c >= '0' && c <= '9';
            }))
            return false;
        if (std::stoi(std::string(part)) > 255)
            return false;
        ++octets;
        pos = end + 1;
    }
    return octets == 4;
}

bool isIpv6(std::string_view text)
{
    if (text.find(':') == std::string_view::npos)
        return false;
    QHostAddress address;
    return address.setAddress(QString::fromUtf8(text.data(), qsizetype(text.size())))
        && address.protocol() == QAbstractSocket::IPv6Protocol;
}

bool isDomainName(std::string_view name)
{
    if (!name.empty() && name.back() == '.')
        name.remove_suffix(1);
    if (name.empty() || name.size() > 253)
        return false;
    std::size_t pos = 0;
    while (pos <= name.size()) {
        const std::size_t end = std::min(name.find('.', pos), name.size());
        const std::string_view label = name.substr(pos, end - pos);
        if (label.empty() || label.size() > 63)
            return false;
        for (const char c : label) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
                return false;
        }
        pos = end + 1;
    }
    // An all-numeric dotted name is a mistyped address ("10.0.0.300"), not a host name.
    return !std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::optional<int> parsePort(std::string_view text)
{
    int port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535)
        return std::nullopt;
    return port;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

std::optional<std::int64_t> parseInteger(const QString &text, std::int64_t min, std::int64_t max)
{
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

} // namespace

bool isValidHost(std::string_view host)
{
    return isIpv4(host) || isIpv6(host) || isDomainName(host);
}

std::optional<HostPort> parseHostPort(std::string_view text, std::string *error)
{
    const auto fail = [&](const std::string &why) -> std::optional<HostPort> {
        *error = "\"" + std::string(text) + "\": " + why;
        return std::nullopt;
    };
    HostPort result;
    std::string_view host = text;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos)
            return fail("missing ']' after the IPv6 address");
        host = text.substr(1, close - 1);
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return fail("expected ':PORT' after ']'");
            port = rest.substr(1);
            if (port.empty())
                return fail("empty port after ':'");
        }
        if (!isIpv6(host))
            return fail("not an IPv6 address inside [ ]");
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        const std::size_t colon = text.find(':');
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (port.empty())
            return fail("empty port after ':'");
    }
    if (host.empty())
        return fail("no host given");
    if (!isValidHost(host))
        return fail("not an IPv4 address, IPv6 address or host name");
    if (!port.empty()) {
        const std::optional<int> value = parsePort(port);
        if (!value)
            return fail("port must be a number from 0 to 65535");
        result.port = *value;
    }
    result.host = isDomainName(host) ? lower(host) : std::string(host);
    if (result.host.size() > 1 && result.host.back() == '.')
        result.host.pop_back();
    return result;
}

std::optional<std::string> qualifyName(std::string_view name, std::string_view domain, std::string *error)
{
    std::string absolute = lower(name);
    const std::string zone = lower(domain);
    if (absolute.empty() || absolute == ".") {
        *error = "no name given";
        return std::nullopt;
    }
    if (absolute.find('/') != std::string::npos) {
        *error = "\"" + std::string(name) + "\": a name cannot contain '/'";
        return std::nullopt;
    }
    if (absolute.back() != '.') {
        const std::string bare = zone.substr(0, zone.size() - 1); // zone always ends with '.'
        const bool alreadyUnder = absolute == bare
            || (absolute.size() > bare.size() && absolute.compare(absolute.size() - bare.size(), bare.size(), bare) == 0
                && absolute[absolute.size() - bare.size() - 1] == '.');
        absolute += alreadyUnder ? "." : "." + zone;
    }
    if (!isDomainName(absolute) && absolute.find('*') == std::string::npos) {
        *error = "\"" + std::string(name) + "\": not a valid DNS name (labels of letters, digits, '-' or '_')";
        return std::nullopt;
    }
    if (absolute.find("..") != std::string::npos) {
        *error = "\"" + std::string(name) + "\": empty label";
        return std::nullopt;
    }
    const bool under = absolute.size() > zone.size()
        && absolute.compare(absolute.size() - zone.size(), zone.size(), zone) == 0
        && absolute[absolute.size() - zone.size() - 1] == '.';
    if (!under) {
        *error = "\"" + std::string(name) + "\" is not below the served domain " + zone
            + " (the service would never answer it)";
        return std::nullopt;
    }
    return absolute;
}

RegisterParse parseRegisterArguments(const QStringList &args, std::string_view domain, std::string_view prefix)
{
    RegisterParse parse;
    QStringList positional;
    Registration reg;
    bool ttlGiven = false;
    const auto fail = [&](const QString &message) {
        parse.error = message;
        return parse;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString arg = args.at(i);
        if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("--")) {
            positional << arg;
            continue;
        }
        QString option = arg.mid(2);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = option.indexOf(QLatin1Char('=')); eq >= 0) {
            value = option.mid(eq + 1);
            option = option.left(eq);
            hasValue = true;
        }
        if (option == QLatin1String("mail") || option == QLatin1String("keepalive")) {
            if (hasValue)
                return fail(QStringLiteral("--%1 takes no value").arg(option));
            (option == QLatin1String("mail") ? reg.service.mail : reg.keepalive) = true;
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= args.size())
                return fail(QStringLiteral("--%1 needs a value").arg(option));
            value = args.at(++i);
        }
        if (option == QLatin1String("ttl")) {
            const auto ttl = parseInteger(value, 1, 0xffffffffLL);
            if (!ttl)
                return fail(QStringLiteral("--ttl \"%1\": expected seconds from 1 to 4294967295").arg(value));
            reg.ttlSeconds = *ttl;
            ttlGiven = true;
        } else if (option == QLatin1String("priority") || option == QLatin1String("weight")) {
            const auto number = parseInteger(value, 0, 65535);
            if (!number)
                return fail(QStringLiteral("--%1 \"%2\": expected a number from 0 to 65535").arg(option, value));
            (option == QLatin1String("priority") ? reg.service.priority : reg.service.weight) = int(*number);
        } else if (option == QLatin1String("text")) {
            reg.service.text = value.toStdString();
        } else {
            return fail(QStringLiteral("unknown option --%1 (known: --ttl, --priority, --weight, --text, --mail, "
                                       "--keepalive)")
                            .arg(option));
        }
    }
    if (positional.size() != 2)
        return fail(QStringLiteral("expected NAME HOST[:PORT], got %1 argument(s)").arg(positional.size()));
    std::string error;
    const std::optional<std::string> name = qualifyName(positional.at(0).toStdString(), domain, &error);
    if (!name)
        return fail(QString::fromStdString(error));
    if (name->find('*') != std::string::npos)
        return fail(QStringLiteral("\"%1\": wildcards are for queries, not for registering").arg(positional.at(0)));
    const std::optional<HostPort> hostPort = parseHostPort(positional.at(1).toStdString(), &error);
    if (!hostPort)
        return fail(QString::fromStdString(error));
    if (reg.keepalive && !ttlGiven)
        reg.ttlSeconds = kDefaultKeepaliveTtl;
    reg.name = *name;
    reg.key = model::domainToPath(reg.name, prefix);
    reg.service.host = hostPort->host;
    reg.service.port = hostPort->port;
    parse.registration = reg;
    return parse;
}

std::int64_t keepaliveIntervalMs(std::int64_t ttlSeconds)
{
    return std::max<std::int64_t>(1000, ttlSeconds * 1000 / 3);
}

} // namespace skydns::discovery
