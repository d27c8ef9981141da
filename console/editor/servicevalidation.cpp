#include "editor/servicevalidation.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace skydns::console {

QString ServiceValidation::checkHost(const QString &host)
{
    if (host.isEmpty())
        return {};
    if (host.contains(QLatin1Char(':'))) {
        // Zones ("fe80::1%eth0") are not addresses net.ParseIP accepts, so SkyDNS would serve them
        // as a CNAME target: refuse instead of producing a broken name.
        QHostAddress address;
        if (host.contains(QLatin1Char('%')) || !address.setAddress(host) ||
            address.protocol() != QAbstractSocket::IPv6Protocol)
            return tr("\"%1\" is not a valid IPv6 address").arg(host);
        return {};
    }
    // All digits and dots: meant as an IPv4 address. QHostAddress also takes inet_aton forms
    // ("10.1", "010.0.0.1") that Go does not, so the dotted quad is checked by hand.
    static const QRegularExpression numeric(QStringLiteral("^[0-9.]+$"));
    if (numeric.match(host).hasMatch()) {
        const QStringList parts = host.split(QLatin1Char('.'));
        bool good = parts.size() == 4;
        for (const QString &part : parts) {
            bool ok = false;
            const int v = part.toInt(&ok);
            if (!ok || part.isEmpty() || part.size() > 3 || v > 255 || (part.size() > 1 && part.startsWith(QLatin1Char('0'))))
                good = false;
        }
        return good ? QString() : tr("\"%1\" is not a valid IPv4 address").arg(host);
    }
    return checkName(host, false);
}

QString ServiceValidation::checkDomainName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("the DNS name is empty");
    if (name == QLatin1String("."))
        return tr("the root name cannot hold a service");
    return checkName(name, false);
}

QString ServiceValidation::checkName(const QString &name, bool allowEmpty)
{
    if (name.isEmpty())
        return allowEmpty ? QString() : tr("the name is empty");
    QString body = name;
    if (body.endsWith(QLatin1Char('.')))
        body.chop(1);
    if (body.toUtf8().size() > 253)
        return tr("the name is longer than 253 characters");
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$"));
    for (const QString &part : body.split(QLatin1Char('.'))) {
        if (part.isEmpty())
            return tr("\"%1\" has an empty label").arg(name);
        if (part.size() > 63)
            return tr("the label \"%1\" is longer than 63 characters").arg(part);
        if (!label.match(part).hasMatch())
            return tr("the label \"%1\" may only hold letters, digits, '-' and '_', and not start or end with '-'").arg(part);
    }
    return {};
}

QString ServiceValidation::checkNumber(const QString &text, quint64 max, quint64 *value)
{
    const QString t = text.trimmed();
    quint64 v = 0;
    if (!t.isEmpty()) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        bool ok = false;
        if (digits.match(t).hasMatch())
            v = t.toULongLong(&ok);
        if (!ok && !digits.match(t).hasMatch())
            return tr("\"%1\" is not a whole number").arg(t);
        if (!ok || v > max)
            return tr("%1 is out of range (0 to %2)").arg(t).arg(max);
    }
    if (value)
        *value = v;
    return {};
}

} // namespace skydns::console
