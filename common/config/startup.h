#pragma once

#include "flags.h"
#include "loader.h"

#include <QByteArray>
#include <QString>
#include <QTextStream>

#include <functional>
#include <optional>

namespace skydns::config {

// EtcdConfigReader reads the JSON stored at key (e.g. "/skydns/config") from the etcd that config
// names (machines, TLS, auth). It returns nullopt when there is no such key or etcd could not be
// read, and then says why in *note; SkyDNS goes on with the flag values in both cases (spec 1.1).
using EtcdConfigReader =
    std::function<std::optional<QByteArray>(const ServiceConfig &config, const QString &key, QString *note)>;

// Startup is what the command line decided: exit now with exitCode, or run the service with loaded.
struct Startup
{
    bool proceed = false;
    int exitCode = 0;
    LoadedConfig loaded;
};

// prepareStartup is the `skydns` front end, kept out of main() so it can be tested: it parses args
// (without the program name) and env; -h/-help/--help prints usageText() to out (exit 0); -version
// prints versionText() (exit 0); a flag syntax error prints the error and the usage to err (exit 2,
// as Go's flag package). Otherwise it reads /<prefix>/config with readEtcd (may be empty: no etcd),
// completes the configuration and, if a value is invalid, prints each error naming key and value
// (exit 1). Warnings go to err and do not stop start-up. Messages start with "skydns: " as SkyDNS's.
Startup prepareStartup(const QStringList &args, const Environment &env, const EtcdConfigReader &readEtcd,
                       QTextStream &out, QTextStream &err, const QString &resolvConfPath = defaultResolvConfPath());

} // namespace skydns::config
