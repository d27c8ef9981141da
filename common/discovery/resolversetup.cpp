#include "resolversetup.h"

#include "platform/quoting.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>

namespace skydns::discovery {

namespace {

const QString kIp = QStringLiteral("/usr/sbin/ip");
const QString kResolvectl = QStringLiteral("/usr/bin/resolvectl");
const QString kSystemctl = QStringLiteral("systemctl");

bool isIpv6(const QString &address)
{
    return address.contains(QLatin1Char(':'));
}

// serverSpec is how resolvectl and resolved.conf write a server with a port.
QString serverSpec(const ResolverTarget &target)
{
    return isIpv6(target.address) ? QStringLiteral("[%1]:%2").arg(target.address).arg(target.port)
                                  : QStringLiteral("%1:%2").arg(target.address).arg(target.port);
}

QString hostPrefix(const ResolverTarget &target)
{
    return target.address + (isIpv6(target.address) ? QStringLiteral("/128") : QStringLiteral("/32"));
}

bool validDomain(const QString &domain)
{
    if (domain.isEmpty() || domain.size() > 253)
        return false;
    for (const QString &label : domain.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.size() > 63)
            return false;
        for (const QChar c : label) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
                return false;
        }
    }
    return true;
}

} // namespace

bool parseResolverTarget(const QString &domain, const QString &listen, ResolverTarget *target, QString *error)
{
    QString zone = domain.trimmed().toLower();
    if (zone.endsWith(QLatin1Char('.')))
        zone.chop(1);
    if (!validDomain(zone)) {
        *error = QStringLiteral("domain \"%1\": not a valid DNS name").arg(domain);
        return false;
    }
    QString host;
    QString port;
    if (listen.startsWith(QLatin1Char('['))) {
        const qsizetype close = listen.indexOf(QLatin1String("]:"));
        if (close < 0) {
            *error = QStringLiteral("address \"%1\": expected [IPv6]:PORT").arg(listen);
            return false;
        }
        host = listen.mid(1, close - 1);
        port = listen.mid(close + 2);
    } else {
        const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
        if (colon < 0 || listen.count(QLatin1Char(':')) != 1) {
            *error = QStringLiteral("address \"%1\": expected IP:PORT or [IPv6]:PORT").arg(listen);
            return false;
        }
        host = listen.left(colon);
        port = listen.mid(colon + 1);
    }
    QHostAddress address;
    if (!address.setAddress(host) || host.count(QLatin1Char('.')) == 1 || host.count(QLatin1Char('.')) == 2) {
        *error = QStringLiteral("address \"%1\": \"%2\" is not an IP address").arg(listen, host);
        return false;
    }
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6)) {
        *error = QStringLiteral("address \"%1\": the service listens on every address; give the one the system "
                                "should ask, e.g. 127.0.0.1:%2")
                     .arg(listen, port);
        return false;
    }
    bool ok = false;
    const int number = port.toInt(&ok);
    if (!ok || number < 1 || number > 65535) {
        *error = QStringLiteral("address \"%1\": port must be 1-65535").arg(listen);
        return false;
    }
    target->domain = zone;
    target->address = address.toString();
    target->port = number;
    return true;
}

QString resolvedUnitPath()
{
    return QStringLiteral("/etc/systemd/system/") + kResolverUnit;
}

QList<QStringList> linkUpCommands(const ResolverTarget &target)
{
    // A dummy link where the kernel has the module, a port-less bridge where it does not: both
    // only carry the address resolved binds to.
    const QString add = QStringLiteral("%1 link add %2 type dummy 2>/dev/null || %1 link add %2 type bridge")
                            .arg(kIp, kResolverLink);
    return {
        {QStringLiteral("/bin/sh"), QStringLiteral("-c"), add},
        {kIp, QStringLiteral("link"), QStringLiteral("set"), kResolverLink, QStringLiteral("up")},
        isIpv6(target.address) // nodad: usable at once, not "tentative" for a second
            ? QStringList{kIp, QStringLiteral("address"), QStringLiteral("add"), hostPrefix(target),
                          QStringLiteral("dev"), kResolverLink, QStringLiteral("nodad")}
            : QStringList{kIp, QStringLiteral("address"), QStringLiteral("add"), hostPrefix(target),
                          QStringLiteral("dev"), kResolverLink},
        {kResolvectl, QStringLiteral("dns"), kResolverLink, serverSpec(target)},
        {kResolvectl, QStringLiteral("domain"), kResolverLink, QLatin1Char('~') + target.domain},
        {kResolvectl, QStringLiteral("default-route"), kResolverLink, QStringLiteral("false")},
    };
}

QList<QStringList> linkDownCommands()
{
    return {{kIp, QStringLiteral("link"), QStringLiteral("delete"), kResolverLink}};
}

QString resolvedUnit(const ResolverTarget &target)
{
    QString unit;
    unit += kResolverMarker + QStringLiteral(" (uninstall: skydns resolver uninstall).\n");
    unit += QStringLiteral("[Unit]\n"
                           "Description=Route DNS queries for %1 to SkyDNS Qt at %2\n"
                           "Documentation=man:resolvectl(1)\n"
                           "After=systemd-resolved.service network-pre.target\n"
                           "Wants=systemd-resolved.service\n"
                           "PartOf=systemd-resolved.service\n\n"
                           "[Service]\n"
                           "Type=oneshot\n"
                           "RemainAfterExit=yes\n")
                .arg(target.domain, serverSpec(target));
    unit += QStringLiteral("ExecStartPre=-%1\n").arg(platform::shellCommand(kIp, linkDownCommands().first().mid(1)));
    for (const QStringList &command : linkUpCommands(target)) {
        QStringList words;
        for (const QString &word : command)
            words << platform::systemdQuote(word);
        unit += QStringLiteral("ExecStart=%1\n").arg(words.join(QLatin1Char(' ')));
    }
    unit += QStringLiteral("ExecStop=%1\n").arg(platform::shellCommand(kIp, linkDownCommands().first().mid(1)));
    unit += QStringLiteral("\n[Install]\nWantedBy=multi-user.target systemd-resolved.service\n");
    return unit;
}

QString macResolverPath(const ResolverTarget &target)
{
    return QStringLiteral("/etc/resolver/") + target.domain;
}

QString macResolverFile(const ResolverTarget &target)
{
    return QStringLiteral("%1 (uninstall: skydns resolver uninstall).\n"
                          "# Queries for %2 and below go to SkyDNS Qt; see man 5 resolver.\n"
                          "nameserver %3\n"
                          "port %4\n")
        .arg(kResolverMarker, target.domain, target.address)
        .arg(target.port);
}

QString nrptComment(const ResolverTarget &target)
{
    return QStringLiteral("skydns:") + target.domain;
}

QString nrptRemoveScript(const ResolverTarget &target)
{
    return QStringLiteral("Get-DnsClientNrptRule | Where-Object { $_.Comment -eq %1 } | Remove-DnsClientNrptRule -Force")
        .arg(platform::powershellQuote(nrptComment(target)));
}

QString nrptInstallScript(const ResolverTarget &target)
{
    // The leading-dot namespace covers every name below the domain, the plain one the apex.
    return nrptRemoveScript(target)
        + QStringLiteral("; Add-DnsClientNrptRule -Namespace %1,%2 -NameServers %3 -Comment %4")
              .arg(platform::powershellQuote(QLatin1Char('.') + target.domain),
                   platform::powershellQuote(target.domain), platform::powershellQuote(target.address),
                   platform::powershellQuote(nrptComment(target)));
}

namespace {

platform::Action powershell(const QString &script, bool mayFail = false)
{
    return platform::Action::run(QStringLiteral("powershell.exe"),
                                 {QStringLiteral("-NoProfile"), QStringLiteral("-NonInteractive"),
                                  QStringLiteral("-Command"), script},
                                 mayFail);
}

} // namespace

bool installPlan(ResolverSystem system, const ResolverTarget &target, platform::Plan *plan, QString *error)
{
    plan->clear();
    switch (system) {
    case ResolverSystem::SystemdResolved:
        if (QHostAddress(target.address).isLoopback() && isIpv6(target.address)) {
            // Linux refuses ::1 on any device but lo, and resolved's link-bound queries never reach lo.
            *error = QStringLiteral("systemd-resolved cannot reach a service on ::1 through a link of its own; "
                                    "run the service on 127.0.0.1 (-addr 127.0.0.1:%1) or another IPv6 address")
                         .arg(target.port);
            return false;
        }
        *plan << platform::Action::writeFile(resolvedUnitPath(), resolvedUnit(target).toUtf8())
              << platform::Action::run(kSystemctl, {QStringLiteral("daemon-reload")})
              << platform::Action::run(kSystemctl, {QStringLiteral("enable"), kResolverUnit})
              // restart, not start: a second install with another address must take effect.
              << platform::Action::run(kSystemctl, {QStringLiteral("restart"), kResolverUnit});
        return true;
    case ResolverSystem::MacResolverDirectory:
        *plan << platform::Action::makeDirectory(QStringLiteral("/etc/resolver"))
              << platform::Action::writeFile(macResolverPath(target), macResolverFile(target).toUtf8())
              << platform::Action::run(QStringLiteral("/usr/bin/killall"),
                                       {QStringLiteral("-HUP"), QStringLiteral("mDNSResponder")}, true);
        return true;
    case ResolverSystem::WindowsNrpt:
        if (target.port != 53) {
            *error = QStringLiteral("Windows' Name Resolution Policy Table cannot send queries to port %1: run the "
                                    "service on port 53 (-addr %2:53)")
                         .arg(target.port)
                         .arg(target.address);
            return false;
        }
        *plan << powershell(nrptInstallScript(target))
              << platform::Action::run(QStringLiteral("ipconfig"), {QStringLiteral("/flushdns")}, true);
        return true;
    }
    return false;
}

platform::Plan uninstallPlan(ResolverSystem system, const ResolverTarget &target)
{
    platform::Plan plan;
    switch (system) {
    case ResolverSystem::SystemdResolved:
        plan << platform::Action::run(kSystemctl, {QStringLiteral("disable"), QStringLiteral("--now"), kResolverUnit},
                                      true)
             << platform::Action::removeFile(resolvedUnitPath())
             << platform::Action::run(kSystemctl, {QStringLiteral("daemon-reload")});
        break;
    case ResolverSystem::MacResolverDirectory:
        plan << platform::Action::removeFile(macResolverPath(target))
             << platform::Action::run(QStringLiteral("/usr/bin/killall"),
                                      {QStringLiteral("-HUP"), QStringLiteral("mDNSResponder")}, true);
        break;
    case ResolverSystem::WindowsNrpt:
        plan << powershell(nrptRemoveScript(target))
             << platform::Action::run(QStringLiteral("ipconfig"), {QStringLiteral("/flushdns")}, true);
        break;
    }
    return plan;
}

platform::Action statusCommand(ResolverSystem system, const ResolverTarget &target)
{
    switch (system) {
    case ResolverSystem::SystemdResolved:
        return platform::Action::run(kResolvectl, {QStringLiteral("status"), kResolverLink}, true);
    case ResolverSystem::MacResolverDirectory:
        return platform::Action::run(QStringLiteral("/usr/sbin/scutil"), {QStringLiteral("--dns")}, true);
    case ResolverSystem::WindowsNrpt:
        return powershell(QStringLiteral("Get-DnsClientNrptRule | Where-Object { $_.Comment -eq %1 } | Format-List")
                              .arg(platform::powershellQuote(nrptComment(target))),
                          true);
    }
    return {};
}

QString definitionPath(ResolverSystem system, const ResolverTarget &target)
{
    switch (system) {
    case ResolverSystem::SystemdResolved:
        return resolvedUnitPath();
    case ResolverSystem::MacResolverDirectory:
        return macResolverPath(target);
    case ResolverSystem::WindowsNrpt:
        return {};
    }
    return {};
}

QString noResolvedInstructions(const ResolverTarget &target)
{
    return QStringLiteral(
               "systemd-resolved is not running here, so `skydns resolver install` changed nothing.\n"
               "To send only %1 to SkyDNS Qt, use one of:\n"
               "  - systemd-resolved: apt install systemd-resolved, then run this command again;\n"
               "  - dnsmasq: add the line  server=/%1/%2#%3  to /etc/dnsmasq.d/skydns.conf and restart dnsmasq;\n"
               "  - NetworkManager with dns=dnsmasq: put the same line in "
               "/etc/NetworkManager/dnsmasq.d/skydns.conf and reload NetworkManager.\n"
               "Listing %2 in /etc/resolv.conf would send every query there, which this command avoids.\n")
        .arg(target.domain, target.address)
        .arg(target.port);
}

ResolverSystem hostResolverSystem(bool *available)
{
#if defined(Q_OS_WIN)
    *available = true;
    return ResolverSystem::WindowsNrpt;
#elif defined(Q_OS_MACOS)
    *available = true;
    return ResolverSystem::MacResolverDirectory;
#else
    // resolved running = its runtime directory exists (it writes resolv.conf there) and resolvectl is installed.
    *available = QFileInfo::exists(QStringLiteral("/run/systemd/resolve/resolv.conf"))
        && QFileInfo::exists(kResolvectl);
    return ResolverSystem::SystemdResolved;
#endif
}

bool parseResolverSystem(const QString &word, ResolverSystem *system)
{
    const QString w = word.toLower();
    if (w == QLatin1String("linux") || w == QLatin1String("resolved") || w == QLatin1String("systemd"))
        *system = ResolverSystem::SystemdResolved;
    else if (w == QLatin1String("macos") || w == QLatin1String("launchd"))
        *system = ResolverSystem::MacResolverDirectory;
    else if (w == QLatin1String("windows"))
        *system = ResolverSystem::WindowsNrpt;
    else
        return false;
    return true;
}

} // namespace skydns::discovery
