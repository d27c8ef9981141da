#pragma once
// The service side of the Windows SCM protocol: the dispatcher, the control handler and the status
// reports, plus the Event Log and the elevation check. Implemented in windowsservice_win.cpp, which
// builds only on Windows; this header and that file use no Qt so MinGW can syntax-check them here.
#include <functional>
#include <string>

namespace skydns::platform {

// WindowsServiceHooks is how the SCM code drives the service without knowing Qt.
struct WindowsServiceHooks
{
    std::function<int()> run;          // runs the service until it stops; returns its exit code
    std::function<void()> requestStop; // asks run() to return; called on the SCM's handler thread
};

// runUnderScm connects to the SCM (StartServiceCtrlDispatcherW). When the process was started by
// the SCM it runs hooks.run on the service thread, reports START_PENDING, RUNNING, STOP_PENDING and
// STOPPED, and returns true with *exitCode once the service has stopped. When it was not (someone
// ran skydns.exe from a console) it returns false at once and the caller runs in console mode.
bool runUnderScm(const std::wstring &serviceName, const WindowsServiceHooks &hooks, int *exitCode);

// EventLevel is the Event Log entry type of a message.
enum class EventLevel { Information, Warning, Error };

// reportEvent writes message to the Application log under source (registered by `skydns service
// install`, event ID 1). Failures are ignored: logging must never stop the service.
void reportEvent(const std::wstring &source, EventLevel level, const std::wstring &message);

// windowsProcessIsElevated tells whether the process token is elevated (UAC) or belongs to an
// administrator with UAC off.
bool windowsProcessIsElevated();

} // namespace skydns::platform
