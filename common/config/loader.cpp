#include "loader.h"

#include "etcdjson.h"

namespace skydns::config {

LoadedConfig completeConfig(const FlagParseResult &flags, const std::optional<QByteArray> &etcdJson,
                            const QString &resolvConfPath)
{
    LoadedConfig loaded{flags.config, flags.sources, flags.issues};
    const QString key = etcdConfigKey(loaded.config.pathPrefix);
    if (etcdJson)
        loaded.issues.append(applyEtcdJson(loaded.config, loaded.sources, *etcdJson, key));
    loaded.issues.append(setDefaults(loaded.config, loaded.sources, resolvConfPath));
    loaded.issues.append(validateConfig(loaded.config, loaded.sources, key));
    return loaded;
}

LoadedConfig loadConfig(const QStringList &args, const Environment &env, const std::optional<QByteArray> &etcdJson,
                        const QString &resolvConfPath)
{
    const FlagParseResult flags = parseFlags(args, env);
    if (!flags.ok())
        return LoadedConfig{flags.config, flags.sources, flags.issues};
    return completeConfig(flags, etcdJson, resolvConfPath);
}

} // namespace skydns::config
