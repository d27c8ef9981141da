// Win32 only (see common/platform/CMakeLists.txt). No Qt here, so tests can syntax-check this file
// with MinGW on Linux.
#include "windowsservice.h"

#include <windows.h>

#include <mutex>

namespace skydns::platform {

namespace {

// The SCM calls ServiceMain and the handler with fixed signatures, so their state lives here.
struct ScmState
{
    std::wstring name;
    WindowsServiceHooks hooks;
    SERVICE_STATUS_HANDLE handle = nullptr;
    SERVICE_STATUS status{};
    std::mutex mutex;
    int exitCode = 0;
};

ScmState &state()
{
    static ScmState s;
    return s;
}

void report(DWORD currentState, DWORD win32ExitCode = NO_ERROR, DWORD serviceExitCode = 0, DWORD waitHintMs = 0)
{
    ScmState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.handle == nullptr)
        return;
    s.status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s.status.dwCurrentState = currentState;
    // Only a running service accepts stop; pending states must not be interrupted.
    s.status.dwControlsAccepted = currentState == SERVICE_RUNNING ? (SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN) : 0;
    s.status.dwWin32ExitCode = win32ExitCode;
    s.status.dwServiceSpecificExitCode = serviceExitCode;
    s.status.dwWaitHint = waitHintMs;
    if (currentState == SERVICE_RUNNING || currentState == SERVICE_STOPPED)
        s.status.dwCheckPoint = 0;
    else
        ++s.status.dwCheckPoint;
    SetServiceStatus(s.handle, &s.status);
}

DWORD WINAPI controlHandler(DWORD control, DWORD, LPVOID, LPVOID)
{
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        // The service's own shutdown waits up to 5 s for etcd and upstreams (service/main.cpp).
        report(SERVICE_STOP_PENDING, NO_ERROR, 0, 10000);
        if (state().hooks.requestStop)
            state().hooks.requestStop();
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD, LPWSTR *)
{
    ScmState &s = state();
    s.handle = RegisterServiceCtrlHandlerExW(s.name.c_str(), controlHandler, nullptr);
    if (s.handle == nullptr) {
        s.exitCode = 1;
        return;
    }
    report(SERVICE_START_PENDING, NO_ERROR, 0, 10000);
    report(SERVICE_RUNNING);
    s.exitCode = s.hooks.run ? s.hooks.run() : 1;
    if (s.exitCode == 0)
        report(SERVICE_STOPPED);
    else
        report(SERVICE_STOPPED, ERROR_SERVICE_SPECIFIC_ERROR, static_cast<DWORD>(s.exitCode));
}

} // namespace

bool runUnderScm(const std::wstring &serviceName, const WindowsServiceHooks &hooks, int *exitCode)
{
    ScmState &s = state();
    s.name = serviceName;
    s.hooks = hooks;
    SERVICE_TABLE_ENTRYW table[] = {
        {const_cast<LPWSTR>(s.name.c_str()), serviceMain},
        {nullptr, nullptr},
    };
    // Blocks until the service stops; fails at once (ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) in a console.
    if (!StartServiceCtrlDispatcherW(table))
        return false;
    if (exitCode != nullptr)
        *exitCode = s.exitCode;
    return true;
}

void reportEvent(const std::wstring &source, EventLevel level, const std::wstring &message)
{
    HANDLE log = RegisterEventSourceW(nullptr, source.c_str());
    if (log == nullptr)
        return;
    WORD type = EVENTLOG_INFORMATION_TYPE;
    if (level == EventLevel::Warning)
        type = EVENTLOG_WARNING_TYPE;
    else if (level == EventLevel::Error)
        type = EVENTLOG_ERROR_TYPE;
    LPCWSTR strings[] = {message.c_str()};
    ReportEventW(log, type, 0, 1, nullptr, 1, 0, strings, nullptr);
    DeregisterEventSource(log);
}

bool windowsProcessIsElevated()
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return false;
    TOKEN_ELEVATION elevation{};
    DWORD size = 0;
    const bool ok = GetTokenInformation(token, TokenElevation, &elevation, sizeof elevation, &size) != 0;
    CloseHandle(token);
    return ok && elevation.TokenIsElevated != 0;
}

} // namespace skydns::platform
