#include "goparse.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace skydns::config {

std::optional<bool> parseGoBool(const QString &text)
{
    static const QStringList yes{"1", "t", "T", "TRUE", "true", "True"};
    static const QStringList no{"0", "f", "F", "FALSE", "false", "False"};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

namespace {

// underscoreOk mirrors Go's strconv.underscoreOK: '_' may only separate digits (or follow a base
// prefix), never lead, trail or double up.
bool underscoreOk(const QString &s)
{
    QChar saw = QLatin1Char('^');
    int i = 0;
    if (!s.isEmpty() && (s[0] == QLatin1Char('-') || s[0] == QLatin1Char('+')))
        ++i;
    bool hex = false;
    if (s.size() - i >= 2 && s[i] == QLatin1Char('0')) {
        const QChar c = s[i + 1].toLower();
        if (c == QLatin1Char('b') || c == QLatin1Char('o') || c == QLatin1Char('x')) {
            hex = c == QLatin1Char('x');
            i += 2;
            saw = QLatin1Char('0'); // a base prefix counts as a digit
        }
    }
    for (; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.isDigit() || (hex && c.isLetter() && c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))) {
            saw = QLatin1Char('0');
            continue;
        }
        if (c == QLatin1Char('_')) {
            if (saw != QLatin1Char('0'))
                return false;
            saw = QLatin1Char('_');
            continue;
        }
        if (saw == QLatin1Char('_'))
            return false;
        saw = QLatin1Char('!');
    }
    return saw != QLatin1Char('_');
}

std::optional<std::uint64_t> parseDigits(const QString &s, int base, bool allowUnderscore, bool *overflow)
{
    if (s.isEmpty())
        return std::nullopt;
    std::uint64_t n = 0;
    for (const QChar ch : s) {
        if (ch == QLatin1Char('_') && allowUnderscore)
            continue;
        int d;
        const char c = ch.toLatin1();
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'z')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            d = c - 'A' + 10;
        else
            return std::nullopt;
        if (d >= base)
            return std::nullopt;
        if (n > (std::numeric_limits<std::uint64_t>::max() - std::uint64_t(d)) / std::uint64_t(base))
            *overflow = true;
        n = n * std::uint64_t(base) + std::uint64_t(d);
    }
    return n;
}

std::optional<std::int64_t> applySign(std::optional<std::uint64_t> magnitude, bool negative, bool overflow,
                                      QString *error)
{
    if (!magnitude) {
        if (error)
            *error = QStringLiteral("invalid syntax");
        return std::nullopt;
    }
    const std::uint64_t limit = std::uint64_t(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
    if (overflow || *magnitude > limit) {
        if (error)
            *error = QStringLiteral("value out of range");
        return std::nullopt;
    }
    if (negative)
        return std::int64_t(0 - *magnitude);
    return std::int64_t(*magnitude);
}

} // namespace

std::optional<std::int64_t> parseGoInt(const QString &text, QString *error)
{
    QString s = text;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-'))) {
        negative = s[0] == QLatin1Char('-');
        s = s.mid(1);
    }
    int base = 10;
    if (!s.isEmpty() && s[0] == QLatin1Char('0')) {
        const QChar p = s.size() >= 3 ? s[1].toLower() : QChar();
        if (p == QLatin1Char('b'))
            base = 2, s = s.mid(2);
        else if (p == QLatin1Char('o'))
            base = 8, s = s.mid(2);
        else if (p == QLatin1Char('x'))
            base = 16, s = s.mid(2);
        else
            base = 8, s = s.mid(1);
        if (s.isEmpty() && base == 8) // "0" itself
            return 0;
    }
    const bool underscores = text.contains(QLatin1Char('_'));
    if (underscores && !underscoreOk(text)) {
        if (error)
            *error = QStringLiteral("invalid syntax");
        return std::nullopt;
    }
    bool overflow = false;
    return applySign(parseDigits(s, base, underscores, &overflow), negative, overflow, error);
}

std::optional<std::int64_t> parseDecimalInt(const QString &text)
{
    QString s = text;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-'))) {
        negative = s[0] == QLatin1Char('-');
        s = s.mid(1);
    }
    bool overflow = false;
    return applySign(parseDigits(s, 10, false, &overflow), negative, overflow, nullptr);
}

std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<std::chrono::nanoseconds> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString invalid = QStringLiteral("invalid duration \"%1\"").arg(text);
    QString s = text;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == QLatin1Char('-') || s[0] == QLatin1Char('+'))) {
        negative = s[0] == QLatin1Char('-');
        s = s.mid(1);
    }
    if (s == QLatin1String("0"))
        return std::chrono::nanoseconds(0);
    if (s.isEmpty())
        return fail(invalid);

    static const std::pair<const char *, double> units[] = {
        {"ns", 1.0}, {"us", 1e3}, {"\u00b5s", 1e3}, {"\u03bcs", 1e3}, {"ms", 1e6},
        {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
    long double total = 0;
    int i = 0;
    while (i < s.size()) {
        QString whole, fraction;
        while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128)
            whole += s[i++];
        if (i < s.size() && s[i] == QLatin1Char('.')) {
            ++i;
            while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128)
                fraction += s[i++];
        }
        if (whole.isEmpty() && fraction.isEmpty())
            return fail(invalid);
        const int unitStart = i;
        while (i < s.size() && s[i] != QLatin1Char('.') && !(s[i].isDigit() && s[i].unicode() < 128))
            ++i;
        const QString unit = s.mid(unitStart, i - unitStart);
        if (unit.isEmpty())
            return fail(QStringLiteral("missing unit in duration \"%1\"").arg(text));
        double scale = 0;
        for (const auto &[name, factor] : units)
            if (unit == QString::fromUtf8(name))
                scale = factor;
        if (scale == 0)
            return fail(QStringLiteral("unknown unit \"%1\" in duration \"%2\"").arg(unit, text));
        const long double value = (whole.isEmpty() ? 0.0L : whole.toDouble())
            + (fraction.isEmpty() ? 0.0L : (QStringLiteral("0.") + fraction).toDouble());
        total += value * scale;
        if (total > static_cast<long double>(std::numeric_limits<std::int64_t>::max()))
            return fail(invalid);
    }
    const auto ns = static_cast<std::int64_t>(std::llround(static_cast<double>(total)));
    return std::chrono::nanoseconds(negative ? -ns : ns);
}

QString formatGoDuration(std::chrono::milliseconds duration)
{
    qint64 ms = duration.count();
    if (ms == 0)
        return QStringLiteral("0s");
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    ms = std::llabs(ms);
    if (ms < 1000)
        return sign + QString::number(ms) + QStringLiteral("ms");
    const qint64 hours = ms / 3600000;
    const qint64 minutes = (ms / 60000) % 60;
    const qint64 secondsMs = ms % 60000;
    QString seconds = QString::number(secondsMs / 1000);
    if (secondsMs % 1000) {
        QString frac = QStringLiteral("%1").arg(secondsMs % 1000, 3, 10, QLatin1Char('0'));
        while (frac.endsWith(QLatin1Char('0')))
            frac.chop(1);
        seconds += QLatin1Char('.') + frac;
    }
    QString out = sign;
    if (hours > 0)
        out += QString::number(hours) + QLatin1Char('h');
    if (hours > 0 || minutes > 0)
        out += QString::number(minutes) + QLatin1Char('m');
    return out + seconds + QLatin1Char('s');
}

std::chrono::milliseconds toConfigMilliseconds(std::chrono::nanoseconds duration)
{
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(duration);
    if (duration.count() > 0 && ms < duration)
        ms += std::chrono::milliseconds(1);
    return ms;
}

bool isIpLiteral(const QString &text)
{
    static const QRegularExpression ipv4(QStringLiteral("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
                                                        "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"));
    if (ipv4.match(text).hasMatch())
        return true;
    // Go's ParseIP rejects zones ("%eth0") and brackets; QHostAddress would accept a zone.
    if (!text.contains(QLatin1Char(':')) || text.contains(QLatin1Char('%')) || text.contains(QLatin1Char('['))
        || text.contains(QLatin1Char(']')))
        return false;
    QHostAddress address;
    return address.setAddress(text) && address.protocol() == QAbstractSocket::IPv6Protocol;
}

QString validateHostPort(const QString &hostPort)
{
    const int colon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return QStringLiteral("missing port in address");
    QString host;
    int j = 0, k = 0;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const int end = hostPort.indexOf(QLatin1Char(']'));
        if (end < 0)
            return QStringLiteral("missing ']' in address");
        if (end + 1 == hostPort.size())
            return QStringLiteral("missing port in address");
        if (end + 1 != colon)
            return hostPort[end + 1] == QLatin1Char(':') ? QStringLiteral("too many colons in address")
                                                         : QStringLiteral("missing port in address");
        host = hostPort.mid(1, end - 1);
        j = 1;
        k = end + 1;
    } else {
        host = hostPort.left(colon);
        if (host.contains(QLatin1Char(':')))
            return QStringLiteral("too many colons in address");
    }
    if (hostPort.indexOf(QLatin1Char('['), j) >= 0)
        return QStringLiteral("unexpected '[' in address");
    if (hostPort.indexOf(QLatin1Char(']'), k) >= 0)
        return QStringLiteral("unexpected ']' in address");
    if (!isIpLiteral(host))
        return QStringLiteral("bad IP address: %1").arg(host);
    const QString port = hostPort.mid(colon + 1);
    const auto p = parseDecimalInt(port).value_or(0); // Go ignores Atoi's error: a bad port reads as 0
    if (p < 1 || p > 65535)
        return QStringLiteral("bad port number %1").arg(port);
    return {};
}

QString joinHostPort(const QString &host, const QString &port)
{
    if (host.contains(QLatin1Char(':')))
        return QLatin1Char('[') + host + QStringLiteral("]:") + port;
    return host + QLatin1Char(':') + port;
}

} // namespace skydns::config
