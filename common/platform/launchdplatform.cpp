#include "launchdplatform.h"

#include "quoting.h"
#include "templates.h"

#include <QRegularExpression>

namespace skydns::platform {

namespace {

QString launchctl()
{
    return QStringLiteral("/bin/launchctl");
}

QString target(const ServiceSpec &spec)
{
    return QStringLiteral("system/") + spec.launchdLabel;
}

} // namespace

QString launchdPlist(const ServiceSpec &spec)
{
    QStringList arguments;
    for (const QString &word : QStringList{spec.binary} + spec.arguments)
        arguments << QStringLiteral("        <string>%1</string>").arg(xmlEscape(word));
    const QMap<QString, QString> values{
        {QStringLiteral("SKYDNS_LABEL"), xmlEscape(spec.launchdLabel)},
        {QStringLiteral("SKYDNS_PROGRAM_ARGUMENTS"), arguments.join(QLatin1Char('\n'))},
        {QStringLiteral("SKYDNS_USER"), xmlEscape(spec.user)},
        {QStringLiteral("SKYDNS_LOG_DIR"), xmlEscape(spec.logDirectory)},
    };
    QString text;
    QString error;
    if (!renderTemplate(templateText(TemplateId::LaunchdPlist), values, &text, &error))
        return QStringLiteral("<!-- error: %1 -->\n").arg(xmlEscape(error));
    return text;
}

Plan LaunchdPlatform::plan(Operation op, const ServiceSpec &spec) const
{
    const QString plist = definitionPath(spec);
    switch (op) {
    case Operation::Install:
        return {
            Action::makeDirectory(spec.logDirectory),
            // launchd opens the log file as the daemon's user, so that user must own the directory.
            Action::run(QStringLiteral("/usr/sbin/chown"), {spec.user, spec.logDirectory}),
            Action::writeFile(plist, launchdPlist(spec).toUtf8()),
            Action::run(launchctl(), {QStringLiteral("enable"), target(spec)}),
        };
    case Operation::Uninstall:
        return {
            Action::run(launchctl(), {QStringLiteral("bootout"), target(spec)}, true),
            Action::run(launchctl(), {QStringLiteral("disable"), target(spec)}, true),
            Action::removeFile(plist),
        };
    case Operation::Start:
        // bootstrap fails when the daemon is already loaded; kickstart then starts it if it is not running.
        return {
            Action::run(launchctl(), {QStringLiteral("bootstrap"), QStringLiteral("system"), plist}, true),
            Action::run(launchctl(), {QStringLiteral("kickstart"), target(spec)}),
        };
    case Operation::Stop:
        // Unloading is the only stop KeepAlive does not undo; a daemon that is not loaded is stopped already.
        return {Action::run(launchctl(), {QStringLiteral("bootout"), target(spec)}, true)};
    case Operation::Restart:
        return {
            Action::run(launchctl(), {QStringLiteral("bootstrap"), QStringLiteral("system"), plist}, true),
            Action::run(launchctl(), {QStringLiteral("kickstart"), QStringLiteral("-k"), target(spec)}),
        };
    case Operation::Status:
        return {statusCommand(spec)};
    }
    return {};
}

Action LaunchdPlatform::statusCommand(const ServiceSpec &spec) const
{
    return Action::run(launchctl(), {QStringLiteral("print"), target(spec)});
}

QString LaunchdPlatform::definitionPath(const ServiceSpec &spec) const
{
    return daemonDirectory() + QLatin1Char('/') + spec.launchdLabel + QStringLiteral(".plist");
}

ServiceState LaunchdPlatform::parseStatus(int exitCode, const QString &output, bool definitionExists) const
{
    // `launchctl print` fails (113, "Could not find service") for a daemon that is not loaded.
    if (exitCode != 0)
        return definitionExists ? ServiceState::Stopped : ServiceState::NotInstalled;
    static const QRegularExpression stateLine(QStringLiteral("^\\s*state = (.+)$"), QRegularExpression::MultilineOption);
    static const QRegularExpression exitLine(QStringLiteral("^\\s*last exit code = (-?\\d+)"), QRegularExpression::MultilineOption);
    const QString state = stateLine.match(output).captured(1).trimmed();
    if (state == QLatin1String("running"))
        return ServiceState::Running;
    if (state == QLatin1String("spawn scheduled") || state == QLatin1String("spawning"))
        return ServiceState::Starting;
    if (state == QLatin1String("exiting"))
        return ServiceState::Stopping;
    if (state == QLatin1String("not running") || state == QLatin1String("waiting")) {
        const QRegularExpressionMatch exit = exitLine.match(output);
        return exit.hasMatch() && exit.captured(1) != QLatin1String("0") ? ServiceState::Failed : ServiceState::Stopped;
    }
    return ServiceState::Unknown;
}

Action LaunchdPlatform::elevated(const QString &program, const QStringList &arguments) const
{
    // osascript shows the system's administrator password dialog and runs the shell command as root.
    const QString script = QStringLiteral("do shell script %1 with administrator privileges")
                               .arg(appleScriptString(shellCommand(program, arguments)));
    return Action::run(QStringLiteral("/usr/bin/osascript"), {QStringLiteral("-e"), script});
}

QString LaunchdPlatform::logHint(const ServiceSpec &spec) const
{
    return QStringLiteral("%1/skydns.log, or: log show --last 1h --predicate 'process == \"skydns\"'")
        .arg(spec.logDirectory);
}

} // namespace skydns::platform
