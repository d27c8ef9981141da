#include "serviceplatform.h"

#include "launchdplatform.h"
#include "systemdplatform.h"
#include "windowsplatform.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include "windowsservice.h"
#else
#include <unistd.h>
#endif

namespace skydns::platform {

std::unique_ptr<ServicePlatform> makePlatform(PlatformKind kind)
{
    switch (kind) {
    case PlatformKind::Systemd: return std::make_unique<SystemdPlatform>();
    case PlatformKind::Launchd: return std::make_unique<LaunchdPlatform>();
    case PlatformKind::WindowsScm: return std::make_unique<WindowsPlatform>();
    }
    return std::make_unique<SystemdPlatform>();
}

PlatformKind hostPlatform()
{
#if defined(Q_OS_WIN)
    return PlatformKind::WindowsScm;
#elif defined(Q_OS_MACOS)
    return PlatformKind::Launchd;
#else
    return PlatformKind::Systemd;
#endif
}

bool parsePlatformKind(const QString &word, PlatformKind *kind)
{
    if (word == QLatin1String("systemd") || word == QLatin1String("linux"))
        *kind = PlatformKind::Systemd;
    else if (word == QLatin1String("launchd") || word == QLatin1String("macos"))
        *kind = PlatformKind::Launchd;
    else if (word == QLatin1String("windows") || word == QLatin1String("scm"))
        *kind = PlatformKind::WindowsScm;
    else
        return false;
    return true;
}

bool isElevated()
{
#ifdef Q_OS_WIN
    return windowsProcessIsElevated();
#else
    return ::geteuid() == 0;
#endif
}

} // namespace skydns::platform
