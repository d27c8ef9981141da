// Screenshots of the console with realistic data, for the README: a private etcd gets a small
// SkyDNS tree (services in two data centres, SRV weights, IPv6, a mail exchanger, a TTL key, a
// broken value), the main window connects to it through a saved profile, expands the tree and
// opens a service. PNGs go to <build>/screenshots/ and to docs/screenshots/ in the source tree.
#include "mainwindow.h"

#include "connection/connectionmanager.h"
#include "connection/connectionprofile.h"
#include "connection/profiledialog.h"
#include "connection/profilestore.h"
#include "etcd/kvstorefactory.h"
#include "tree/dnstreemodel.h"
#include "tree/recordspage.h"

#include "etcdserver.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <optional>
#include <tuple>

using skydns::console::ConnectionProfile;
using skydns::console::DnsTreeModel;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::MainWindow;

class TstScreenshots final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void recordsTab();
    void filteredTree();
    void profileDialog();

private:
    void save(QWidget *widget, const QString &name);
    void connectAndExpand(MainWindow &window);

    QTemporaryDir m_settingsDir;
    skydns::test::EtcdServer m_etcd;
};

void TstScreenshots::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("SkyDNS Qt test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_screenshots"));
    QString error;
    QVERIFY2(m_etcd.start(&error), qPrintable(error));

    skydns::console::KvStoreOptions options;
    options.machines = {m_etcd.clientUrl()};
    std::unique_ptr<KvStore> store(skydns::console::createKvStore(options));
    const QList<std::tuple<QString, QByteArray, qint64>> records{
        {"/skydns/config", R"({"domain":"skydns.local.","ttl":3600,"nameservers":["8.8.8.8:53"]})", 0},
        {"/skydns/local/skydns/east/web/1", R"({"host":"10.0.1.10","port":8080,"priority":10,"weight":60,"ttl":60})", 0},
        {"/skydns/local/skydns/east/web/2", R"({"host":"10.0.1.11","port":8080,"priority":10,"weight":40,"ttl":60})", 0},
        {"/skydns/local/skydns/east/web/3", R"({"host":"10.0.1.12","port":8080,"priority":20,"weight":100})", 0},
        {"/skydns/local/skydns/east/db", R"({"host":"2001:db8:10::5","port":5432,"text":"primary, read-write"})", 0},
        {"/skydns/local/skydns/east/db-replica", R"({"host":"2001:db8:10::6","port":5432,"text":"replica"})", 0},
        {"/skydns/local/skydns/west/cache/a", R"({"host":"10.0.2.20","port":6379,"group":"cache"})", 0},
        {"/skydns/local/skydns/west/cache/b", R"({"host":"10.0.2.21","port":6379,"group":"cache"})", 0},
        {"/skydns/local/skydns/west/mx", R"({"host":"mail.example.net","mail":true,"priority":10})", 0},
        {"/skydns/local/skydns/west/canary", R"({"host":"10.0.2.99","port":8080,"text":"expires with its deploy"})", 900},
        {"/skydns/local/skydns/west/legacy", R"({"host": "10.0.2.5", "port": "80"})", 0},
        {"/skydns/local/skydns/ns/ns1", R"({"host":"192.0.2.53"})", 0},
        {"/skydns/local/skydns/ns/ns2", R"({"host":"192.0.2.54"})", 0},
    };
    for (const auto &[key, value, ttl] : records) {
        std::optional<KvResult> r;
        store->put(key, value, KvStore::AnyRevision, ttl, this, [&r](const KvResult &x) { r = x; });
        QTRY_VERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(r->message));
    }

    ConnectionProfile profile;
    profile.name = QStringLiteral("lab");
    profile.machines = {m_etcd.clientUrl()};
    skydns::console::ProfileStore profiles;
    QVERIFY2(profiles.save(profile, &error), qPrintable(error));
    profiles.setLastUsed(profile.name);
}

void TstScreenshots::save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QPixmap shot = widget->grab();
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.size(), widget->size());
    // A screenshot of nothing would be one colour: a real one has text, lines and icons.
    const QImage image = shot.toImage().scaled(200, 120);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    for (const QString &dir : {QStringLiteral(SKYDNS_BINARY_DIR "/screenshots"), QStringLiteral(SKYDNS_SOURCE_DIR "/docs/screenshots")}) {
        QVERIFY(QDir().mkpath(dir));
        const QString file = dir + QLatin1Char('/') + name;
        QVERIFY2(shot.save(file), qPrintable(file));
        QVERIFY(QFileInfo(file).size() > 1000);
    }
}

void TstScreenshots::connectAndExpand(MainWindow &window)
{
    window.resize(1280, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.profileCombo()->currentText(), QStringLiteral("lab"));
    window.connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionManager()->isConnected(), 10000);
    window.tabs()->setCurrentIndex(0);
    DnsTreeModel *model = window.treeModel();
    // Expand every level as it arrives (the tree is lazy).
    for (const QString &key : {QStringLiteral("/skydns/local"), QStringLiteral("/skydns/local/skydns"),
                               QStringLiteral("/skydns/local/skydns/east"), QStringLiteral("/skydns/local/skydns/east/web"),
                               QStringLiteral("/skydns/local/skydns/west"), QStringLiteral("/skydns/local/skydns/west/cache")}) {
        QTRY_VERIFY2(model->indexOfKey(key).isValid(), qPrintable(key));
        QVERIFY(window.recordsPage()->selectKey(key));
        window.treeView()->expand(window.treeView()->currentIndex());
    }
    QTRY_VERIFY(model->indexOfKey(QStringLiteral("/skydns/local/skydns/west/cache/b")).isValid());
    QTRY_VERIFY(model->indexOfKey(QStringLiteral("/skydns/local/skydns/east/web/3")).isValid());
}

void TstScreenshots::recordsTab()
{
    MainWindow window;
    connectAndExpand(window);
    QVERIFY(window.recordsPage()->selectKey(QStringLiteral("/skydns/local/skydns/east/web/1")));
    QTest::qWait(500); // the editor (when built) loads the service
    save(&window, QStringLiteral("console-records.png"));
}

void TstScreenshots::filteredTree()
{
    MainWindow window;
    connectAndExpand(window);
    window.findAction()->trigger();
    QTest::keyClicks(window.filterEdit(), QStringLiteral("cache"));
    QTRY_VERIFY(!window.treeModel()->isFetching());
    QTest::qWait(400); // the filter waits for a pause in typing
    save(&window, QStringLiteral("console-filter.png"));
}

void TstScreenshots::profileDialog()
{
    skydns::console::ProfileDialog dialog;
    ConnectionProfile profile;
    profile.name = QStringLiteral("production");
    profile.api = skydns::console::KvStoreOptions::Api::V3;
    profile.machines = {QStringLiteral("http://10.0.0.1:2379"), QStringLiteral("http://10.0.0.2:2379")};
    profile.username = QStringLiteral("operator");
    dialog.setProfile(profile);
    dialog.resize(560, dialog.sizeHint().height());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("console-profile.png"));
}

QTEST_MAIN(TstScreenshots)
#include "tst_screenshots.moc"
