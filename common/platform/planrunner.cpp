#include "planrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QSaveFile>

namespace skydns::platform {

Q_LOGGING_CATEGORY(lcPlatform, "skydns.platform")

namespace {

QFileDevice::Permissions permissions(int mode)
{
    QFileDevice::Permissions p;
    if (mode & 0400) p |= QFileDevice::ReadOwner | QFileDevice::ReadUser;
    if (mode & 0200) p |= QFileDevice::WriteOwner | QFileDevice::WriteUser;
    if (mode & 0100) p |= QFileDevice::ExeOwner | QFileDevice::ExeUser;
    if (mode & 0040) p |= QFileDevice::ReadGroup;
    if (mode & 0020) p |= QFileDevice::WriteGroup;
    if (mode & 0010) p |= QFileDevice::ExeGroup;
    if (mode & 0004) p |= QFileDevice::ReadOther;
    if (mode & 0002) p |= QFileDevice::WriteOther;
    if (mode & 0001) p |= QFileDevice::ExeOther;
    return p;
}

bool runStep(const Action &action, QString *reason)
{
    switch (action.kind) {
    case Action::Kind::WriteFile: {
        // QSaveFile: a unit or plist is either the old one or the whole new one, never half written.
        QSaveFile file(action.path);
        if (!file.open(QIODevice::WriteOnly) || file.write(action.content) != action.content.size()) {
            *reason = file.errorString();
            return false;
        }
        if (!file.commit()) {
            *reason = file.errorString();
            return false;
        }
        if (!QFile::setPermissions(action.path, permissions(action.mode))) {
            *reason = QStringLiteral("cannot set permissions");
            return false;
        }
        return true;
    }
    case Action::Kind::RemoveFile:
        if (!QFileInfo::exists(action.path))
            return true;
        if (!QFile::remove(action.path)) {
            *reason = QStringLiteral("cannot remove it");
            return false;
        }
        return true;
    case Action::Kind::MakeDirectory:
        if (!QDir().mkpath(action.path)) {
            *reason = QStringLiteral("cannot create it");
            return false;
        }
        return true;
    case Action::Kind::Run: {
        const ProgramResult result = runProgram(action.program, action.arguments);
        if (!result.started) {
            *reason = result.errorOutput;
            return false;
        }
        if (result.exitCode != 0) {
            *reason = QStringLiteral("exit code %1: %2").arg(result.exitCode).arg(result.errorOutput.trimmed());
            return false;
        }
        return true;
    }
    }
    return false;
}

} // namespace

ProgramResult runProgram(const QString &program, const QStringList &arguments, int timeoutMs)
{
    ProgramResult result;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        result.errorOutput = QStringLiteral("cannot start %1: %2").arg(program, process.errorString());
        return result;
    }
    result.started = true;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.errorOutput = QStringLiteral("%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.errorOutput += QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

bool runPlan(const Plan &plan, QTextStream &log, QString *error)
{
    for (const Action &action : plan) {
        log << action.describe() << "\n";
        log.flush();
        QString reason;
        if (runStep(action, &reason))
            continue;
        if (action.mayFail) {
            qCInfo(lcPlatform) << "ignored (may fail):" << action.describe() << reason;
            continue;
        }
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(action.describe(), reason);
        return false;
    }
    return true;
}

} // namespace skydns::platform
