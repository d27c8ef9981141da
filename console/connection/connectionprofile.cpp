#include "connection/connectionprofile.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace skydns::console {

namespace {

bool validLabel(const QString &label)
{
    // Host-style labels as SkyDNS domains use them; 63 octets (RFC 1035 2.3.4).
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$"));
    return re.match(label).hasMatch();
}

} // namespace

QStringList ConnectionProfile::validate() const
{
    QStringList problems;
    if (name.trimmed().isEmpty())
        problems << tr("The profile needs a name.");
    else if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        problems << tr("The profile name may not contain '/' or '\\'.");

    if (machines.isEmpty())
        problems << tr("Give at least one etcd machine (for example http://127.0.0.1:2379).");
    bool anyHttps = false;
    for (const QString &machine : machines) {
        const QUrl url(machine.trimmed(), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            || url.host().isEmpty())
            problems << tr("\"%1\" is not an etcd machine URL (http://host:port or https://host:port).").arg(machine);
        anyHttps = anyHttps || scheme == QLatin1String("https");
    }

    if (!prefix.startsWith(QLatin1Char('/')) || prefix.size() < 2 || prefix.endsWith(QLatin1Char('/'))
        || prefix.contains(QLatin1String("//")))
        problems << tr("The path prefix must start with '/' and name a directory, like /skydns.");

    QString d = domain.trimmed();
    if (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    const QStringList labels = d.split(QLatin1Char('.'));
    bool domainOk = !d.isEmpty() && d.size() <= 253;
    for (const QString &label : labels)
        domainOk = domainOk && validLabel(label);
    if (!domainOk)
        problems << tr("\"%1\" is not a domain name (like skydns.local.).").arg(domain);

    for (const auto &[file, what] : {std::pair{caFile, tr("CA certificate")}, std::pair{certFile, tr("client certificate")},
                                     std::pair{keyFile, tr("client key")}}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            problems << tr("The %1 file \"%2\" cannot be read.").arg(what, file);
    }
    if (certFile.isEmpty() != keyFile.isEmpty())
        problems << tr("A client certificate and its key go together: give both or neither.");
    if (!anyHttps && (!caFile.isEmpty() || !certFile.isEmpty()))
        problems << tr("TLS files are set but no machine uses https.");

    if (!adminUrl.isEmpty()) {
        const QUrl url(adminUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            problems << tr("\"%1\" is not an admin API URL (like http://127.0.0.1:8053).").arg(adminUrl);
    }
    return problems;
}

QString ConnectionProfile::domainKey() const
{
    QString d = domain.trimmed();
    if (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    QStringList labels = d.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    std::reverse(labels.begin(), labels.end());
    QString key = prefix;
    for (const QString &label : labels)
        key += QLatin1Char('/') + label.toLower();
    return key;
}

KvStoreOptions ConnectionProfile::kvStoreOptions(const QString &password) const
{
    KvStoreOptions options;
    options.api = api;
    options.machines.clear();
    for (const QString &machine : machines)
        options.machines << machine.trimmed();
    options.caFile = caFile;
    options.certFile = certFile;
    options.keyFile = keyFile;
    options.username = username;
    options.password = password;
    return options;
}

QString ConnectionProfile::apiName() const
{
    return api == KvStoreOptions::Api::V3 ? QStringLiteral("v3") : QStringLiteral("v2");
}

bool ConnectionProfile::operator==(const ConnectionProfile &o) const
{
    return name == o.name && api == o.api && machines == o.machines && prefix == o.prefix && domain == o.domain
        && caFile == o.caFile && certFile == o.certFile && keyFile == o.keyFile && username == o.username
        && adminUrl == o.adminUrl;
}

} // namespace skydns::console
