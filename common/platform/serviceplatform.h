#pragma once
// ServicePlatform is the one small interface behind `skydns service install|uninstall|start|stop|
// restart|status` and the console's service control: each platform turns an operation into a Plan
// (files to write, programs to run), says how to ask for its status and how to read the answer, and
// how to run a command with administrator rights. All three implementations are pure text generation
// and compile everywhere, so tests check Windows and macOS plans here; only the code that must call
// the OS itself (planrunner.cpp, windowsservice_win.cpp) is platform-specific.
#include "serviceplan.h"

#include <memory>

namespace skydns::platform {

// PlatformKind names an implementation.
enum class PlatformKind { Systemd, Launchd, WindowsScm };

// ServicePlatform turns operations into plans for one service manager.
class ServicePlatform
{
public:
    virtual ~ServicePlatform() = default;

    // kind is which implementation this is.
    virtual PlatformKind kind() const = 0;

    // managerName is the service manager's name for messages ("systemd", "launchd", "Windows SCM").
    virtual QString managerName() const = 0;

    // plan is the steps of op for spec. Status has a one-step plan: statusCommand.
    virtual Plan plan(Operation op, const ServiceSpec &spec) const = 0;

    // statusCommand is the read-only command whose exit code and output parseStatus reads.
    virtual Action statusCommand(const ServiceSpec &spec) const = 0;

    // definitionPath is the file install writes that says the service is installed (empty on Windows,
    // where the SCM database says it).
    virtual QString definitionPath(const ServiceSpec &spec) const = 0;

    // parseStatus reads the statusCommand's exit code and standard output; definitionExists tells
    // whether definitionPath exists (launchd cannot tell "not installed" from "not loaded").
    virtual ServiceState parseStatus(int exitCode, const QString &output, bool definitionExists) const = 0;

    // elevated is the command line that runs program with arguments as administrator after asking
    // the user (pkexec, osascript "with administrator privileges", PowerShell Start-Process -Verb
    // RunAs). Used by the console, which runs unprivileged.
    virtual Action elevated(const QString &program, const QStringList &arguments) const = 0;

    // logHint tells people where the service's messages go ("journalctl -u skydns", ...).
    virtual QString logHint(const ServiceSpec &spec) const = 0;
};

// makePlatform returns the implementation of kind.
std::unique_ptr<ServicePlatform> makePlatform(PlatformKind kind);

// hostPlatform is the implementation for the system this was built for.
PlatformKind hostPlatform();

// parsePlatformKind maps "systemd", "launchd" or "windows" to a kind (for --platform in dry runs).
bool parsePlatformKind(const QString &word, PlatformKind *kind);

// isElevated tells whether this process may change services (root on Unix, an elevated
// administrator token on Windows).
bool isElevated();

} // namespace skydns::platform
