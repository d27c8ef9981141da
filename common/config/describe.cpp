#include "describe.h"

#include "settings.h"

namespace skydns::config {

QList<ConfigEntry> describeConfig(const ServiceConfig &config, const SourceMap &sources, bool revealSecrets)
{
    QList<ConfigEntry> entries;
    for (const Setting &s : settings())
        entries << ConfigEntry{QLatin1String(s.key), settingValueText(s, config, revealSecrets), sourceOf(sources, s.key)};
    return entries;
}

QString formatConfig(const ServiceConfig &config, const SourceMap &sources)
{
    QString out;
    for (const ConfigEntry &e : describeConfig(config, sources))
        out += QStringLiteral("  %1 = %2 (%3)\n").arg(e.key, e.value, sourceName(e.source));
    return out;
}

QStringList diffConfigs(const ServiceConfig &before, const ServiceConfig &after)
{
    QStringList lines;
    for (const Setting &s : settings()) {
        if (settingEquals(s, before, after))
            continue;
        auto shown = [&](const ServiceConfig &c) {
            const QString text = settingValueText(s, c);
            // Quote empty values so "x -> " does not read as a truncated line.
            return text.isEmpty() ? QStringLiteral("\"\"") : text;
        };
        QString line = QStringLiteral("%1: %2 -> %3").arg(QLatin1String(s.key), shown(before), shown(after));
        if (s.secret)
            line = QStringLiteral("%1: changed").arg(QLatin1String(s.key));
        lines << line;
    }
    return lines;
}

} // namespace skydns::config
