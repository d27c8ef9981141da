#include "settings.h"

#include "goparse.h"

#include <algorithm>

namespace skydns::config {

using SC = ServiceConfig;
using K = SettingKind;

const std::vector<Setting> &settings()
{
    // Descriptions follow SkyDNS's main.go:init flag help where SkyDNS has the flag.
    static const std::vector<Setting> table{
        {"dns_addr", "dns_addr", "addr", "SKYDNS_ADDR", K::String, "127.0.0.1:53",
         "ip:port to bind to", &SC::dnsAddr},
        {"systemd", "systemd", "systemd", "SKYDNS_SYSTEMD", K::Bool, "false",
         "bind to socket(s) activated by systemd (ignore -addr)", &SC::systemd},
        {"domain", "domain", "domain", "SKYDNS_DOMAIN", K::String, "skydns.local.",
         "domain to anchor requests to", &SC::domain},
        {"local", "local", "local", nullptr, K::String, "",
         "optional unique value for this skydns instance", &SC::local},
        {"hostmaster", "hostmaster", "hostmaster", nullptr, K::String, "hostmaster@skydns.local.",
         "hostmaster email address to use", &SC::hostmaster},
        {"dnssec", "dnssec", "dnssec", nullptr, K::String, "",
         "basename of DNSSEC key file e.q. Kskydns.local.+005+38250", &SC::dnssec},
        {"round_robin", "round_robin", "round-robin", nullptr, K::Bool, "true",
         "round robin A/AAAA replies", &SC::roundRobin},
        {"ns_rotate", "ns_rotate", "ns-rotate", nullptr, K::Bool, "true",
         "round robin selection of nameservers from among those listed", &SC::nsRotate},
        {"nameservers", "nameservers", "nameservers", "SKYDNS_NAMESERVERS", K::List, "",
         "nameserver address(es) to forward (non-local) queries to e.g. 8.8.8.8:53,8.8.4.4:53 "
         "(default: the nameservers of /etc/resolv.conf)",
         &SC::nameservers},
        {"no_rec", "no_rec", "no-rec", nullptr, K::Bool, "false", "do not provide a recursive service",
         &SC::noRec},
        {"read_timeout", "read_timeout", "rtimeout", nullptr, K::Duration, "2s",
         "read timeout of forwarded queries (JSON: integer nanoseconds)", &SC::readTimeout},
        {"priority", "priority", nullptr, nullptr, K::UInt16, "10",
         "default priority of SRV records", &SC::priority},
        {"ttl", "ttl", nullptr, nullptr, K::UInt32, "3600", "default TTL of answers, seconds", &SC::ttl},
        {"min_ttl", "min_ttl", nullptr, nullptr, K::UInt32, "60",
         "minimum TTL (SOA) of negative answers, seconds", &SC::minTtl},
        {"scache", "scache", "scache", nullptr, K::Int, "10000", "capacity of the signature cache",
         &SC::scache},
        {"rcache", "rcache", "rcache", nullptr, K::Int, "0", "capacity of the response cache", &SC::rcache},
        {"rcache_ttl", "rcache_ttl", "rcache-ttl", nullptr, K::Int, "60", "TTL of the response cache",
         &SC::rcacheTtl},
        {"ndot", "ndot", "ndots", "SKYDNS_NDOTS", K::Int, "2",
         "How many labels a name should have before we allow forwarding", &SC::ndots},
        {"etcd3", "etcd3", "etcd3", nullptr, K::Bool, "false", "use etcd version 3 API", &SC::etcd3},
        {"stubzones", nullptr, "stubzones", nullptr, K::Bool, "false", "support stub zones",
         &SC::stubzones},
        {"verbose", nullptr, "verbose", nullptr, K::Bool, "false", "log queries", &SC::verbose},
        {"machines", nullptr, "machines", "ETCD_MACHINES", K::List, "http://127.0.0.1:2379",
         "machine address(es) running etcd", &SC::machines},
        {"discover", nullptr, "discover", nullptr, K::Bool, "false",
         "keep the etcd machine list current from the cluster's member list", &SC::discover},
        {"tls_key", nullptr, "tls-key", "ETCD_TLSKEY", K::String, "",
         "SSL key file used to secure etcd communication", &SC::tlsKey},
        {"tls_pem", nullptr, "tls-pem", "ETCD_TLSPEM", K::String, "",
         "SSL certification file used to secure etcd communication", &SC::tlsPem},
        {"ca_cert", nullptr, "ca-cert", "ETCD_CACERT", K::String, "",
         "SSL Certificate Authority file used to secure etcd communication", &SC::caCert},
        {"username", nullptr, "username", "ETCD_USERNAME", K::String, "",
         "Username used to support etcd basic auth", &SC::username},
        {"password", nullptr, "password", "ETCD_PASSWORD", K::String, "",
         "Password used to support etcd basic auth", &SC::password, true},
        {"path_prefix", nullptr, "path-prefix", "SKYDNS_PATH_PREFIX", K::String, "skydns",
         "backend(etcd) path prefix, default: skydns", &SC::pathPrefix},
        {"prometheus_port", nullptr, nullptr, "PROMETHEUS_PORT", K::String, "",
         "port of the Prometheus metrics HTTP server; metrics are off when empty", &SC::prometheusPort},
        {"prometheus_path", nullptr, nullptr, "PROMETHEUS_PATH", K::String, "/metrics",
         "path of the Prometheus metrics", &SC::prometheusPath},
        {"prometheus_namespace", nullptr, nullptr, "PROMETHEUS_NAMESPACE", K::String, "skydns",
         "namespace of the metric names", &SC::prometheusNamespace},
        {"prometheus_subsystem", nullptr, nullptr, "PROMETHEUS_SUBSYSTEM", K::String, "skydns",
         "subsystem of the metric names", &SC::prometheusSubsystem},
    };
    return table;
}

const Setting *findSettingByKey(const QString &key)
{
    for (const Setting &s : settings())
        if (key == QLatin1String(s.key))
            return &s;
    return nullptr;
}

const Setting *findSettingByFlag(const QString &flag)
{
    for (const Setting &s : settings())
        if (s.flag && flag == QLatin1String(s.flag))
            return &s;
    return nullptr;
}

const Setting *findSettingByJsonKey(const QString &jsonKey)
{
    if (jsonKey.compare(QLatin1String("ndots"), Qt::CaseInsensitive) == 0)
        return findSettingByKey(QStringLiteral("ndot"));
    for (const Setting &s : settings())
        if (s.jsonKey && jsonKey.compare(QLatin1String(s.jsonKey), Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

QString settingValueText(const Setting &setting, const ServiceConfig &config, bool revealSecrets)
{
    const QString text = std::visit(
        [&](auto member) -> QString {
            const auto &value = config.*member;
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return QString::fromStdString(value);
            } else if constexpr (std::is_same_v<T, bool>) {
                return value ? QStringLiteral("true") : QStringLiteral("false");
            } else if constexpr (std::is_same_v<T, std::chrono::milliseconds>) {
                return formatGoDuration(value);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                QStringList items;
                for (const std::string &item : value)
                    items << QString::fromStdString(item);
                return items.join(QLatin1Char(','));
            } else {
                return QString::number(value);
            }
        },
        setting.field);
    if (setting.secret && !revealSecrets && !text.isEmpty())
        return QStringLiteral("***");
    return text;
}

bool settingEquals(const Setting &setting, const ServiceConfig &a, const ServiceConfig &b)
{
    return std::visit([&](auto member) { return a.*member == b.*member; }, setting.field);
}

QStringList environmentVariables()
{
    QStringList names;
    for (const Setting &s : settings())
        if (s.env)
            names << QLatin1String(s.env);
    return names;
}

QStringList flagNames()
{
    QStringList names;
    for (const Setting &s : settings())
        if (s.flag)
            names << QLatin1String(s.flag);
    names << QStringLiteral("version");
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace skydns::config
