// Screenshots of the console with realistic data, for the README: a private etcd gets a small
// SkyDNS tree (services in two data centres, SRV weights, IPv6, a mail exchanger, a TTL key, a
// broken value), the main window connects to it through a saved profile, expands the tree and
// opens a service. A real skydns serves that tree with its admin API on, gets a few seconds of
// queries (A, SRV, MX, NXDOMAIN) and feeds the Dashboard and Query Log tabs; the DNSSEC Keys tab
// shows a key generated into a temporary directory and the Query Tester an SRV answer.
// PNGs go to <build>/screenshots/ and to docs/screenshots/ in the source tree.
#include "mainwindow.h"

#include "admin/adminclient.h"
#include "dashboard/dashboardview.h"
#include "dashboard/querylogmodel.h"
#include "dashboard/querylogview.h"
#include "dashboard/timeseriesplot.h"
#include "keys/keymanager.h"
#include "querytester/querytester.h"

#include "connection/connectionmanager.h"
#include "connection/connectionprofile.h"
#include "connection/profiledialog.h"
#include "connection/profilestore.h"
#include "etcd/kvstorefactory.h"
#include "tree/dnstreemodel.h"
#include "tree/recordspage.h"

#include "etcdserver.h"
#include "servicetestutil.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
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
    void dashboardAndQueryLog();
    void keyManager();
    void queryTester();

private:
    void save(QWidget *widget, const QString &name);
    void connectAndExpand(MainWindow &window);

    QTemporaryDir m_settingsDir;
    skydns::test::EtcdServer m_etcd;
    QTemporaryDir m_serviceDir;
    skydns::test::Skydns m_skydns;
    QString m_adminToken;
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

    // The service the Dashboard, Query Log and Query Tester talk to: the records above, the admin
    // API on a free port, its token read from the file it writes; no recursion (no traffic out).
    const quint16 adminPort = skydns::test::EtcdServer::freePort();
    const QString tokenFile = m_serviceDir.filePath(QStringLiteral("admin.token"));
    QVERIFY2(m_skydns.start({QStringLiteral("-machines"), m_etcd.clientUrl(), QStringLiteral("-nameservers"),
                             QStringLiteral("127.0.0.1:1"), QStringLiteral("-no-rec")},
                            {{QStringLiteral("SKYDNS_ADMIN_ADDR"), QStringLiteral("127.0.0.1:%1").arg(adminPort)},
                             {QStringLiteral("SKYDNS_ADMIN_TOKEN_FILE"), tokenFile}}),
             qPrintable(m_skydns.log()));
    QFile token(tokenFile);
    QVERIFY2(token.open(QIODevice::ReadOnly), qPrintable(tokenFile));
    m_adminToken = QString::fromUtf8(token.readAll()).trimmed();
    QVERIFY(!m_adminToken.isEmpty());

    ConnectionProfile profile;
    profile.name = QStringLiteral("lab");
    profile.machines = {m_etcd.clientUrl()};
    profile.adminUrl = QStringLiteral("http://127.0.0.1:%1").arg(adminPort);
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
    // The token normally comes from the keychain, which tests have none of (the read then ends
    // with NoKeyring and leaves the client's token alone): hand it to the window's client.
    auto *admin = window.findChild<skydns::console::AdminClient *>();
    QVERIFY(admin);
    admin->setToken(m_adminToken);
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

void TstScreenshots::dashboardAndQueryLog()
{
    MainWindow window;
    connectAndExpand(window);
    auto *dashboard = window.findChild<skydns::console::DashboardView *>();
    auto *log = window.findChild<skydns::console::QueryLogView *>();
    QVERIFY(dashboard && log);
    window.tabs()->setCurrentWidget(dashboard);
    // A few seconds of uneven traffic so the per-second plots have shape; cache hits come from
    // the repeats, NXDOMAIN from names nobody registered.
    const quint16 port = m_skydns.port();
    quint16 id = 100;
    int answered = 0;
    const int perRound[] = {3, 8, 14, 6, 20, 11, 4, 16, 9, 12};
    for (const int n : perRound) {
        for (int i = 0; i < n; ++i) {
            const struct { const char *name; quint16 type; } queries[] = {
                {"web.east.skydns.local.", 33}, {"1.web.east.skydns.local.", 1}, {"db.east.skydns.local.", 28},
                {"cache.west.skydns.local.", 1}, {"west.skydns.local.", 15}, {"nosuch.east.skydns.local.", 1},
                {"ns1.ns.skydns.local.", 1}, {"cache.west.skydns.local.", 33},
            };
            const auto &q = queries[(i + n) % (sizeof queries / sizeof queries[0])];
            if (!skydns::test::udpExchange(port, skydns::test::makeQuery(++id, QLatin1String(q.name), q.type)).isEmpty())
                ++answered;
        }
        QTest::qWait(450);
    }
    QVERIFY2(answered > 80, qPrintable(QString::number(answered)));
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->lastStats().has_value() && dashboard->lastStats()->queries >= quint64(answered), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard->queriesPlot()->series().isEmpty(), 5000);
    double peak = 0;
    for (const auto &series : dashboard->queriesPlot()->series())
        for (const double v : series.values)
            peak = std::max(peak, v);
    QVERIFY2(peak > 1, qPrintable(QString::number(peak)));
    QTest::qWait(300);
    save(&window, QStringLiteral("console-dashboard.png"));

    window.tabs()->setCurrentWidget(log);
    QTRY_VERIFY_WITH_TIMEOUT(log->model()->rowCount() > 20, 10000);
    QTest::qWait(300);
    save(&window, QStringLiteral("console-querylog.png"));
}

void TstScreenshots::keyManager()
{
    QTemporaryDir keyDir;
    QVERIFY(keyDir.isValid());
    MainWindow window;
    connectAndExpand(window);
    auto *keys = window.findChild<skydns::console::KeyManager *>();
    QVERIFY(keys);
    window.tabs()->setCurrentWidget(keys);
    QCOMPARE(keys->zone(), QStringLiteral("skydns.local."));
    keys->setKeyDirectory(keyDir.path());
    keys->setAlgorithm(13); // ECDSAP256SHA256
    QTRY_VERIFY(!keys->isBusy());
    QSignalSpy generated(keys, &skydns::console::KeyManager::generated);
    keys->generate();
    QVERIFY(generated.wait(30000));
    const auto key = generated.takeFirst().at(0).value<skydns::console::KeyInfo>();
    QVERIFY2(key.ok(), qPrintable(key.error));
    QTRY_VERIFY(!keys->isBusy());
    keys->selectKey(key.basePath);
    QTRY_VERIFY(keys->detailsText().contains(key.dnskey));
    QVERIFY(keys->detailsText().contains(key.ds256));
    QTest::qWait(300);
    save(&window, QStringLiteral("console-keys.png"));
}

void TstScreenshots::queryTester()
{
    MainWindow window;
    connectAndExpand(window);
    auto *tester = window.findChild<skydns::console::QueryTester *>();
    QVERIFY(tester);
    window.tabs()->setCurrentWidget(tester);
    tester->setServer(QStringLiteral("127.0.0.1"), m_skydns.port());
    tester->setQuery(QStringLiteral("web.east.skydns.local."), QStringLiteral("SRV"));
    QSignalSpy finished(tester, &skydns::console::QueryTester::finished);
    tester->send();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.takeFirst().at(0).toBool());
    // The three web instances with their priorities, weights and port, and their addresses.
    for (const char *part : {"10 60 8080", "10 40 8080", "20 100 8080", "10.0.1.10", "10.0.1.12"})
        QVERIFY2(tester->output().contains(QLatin1String(part)), qPrintable(tester->output()));
    QTest::qWait(300);
    save(&window, QStringLiteral("console-querytester.png"));
}

QTEST_MAIN(TstScreenshots)
#include "tst_screenshots.moc"
