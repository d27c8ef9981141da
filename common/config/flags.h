#pragma once

#include "configissue.h"
#include "serviceconfig.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace skydns::config {

// Environment is a set of environment variables (name -> value); tests build one by hand.
using Environment = QMap<QString, QString>;

// systemEnvironment is the process's environment.
Environment systemEnvironment();

// applyEnvironment is the environment loader (spec 1.4): each non-empty variable of the table in
// settings.h replaces the value in config and marks its source "env". As in SkyDNS a bad boolean or
// integer is ignored (the default stays), but here it also gives a warning naming variable and value.
LoadResult applyEnvironment(ServiceConfig &config, SourceMap &sources, const Environment &env);

// FlagParseResult is what parseFlags made of a command line.
struct FlagParseResult
{
    ServiceConfig config;      // defaults, then environment, then flags (not yet normalised)
    SourceMap sources;         // where each value came from
    LoadResult issues;         // errors: the command line is unusable (exit 2, as Go's flag package)
    bool help = false;         // -h / -help / --help was given: print usageText(), exit 0
    bool version = false;      // -version was given
    QStringList positional;    // arguments after the flags (SkyDNS ignores them; we warn)

    // ok is true when the command line parsed.
    bool ok() const { return issues.ok(); }
};

// parseFlags parses a command line (without the program name) as Go's flag package does with
// SkyDNS's flags: `-name value`, `-name=value`, `--name value`, `--name=value`; booleans take
// `-flag` or `-flag=<Go bool>` and never consume the next argument; the last occurrence wins;
// parsing stops at the first non-flag argument or after "--". The environment (env) is applied
// first, so a flag given wins over its variable, which wins over the default. Parsing stops at
// the first error, as Go's does; the error names the flag and the value.
FlagParseResult parseFlags(const QStringList &args, const Environment &env);

// usageText is the --help text: every flag with its type, description and default, then every
// environment variable the service reads (spec 1.3, 1.4). program is the name shown ("skydns").
QString usageText(const QString &program = QStringLiteral("skydns"));

// versionText is what `skydns -version` prints: SkyDNS's exact line, then ours.
QString versionText();

} // namespace skydns::config
