#include "configissue.h"

#include <QStringList>

namespace skydns::config {

Q_LOGGING_CATEGORY(lcConfig, "skydns.config")

QString sourceName(ConfigSource source)
{
    switch (source) {
    case ConfigSource::Default: return QStringLiteral("default");
    case ConfigSource::Environment: return QStringLiteral("env");
    case ConfigSource::Flag: return QStringLiteral("flag");
    case ConfigSource::Etcd: return QStringLiteral("etcd");
    case ConfigSource::ResolvConf: return QStringLiteral("resolv.conf");
    }
    return QStringLiteral("default");
}

ConfigSource sourceOf(const SourceMap &sources, const std::string &key)
{
    const auto it = sources.find(key);
    return it == sources.end() ? ConfigSource::Default : it->second;
}

QString ConfigIssue::toString() const
{
    // The value is quoted so an empty or space-only value is still visible in the message.
    if (!showValue)
        return QStringLiteral("%1: %2").arg(key, message);
    return QStringLiteral("%1 \"%2\": %3").arg(key, value, message);
}

void LoadResult::append(const LoadResult &other)
{
    errors += other.errors;
    warnings += other.warnings;
}

QString LoadResult::errorText() const
{
    QStringList lines;
    for (const ConfigIssue &issue : errors)
        lines << issue.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace skydns::config
