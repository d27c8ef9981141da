// Tests of the console's main window: it shows with its title, menus and actions exist, About opens
// a box with the version, Quit closes the window. Saves a screenshot to <build>/screenshots/mainwindow.png.
#include "mainwindow.h"

#include "version.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using skydns::console::MainWindow;

class TstMainWindow final : public QObject
{
    Q_OBJECT
private slots:
    void showsWithTitle();
    void menusAndActions();
    void aboutShowsVersion();
    void quitClosesWindow();
    void screenshot();
};

void TstMainWindow::showsWithTitle()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("SkyDNS Qt Console"));
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(window.treeView());
    QCOMPARE(window.centralWidget(), window.treeView());
    QCOMPARE(window.treeView()->model()->columnCount(), 4);
}

void TstMainWindow::menusAndActions()
{
    MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.size(), 2);
    QCOMPARE(menus.at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(menus.at(1)->text(), QStringLiteral("&Help"));
    QVERIFY(menus.at(0)->menu()->actions().contains(window.quitAction()));
    QVERIFY(menus.at(1)->menu()->actions().contains(window.aboutAction()));
    QVERIFY(!window.quitAction()->shortcuts().isEmpty());
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
    const QString file = dir + QStringLiteral("/mainwindow.png");
    QVERIFY2(shot.save(file), qPrintable(file));
    QVERIFY(QFileInfo(file).size() > 0);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
