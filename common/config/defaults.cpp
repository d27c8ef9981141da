#include "defaults.h"

#include "goparse.h"
#include "settings.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>

namespace skydns::config {

QString defaultResolvConfPath()
{
    return QStringLiteral("/etc/resolv.conf");
}

std::string fqdn(const std::string &name)
{
    if (!name.empty() && name.back() == '.')
        return name;
    return name + '.';
}

QStringList parseResolvConf(const QByteArray &content)
{
    QStringList servers;
    for (const QByteArray &line : content.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 1 && fields.at(0) == "nameserver")
            servers << joinHostPort(QString::fromUtf8(fields.at(1)), QStringLiteral("53"));
    }
    return servers;
}

namespace {

// reset puts a zero value back to its default; the value then counts as the default's.
template<typename T>
void reset(T &value, const T &fallback, SourceMap &sources, const char *key)
{
    value = fallback;
    sources.erase(key);
}

QString keyLabel(const char *key, const SourceMap &sources, const QString &configKey)
{
    const Setting *s = findSettingByKey(QLatin1String(key));
    switch (sourceOf(sources, key)) {
    case ConfigSource::Flag:
        if (s && s->flag)
            return QLatin1Char('-') + QLatin1String(s->flag);
        break;
    case ConfigSource::Environment:
        if (s && s->env)
            return QLatin1String(s->env);
        break;
    case ConfigSource::Etcd:
        if (s && s->jsonKey)
            return QLatin1String(s->jsonKey) + QStringLiteral(" in ") + configKey;
        break;
    default:
        break;
    }
    return QLatin1String(key);
}

// domainProblem checks a fully qualified name the way a DNS message would need it.
QString domainProblem(const std::string &name)
{
    if (name == ".")
        return {};
    if (name.size() > 254)
        return QStringLiteral("name longer than 255 octets");
    const QString text = QString::fromStdString(name);
    const QStringList labels = text.left(text.size() - 1).split(QLatin1Char('.'));
    for (const QString &label : labels) {
        if (label.isEmpty())
            return QStringLiteral("empty label");
        if (label.toUtf8().size() > 63)
            return QStringLiteral("label longer than 63 octets");
        if (label.contains(QLatin1Char(' ')))
            return QStringLiteral("space in name");
    }
    return {};
}

} // namespace

LoadResult setDefaults(ServiceConfig &config, SourceMap &sources, const QString &resolvConfPath)
{
    LoadResult result;
    const ServiceConfig defaults;
    if (config.readTimeout.count() == 0)
        reset(config.readTimeout, defaults.readTimeout, sources, "read_timeout");
    if (config.dnsAddr.empty())
        reset(config.dnsAddr, defaults.dnsAddr, sources, "dns_addr");
    if (config.domain.empty())
        reset(config.domain, defaults.domain, sources, "domain");
    if (config.hostmaster.empty()) {
        // SetDefaults builds it from the domain as given, before the domain is lower-cased.
        config.hostmaster = "hostmaster." + config.domain;
        sources.erase("hostmaster");
    }
    std::replace(config.hostmaster.begin(), config.hostmaster.end(), '@', '.');
    config.hostmaster = fqdn(config.hostmaster);
    if (config.minTtl == 0)
        reset(config.minTtl, defaults.minTtl, sources, "min_ttl");
    if (config.ttl == 0)
        reset(config.ttl, defaults.ttl, sources, "ttl");
    if (config.priority == 0)
        reset(config.priority, defaults.priority, sources, "priority");
    config.rcache = std::max(config.rcache, 0);
    config.scache = std::max(config.scache, 0);
    if (config.rcacheTtl == 0)
        reset(config.rcacheTtl, defaults.rcacheTtl, sources, "rcache_ttl");
    if (config.ndots <= 0)
        reset(config.ndots, defaults.ndots, sources, "ndot");

    if (config.nameservers.empty()) {
        QFile file(resolvConfPath);
        if (QFileInfo::exists(resolvConfPath)) {
            if (!file.open(QIODevice::ReadOnly)) {
                result.errors << ConfigIssue{QStringLiteral("nameservers"), resolvConfPath,
                                             QStringLiteral("cannot read resolv.conf: ") + file.errorString()};
            } else {
                for (const QString &server : parseResolvConf(file.readAll()))
                    config.nameservers.push_back(server.toStdString());
                if (!config.nameservers.empty())
                    sources["nameservers"] = ConfigSource::ResolvConf;
            }
        }
    }

    std::transform(config.domain.begin(), config.domain.end(), config.domain.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    config.domain = fqdn(config.domain);
    if (!config.local.empty())
        config.local = fqdn(config.local);
    // etcd turns '+' into spaces in values written by curl without encoding (SetDefaults).
    std::replace(config.dnssec.begin(), config.dnssec.end(), ' ', '+');
    return result;
}

LoadResult validateConfig(const ServiceConfig &config, const SourceMap &sources, const QString &configKey)
{
    LoadResult result;
    auto fail = [&](const char *key, const std::string &value, const QString &why) {
        result.errors << ConfigIssue{keyLabel(key, sources, configKey), QString::fromStdString(value), why};
    };

    if (const QString why = validateHostPort(QString::fromStdString(config.dnsAddr)); !why.isEmpty())
        fail("dns_addr", config.dnsAddr, why);
    if (sourceOf(sources, "nameservers") != ConfigSource::ResolvConf) {
        for (const std::string &server : config.nameservers)
            if (const QString why = validateHostPort(QString::fromStdString(server)); !why.isEmpty())
                fail("nameservers", server, why);
    }
    if (config.machines.empty())
        fail("machines", std::string(), QStringLiteral("no etcd machine given"));
    for (const std::string &machine : config.machines) {
        const QUrl url(QString::fromStdString(machine), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            || url.host().isEmpty())
            fail("machines", machine, QStringLiteral("not an http:// or https:// URL"));
    }
    if (const QString why = domainProblem(config.domain); !why.isEmpty())
        fail("domain", config.domain, why);
    if (config.readTimeout.count() < 0)
        fail("read_timeout", formatGoDuration(config.readTimeout).toStdString(),
             QStringLiteral("must not be negative"));
    if (!config.prometheusPort.empty()) {
        const auto port = parseDecimalInt(QString::fromStdString(config.prometheusPort));
        if (!port || *port < 1 || *port > 65535)
            fail("prometheus_port", config.prometheusPort, QStringLiteral("not a port number (1-65535)"));
    }
    return result;
}

} // namespace skydns::config
