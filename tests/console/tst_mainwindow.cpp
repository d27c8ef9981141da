// Tests of the console's main window: title, menus and shortcuts, About, Quit, the tabs (parts
// this build lacks say so), connecting to a profile against the real etcd and seeing the tree,
// the filter (Ctrl+F), refresh (F5), a failed connection, and the remembered layout.
#include "mainwindow.h"

#include "connection/connectionmanager.h"
#include "connection/connectionprofile.h"
#include "connection/profilestore.h"
#include "etcd/kvstorefactory.h"
#include "tree/dnstreemodel.h"
#include "tree/recordspage.h"
#include "version.h"

#include "etcdserver.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <optional>

using skydns::console::ConnectionProfile;
using skydns::console::DnsTreeModel;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::MainWindow;

class TstMainWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsWithTitle();
    void menusAndActions();
    void shortcuts_data();
    void shortcuts();
    void tabs();
    void aboutShowsVersion();
    void quitClosesWindow();
    void connectShowsTree();
    void connectFailureIsReported();
    void remembersLayout();
    void screenshot();

private:
    QTemporaryDir m_settingsDir;
    QString m_prefix;
};

void TstMainWindow::initTestCase()
{
    // Settings (profiles, layout) of this test go to a directory of its own.
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("SkyDNS Qt test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    m_prefix = QStringLiteral("/tstmain%1").arg(QCoreApplication::applicationPid());
}

void TstMainWindow::showsWithTitle()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("SkyDNS Qt Console"));
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(window.treeView());
    QCOMPARE(window.centralWidget(), window.tabs());
    QCOMPARE(window.treeView()->model()->columnCount(), int(DnsTreeModel::ColumnCount));
    QCOMPARE(window.connectionText(), QStringLiteral("Not connected"));
}

void TstMainWindow::menusAndActions()
{
    MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.size(), 4);
    QCOMPARE(menus.at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(menus.at(1)->text(), QStringLiteral("&Edit"));
    QCOMPARE(menus.at(2)->text(), QStringLiteral("&View"));
    QCOMPARE(menus.at(3)->text(), QStringLiteral("&Help"));
    QVERIFY(menus.at(0)->menu()->actions().contains(window.quitAction()));
    QVERIFY(menus.at(0)->menu()->actions().contains(window.connectAction()));
    QVERIFY(menus.at(1)->menu()->actions().contains(window.newServiceAction()));
    QVERIFY(menus.at(1)->menu()->actions().contains(window.findAction()));
    QVERIFY(menus.at(2)->menu()->actions().contains(window.refreshAction()));
    QVERIFY(menus.at(3)->menu()->actions().contains(window.aboutAction()));
    // not connected: nothing to refresh, create or delete
    QVERIFY(!window.refreshAction()->isEnabled());
    QVERIFY(!window.newServiceAction()->isEnabled());
    QVERIFY(window.connectAction()->isEnabled());
}

void TstMainWindow::shortcuts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("quit") << "quitAction" << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("connect") << "connectAction" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    QTest::newRow("refresh F5") << "refreshAction" << QKeySequence(Qt::Key_F5);
    QTest::newRow("find Ctrl+F") << "findAction" << QKeySequence(Qt::CTRL | Qt::Key_F);
    QTest::newRow("new service Ctrl+N") << "newServiceAction" << QKeySequence(Qt::CTRL | Qt::Key_N);
    QTest::newRow("delete") << "deleteAction" << QKeySequence(QKeySequence::Delete);
}

void TstMainWindow::shortcuts()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, key);
    MainWindow window;
    auto *a = window.findChild<QAction *>(action);
    QVERIFY(a);
    QVERIFY2(a->shortcuts().contains(key), qPrintable(a->shortcut().toString()));
}

void TstMainWindow::tabs()
{
    MainWindow window;
    QTabWidget *tabs = window.tabs();
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles << tabs->tabText(i).remove(QLatin1Char('&'));
    QCOMPARE(titles, (QStringList{QStringLiteral("Records"), QStringLiteral("Query Tester"), QStringLiteral("Dashboard"),
                                  QStringLiteral("Query Log"), QStringLiteral("Cache"), QStringLiteral("DNSSEC Keys"),
                                  QStringLiteral("Service")}));
    QCOMPARE(tabs->widget(0), window.recordsPage());
    // a part this build lacks has a page that says so
    for (int i = 1; i < tabs->count(); ++i) {
        if (!tabs->widget(i)->property("unavailable").toBool())
            continue;
        auto *label = qobject_cast<QLabel *>(tabs->widget(i));
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral("not available")), qPrintable(label->text()));
    }
}

void TstMainWindow::aboutShowsVersion()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("aboutBox")));
    window.aboutAction()->trigger();
    QMessageBox *box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QLatin1String(skydns::versionString())), qPrintable(box->text()));
    QVERIFY(box->text().contains(QLatin1String(skydns::compatVersionString())));
    box->close();
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("aboutBox"))); // deleted on close
}

void TstMainWindow::quitClosesWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.quitAction()->trigger();
    QTRY_VERIFY(!window.isVisible());
}

void TstMainWindow::connectShowsTree()
{
    const QString endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!endpoint.isEmpty(), "needs the etcd CTest fixture");
    // Records in etcd first, with a store of the test's own.
    {
        skydns::console::KvStoreOptions options;
        options.machines = {endpoint};
        std::unique_ptr<KvStore> store(skydns::console::createKvStore(options));
        for (const auto &[key, value] : {std::pair{"/local/skydns/east/web", R"({"host":"10.0.0.1","port":80})"},
                                         std::pair{"/local/skydns/east/db", R"({"host":"10.0.0.2"})"}}) {
            std::optional<KvResult> r;
            store->put(m_prefix + QLatin1String(key), value, KvStore::AnyRevision, 0, this, [&r](const KvResult &x) { r = x; });
            QTRY_VERIFY(r.has_value());
            QVERIFY2(r->ok(), qPrintable(r->message));
        }
    }
    ConnectionProfile profile;
    profile.name = QStringLiteral("fixture");
    profile.machines = {endpoint};
    profile.prefix = m_prefix;
    {
        skydns::console::ProfileStore profiles;
        QString error;
        QVERIFY2(profiles.save(profile, &error), qPrintable(error));
        profiles.setLastUsed(profile.name);
    }

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.profileCombo()->currentText(), QStringLiteral("fixture"));
    // Ctrl+Shift+C connects the selected profile
    QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionManager()->isConnected(), 10000);
    QVERIFY2(window.connectionText().startsWith(QStringLiteral("Connected to fixture")), qPrintable(window.connectionText()));
    QVERIFY(window.refreshAction()->isEnabled());
    QTreeView *tree = window.treeView();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("local."));
    // expand down to east.skydns.local. through the view (lazy fetches)
    tree->expand(tree->model()->index(0, 0));
    QTRY_COMPARE(tree->model()->rowCount(tree->model()->index(0, 0)), 1);
    const QModelIndex skydns = tree->model()->index(0, 0, tree->model()->index(0, 0));
    tree->expand(skydns);
    QTRY_COMPARE(tree->model()->rowCount(skydns), 1);
    const QModelIndex east = tree->model()->index(0, 0, skydns);
    QCOMPARE(east.data().toString(), QStringLiteral("east.skydns.local."));
    tree->expand(east);
    QTRY_COMPARE(tree->model()->rowCount(east), 2);

    // Ctrl+F focuses the filter; typing filters (after a short pause)
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.filterEdit()->hasFocus());
    QTest::keyClicks(window.filterEdit(), QStringLiteral("web"));
    QTRY_COMPARE(tree->model()->rowCount(tree->model()->index(0, 0, tree->model()->index(0, 0, tree->model()->index(0, 0)))), 1);
    window.filterEdit()->clear();
    QTRY_COMPARE(tree->model()->rowCount(east), 2);

    // F5 reloads from etcd, in place: no model reset, so expansion and selection stay
    QSignalSpy reset(window.treeModel(), &QAbstractItemModel::modelReset);
    QSignalSpy reloaded(window.treeModel(), &skydns::console::DnsTreeModel::reloadFinished);
    const QPersistentModelIndex eastRow(east);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F5);
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(reset.size(), 0);
    QVERIFY(eastRow.isValid() && tree->isExpanded(eastRow));
    QTRY_COMPARE(tree->model()->rowCount(), 1);

    window.disconnectAction()->trigger();
    QVERIFY(!window.connectionManager()->isConnected());
    QCOMPARE(window.connectionText(), QStringLiteral("Not connected"));
    QCOMPARE(tree->model()->rowCount(), 0);
}

void TstMainWindow::connectFailureIsReported()
{
    MainWindow window;
    ConnectionProfile profile;
    profile.name = QStringLiteral("nowhere");
    profile.machines = {QStringLiteral("http://127.0.0.1:%1").arg(skydns::test::EtcdServer::freePort())};
    window.connectTo(profile);
    QTRY_VERIFY_WITH_TIMEOUT(!window.connectionManager()->isConnecting(), 20000);
    QVERIFY(!window.connectionManager()->isConnected());
    QCOMPARE(window.connectionText(), QStringLiteral("Not connected"));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Connection failed")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("127.0.0.1")));
}

void TstMainWindow::remembersLayout()
{
    QByteArray splitterState;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(950, 640);
        window.tabs()->setCurrentIndex(1);
        window.recordsPage()->splitter()->setSizes({700, 250});
        splitterState = window.recordsPage()->splitter()->saveState();
        window.close();
    }
    QSettings settings;
    QVERIFY(settings.contains(QStringLiteral("mainWindow/geometry")));
    MainWindow again;
    QCOMPARE(again.tabs()->currentIndex(), 1);
    QCOMPARE(again.size(), QSize(950, 640));
    QCOMPARE(again.recordsPage()->splitter()->saveState(), splitterState);
}

void TstMainWindow::screenshot()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QPixmap shot = window.grab();
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.size(), window.size());
    const QString dir = QStringLiteral(SKYDNS_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    const QString file = dir + QStringLiteral("/mainwindow-empty.png");
    QVERIFY2(shot.save(file), qPrintable(file));
    QVERIFY(QFileInfo(file).size() > 0);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
