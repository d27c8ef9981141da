#pragma once

#include "etcd/kvstore.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;
class QTreeView;

namespace skydns::console {

class DnsTreeFilterModel;
class DnsTreeModel;
class ServiceEditor;

// RecordsPage is the console's "Records" tab: a filter box and the etcd tree shown as DNS names on
// the left, the service editor (when the build has it) on the right. Selecting a service opens it
// in the editor; New and Delete act on the selection. A search reads the whole tree once (capped;
// the line under the filter says when the cap was hit); F5 re-reads in place, keeping the
// expanded directories and the selection.
class RecordsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordsPage)

public:
    explicit RecordsPage(QWidget *parent = nullptr);
    ~RecordsPage() override;

    // setStore shows store's tree below prefix ("/skydns"); domain ("skydns.local.") is where new
    // services go when nothing is selected. A null store empties the page.
    void setStore(KvStore *store, const QString &prefix, const QString &domain);

    QTreeView *treeView() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    DnsTreeModel *model() const { return m_model; }
    DnsTreeFilterModel *filterModel() const { return m_proxy; }
    QSplitter *splitter() const { return m_splitter; }
    // editor is the service editor, or nullptr when this build has none.
    QWidget *editor() const;
    // selectedKey is the etcd key of the current row ("" when none).
    QString selectedKey() const;
    // selectKey makes key's row current if it is loaded; false if it is not.
    bool selectKey(const QString &key);
    // searchInfo is the line under the filter that says how far a search reached (hidden when
    // every name is searched).
    QLabel *searchInfo() const { return m_searchInfo; }
    // setSearchLimit caps how many names a search reads from etcd (default 100000).
    void setSearchLimit(int names) { m_searchLimit = names; }

public Q_SLOTS:
    // refresh re-reads the tree (F5).
    void refresh();
    // focusFilter puts the cursor in the filter box (Ctrl+F).
    void focusFilter();
    // newService starts a new service below the selected domain (Ctrl+N).
    void newService();
    // deleteSelected deletes the selected service after confirmation (compare-and-swap).
    void deleteSelected();

Q_SIGNALS:
    // statusMessage is a one-line message for the status bar.
    void statusMessage(const QString &message);

private:
    void onCurrentChanged();
    void applyFilter();
    void onAllLoaded(int names, int state, const QString &message);
    void expandLoadedMatches(const QModelIndex &proxyParent, int depth);
    QString selectedDirectoryDomain() const;

    QPointer<KvStore> m_store;
    QString m_prefix;
    QString m_domain;
    DnsTreeModel *m_model = nullptr;
    DnsTreeFilterModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_filterTimer = nullptr;
    QTreeView *m_tree = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_searchInfo = nullptr;
    int m_searchLimit = 100000;
    ServiceEditor *m_editor = nullptr;
};

} // namespace skydns::console
