#include "mainwindow.h"

#include "version.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTreeView>

namespace skydns::console {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("SkyDNS Qt Console"));
    setObjectName(QStringLiteral("mainWindow"));
    createActions();
    createMenus();
    createCentralView();

    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->showMessage(tr("Ready"));
    resize(900, 600);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    // Some platforms (and the offscreen one used by tests) define no Quit binding: fall back to Ctrl+Q.
    const QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    m_quitAction->setShortcuts(quitKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)} : quitKeys);
    m_quitAction->setStatusTip(tr("Close the console"));
    // Quitting closes every window, so unsaved-edit checks added later in closeEvent still run.
    connect(m_quitAction, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    m_aboutAction = new QAction(tr("&About SkyDNS Qt Console"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setStatusTip(tr("Show the version of the console"));
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_quitAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);
}

void MainWindow::createCentralView()
{
    m_placeholderModel = new QStandardItemModel(0, 4, this);
    m_placeholderModel->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value"), tr("TTL")});

    m_treeView = new QTreeView(this);
    m_treeView->setObjectName(QStringLiteral("etcdTree"));
    m_treeView->setModel(m_placeholderModel);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAlternatingRowColors(true);
    m_treeView->header()->setStretchLastSection(true);
    m_treeView->setColumnWidth(0, 360);
    setCentralWidget(m_treeView);
}

QString MainWindow::aboutText() const
{
    return tr("<h3>SkyDNS Qt Console %1</h3>"
              "<p>Browse and edit the services that SkyDNS Qt serves from etcd.</p>"
              "<p>Compatible with SkyDNS %2.</p>")
        .arg(QLatin1String(versionString()), QLatin1String(compatVersionString()));
}

void MainWindow::showAbout()
{
    // Not QMessageBox::about(): that runs a nested event loop, which a test (and a busy console)
    // would rather not have.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About SkyDNS Qt Console"), aboutText(),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace skydns::console
