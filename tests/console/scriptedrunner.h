#pragma once
// ScriptedRunner for the console's tests of code that runs programs through a ProcessRunner
// (service control, resolver switch): nothing is run, the test answers each call itself.
#include "servicecontrol/servicecontroller.h"

#include <QString>
#include <QStringList>

namespace skydns::test {

// ScriptedRunner records what it is asked to run ("program arg1 arg2 ...") in calls; the test
// answers the last call with reply().
class ScriptedRunner final : public console::ProcessRunner
{
public:
    // start records the command line; no answer comes until reply().
    void start(const QString &program, const QStringList &arguments) override
    {
        calls << (QStringList{program} + arguments).join(QLatin1Char(' '));
    }

    // reply finishes the running command with exitCode and its standard output and error.
    void reply(int exitCode, const QString &output = QString(), const QString &errorOutput = QString())
    {
        Q_EMIT finished(exitCode, output, errorOutput);
    }

    // calls are the command lines started so far, oldest first.
    QStringList calls;
};

} // namespace skydns::test
