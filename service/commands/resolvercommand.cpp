// `skydns resolver install|uninstall|status`: the operating system sends the queries for our domain
// (and only for it) to the local service. The steps come from common/discovery/resolversetup.h as a
// plan; this file checks what is there, runs the plan (or prints it with --dry-run) and reports.
#include "command.h"

#include "config/flags.h"
#include "discovery/resolversetup.h"
#include "platform/planrunner.h"
#include "platform/serviceplatform.h"

#include <QFile>
#include <QFileInfo>

namespace skydns::service {

int runResolverCommand(CommandContext &context);

namespace {

using discovery::ResolverSystem;
using discovery::ResolverTarget;

void usage(QTextStream &err)
{
    err << "usage: skydns resolver install|uninstall|status [options]\n"
           "  --domain D            the domain to route (default: -domain / SKYDNS_DOMAIN, skydns.local)\n"
           "  --address IP:PORT     where the service listens (default: -addr / SKYDNS_ADDR, 127.0.0.1:53)\n"
           "  --dry-run             print what would be written and run, change nothing\n"
           "  --platform P          linux, macos or windows (with --dry-run; default: this system's)\n"
           "  --force               replace or remove a file that this command did not write\n"
           "status exits 0 when the routing is installed, 3 when it is not.\n";
    err.flush();
}

struct Options
{
    QString operation;
    QString domain;
    QString address;
    bool dryRun = false;
    bool force = false;
    bool platformGiven = false;
    ResolverSystem system = ResolverSystem::SystemdResolved;
};

bool parse(CommandContext &context, Options *options, QString *error)
{
    const QStringList &args = context.args;
    if (args.isEmpty() || !QStringList{"install", "uninstall", "status"}.contains(args.first())) {
        *error = args.isEmpty() ? QStringLiteral("missing operation")
                                : QStringLiteral("unknown operation \"%1\"").arg(args.first());
        return false;
    }
    options->operation = args.first();
    // Defaults as the service would use them: SkyDNS's environment variables, then its defaults.
    const config::FlagParseResult defaults = config::parseFlags({}, context.env);
    options->domain = QString::fromStdString(defaults.config.domain);
    options->address = QString::fromStdString(defaults.config.dnsAddr);
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--dry-run")) {
            options->dryRun = true;
            continue;
        }
        if (arg == QLatin1String("--force")) {
            options->force = true;
            continue;
        }
        static const QStringList withValue{QStringLiteral("--domain"), QStringLiteral("--address"),
                                           QStringLiteral("--platform")};
        if (!withValue.contains(arg)) {
            *error = QStringLiteral("unknown option \"%1\"").arg(arg);
            return false;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(arg);
            return false;
        }
        const QString value = args.at(++i);
        if (arg == QLatin1String("--domain")) {
            options->domain = value;
        } else if (arg == QLatin1String("--address")) {
            options->address = value;
        } else if (!discovery::parseResolverSystem(value, &options->system)) {
            *error = QStringLiteral("unknown platform \"%1\" (linux, macos or windows)").arg(value);
            return false;
        } else {
            options->platformGiven = true;
        }
    }
    if (options->platformGiven && !options->dryRun) {
        *error = QStringLiteral("--platform only goes with --dry-run");
        return false;
    }
    return true;
}

// ownership tells whether the definition file exists and whether we wrote it.
struct Ownership
{
    bool exists = false;
    bool ours = false;
};

Ownership ownership(const QString &path)
{
    Ownership result;
    if (path.isEmpty())
        return result;
    QFile file(path);
    result.exists = file.exists();
    if (result.exists && file.open(QIODevice::ReadOnly))
        result.ours = file.readLine().startsWith(discovery::kResolverMarker.toUtf8());
    return result;
}

void printPlan(QTextStream &out, const platform::Plan &plan)
{
    for (const platform::Action &action : plan) {
        out << "  " << action.describe() << "\n";
        if (action.kind == platform::Action::Kind::WriteFile) {
            for (const QString &line : QString::fromUtf8(action.content).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                out << "    | " << line << "\n";
        }
    }
}

} // namespace

int runResolverCommand(CommandContext &context)
{
    Options options;
    QString error;
    if (!parse(context, &options, &error)) {
        context.err << "skydns resolver: " << error << "\n";
        usage(context.err);
        return 2;
    }
    ResolverTarget target;
    if (!discovery::parseResolverTarget(options.domain, options.address, &target, &error)) {
        context.err << "skydns resolver: " << error << "\n";
        return 2;
    }
    bool available = true;
    if (!options.platformGiven)
        options.system = discovery::hostResolverSystem(&available);
    const bool onHost = !options.platformGiven;
    const QString definition = discovery::definitionPath(options.system, target);
    const Ownership owned = onHost ? ownership(definition) : Ownership{};

    if (options.operation == QLatin1String("status")) {
        context.out << "domain " << target.domain << " -> " << target.address << " port " << target.port << ": ";
        if (!definition.isEmpty())
            context.out << (owned.exists ? (owned.ours ? "installed" : "configured by someone else") : "not installed")
                        << " (" << definition << ")\n";
        else
            context.out << "see the rule below\n";
        const platform::Action check = discovery::statusCommand(options.system, target);
        if (options.dryRun || !onHost) {
            context.out << "would run: " << check.describe() << "\n";
        } else if (available) {
            const platform::ProgramResult shown = platform::runProgram(check.program, check.arguments, 15000);
            context.out << shown.output;
        } else {
            context.out << "systemd-resolved is not running.\n";
        }
        return (definition.isEmpty() || owned.ours) ? 0 : 3;
    }

    const bool install = options.operation == QLatin1String("install");
    platform::Plan plan;
    if (install) {
        if (!discovery::installPlan(options.system, target, &plan, &error)) {
            context.err << "skydns resolver: " << error << "\n";
            return 1;
        }
    } else {
        plan = discovery::uninstallPlan(options.system, target);
    }
    if (options.dryRun) {
        context.out << "skydns resolver " << options.operation << " would (" << target.domain << " -> "
                    << target.address << " port " << target.port << "):\n";
        printPlan(context.out, plan);
        if (onHost && options.system == ResolverSystem::SystemdResolved && !available)
            context.out << "note: systemd-resolved is not running here, so a real install would stop with "
                           "instructions instead.\n";
        return 0;
    }
    if (install && options.system == ResolverSystem::SystemdResolved && !available) {
        context.err << discovery::noResolvedInstructions(target);
        return 1;
    }
    if (owned.exists && !owned.ours && !options.force) {
        context.err << "skydns resolver: " << definition
                    << " exists and was not written by skydns; leaving it alone (use --force to replace it)\n";
        return 1;
    }
    if (!install && !definition.isEmpty() && !owned.exists) {
        context.out << "skydns resolver: not installed, nothing to do\n";
        return 0;
    }
    if (!platform::isElevated()) {
        context.err << "skydns resolver: " << options.operation
                    << " changes system settings and needs root (or an administrator); try --dry-run to see what "
                       "it would do\n";
        return 1;
    }
    if (!platform::runPlan(plan, context.out, &error)) {
        context.err << "skydns resolver: " << error << "\n";
        return 1;
    }
    context.out << (install ? "queries for " + target.domain + " now go to the local service\n"
                            : "routing for " + target.domain + " removed\n");
    return 0;
}

} // namespace skydns::service
