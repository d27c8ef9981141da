#pragma once

#include <QMainWindow>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTreeView;

namespace skydns::console {

class AdminClient;
class ConnectionManager;
class ConnectionProfile;
class DnsTreeModel;
class KvStore;
class ProfileStore;
class RecordsPage;
class SecretStore;

// MainWindow is the console's top-level window: a profile selector with Connect, and tabs for the
// parts of the console (Records: the etcd tree as DNS names with the service editor; Query tester;
// Dashboard, Query log, Cache; DNSSEC keys; Service). A part this build lacks shows a page saying
// so. The window remembers its geometry, toolbar/dock state and splitter in QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // quitAction ends the application (File > Quit, Ctrl+Q).
    QAction *quitAction() const { return m_quitAction; }
    // aboutAction shows the About box (Help > About).
    QAction *aboutAction() const { return m_aboutAction; }
    // connectAction connects to the selected profile (Ctrl+Shift+C); disconnectAction drops it.
    QAction *connectAction() const { return m_connectAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }
    // refreshAction re-reads the tree (F5); findAction focuses the filter (Ctrl+F).
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *findAction() const { return m_findAction; }
    // newServiceAction (Ctrl+N) and deleteAction (Delete) act on the Records tab.
    QAction *newServiceAction() const { return m_newServiceAction; }
    // registerAction opens the register dialog (Edit > Register Service..., Ctrl+R; connected only).
    QAction *registerAction() const { return m_registerAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    // newProfileAction / editProfileAction open the profile dialog.
    QAction *newProfileAction() const { return m_newProfileAction; }
    QAction *editProfileAction() const { return m_editProfileAction; }

    // treeView is the etcd tree of the Records tab.
    QTreeView *treeView() const;
    // filterEdit is the Records tab's filter box.
    QLineEdit *filterEdit() const;
    // treeModel is the tree's source model.
    DnsTreeModel *treeModel() const;
    RecordsPage *recordsPage() const { return m_records; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *profileCombo() const { return m_profileCombo; }
    ConnectionManager *connectionManager() const { return m_connection; }
    ProfileStore *profileStore() const { return m_profiles; }
    // connectionText is what the status bar says about the connection.
    QString connectionText() const;
    // aboutText is the About box's text: the console's version and the SkyDNS release it follows.
    QString aboutText() const;

public Q_SLOTS:
    // showAbout opens the About box without blocking (it closes itself and is deleted on close).
    void showAbout();
    // connectSelected connects to the profile chosen in the selector (a new profile if there is none).
    void connectSelected();
    // connectTo connects with profile (which need not be saved); password as ConnectionManager.
    void connectTo(const skydns::console::ConnectionProfile &profile, const QString &password = QString());
    // disconnectNow drops the connection.
    void disconnectNow();
    // newProfile / editProfile open the profile dialog (non-blocking).
    void newProfile();
    void editProfile();
    // reloadProfiles refills the selector from the profile store.
    void reloadProfiles();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createTabs();
    void restoreLayout();
    void saveLayout() const;
    void openProfileDialog(const ConnectionProfile &profile, bool isNew);
    void onConnected(KvStore *store);
    void openRegisterDialog();
    void onDisconnected();
    void setConnectionText(const QString &text, const QString &tooltip = QString());
    void updateActions();
    QWidget *unavailablePage(const QString &objectName, const QString &part);

    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_newServiceAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_registerAction = nullptr;
    class ProcessRunner *m_resolverRunner = nullptr;
    class ResolverSwitch *m_resolverSwitch = nullptr;
    QAction *m_newProfileAction = nullptr;
    QAction *m_editProfileAction = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QTabWidget *m_tabs = nullptr;
    RecordsPage *m_records = nullptr;
    QLabel *m_connectionLabel = nullptr;
    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    ConnectionManager *m_connection = nullptr;
    AdminClient *m_admin = nullptr;
    // m_storeSetters hand the store (nullptr on disconnect) to the parts that use one.
    std::vector<std::function<void(KvStore *)>> m_storeSetters;
    // m_adminStarters start (true) and stop (false) the parts that poll the admin API.
    std::vector<std::function<void(bool)>> m_adminStarters;
};

} // namespace skydns::console
