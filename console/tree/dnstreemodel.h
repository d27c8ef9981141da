#pragma once

#include "etcd/kvstore.h"
#include "tree/dnstreenode.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>

#include <memory>

namespace skydns::console {

// DnsTreeModel shows the etcd tree below the path prefix as DNS names: the key
// "/skydns/local/skydns/east/web" is the row "web.east.skydns.local." under "east.skydns.local.".
// It is lazy (a directory is listed when a view expands it: canFetchMore/fetchMore -> KvStore::list)
// and live (KvStore::watch: rows are inserted, removed and updated in place; resyncNeeded re-reads).
// Each change costs a binary search per level and one row insert/remove/dataChanged.
// Re-reads (F5, resync) merge the fresh listing into the rows in place, so views keep their
// expanded directories and selection. loadAll reads the whole tree at once (for a search).
class DnsTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DnsTreeModel)

public:
    // Column is the model's columns.
    enum Column { NameColumn, TypeColumn, PortColumn, PriorityColumn, WeightColumn, TtlColumn, TextColumn, ColumnCount };
    // Role adds the etcd view of a row to the usual roles.
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString: the etcd key
        ValueRole,                  // QByteArray: the raw value
        RevisionRole,               // qint64: the compare-and-swap token
        IsDirRole,                  // bool
        DomainRole,                 // QString: the DNS name ("web.east.skydns.local.")
        HostRole,                   // QString: the service's host
        KeyTtlRole                  // qint64: etcd key TTL left when loaded (0: none)
    };

    explicit DnsTreeModel(QObject *parent = nullptr);
    ~DnsTreeModel() override;

    // setStore shows store's tree below prefix (e.g. "/skydns") and starts following it; a null
    // store empties the model. The model does not own the store.
    void setStore(KvStore *store, const QString &prefix = QStringLiteral("/skydns"));
    KvStore *store() const { return m_store; }
    QString prefix() const { return m_prefix; }

    // LoadAllState is where loadAll stands: Capped = the limit cut the tree short (directories it
    // did not finish stay lazy), Failed = the store could not (or cannot) read recursively.
    enum class LoadAllState { NotLoaded, Loading, Complete, Capped, Failed };
    Q_ENUM(LoadAllState)

    // reload re-reads every loaded directory and merges the answers in place: rows that are still
    // there keep their place (views keep expansion and selection), vanished ones go, new ones come
    // (F5; also on resyncNeeded). reloadFinished() follows once every answer is in.
    void reload();
    // loadAll reads the whole tree below the prefix in one recursive read of at most limit names
    // and fills every directory it covers, so a search finds names nobody expanded yet. A loaded
    // tree stays loaded (the watch keeps it current); allLoaded() reports the outcome.
    // A reload keeps a Complete tree complete (one recursive read) and lets a Capped or Failed
    // one be tried again.
    void loadAll(int limit);
    // loadAllState is the outcome of the last loadAll (NotLoaded before any, and after a reset).
    LoadAllState loadAllState() const { return m_loadAll; }
    // loadAllLimit is the limit of the last loadAll.
    int loadAllLimit() const { return m_loadAllLimit; }
    // indexOfKey is the row of key if it is loaded, else an invalid index.
    QModelIndex indexOfKey(const QString &key) const;
    // entry is the etcd entry of a row (empty key for an invalid index).
    KvEntry entry(const QModelIndex &index) const;
    // domainOf is the DNS name of an etcd key below the prefix ("/skydns/local/skydns/web" ->
    // "web.skydns.local."); the prefix itself is ".".
    QString domainOf(const QString &key) const;
    // isFetching says whether a read is on its way or about to be retried (tests, busy indicator).
    bool isFetching() const { return m_fetchesInFlight > 0 || m_retriesPending > 0 || m_loadAll == LoadAllState::Loading; }
    // lastError is the message of the last failed list (empty after a successful one).
    QString lastError() const { return m_lastError; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // loadFailed reports a list() that failed (message from the store).
    void loadFailed(const QString &message);
    // fetchFinished says a directory's children arrived (key of the directory).
    void fetchFinished(const QString &key);
    // reloadFinished says every directory re-read by reload() has its answer.
    void reloadFinished();
    // allLoaded reports loadAll: names read, and whether the limit cut the tree short (state says
    // Complete, Capped or Failed; message is the store's on Failed).
    void allLoaded(int names, skydns::console::DnsTreeModel::LoadAllState state, const QString &message);

private:
    DnsTreeNode *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(DnsTreeNode *node, int column = 0) const;
    void resetTree();
    void startFetch(DnsTreeNode *node, bool again = false);
    void onListed(const QString &key, quint64 generation, quint64 token, const KvResult &result);
    void onAllListed(quint64 generation, bool authoritative, const KvResult &result);
    void populate(const KvResult &result, bool authoritative);
    void finishFetch();
    void onWatchStarted(qint64 fromRevision);
    bool listedBeforeWatch(qint64 listRevision, quint64 token) const;
    void catchUpWithWatch();
    DnsTreeNode *findNode(const QString &key) const;
    std::vector<std::unique_ptr<DnsTreeNode>> makeChildren(DnsTreeNode *node, const QList<KvEntry> &entries) const;
    void mergeChildren(DnsTreeNode *node, std::vector<std::unique_ptr<DnsTreeNode>> fresh, bool complete);
    void relayoutChildren(DnsTreeNode *node, std::vector<std::unique_ptr<DnsTreeNode>> fresh, bool complete);
    void updateNode(DnsTreeNode *node, const KvEntry &entry, bool implied);
    void onChanged(const QList<KvChange> &changes);
    void applyChange(const KvChange &change);
    void applyPut(const QStringList &labels, const KvEntry &entry);
    void applyDelete(const QStringList &labels, const KvChange &change);
    bool bufferIfFetching(const QStringList &labels, const KvChange &change);
    QStringList labelsOf(const QString &key) const;
    void nodeChanged(DnsTreeNode *node);
    DnsTreeNode *insertChild(DnsTreeNode *parent, const QString &label, const KvEntry &entry);
    void removeNode(DnsTreeNode *node);
    QString typeText(const DnsTreeNode &node) const;
    QString ttlText(const DnsTreeNode &node) const;
    QString textSummary(const DnsTreeNode &node) const;

    // Burst collects what a burst of changes removed (kept alive until the persistent indexes are
    // moved off it) and which rows changed in place (signalled after the layout change).
    struct Burst
    {
        std::vector<std::unique_ptr<DnsTreeNode>> removed;
        std::vector<DnsTreeNode *> updated;
    };
    std::unique_ptr<Burst> m_burst; // set while a burst of changes is applied as one layout change
    QPointer<KvStore> m_store;
    QString m_prefix;
    std::unique_ptr<DnsTreeNode> m_root;
    quint64 m_generation = 0; // bumps on reload: list answers of an older tree are ignored
    int m_fetchesInFlight = 0;
    int m_retriesPending = 0; // failed re-reads waiting to be tried again
    quint64 m_nextToken = 0;  // numbers each list(): an answer to a superseded one is dropped
    bool m_reloading = false; // reload() waits for its answers (reloadFinished)
    bool m_reloadAfterLoad = false; // reload() came while loadAll was on its way
    LoadAllState m_loadAll = LoadAllState::NotLoaded;
    int m_loadAllLimit = 0;
    QList<KvChange> m_loadAllBuffer; // changes seen while loadAll's read is on its way
    QString m_lastError;
    bool m_v3 = false;
    // The watch starts on its own thread from etcd's head at that time (KvStore::watchStarted):
    // directories listed at an older revision than that may miss changes, and are read again.
    qint64 m_watchFrom = 0;            // the revision the watch delivers changes from (0: not known)
    quint64 m_watchToken = 0;          // m_nextToken when it became known: older reads may be stale
    quint64 m_loadAllToken = 0;        // the token of loadAll's read
    QHash<QString, qint64> m_listedAt; // directory key -> revision of its last successful read
};

} // namespace skydns::console
