#pragma once
// The application icon compiled into the console (resources/CMakeLists.txt adds icons/*.png to
// skydns_console_lib under ":/icons"). Header-only so the console needs one include and one call.
#include <QIcon>
#include <QString>

namespace skydns::resources {

// applicationIcon is the SkyDNS icon at every rendered size (16-512), for QApplication::setWindowIcon.
inline QIcon applicationIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256, 512})
        icon.addFile(QStringLiteral(":/icons/skydns-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace skydns::resources
