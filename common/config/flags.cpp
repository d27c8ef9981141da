#include "flags.h"

#include "goparse.h"
#include "settings.h"
#include "version.h"

#include <QProcessEnvironment>

#include <limits>

namespace skydns::config {

Environment systemEnvironment()
{
    Environment env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &name : system.keys())
        env.insert(name, system.value(name));
    return env;
}

namespace {

enum class Syntax { Flag, Env };

// assign parses text for setting and stores it in config. Flags use Go's flag syntax (ints with
// base prefixes); the environment uses SkyDNS's envInt/envBool (base 10, ParseBool). Returns the
// reason on failure, an empty string on success.
QString assign(const Setting &setting, ServiceConfig &config, const QString &text, Syntax syntax)
{
    return std::visit(
        [&](auto member) -> QString {
            auto &value = config.*member;
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string>) {
                value = text.toStdString();
            } else if constexpr (std::is_same_v<T, bool>) {
                const auto b = parseGoBool(text);
                if (!b)
                    return QStringLiteral("not a boolean (use true or false)");
                value = *b;
            } else if constexpr (std::is_same_v<T, std::chrono::milliseconds>) {
                QString why;
                const auto d = parseGoDuration(text, &why);
                if (!d)
                    return why;
                value = toConfigMilliseconds(*d);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                value.clear();
                if (!text.isEmpty())
                    for (const QString &item : text.split(QLatin1Char(',')))
                        value.push_back(item.toStdString());
            } else {
                QString why = QStringLiteral("parse error");
                const auto n = syntax == Syntax::Flag ? parseGoInt(text, &why) : parseDecimalInt(text);
                if (!n)
                    return QStringLiteral("not an integer (%1)").arg(why);
                if (*n < std::numeric_limits<T>::min() || *n > std::numeric_limits<T>::max())
                    return QStringLiteral("value out of range");
                value = T(*n);
            }
            return {};
        },
        setting.field);
}

bool isBool(const Setting &setting)
{
    return setting.kind == SettingKind::Bool;
}

} // namespace

LoadResult applyEnvironment(ServiceConfig &config, SourceMap &sources, const Environment &env)
{
    LoadResult result;
    for (const Setting &setting : settings()) {
        if (!setting.env)
            continue;
        const QString value = env.value(QLatin1String(setting.env));
        if (value.isEmpty()) // SkyDNS's env(): an empty variable counts as unset
            continue;
        ServiceConfig candidate = config;
        const QString why = assign(setting, candidate, value, Syntax::Env);
        if (!why.isEmpty()) {
            result.warnings << ConfigIssue{QLatin1String(setting.env), value,
                                           why + QStringLiteral(", ignored: the default ")
                                               + QLatin1String(setting.defaultText) + QStringLiteral(" is used")};
            continue;
        }
        config = candidate;
        sources[setting.key] = ConfigSource::Environment;
    }
    return result;
}

FlagParseResult parseFlags(const QStringList &args, const Environment &env)
{
    FlagParseResult r;
    r.issues.append(applyEnvironment(r.config, r.sources, env));
    int i = 0;
    while (i < args.size()) {
        const QString arg = args.at(i);
        if (arg.size() < 2 || !arg.startsWith(QLatin1Char('-')))
            break; // first non-flag argument ends the flags
        int minuses = 1;
        if (arg.at(1) == QLatin1Char('-')) {
            minuses = 2;
            if (arg.size() == 2) { // "--" terminator
                ++i;
                break;
            }
        }
        QString name = arg.mid(minuses);
        if (name.isEmpty() || name.startsWith(QLatin1Char('-')) || name.startsWith(QLatin1Char('='))) {
            r.issues.errors << ConfigIssue{arg, arg, QStringLiteral("bad flag syntax"), false};
            return r;
        }
        ++i;
        QString value;
        bool hasValue = false;
        const int eq = name.indexOf(QLatin1Char('='), 1);
        if (eq > 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        const QString flag = QLatin1Char('-') + name;
        if (name == QLatin1String("help") || name == QLatin1String("h")) {
            r.help = true;
            return r;
        }
        if (name == QLatin1String("version")) {
            const auto b = hasValue ? parseGoBool(value) : std::optional<bool>(true);
            if (!b) {
                r.issues.errors << ConfigIssue{flag, value, QStringLiteral("invalid boolean value")};
                return r;
            }
            r.version = *b;
            continue;
        }
        const Setting *setting = findSettingByFlag(name);
        if (!setting) {
            r.issues.errors << ConfigIssue{flag, value, QStringLiteral("flag provided but not defined"), false};
            return r;
        }
        if (isBool(*setting)) {
            if (!hasValue)
                value = QStringLiteral("true");
        } else if (!hasValue) {
            if (i >= args.size()) {
                r.issues.errors << ConfigIssue{flag, QString(), QStringLiteral("flag needs an argument"), false};
                return r;
            }
            value = args.at(i++);
        }
        const QString why = assign(*setting, r.config, value, Syntax::Flag);
        if (!why.isEmpty()) {
            r.issues.errors << ConfigIssue{flag, value, QStringLiteral("invalid value: ") + why};
            return r;
        }
        r.sources[setting->key] = ConfigSource::Flag;
    }
    r.positional = args.mid(i);
    for (const QString &extra : r.positional)
        r.issues.warnings << ConfigIssue{QStringLiteral("argument"), extra,
                                         QStringLiteral("not a flag, ignored (flags end here)")};
    return r;
}

QString usageText(const QString &program)
{
    static const char *const typeNames[] = {"string", "", "int", "int", "int", "duration", "list"};
    QString out = QStringLiteral("Usage of %1:\n").arg(program);
    for (const QString &name : flagNames()) {
        if (name == QLatin1String("version")) {
            out += QStringLiteral("  -version\n    \tPrint the version and exit.\n");
            continue;
        }
        const Setting &s = *findSettingByFlag(name);
        const QString type = QLatin1String(typeNames[int(s.kind)]);
        out += QStringLiteral("  -") + name + (type.isEmpty() ? QString() : QLatin1Char(' ') + type) + QLatin1Char('\n');
        out += QStringLiteral("    \t") + QLatin1String(s.description);
        if (s.env)
            out += QStringLiteral(" (env ") + QLatin1String(s.env) + QLatin1Char(')');
        const QString def = QLatin1String(s.defaultText);
        if (!def.isEmpty() && def != QLatin1String("false"))
            out += s.kind == SettingKind::String || s.kind == SettingKind::List
                ? QStringLiteral(" (default \"%1\")").arg(def)
                : QStringLiteral(" (default %1)").arg(def);
        out += QLatin1Char('\n');
    }
    out += QStringLiteral("  -h, -help, --help\n    \tPrint this help and exit.\n");
    out += QStringLiteral("\nFlags take -name value, -name=value, --name value or --name=value; booleans take -name or "
                          "-name=false.\nA flag wins over its environment variable; keys in /<path-prefix>/config in "
                          "etcd win over both.\n");
    out += QStringLiteral("\nEnvironment variables:\n");
    for (const Setting &s : settings()) {
        if (!s.env)
            continue;
        out += QStringLiteral("  ") + QLatin1String(s.env);
        if (s.flag)
            out += QStringLiteral(" (flag -") + QLatin1String(s.flag) + QLatin1Char(')');
        out += QStringLiteral("\n    \t") + QLatin1String(s.description);
        if (*s.defaultText)
            out += QStringLiteral(" (default \"%1\")").arg(QLatin1String(s.defaultText));
        out += QLatin1Char('\n');
    }
    return out;
}

QString versionText()
{
    return QStringLiteral("skydns server version: %1\nSkyDNS Qt %2\n")
        .arg(QLatin1String(compatVersionString()), QLatin1String(versionString()));
}

} // namespace skydns::config
