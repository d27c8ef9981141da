#pragma once

#include "configissue.h"
#include "serviceconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace skydns::config {

// ConfigEntry is one line of the effective configuration: key, value as text, and its source.
struct ConfigEntry
{
    QString key;
    QString value;
    ConfigSource source = ConfigSource::Default;
};

// describeConfig lists every setting of config with its source, in the order of settings.h, for
// the admin API ("effective configuration and its sources") and for printing. Secrets are "***"
// unless revealSecrets.
QList<ConfigEntry> describeConfig(const ServiceConfig &config, const SourceMap &sources,
                                  bool revealSecrets = false);

// formatConfig renders describeConfig one setting a line: "  ttl = 3600 (etcd)".
QString formatConfig(const ServiceConfig &config, const SourceMap &sources);

// diffConfigs lists what changed from before to after, one human-readable line per setting
// ("ttl: 3600 -> 60"), for reload logging. Secrets show as "***"; an empty value as "". Empty when
// nothing changed.
QStringList diffConfigs(const ServiceConfig &before, const ServiceConfig &after);

} // namespace skydns::config
