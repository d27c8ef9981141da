#include "systemdplatform.h"

#include "quoting.h"
#include "templates.h"

namespace skydns::platform {

namespace {

QString render(TemplateId id, const ServiceSpec &spec)
{
    QStringList listen;
    for (const QString &address : spec.listen)
        listen << QStringLiteral("ListenDatagram=%1").arg(address) << QStringLiteral("ListenStream=%1").arg(address);
    const QMap<QString, QString> values{
        {QStringLiteral("SKYDNS_NAME"), spec.name},
        {QStringLiteral("SKYDNS_DESCRIPTION"), spec.description},
        {QStringLiteral("SKYDNS_EXEC_START"), systemdExecStart(spec)},
        {QStringLiteral("SKYDNS_USER"), spec.user},
        {QStringLiteral("SKYDNS_LISTEN"), listen.join(QLatin1Char('\n'))},
    };
    QString text;
    QString error;
    // The templates are compiled in and tests render each one, so a missing value cannot ship; the
    // error text in the output makes it loud anyway.
    if (!renderTemplate(templateText(id), values, &text, &error))
        return QStringLiteral("# error: %1\n").arg(error);
    return text;
}

QString unit(const ServiceSpec &spec, const char *suffix)
{
    return spec.name + QLatin1String(suffix);
}

QString systemctl()
{
    return QStringLiteral("systemctl");
}

} // namespace

QString systemdExecStart(const ServiceSpec &spec)
{
    QStringList words{systemdQuote(spec.binary), QStringLiteral("-systemd")};
    for (const QString &argument : spec.arguments)
        words << systemdQuote(argument);
    return words.join(QLatin1Char(' '));
}

QString systemdServiceUnit(const ServiceSpec &spec)
{
    return render(TemplateId::SystemdService, spec);
}

QString systemdSocketUnit(const ServiceSpec &spec)
{
    return render(TemplateId::SystemdSocket, spec);
}

QString systemdSysusers(const ServiceSpec &spec)
{
    return render(TemplateId::SystemdSysusers, spec);
}

Plan SystemdPlatform::plan(Operation op, const ServiceSpec &spec) const
{
    const QString service = unit(spec, ".service");
    const QString socket = unit(spec, ".socket");
    const QString sysusers = sysusersDirectory() + QLatin1Char('/') + spec.name + QStringLiteral(".conf");
    switch (op) {
    case Operation::Install:
        return {
            Action::makeDirectory(sysusersDirectory()),
            Action::writeFile(sysusers, systemdSysusers(spec).toUtf8()),
            Action::run(QStringLiteral("systemd-sysusers"), {sysusers}),
            Action::writeFile(unitDirectory() + QLatin1Char('/') + service, systemdServiceUnit(spec).toUtf8()),
            Action::writeFile(unitDirectory() + QLatin1Char('/') + socket, systemdSocketUnit(spec).toUtf8()),
            Action::run(systemctl(), {QStringLiteral("daemon-reload")}),
            Action::run(systemctl(), {QStringLiteral("enable"), socket, service}),
        };
    case Operation::Uninstall:
        // The user stays (files it owns may remain in /var/lib), as Debian's packages do.
        return {
            Action::run(systemctl(), {QStringLiteral("disable"), QStringLiteral("--now"), socket, service}, true),
            Action::removeFile(unitDirectory() + QLatin1Char('/') + service),
            Action::removeFile(unitDirectory() + QLatin1Char('/') + socket),
            Action::removeFile(sysusers),
            Action::run(systemctl(), {QStringLiteral("daemon-reload")}),
        };
    case Operation::Start:
        return {Action::run(systemctl(), {QStringLiteral("start"), socket, service})};
    case Operation::Stop:
        // Stopping only the service would leave the socket listening and start it again on the next query.
        return {Action::run(systemctl(), {QStringLiteral("stop"), service, socket})};
    case Operation::Restart:
        // The socket stays open across the restart: queries wait in it instead of being refused.
        return {Action::run(systemctl(), {QStringLiteral("restart"), service})};
    case Operation::Status:
        return {statusCommand(spec)};
    }
    return {};
}

Action SystemdPlatform::statusCommand(const ServiceSpec &spec) const
{
    return Action::run(systemctl(), {QStringLiteral("show"), unit(spec, ".service"), QStringLiteral("--no-pager"),
                                     QStringLiteral("--property=LoadState,ActiveState,SubState")});
}

QString SystemdPlatform::definitionPath(const ServiceSpec &spec) const
{
    return unitDirectory() + QLatin1Char('/') + unit(spec, ".service");
}

ServiceState SystemdPlatform::parseStatus(int exitCode, const QString &output, bool) const
{
    // `systemctl show` prints Key=value lines; the packaged unit (in /usr/lib) counts as installed
    // too, so LoadState, not the file under /etc, says whether the service exists.
    QMap<QString, QString> properties;
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            properties.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    if (exitCode != 0 || !properties.contains(QStringLiteral("LoadState")))
        return ServiceState::Unknown;
    const QString load = properties.value(QStringLiteral("LoadState"));
    if (load == QLatin1String("not-found"))
        return ServiceState::NotInstalled;
    const QString active = properties.value(QStringLiteral("ActiveState"));
    if (active == QLatin1String("active") || active == QLatin1String("reloading"))
        return ServiceState::Running;
    if (active == QLatin1String("inactive"))
        return ServiceState::Stopped;
    if (active == QLatin1String("failed"))
        return ServiceState::Failed;
    if (active == QLatin1String("activating"))
        return ServiceState::Starting;
    if (active == QLatin1String("deactivating"))
        return ServiceState::Stopping;
    return ServiceState::Unknown;
}

Action SystemdPlatform::elevated(const QString &program, const QStringList &arguments) const
{
    // pkexec asks through the desktop's polkit agent; it needs an absolute program path.
    return Action::run(QStringLiteral("pkexec"), QStringList{program} + arguments);
}

QString SystemdPlatform::logHint(const ServiceSpec &spec) const
{
    return QStringLiteral("journalctl -u %1").arg(unit(spec, ".service"));
}

} // namespace skydns::platform
