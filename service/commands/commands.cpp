// The sub-command table. To add a command: implement `int runX(CommandContext &)` in its own file
// under service/commands/, declare it below and add one row to the table.
#include "command.h"

namespace skydns::service {

namespace {

int runHelp(CommandContext &context);

} // namespace

int runRegister(CommandContext &context);   // register.cpp
int runUnregister(CommandContext &context); // register.cpp
int runList(CommandContext &context);       // register.cpp

int runServiceCommand(CommandContext &context); // servicecommand.cpp
int runResolverCommand(CommandContext &context); // resolvercommand.cpp

int runMigrate(CommandContext &context); // migrate.cpp

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
        {QStringLiteral("help"), QStringLiteral("list the sub-commands"), runHelp},
        {QStringLiteral("migrate"), QStringLiteral("copy the etcd v2 tree into etcd v3 (dry run unless --apply)"), runMigrate},
        {QStringLiteral("service"), QStringLiteral("install|uninstall|start|stop|restart|status the system service"),
         runServiceCommand},
        {QStringLiteral("register"), QStringLiteral("announce a service: NAME HOST[:PORT] [--ttl S] [--keepalive]"),
         runRegister},
        {QStringLiteral("unregister"), QStringLiteral("remove a service: NAME [--recursive]"), runUnregister},
        {QStringLiteral("list"), QStringLiteral("list the services below NAME (default: the whole domain)"), runList},
        {QStringLiteral("resolver"), QStringLiteral("install|uninstall|status: route our domain to this service"),
         runResolverCommand},
    };
    return table;
}

namespace {

int runHelp(CommandContext &context)
{
    context.out << "usage: skydns [flags]            run the DNS service (see -h for the flags)\n"
                << "       skydns COMMAND [args]     run a sub-command:\n";
    for (const Command &command : commands())
        context.out << "  " << command.name.leftJustified(12) << " " << command.summary << "\n";
    context.out.flush();
    return 0;
}

} // namespace

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

bool isCommandLine(const QStringList &args)
{
    return !args.isEmpty() && !args.first().isEmpty() && !args.first().startsWith(QLatin1Char('-'));
}

int runCommandLine(const QStringList &args, const config::Environment &env, QTextStream &out, QTextStream &err)
{
    const Command *command = args.isEmpty() ? nullptr : findCommand(args.first());
    if (command == nullptr) {
        QStringList names;
        for (const Command &known : commands())
            names << known.name;
        err << "skydns: unknown command \"" << (args.isEmpty() ? QString() : args.first())
            << "\"; commands: " << names.join(QStringLiteral(", ")) << " (flags start with '-')\n";
        err.flush();
        return 2;
    }
    CommandContext context{args.mid(1), env, out, err};
    const int rc = command->run(context);
    out.flush();
    err.flush();
    return rc;
}

} // namespace skydns::service
