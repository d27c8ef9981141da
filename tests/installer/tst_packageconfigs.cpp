// Tests of the packaging and resource files that cannot be built here: the WiX patch (well-formed,
// and installing the service with the values `skydns service install` gives sc.exe), the macOS
// Info.plist and installer pages (xmllint, plistlib), the .desktop entry (desktop-file-validate),
// the Windows .rc (compiled by MinGW's windres), and the icon renders (every size, ICO and ICNS).
#include "platform/windowsplatform.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace skydns::platform;

class TstPackageConfigs final : public QObject
{
    Q_OBJECT
private slots:
    void xmlWellFormed_data();
    void xmlWellFormed();
    void wixServiceMatchesScPlan();
    void infoPlist();
    void desktopFile();
    void windowsResource_data();
    void windowsResource();
    void iconSizes_data();
    void iconSizes();
    void iconContainers();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

QString source(const char *path)
{
    return QStringLiteral(SKYDNS_SOURCE_DIR "/") + QLatin1String(path);
}

QString binary(const char *path)
{
    return QStringLiteral(SKYDNS_BINARY_DIR "/") + QLatin1String(path);
}

} // namespace

void TstPackageConfigs::xmlWellFormed_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("WiX patch") << source("installer/windows/skydns-wix-patch.xml");
    QTest::newRow("productbuild welcome page") << source("installer/macos/welcome.html");
    QTest::newRow("Info.plist as configured") << binary("resources/Info.plist");
    QTest::newRow("application icon SVG") << source("resources/icons/skydns.svg");
}

void TstPackageConfigs::xmlWellFormed()
{
    QFETCH(QString, file);
    const Run r = run(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--nonet"), file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

// The MSI installs the service itself (ServiceInstall); it must be the service the command installs.
void TstPackageConfigs::wixServiceMatchesScPlan()
{
    QFile f(source("installer/windows/skydns-wix-patch.xml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QXmlStreamAttributes service;
    QXmlStreamAttributes control;
    QString fragment;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("CPackWiXFragment"))
            fragment = xml.attributes().value(QLatin1String("Id")).toString();
        else if (xml.name() == QLatin1String("ServiceInstall"))
            service = xml.attributes();
        else if (xml.name() == QLatin1String("ServiceControl"))
            control = xml.attributes();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    // CPack names the component of bin/skydns.exe CM_CP_bin.skydns.exe.
    QCOMPARE(fragment, QStringLiteral("CM_CP_bin.skydns.exe"));

    ServiceSpec spec;
    spec.binary = QStringLiteral("C:\\Program Files\\SkyDNS Qt\\bin\\skydns.exe");
    const QStringList create = WindowsPlatform().plan(Operation::Install, spec).first().arguments;
    const auto scValue = [&create](const char *option) { return create.value(create.indexOf(QLatin1String(option)) + 1); };
    QCOMPARE(service.value(QLatin1String("Name")).toString(), create.at(1));
    QCOMPARE(service.value(QLatin1String("DisplayName")).toString(), scValue("DisplayName="));
    QCOMPARE(service.value(QLatin1String("Account")).toString(), scValue("obj="));
    QCOMPARE(service.value(QLatin1String("Start")).toString(), scValue("start="));
    QCOMPARE(service.value(QLatin1String("Description")).toString(), spec.description);
    QCOMPARE(control.value(QLatin1String("Name")).toString(), spec.name);
}

void TstPackageConfigs::infoPlist()
{
    const Run r = run(QStringLiteral("python3"),
                      {QStringLiteral("-c"),
                       QStringLiteral("import plistlib,sys; p=plistlib.load(open(sys.argv[1],'rb')); "
                                      "print(p['CFBundleExecutable'], p['CFBundleIdentifier'], p['CFBundleShortVersionString'], p['CFBundleIconFile'])"),
                       binary("resources/Info.plist")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QCOMPARE(r.output.trimmed(), QStringLiteral("skydns-console org.skydns.console " SKYDNS_VERSION " skydns.icns"));
}

void TstPackageConfigs::desktopFile()
{
    const QString file = source("resources/linux/skydns-console.desktop");
    Run r = run(QStringLiteral("desktop-file-validate"), {file});
    QVERIFY2(r.exitCode == 0 && r.output.trimmed().isEmpty(), qPrintable(r.output));
    // It can fail: an entry without Name is rejected.
    QTemporaryDir dir;
    QFile broken(dir.filePath(QStringLiteral("broken.desktop")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("[Desktop Entry]\nType=Application\nExec=skydns-console\n");
    broken.close();
    r = run(QStringLiteral("desktop-file-validate"), {broken.fileName()});
    QVERIFY(r.exitCode != 0);
}

void TstPackageConfigs::windowsResource_data()
{
    QTest::addColumn<QString>("rc");
    QTest::newRow("skydns.rc") << binary("resources/skydns.rc");
    QTest::newRow("skydns-console.rc") << binary("resources/skydns-console.rc");
}

// windres compiles the .rc (icon included) into a COFF object: the version block and the icon path are valid.
void TstPackageConfigs::windowsResource()
{
    QFETCH(QString, rc);
    QTemporaryDir dir;
    const QString object = dir.filePath(QStringLiteral("rc.o"));
    const Run r = run(QStringLiteral("x86_64-w64-mingw32-windres"), {rc, QStringLiteral("-O"), QStringLiteral("coff"), QStringLiteral("-o"), object});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QFile o(object);
    QVERIFY(o.open(QIODevice::ReadOnly));
    const QByteArray data = o.readAll();
    // The version strings are UTF-16 in the resource.
    const QString version = QStringLiteral(SKYDNS_VERSION);
    QVERIFY(data.contains(QByteArray(reinterpret_cast<const char *>(version.utf16()), version.size() * 2)));
    QVERIFY(data.size() > 20000); // the ICO with its seven sizes is inside
}

void TstPackageConfigs::iconSizes_data()
{
    QTest::addColumn<int>("size");
    for (int size : {16, 24, 32, 48, 64, 128, 256, 512})
        QTest::newRow(qPrintable(QStringLiteral("%1 px").arg(size))) << size;
}

void TstPackageConfigs::iconSizes()
{
    QFETCH(int, size);
    QImage image(source("resources/icons/skydns-") + QString::number(size) + QStringLiteral(".png"));
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
    // The corners are transparent (rounded tile) and the centre is not.
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 200);
}

void TstPackageConfigs::iconContainers()
{
    const Run ico = run(QStringLiteral("file"), {source("resources/icons/skydns.ico")});
    QVERIFY2(ico.output.contains(QLatin1String("MS Windows icon resource - 7 icons")), qPrintable(ico.output));
    QFile icns(source("resources/icons/skydns.icns"));
    QVERIFY(icns.open(QIODevice::ReadOnly));
    const QByteArray data = icns.readAll();
    QVERIFY(data.startsWith("icns"));
    const quint32 length = (quint32(quint8(data[4])) << 24) | (quint32(quint8(data[5])) << 16) | (quint32(quint8(data[6])) << 8) | quint8(data[7]);
    QCOMPARE(qsizetype(length), data.size());
    for (const char *type : {"icp4", "ic07", "ic09", "ic10"})
        QVERIFY2(data.contains(type), type);
}

QTEST_GUILESS_MAIN(TstPackageConfigs)
#include "tst_packageconfigs.moc"
