#include "mainwindow.h"

#include "connection/connectionmanager.h"
#include "connection/profiledialog.h"
#include "connection/profilestore.h"
#include "connection/secretstore.h"
#include "tree/dnstreemodel.h"
#include "tree/recordspage.h"
#include "version.h"

// Optional parts: SKYDNS_CONSOLE_HAS_<PART> comes from console/CMakeLists.txt.
#ifdef SKYDNS_CONSOLE_HAS_ADMIN
#include "admin/adminclient.h"
#endif
#if defined(SKYDNS_CONSOLE_HAS_KEYS) && defined(SKYDNS_CONSOLE_HAS_ADMIN)
#include "keys/keymanager.h"
#define SKYDNS_CONSOLE_WITH_KEYS 1
#endif
#if defined(SKYDNS_CONSOLE_HAS_DASHBOARD) && defined(SKYDNS_CONSOLE_HAS_ADMIN)
#include "dashboard/cacheview.h"
#include "dashboard/dashboardview.h"
#include "dashboard/querylogview.h"
#define SKYDNS_CONSOLE_WITH_DASHBOARD 1
#endif
#ifdef SKYDNS_CONSOLE_HAS_QUERYTESTER
#include "querytester/querytester.h"
#endif
#ifdef SKYDNS_CONSOLE_HAS_SERVICECONTROL
#include "servicecontrol/servicecontrolwidget.h"
#endif
#ifdef SKYDNS_CONSOLE_HAS_DISCOVERY
#include "discovery/registerdialog.h"
#include "discovery/resolverswitch.h"
#include "platform/serviceplatform.h"
#include "servicecontrol/servicecontroller.h"
#include <QVBoxLayout>
#endif

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>

namespace skydns::console {

namespace {

constexpr int kStatusMessageMs = 8000;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_profiles(new ProfileStore)
    , m_secrets(new SecretStore(QStringLiteral("skydns-console"), this))
    , m_connection(new ConnectionManager(m_secrets, this))
{
    setWindowTitle(tr("SkyDNS Qt Console"));
    setObjectName(QStringLiteral("mainWindow"));
#ifdef SKYDNS_CONSOLE_HAS_ADMIN
    m_admin = new AdminClient(this);
#endif
    createActions();
    createTabs();
    createMenus();
    createToolBar();

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connectionLabel);
    setConnectionText(tr("Not connected"));
    statusBar()->showMessage(tr("Ready"));

    connect(m_connection, &ConnectionManager::connected, this, &MainWindow::onConnected);
    connect(m_connection, &ConnectionManager::disconnected, this, &MainWindow::onDisconnected);
    connect(m_connection, &ConnectionManager::connectionFailed, this, [this](const QString &message) {
        setConnectionText(tr("Not connected"), message);
        statusBar()->showMessage(tr("Connection failed: %1").arg(message), kStatusMessageMs);
        updateActions();
    });
    connect(m_connection, &ConnectionManager::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_records, &RecordsPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });

    resize(1100, 700);
    reloadProfiles();
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Views drop the store before the connection (and its store) goes away.
    for (const auto &setStore : m_storeSetters)
        setStore(nullptr);
    m_records->setStore(nullptr, QString(), QString());
    for (const auto &start : m_adminStarters)
        start(false);
    // The pages go before the admin client they point to (children die in creation order).
    delete m_tabs;
    delete m_profiles;
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QString &name, const QString &tip, const QList<QKeySequence> &keys) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setStatusTip(tip);
        QList<QKeySequence> unique;
        for (const QKeySequence &key : keys) {
            if (!key.isEmpty() && !unique.contains(key))
                unique << key; // F5 may be QKeySequence::Refresh too: twice is "ambiguous"
        }
        action->setShortcuts(unique);
        // Shown in menus and tooltips so the shortcuts can be learnt.
        action->setShortcutVisibleInContextMenu(true);
        if (!unique.isEmpty())
            action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                               unique.first().toString(QKeySequence::NativeText)));
        addAction(action); // shortcuts work wherever the focus is in the window
        return action;
    };
    // Some platforms (and the offscreen one used by tests) define no Quit binding: fall back to Ctrl+Q.
    const QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    m_quitAction = make(tr("&Quit"), QStringLiteral("quitAction"), tr("Close the console"),
                        quitKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)} : quitKeys);
    // Quitting closes every window, so unsaved-edit checks in closeEvent still run.
    connect(m_quitAction, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    m_aboutAction = make(tr("&About SkyDNS Qt Console"), QStringLiteral("aboutAction"),
                         tr("Show the version of the console"), {});
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_connectAction = make(tr("&Connect"), QStringLiteral("connectAction"), tr("Connect to the selected profile's etcd"),
                           {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectSelected);
    m_disconnectAction = make(tr("&Disconnect"), QStringLiteral("disconnectAction"), tr("Close the connection to etcd"),
                              {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)});
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectNow);
    m_newProfileAction = make(tr("&New Profile..."), QStringLiteral("newProfileAction"),
                              tr("Describe a new etcd cluster to connect to"), {});
    connect(m_newProfileAction, &QAction::triggered, this, &MainWindow::newProfile);
    m_editProfileAction = make(tr("&Edit Profile..."), QStringLiteral("editProfileAction"),
                               tr("Change the selected connection profile"), {});
    connect(m_editProfileAction, &QAction::triggered, this, &MainWindow::editProfile);

    m_refreshAction = make(tr("&Refresh"), QStringLiteral("refreshAction"), tr("Read the tree from etcd again"),
                           {QKeySequence(QKeySequence::Refresh), QKeySequence(Qt::Key_F5)});
    m_findAction = make(tr("&Find..."), QStringLiteral("findAction"), tr("Filter the tree by name or host"),
                        {QKeySequence(Qt::CTRL | Qt::Key_F)});
    m_newServiceAction = make(tr("&New Service"), QStringLiteral("newServiceAction"),
                              tr("Create a service below the selected domain"), {QKeySequence(Qt::CTRL | Qt::Key_N)});
    m_registerAction = make(tr("Re&gister Service..."), QStringLiteral("registerServiceAction"),
                            tr("Announce a service in one line, as `skydns register` does"),
                            {QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(m_registerAction, &QAction::triggered, this, &MainWindow::openRegisterDialog);
    m_deleteAction = make(tr("&Delete Service"), QStringLiteral("deleteAction"), tr("Delete the selected service"),
                          {QKeySequence(QKeySequence::Delete)});
}

void MainWindow::createTabs()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);

    m_records = new RecordsPage(this);
    m_tabs->addTab(m_records, tr("&Records"));
    connect(m_refreshAction, &QAction::triggered, m_records, &RecordsPage::refresh);
    connect(m_findAction, &QAction::triggered, this, [this]() {
        m_tabs->setCurrentWidget(m_records);
        m_records->focusFilter();
    });
    connect(m_newServiceAction, &QAction::triggered, this, [this]() {
        m_tabs->setCurrentWidget(m_records);
        m_records->newService();
    });
    connect(m_deleteAction, &QAction::triggered, this, [this]() {
        // Delete in the filter box or the editor's fields is for the text there.
        if (m_tabs->currentWidget() == m_records && m_records->treeView()->hasFocus())
            m_records->deleteSelected();
    });
    // The Delete key as a window shortcut would steal it from every line edit: the tree only.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_records->treeView()->addAction(m_deleteAction);

#ifdef SKYDNS_CONSOLE_HAS_QUERYTESTER
    auto *tester = new QueryTester(this);
    tester->setObjectName(QStringLiteral("queryTesterPage"));
    m_tabs->addTab(tester, tr("&Query Tester"));
#else
    m_tabs->addTab(unavailablePage(QStringLiteral("queryTesterPage"), tr("query tester")), tr("&Query Tester"));
#endif
#ifdef SKYDNS_CONSOLE_WITH_DASHBOARD
    auto *dashboard = new DashboardView(m_admin, this);
    dashboard->setObjectName(QStringLiteral("dashboardPage"));
    m_tabs->addTab(dashboard, tr("D&ashboard"));
    auto *queryLog = new QueryLogView(m_admin, this);
    queryLog->setObjectName(QStringLiteral("queryLogPage"));
    m_tabs->addTab(queryLog, tr("Query &Log"));
    auto *cache = new CacheView(m_admin, this);
    cache->setObjectName(QStringLiteral("cachePage"));
    m_tabs->addTab(cache, tr("Ca&che"));
    // The admin views poll the service while a connection is open (the token is set by then).
    m_adminStarters.push_back([dashboard, queryLog, cache](bool on) {
        if (on) {
            dashboard->start();
            queryLog->start();
            cache->refresh();
        } else {
            dashboard->stop();
            queryLog->stop();
        }
    });
#else
    m_tabs->addTab(unavailablePage(QStringLiteral("dashboardPage"), tr("dashboard")), tr("D&ashboard"));
    m_tabs->addTab(unavailablePage(QStringLiteral("queryLogPage"), tr("query log")), tr("Query &Log"));
    m_tabs->addTab(unavailablePage(QStringLiteral("cachePage"), tr("cache view")), tr("Ca&che"));
#endif
#ifdef SKYDNS_CONSOLE_WITH_KEYS
    auto *keys = new KeyManager(nullptr, m_admin, this);
    keys->setObjectName(QStringLiteral("keyManagerPage"));
    m_tabs->addTab(keys, tr("DNSSEC &Keys"));
    m_storeSetters.push_back([this, keys](KvStore *store) {
        keys->setStore(store);
        if (!store)
            return;
        QString flag = m_connection->profile().prefix;
        while (flag.startsWith(QLatin1Char('/')))
            flag.remove(0, 1);
        keys->setPathPrefix(flag);
        keys->setZone(m_connection->profile().domain);
    });
#else
    m_tabs->addTab(unavailablePage(QStringLiteral("keyManagerPage"), tr("DNSSEC key manager")), tr("DNSSEC &Keys"));
#endif
#ifdef SKYDNS_CONSOLE_HAS_SERVICECONTROL
    auto *service = new ServiceControlWidget(this);
#ifdef SKYDNS_CONSOLE_HAS_DISCOVERY
    // The Service tab also holds "Use for this computer": the OS routes the profile's domain here.
    auto *servicePage = new QWidget(this);
    servicePage->setObjectName(QStringLiteral("servicePage"));
    service->setObjectName(QStringLiteral("serviceControl"));
    auto *serviceLayout = new QVBoxLayout(servicePage);
    serviceLayout->addWidget(service);
    m_resolverRunner = new QProcessRunner(this);
    const bool elevated = platform::isElevated();
    auto makeSwitch = [this, serviceLayout, elevated](const QString &domain) {
        delete m_resolverSwitch;
        m_resolverSwitch = new ResolverSwitch(platform::hostPlatform(), domain, QStringLiteral("127.0.0.1:53"),
                                              ServiceController::defaultServiceBinary(), elevated, m_resolverRunner);
        m_resolverSwitch->setObjectName(QStringLiteral("resolverSwitch"));
        serviceLayout->insertWidget(1, m_resolverSwitch);
        m_resolverSwitch->refresh();
    };
    makeSwitch(QStringLiteral("skydns.local."));
    serviceLayout->addStretch(1);
    m_storeSetters.push_back([this, makeSwitch](KvStore *store) {
        if (store && m_resolverSwitch && !m_resolverSwitch->busy())
            makeSwitch(m_connection->profile().domain);
    });
    m_tabs->addTab(servicePage, tr("&Service"));
#else
    service->setObjectName(QStringLiteral("servicePage"));
    m_tabs->addTab(service, tr("&Service"));
#endif
#else
    m_tabs->addTab(unavailablePage(QStringLiteral("servicePage"), tr("service control")), tr("&Service"));
#endif
    setCentralWidget(m_tabs);
}

QWidget *MainWindow::unavailablePage(const QString &objectName, const QString &part)
{
    auto *label = new QLabel(tr("The %1 is not available in this build of the console.").arg(part), this);
    label->setObjectName(objectName);
    label->setProperty("unavailable", true);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_connectAction);
    file->addAction(m_disconnectAction);
    file->addSeparator();
    file->addAction(m_newProfileAction);
    file->addAction(m_editProfileAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_newServiceAction);
    edit->addAction(m_registerAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_findAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_refreshAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("connectionToolBar")); // saveState() needs the name
    auto *label = new QLabel(tr("Profile:"), bar);
    m_profileCombo = new QComboBox(bar);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setMinimumContentsLength(16);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    label->setBuddy(m_profileCombo);
    bar->addWidget(label);
    bar->addWidget(m_profileCombo);
    bar->addAction(m_connectAction);
    bar->addAction(m_disconnectAction);
    bar->addAction(m_editProfileAction);
    bar->addSeparator();
    bar->addAction(m_refreshAction);
    bar->addAction(m_newServiceAction);
    bar->addAction(m_deleteAction);
    connect(m_profileCombo, &QComboBox::currentTextChanged, this, &MainWindow::updateActions);
}

void MainWindow::reloadProfiles()
{
    const QString current = m_profileCombo->currentText();
    const QSignalBlocker block(m_profileCombo);
    m_profileCombo->clear();
    m_profileCombo->addItems(m_profiles->names());
    const QString wanted = current.isEmpty() ? m_profiles->lastUsed() : current;
    const int index = m_profileCombo->findText(wanted);
    if (index >= 0)
        m_profileCombo->setCurrentIndex(index);
    updateActions();
}

void MainWindow::connectSelected()
{
    ConnectionProfile profile;
    if (!m_profiles->load(m_profileCombo->currentText(), &profile)) {
        newProfile();
        return;
    }
    m_profiles->setLastUsed(profile.name);
    connectTo(profile);
}

void MainWindow::connectTo(const ConnectionProfile &profile, const QString &password)
{
    setConnectionText(tr("Connecting to %1...").arg(profile.name));
    m_connection->connectTo(profile, password);
    updateActions();
}

void MainWindow::disconnectNow()
{
    m_connection->disconnectNow();
    setConnectionText(tr("Not connected"));
    updateActions();
}

void MainWindow::onConnected(KvStore *store)
{
    const ConnectionProfile &profile = m_connection->profile();
    m_records->setStore(store, profile.prefix, profile.domain);
    for (const auto &setStore : m_storeSetters)
        setStore(store);
#ifdef SKYDNS_CONSOLE_HAS_ADMIN
    if (!profile.adminUrl.isEmpty())
        m_admin->setBaseUrl(QUrl(profile.adminUrl));
    m_secrets->read(profile.name, SecretStore::Secret::AdminToken, this, [this](const SecretResult &secret) {
        if (secret.ok())
            m_admin->setToken(secret.value);
        if (!m_connection->isConnected() || m_connection->profile().adminUrl.isEmpty())
            return;
        for (const auto &start : m_adminStarters)
            start(true);
    });
#endif
    connect(store, &KvStore::connectionStateChanged, this, [this, name = profile.name](bool up, const QString &why) {
        if (up)
            setConnectionText(tr("Connected to %1").arg(name));
        else
            setConnectionText(tr("%1: etcd not answering").arg(name), why);
    });
    setConnectionText(tr("Connected to %1 (etcd %2, %3)")
                          .arg(profile.name, profile.apiName(), profile.machines.join(QStringLiteral(", "))));
    statusBar()->showMessage(tr("Connected"), kStatusMessageMs);
    updateActions();
}

void MainWindow::onDisconnected()
{
    for (const auto &start : m_adminStarters)
        start(false);
    m_records->setStore(nullptr, QString(), QString());
    for (const auto &setStore : m_storeSetters)
        setStore(nullptr);
    updateActions();
}

void MainWindow::newProfile()
{
    ConnectionProfile profile;
    profile.name = m_profiles->names().isEmpty() ? tr("local") : QString();
    openProfileDialog(profile, true);
}

void MainWindow::editProfile()
{
    ConnectionProfile profile;
    if (!m_profiles->load(m_profileCombo->currentText(), &profile)) {
        newProfile();
        return;
    }
    openProfileDialog(profile, false);
}

void MainWindow::openProfileDialog(const ConnectionProfile &profile, bool isNew)
{
    auto *dialog = new ProfileDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(isNew ? tr("New Connection Profile") : tr("Edit Connection Profile"));
    dialog->setProfile(profile);
    QStringList names = m_profiles->names();
    if (!isNew)
        names.removeAll(profile.name);
    dialog->setExistingNames(names);
    connect(dialog, &QDialog::accepted, this, [this, dialog, oldName = isNew ? QString() : profile.name]() {
        const ConnectionProfile saved = dialog->profile();
        QString error;
        if (!m_profiles->save(saved, &error)) {
            QMessageBox::warning(this, tr("Profile not saved"), error);
            return;
        }
        if (!oldName.isEmpty() && oldName != saved.name)
            m_profiles->remove(oldName);
        const auto report = [this](const SecretResult &r) {
            if (!r.ok())
                statusBar()->showMessage(r.message, kStatusMessageMs);
        };
        if (!dialog->password().isEmpty())
            m_secrets->write(saved.name, SecretStore::Secret::EtcdPassword, dialog->password(), this, report);
        if (!dialog->adminToken().isEmpty())
            m_secrets->write(saved.name, SecretStore::Secret::AdminToken, dialog->adminToken(), this, report);
        reloadProfiles();
        m_profileCombo->setCurrentText(saved.name);
        statusBar()->showMessage(tr("Profile %1 saved").arg(saved.name), kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::setConnectionText(const QString &text, const QString &tooltip)
{
    m_connectionLabel->setText(text);
    m_connectionLabel->setToolTip(tooltip);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

void MainWindow::updateActions()
{
    const bool connected = m_connection->isConnected();
    m_connectAction->setEnabled(!m_connection->isConnecting());
    m_disconnectAction->setEnabled(connected || m_connection->isConnecting());
    m_editProfileAction->setEnabled(!m_profileCombo->currentText().isEmpty());
    m_refreshAction->setEnabled(connected);
    m_newServiceAction->setEnabled(connected);
    m_registerAction->setEnabled(connected);
    m_deleteAction->setEnabled(connected);
}

QTreeView *MainWindow::treeView() const
{
    return m_records->treeView();
}

QLineEdit *MainWindow::filterEdit() const
{
    return m_records->filterEdit();
}

DnsTreeModel *MainWindow::treeModel() const
{
    return m_records->model();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_records->splitter()->restoreState(settings.value(QStringLiteral("recordsSplitter")).toByteArray());
    const int tab = settings.value(QStringLiteral("tab"), 0).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
    settings.endGroup();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("recordsSplitter"), m_records->splitter()->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.endGroup();
    settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
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

namespace skydns::console {

void MainWindow::openRegisterDialog()
{
#ifdef SKYDNS_CONSOLE_HAS_DISCOVERY
    KvStore *store = m_connection->store();
    if (!store)
        return;
    const ConnectionProfile &profile = m_connection->profile();
    QString prefix = profile.prefix;
    while (prefix.startsWith(QLatin1Char('/')))
        prefix.remove(0, 1);
    auto *dialog = new RegisterDialog(store, profile.domain, prefix, this);
    dialog->setObjectName(QStringLiteral("registerDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterDialog::registered, this, [this](const QString &, const QString &name) {
        statusBar()->showMessage(tr("Registered %1").arg(name), kStatusMessageMs);
    });
    dialog->open();
#endif
}

} // namespace skydns::console
