#pragma once
// Runs a Plan on this machine: writes files atomically, removes them, creates directories and runs
// programs, stopping at the first step that fails (unless the step may fail). The platforms only
// build plans; this is the one place that touches the system, shared by all three.
#include "serviceplan.h"

#include <QTextStream>

namespace skydns::platform {

// ProgramResult is what running one program gave.
struct ProgramResult
{
    bool started = false;   // false when the program could not be started at all
    int exitCode = -1;
    QString output;         // standard output
    QString errorOutput;    // standard error
};

// runProgram runs program with arguments and waits up to timeoutMs for it to finish.
ProgramResult runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 60000);

// runPlan runs the steps of plan in order, printing each step's describe() to log as it goes.
// Returns false with *error naming the failed step and its reason.
bool runPlan(const Plan &plan, QTextStream &log, QString *error);

} // namespace skydns::platform
