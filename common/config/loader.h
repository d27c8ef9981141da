#pragma once

#include "configissue.h"
#include "defaults.h"
#include "flags.h"
#include "serviceconfig.h"

#include <QByteArray>
#include <optional>

namespace skydns::config {

// LoadedConfig is a complete configuration: the normalised values, their sources, and every error
// and warning the loaders found on the way.
struct LoadedConfig
{
    ServiceConfig config;
    SourceMap sources;
    LoadResult issues;
};

// completeConfig finishes what parseFlags started (spec 1.1): lays the JSON of /<prefix>/config over
// the flag values when etcdJson is given (nullopt: the key was missing or etcd unreachable, SkyDNS then
// goes on with the flags), applies setDefaults, then validateConfig. issues holds the flag parser's
// warnings too. Start-up must stop when issues.ok() is false.
LoadedConfig completeConfig(const FlagParseResult &flags, const std::optional<QByteArray> &etcdJson,
                            const QString &resolvConfPath = defaultResolvConfPath());

// loadConfig is parseFlags + completeConfig for callers that already have the etcd JSON (or none).
// Flag syntax errors are in issues as well; check FlagParseResult yourself to tell them apart
// (exit 2 as in Go) from invalid values (exit 1).
LoadedConfig loadConfig(const QStringList &args, const Environment &env, const std::optional<QByteArray> &etcdJson,
                        const QString &resolvConfPath = defaultResolvConfPath());

} // namespace skydns::config
