#pragma once
// Resolver set-up: `skydns resolver install|uninstall|status` makes the operating system send the
// queries for our domain (and only for it) to the local service, and takes that back. Every file and
// command is built here as a platform::Plan (plain data), so tests check all three systems on any
// machine; only platform::runPlan touches the system.
//
// Linux (systemd-resolved): a oneshot unit, skydns-resolver.service, creates a link of our own
// (skydns0), gives it the service's address as a /32 (/128) and tells resolved "DNS for ~<domain> is
// <address>:<port> on skydns0, and skydns0 is not a default route". resolved binds its queries to the
// link (IP_UNICAST_IF), which only reaches an address assigned to that link — hence the extra
// address; plain loopback traffic is unaffected. Other domains keep their servers.
// macOS: /etc/resolver/<domain> (nameserver + port). Windows: a Name Resolution Policy Table rule for
// the domain and its subdomains (NRPT has no port: the service must listen on 53).
#include "platform/serviceplan.h"

#include <QString>

namespace skydns::discovery {

// ResolverSystem is the mechanism that routes one domain to a server.
enum class ResolverSystem { SystemdResolved, MacResolverDirectory, WindowsNrpt };

// ResolverTarget is what to route: the domain (without trailing dot) to address:port.
struct ResolverTarget
{
    QString domain = QStringLiteral("skydns.local");
    QString address = QStringLiteral("127.0.0.1"); // IPv4 or IPv6, no brackets
    int port = 53;
};

// kResolverLink and kResolverUnit are the names of the Linux link and unit.
inline const QString kResolverLink = QStringLiteral("skydns0");
inline const QString kResolverUnit = QStringLiteral("skydns-resolver.service");
// kResolverMarker starts every file we write, so uninstall never removes a file someone else wrote.
inline const QString kResolverMarker = QStringLiteral("# Written by skydns resolver install");

// parseResolverTarget builds a target from a domain (trailing dot allowed, lower-cased) and an
// "ip:port" / "[ipv6]:port" listen address. False with *error naming the bad value.
bool parseResolverTarget(const QString &domain, const QString &listen, ResolverTarget *target, QString *error);

// resolvedUnitPath is where the Linux unit is written.
QString resolvedUnitPath();

// resolvedUnit is the text of skydns-resolver.service for target.
QString resolvedUnit(const ResolverTarget &target);

// linkUpCommands / linkDownCommands are the commands the unit's ExecStart= / ExecStop= run, in
// order (the integration test runs the ip ones in a network namespace of its own).
QList<QStringList> linkUpCommands(const ResolverTarget &target);
QList<QStringList> linkDownCommands();

// macResolverPath is /etc/resolver/<domain>; macResolverFile its content.
QString macResolverPath(const ResolverTarget &target);
QString macResolverFile(const ResolverTarget &target);

// nrptComment tags our NRPT rule; nrptInstallScript / nrptRemoveScript are the PowerShell.
QString nrptComment(const ResolverTarget &target);
QString nrptInstallScript(const ResolverTarget &target);
QString nrptRemoveScript(const ResolverTarget &target);

// installPlan / uninstallPlan are the steps for system. installPlan fails (false, *error) when the
// system cannot do it: NRPT with a port other than 53.
bool installPlan(ResolverSystem system, const ResolverTarget &target, platform::Plan *plan, QString *error);
platform::Plan uninstallPlan(ResolverSystem system, const ResolverTarget &target);

// statusCommand is the read-only command that shows the routing as the system sees it.
platform::Action statusCommand(ResolverSystem system, const ResolverTarget &target);

// definitionPath is the file whose presence says "installed" (empty on Windows: the NRPT says it).
QString definitionPath(ResolverSystem system, const ResolverTarget &target);

// noResolvedInstructions is what Linux users without systemd-resolved are told instead: nothing is
// changed, and this says how to route the domain with what they have (dnsmasq, NetworkManager).
QString noResolvedInstructions(const ResolverTarget &target);

// hostResolverSystem is this machine's mechanism; on Linux *available is false when systemd-resolved
// is not running (then only noResolvedInstructions apply).
ResolverSystem hostResolverSystem(bool *available);

// parseResolverSystem maps "linux"/"resolved", "macos" or "windows" to a system (--platform for dry runs).
bool parseResolverSystem(const QString &word, ResolverSystem *system);

} // namespace skydns::discovery
