#include "startup.h"

#include "etcdjson.h"

namespace skydns::config {

namespace {

void printWarnings(const LoadResult &issues, QTextStream &err)
{
    for (const ConfigIssue &w : issues.warnings)
        err << "skydns: warning: " << w.toString() << '\n';
}

} // namespace

Startup prepareStartup(const QStringList &args, const Environment &env, const EtcdConfigReader &readEtcd,
                       QTextStream &out, QTextStream &err, const QString &resolvConfPath)
{
    Startup startup;
    const FlagParseResult flags = parseFlags(args, env);
    if (flags.help) {
        out << usageText();
        out.flush();
        return startup;
    }
    if (!flags.ok()) {
        for (const ConfigIssue &e : flags.issues.errors)
            err << "skydns: " << e.toString() << '\n';
        err << usageText();
        err.flush();
        startup.exitCode = 2;
        return startup;
    }
    if (flags.version) {
        out << versionText();
        out.flush();
        return startup;
    }

    std::optional<QByteArray> json;
    if (readEtcd) {
        QString note;
        json = readEtcd(flags.config, etcdConfigKey(flags.config.pathPrefix), &note);
        if (!note.isEmpty())
            err << "skydns: " << note << '\n';
    }
    startup.loaded = completeConfig(flags, json, resolvConfPath);
    printWarnings(startup.loaded.issues, err);
    if (!startup.loaded.issues.ok()) {
        for (const ConfigIssue &e : startup.loaded.issues.errors)
            err << "skydns: invalid configuration: " << e.toString() << '\n';
        err.flush();
        startup.exitCode = 1;
        return startup;
    }
    err.flush();
    startup.proceed = true;
    return startup;
}

} // namespace skydns::config
