#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMessageBox;
class QStandardItemModel;
class QTreeView;

namespace skydns::console {

// MainWindow is the console's top-level window: menus (File/Quit, Help/About), a status bar, and
// the central tree view that will show the etcd tree as DNS names once a connection exists.
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
    // treeView is the central view of the etcd tree (empty until connected).
    QTreeView *treeView() const { return m_treeView; }
    // aboutText is the About box's text: the console's version and the SkyDNS release it follows.
    QString aboutText() const;

public Q_SLOTS:
    // showAbout opens the About box without blocking (it closes itself and is deleted on close).
    void showAbout();

private:
    void createActions();
    void createMenus();
    void createCentralView();

    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QTreeView *m_treeView = nullptr;
    QStandardItemModel *m_placeholderModel = nullptr;
    QLabel *m_connectionLabel = nullptr;
};

} // namespace skydns::console
