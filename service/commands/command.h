#pragma once
// Sub-commands of the skydns binary (`skydns service install`, `skydns register ...`, `skydns migrate ...`).
// SkyDNS's own command line only has flags (they start with '-'); a first argument that does not is a
// sub-command name. Each sub-command lives in its own file under service/commands/ and is listed once
// in commands.cpp, so main.cpp stays a dispatcher.
#include "config/flags.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <vector>

namespace skydns::service {

// CommandContext is what a sub-command gets: its arguments (without the command name), the process
// environment and the two output streams. Commands never read the real environment themselves, so
// tests can run them in-process with a hand-made one.
struct CommandContext
{
    QStringList args;
    config::Environment env;
    QTextStream &out;
    QTextStream &err;
};

// Command is one entry of the sub-command table: its name, a one-line summary for `skydns help`
// and the function that runs it and returns the process exit code (0 ok, 1 failure, 2 usage error).
struct Command
{
    QString name;
    QString summary;
    int (*run)(CommandContext &context);
};

// commands is the table of every sub-command, in the order `skydns help` lists them.
const std::vector<Command> &commands();

// findCommand returns the sub-command called name, or nullptr.
const Command *findCommand(const QString &name);

// isCommandLine tells whether args (without argv[0]) start with a sub-command name rather than a flag.
bool isCommandLine(const QStringList &args);

// runCommandLine runs the sub-command named by args.first(); an unknown name is a usage error (2)
// with a message listing the known ones.
int runCommandLine(const QStringList &args, const config::Environment &env, QTextStream &out, QTextStream &err);

} // namespace skydns::service
