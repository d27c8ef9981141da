// `skydns service install|uninstall|start|stop|restart|status`: the same words on every platform,
// turned into a plan by common/platform (systemd, launchd or the Windows SCM) and run here, or only
// printed with --dry-run (what tests and cautious administrators use).
#include "command.h"

#include "platform/planrunner.h"
#include "platform/serviceplatform.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace skydns::service {

namespace {

using namespace skydns::platform;

void usage(QTextStream &err)
{
    err << "usage: skydns service install|uninstall|start|stop|restart|status [options] [-- service flags]\n"
           "  --dry-run             print what would be written and run, change nothing\n"
           "  --platform P          systemd, launchd or windows (with --dry-run; default: this system's)\n"
           "  --binary PATH         the skydns executable the service runs (default: this one)\n"
           "  --name NAME           service name (default: skydns)\n"
           "  --user USER           account the service runs as (systemd, launchd; default: skydns)\n"
           "  --listen HOST:PORT    systemd socket address, repeatable (default: 127.0.0.1:53)\n"
           "  -- FLAGS...           flags the installed service is started with (e.g. -machines ...)\n"
           "status exits 0 when running, 3 when stopped, failed or not installed, 4 when unknown.\n";
    err.flush();
}

struct Options
{
    Operation op = Operation::Status;
    bool dryRun = false;
    PlatformKind platform = hostPlatform();
    ServiceSpec spec;
};

// parse reads the command's arguments; returns false with *error for a usage error.
bool parse(const QStringList &args, Options *options, QString *error)
{
    if (args.isEmpty() || !parseOperation(args.first(), &options->op)) {
        *error = args.isEmpty() ? QStringLiteral("missing operation")
                                : QStringLiteral("unknown operation \"%1\"").arg(args.first());
        return false;
    }
    bool listenGiven = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--")) {
            options->spec.arguments = args.mid(i + 1);
            break;
        }
        if (arg == QLatin1String("--dry-run")) {
            options->dryRun = true;
            continue;
        }
        static const QStringList withValue{QStringLiteral("--platform"), QStringLiteral("--binary"), QStringLiteral("--name"),
                                           QStringLiteral("--user"), QStringLiteral("--listen")};
        if (!withValue.contains(arg)) {
            *error = QStringLiteral("unknown option \"%1\" (service flags go after --)").arg(arg);
            return false;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(arg);
            return false;
        }
        const QString value = args.at(++i);
        if (arg == QLatin1String("--platform")) {
            if (!parsePlatformKind(value, &options->platform)) {
                *error = QStringLiteral("unknown platform \"%1\" (systemd, launchd or windows)").arg(value);
                return false;
            }
        } else if (arg == QLatin1String("--binary")) {
            options->spec.binary = value;
        } else if (arg == QLatin1String("--name")) {
            options->spec.name = value;
        } else if (arg == QLatin1String("--user")) {
            options->spec.user = value;
        } else {
            if (!listenGiven)
                options->spec.listen.clear();
            listenGiven = true;
            options->spec.listen << value;
        }
    }
    if (options->spec.binary.isEmpty())
        options->spec.binary = QCoreApplication::applicationFilePath();
    if (options->platform != hostPlatform() && !options->dryRun) {
        *error = QStringLiteral("--platform other than this system's only works with --dry-run");
        return false;
    }
    return validateSpec(options->spec, error);
}

void printPlan(const Plan &plan, const ServicePlatform &platform, QTextStream &out)
{
    out << "dry run (" << platform.managerName() << "), nothing is changed; would:\n";
    for (const Action &action : plan) {
        out << "  " << action.describe() << "\n";
        if (action.kind != Action::Kind::WriteFile)
            continue;
        // Each written line is shown behind "| " so the exact file can be read back from the output.
        const QStringList lines = QString::fromUtf8(action.content).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i + 1 == lines.size() && lines.at(i).isEmpty())
                break;
            out << "    | " << lines.at(i) << "\n";
        }
    }
}

int status(const ServicePlatform &platform, const Options &options, CommandContext &context)
{
    const Action query = platform.statusCommand(options.spec);
    if (options.dryRun) {
        printPlan({query}, platform, context.out);
        return 0;
    }
    const ProgramResult result = runProgram(query.program, query.arguments, 30000);
    const QString definition = platform.definitionPath(options.spec);
    const bool defined = !definition.isEmpty() && QFileInfo::exists(definition);
    const ServiceState state = result.started ? platform.parseStatus(result.exitCode, result.output, defined)
                                              : ServiceState::Unknown;
    context.out << options.spec.name << ": " << stateName(state) << " (" << platform.managerName() << ")\n";
    // The service manager's own words say why there is no answer ("System has not been booted with systemd").
    if (state == ServiceState::Unknown && !result.errorOutput.trimmed().isEmpty())
        context.err << "skydns service status: " << result.errorOutput.trimmed() << "\n";
    if (state != ServiceState::NotInstalled)
        context.out << "messages: " << platform.logHint(options.spec) << "\n";
    if (state == ServiceState::Running)
        return 0;
    return state == ServiceState::Unknown ? 4 : 3;
}

int runService(CommandContext &context)
{
    Options options;
    QString error;
    if (!parse(context.args, &options, &error)) {
        context.err << "skydns service: " << error << "\n";
        usage(context.err);
        return 2;
    }
    const std::unique_ptr<ServicePlatform> platform = makePlatform(options.platform);
    if (options.op == Operation::Status)
        return status(*platform, options, context);
    const Plan plan = platform->plan(options.op, options.spec);
    if (options.dryRun) {
        printPlan(plan, *platform, context.out);
        return 0;
    }
    const QString word = operationName(options.op);
    if (!isElevated()) {
        context.err << "skydns service " << word << ": changing services needs "
                    << (options.platform == PlatformKind::WindowsScm ? "an elevated (administrator) prompt"
                                                                     : "root; try: sudo skydns service ")
                    << (options.platform == PlatformKind::WindowsScm ? QString() : word)
                    << "\n(--dry-run shows what it would do)\n";
        return 1;
    }
    if (!runPlan(plan, context.out, &error)) {
        context.err << "skydns service " << word << ": " << error << "\n";
        return 1;
    }
    context.out << options.spec.name << ": " << word << " done";
    if (options.op == Operation::Install)
        context.out << "; start it with: skydns service start";
    context.out << "\n";
    return 0;
}

} // namespace

// runServiceCommand is the entry of the "service" row in commands.cpp.
int runServiceCommand(CommandContext &context)
{
    return runService(context);
}

} // namespace skydns::service
