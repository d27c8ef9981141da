// fuzz_config: the configuration loaders. The input is laid over the defaults as the etcd JSON
// config (config/etcdjson.h), and, split into lines, as a command line for parseFlags and as
// NAME=value environment variables for applyEnvironment (config/flags.h).
#include "config/configissue.h"
#include "config/etcdjson.h"
#include "config/flags.h"
#include "config/serviceconfig.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace skydns::config;
    const QByteArray bytes(reinterpret_cast<const char *>(data), int(size));

    {
        ServiceConfig cfg;
        SourceMap sources;
        const LoadResult r = applyEtcdJson(cfg, sources, bytes);
        (void)r;
    }

    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    Environment env;
    for (const QString &line : lines) {
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq > 0 && line.startsWith(QLatin1String("SKYDNS")))
            env.insert(line.left(eq), line.mid(eq + 1));
    }
    {
        const FlagParseResult r = parseFlags(lines, env);
        (void)r;
    }
    {
        ServiceConfig cfg;
        SourceMap sources;
        const LoadResult r = applyEnvironment(cfg, sources, env);
        (void)r;
    }
    return 0;
}
