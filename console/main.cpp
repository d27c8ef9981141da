// skydns-console: the Qt Widgets admin console for SkyDNS Qt.
#include "mainwindow.h"
#ifdef SKYDNS_CONSOLE_HAS_I18N
#include "i18n/translations.h"
#endif

#include "version.h"

#include <QApplication>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    // --version and --help are answered before QApplication exists, so they work without a display.
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-version") || !std::strcmp(argv[i], "-v")) {
            std::printf("skydns-console %s (SkyDNS %s compatible)\n", skydns::versionString(),
                        skydns::compatVersionString());
            return 0;
        }
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-help") || !std::strcmp(argv[i], "-h")) {
            std::printf("Usage: skydns-console [--version] [Qt options]\n"
                        "The SkyDNS Qt console: browse and edit the services SkyDNS Qt serves from etcd.\n");
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("skydns-console"));
    QApplication::setApplicationVersion(QLatin1String(skydns::versionString()));
    QApplication::setOrganizationName(QStringLiteral("SkyDNS Qt"));
#ifdef SKYDNS_CONSOLE_HAS_I18N
    // The language (Settings > Language, "ui/language") is read once the settings' names are set
    // and before any text is translated.
    skydns::console::Translations::applyStored();
#endif
    QApplication::setApplicationDisplayName(QObject::tr("SkyDNS Qt Console"));

    skydns::console::MainWindow window;
#ifdef SKYDNS_CONSOLE_HAS_I18N
    skydns::console::Translations::attach(&window);
#endif
    window.show();
    return app.exec();
}
