// DnsTreeModel, part 2: reading etcd (lazy lists, reload and its retries, loadAll) and handing
// what was read to the merge (part 4).
#include "tree/dnstreemodel.h"

#include <QSet>
#include <QTimer>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace skydns::console {

namespace {

constexpr int kMaxRetries = 3;       // a failed re-read is tried again after 500, 1000, 2000 ms
constexpr int kRetryDelayMs = 500;

} // namespace

void DnsTreeModel::setStore(KvStore *store, const QString &prefix)
{
    if (m_store) {
        disconnect(m_store, nullptr, this, nullptr);
        m_store->stopWatch();
    }
    m_store = store;
    m_prefix = prefix;
    while (m_prefix.size() > 1 && m_prefix.endsWith(QLatin1Char('/')))
        m_prefix.chop(1);
    m_v3 = store && store->apiName() == QLatin1String("v3");
    m_watchFrom = 0;
    m_watchToken = 0;
    if (store) {
        connect(store, &KvStore::changed, this, &DnsTreeModel::onChanged);
        connect(store, &KvStore::resyncNeeded, this, &DnsTreeModel::reload);
        connect(store, &KvStore::watchStarted, this, &DnsTreeModel::onWatchStarted);
        // The watch starts on its own thread, from etcd's revision when it reads it, which may
        // be after the first lists answered: a change made between such a list and that read
        // would never show. watchStarted tells the revision; what was listed before it is read
        // again (onWatchStarted).
        store->watch(m_prefix);
    }
    resetTree();
}

void DnsTreeModel::resetTree()
{
    beginResetModel();
    m_root = std::make_unique<DnsTreeNode>();
    m_root->entry.key = m_prefix;
    m_root->entry.dir = true;
    m_root->fetched = !m_store;
    ++m_generation;
    m_fetchesInFlight = 0;
    m_retriesPending = 0;
    m_reloading = false;
    m_loadAll = LoadAllState::NotLoaded;
    m_loadAllBuffer.clear();
    m_reloadAfterLoad = false;
    m_lastError.clear();
    m_listedAt.clear();
    endResetModel();
    // The top level is read at once (views may already have asked, through fetchMore).
    startFetch(m_root.get());
}

void DnsTreeModel::reload()
{
    if (!m_store || (!m_root->fetched && !m_root->fetching)) {
        resetTree();
        return;
    }
    if (m_loadAll == LoadAllState::Loading) {
        // Its answer may predate what a resync lost, and it leaves listed directories alone.
        m_reloadAfterLoad = true;
        return;
    }
    if (m_loadAll == LoadAllState::Complete) {
        // Everything is loaded: one recursive read refreshes it all (not one list per directory).
        m_reloading = true;
        loadAll(m_loadAllLimit);
        return;
    }
    if (m_loadAll != LoadAllState::NotLoaded)
        m_loadAll = LoadAllState::NotLoaded; // a capped or failed loadAll may be tried again
    // Every directory that shows rows is listed again, even one whose list is on its way (that
    // answer may predate what a resync lost). Collected first: answers may arrive meanwhile.
    std::vector<DnsTreeNode *> dirs;
    std::vector<DnsTreeNode *> todo{m_root.get()};
    while (!todo.empty()) {
        DnsTreeNode *node = todo.back();
        todo.pop_back();
        if (node != m_root.get() && !node->fetched && !node->fetching && node->children.empty())
            continue; // never expanded: read when it is
        dirs.push_back(node);
        for (const auto &child : node->children) {
            if (child->isDir())
                todo.push_back(child.get());
        }
    }
    m_reloading = true;
    for (DnsTreeNode *node : dirs)
        startFetch(node, true);
}

bool DnsTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const DnsTreeNode *node = nodeOf(parent);
    return m_store && node->isDir() && !node->fetched && !node->fetching;
}

void DnsTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startFetch(nodeOf(parent));
}

void DnsTreeModel::startFetch(DnsTreeNode *node, bool again)
{
    if (!m_store || (!again && (node->fetching || node->fetched)))
        return; // one list per directory: a second answer would only repeat the first
    node->fetching = true;
    node->fetchToken = ++m_nextToken;
    ++m_fetchesInFlight;
    const QString key = node->entry.key;
    const quint64 generation = m_generation;
    const quint64 token = node->fetchToken;
    m_store->list(key, this, [this, key, generation, token](const KvResult &result) {
        onListed(key, generation, token, result);
    });
}

void DnsTreeModel::finishFetch()
{
    if (m_reloading && m_fetchesInFlight == 0 && m_retriesPending == 0 && m_loadAll != LoadAllState::Loading) {
        m_reloading = false;
        Q_EMIT reloadFinished();
    }
}

void DnsTreeModel::onListed(const QString &key, quint64 generation, quint64 token, const KvResult &result)
{
    if (generation != m_generation)
        return; // an answer for the tree before a reset
    --m_fetchesInFlight;
    DnsTreeNode *node = findNode(key);
    if (!node || !node->fetching || node->fetchToken != token) {
        finishFetch(); // removed meanwhile, or a newer list is on its way
        return;
    }
    node->fetching = false;
    const QList<KvChange> buffered = std::exchange(node->buffered, {});
    if (!result.ok() && result.status != KvResult::Status::NotFound) {
        // Marked fetched anyway: a view would otherwise ask again at every layout. F5 retries.
        // Rows it had stay (a failed re-read loses nothing) and follow the watch again.
        const bool reread = node->fetched;
        node->fetched = true;
        m_lastError = result.message;
        for (const KvChange &change : buffered)
            applyChange(change);
        if (reread && result.status == KvResult::Status::Unavailable && node->retries < kMaxRetries) {
            // A re-read after a resync is the only way to learn what the watch lost: a failure
            // (typically the first request after an outage) is tried again, a few times.
            const int delay = kRetryDelayMs << node->retries;
            ++node->retries;
            node->buffered = buffered; // applied, and again on the retry's answer if newer than it
            ++m_retriesPending;
            QTimer::singleShot(delay, this, [this, key, generation]() {
                if (generation != m_generation)
                    return;
                --m_retriesPending;
                if (DnsTreeNode *again = findNode(key))
                    startFetch(again, true);
                finishFetch();
            });
            return;
        }
        node->retries = 0;
        if (node != m_root.get())
            Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
        Q_EMIT loadFailed(result.message);
        Q_EMIT fetchFinished(key);
        finishFetch();
        return;
    }
    m_lastError.clear();
    node->retries = 0;
    // Fetched before the rows go in: a view (or model tester) that sees them arrive asks
    // canFetchMore, and would list the directory a second time.
    node->fetched = true;
    mergeChildren(node, makeChildren(node, result.entries), true);
    m_listedAt.insert(key, result.storeRevision);
    // Changes to the children that happened after the list was read (newer revision) are applied
    // on top. Changes further down are replayed in order whatever their revision: the directory
    // they belong to may have been read (or be read) before them, by a list of its own.
    const int depth = node == m_root.get() ? 0 : int(labelsOf(key).size());
    for (const KvChange &change : buffered) {
        if (change.entry.revision > result.storeRevision || labelsOf(change.entry.key).size() > depth + 1)
            applyChange(change);
    }
    if (listedBeforeWatch(result.storeRevision, token))
        startFetch(node, true); // read before the watch's start and older than it: read again
    Q_EMIT fetchFinished(key);
    finishFetch();
}

void DnsTreeModel::onWatchStarted(qint64 fromRevision)
{
    m_watchFrom = fromRevision;
    m_watchToken = ++m_nextToken; // reads numbered below it were asked for before this
    catchUpWithWatch();
}

bool DnsTreeModel::listedBeforeWatch(qint64 listRevision, quint64 token) const
{
    // Reads asked for after watchStarted arrived came after the watch's head read: they are
    // never read again (a lagging etcd member would otherwise keep them going round).
    return m_watchFrom > 0 && token < m_watchToken && listRevision < m_watchFrom - 1;
}

void DnsTreeModel::catchUpWithWatch()
{
    // Every directory whose last read is older than the watch's start is read again and merged
    // in place (like F5, but only those). Reads on their way are judged when they answer.
    std::vector<DnsTreeNode *> stale;
    std::vector<DnsTreeNode *> todo{m_root.get()};
    while (!todo.empty()) {
        DnsTreeNode *node = todo.back();
        todo.pop_back();
        const auto it = m_listedAt.constFind(node->entry.key);
        if (!node->fetching && it != m_listedAt.constEnd() && *it < m_watchFrom - 1)
            stale.push_back(node);
        for (const auto &child : node->children) {
            if (child->isDir())
                todo.push_back(child.get());
        }
    }
    for (DnsTreeNode *node : stale)
        startFetch(node, true);
}

void DnsTreeModel::loadAll(int limit)
{
    if (!m_store || m_loadAll == LoadAllState::Loading)
        return;
    const bool authoritative = m_loadAll == LoadAllState::Complete;
    m_loadAll = LoadAllState::Loading;
    m_loadAllLimit = limit;
    m_loadAllBuffer.clear();
    m_loadAllToken = ++m_nextToken;
    const quint64 generation = m_generation;
    m_store->listRecursive(m_prefix, limit, this, [this, generation, authoritative](const KvResult &result) {
        onAllListed(generation, authoritative, result);
    });
}

void DnsTreeModel::onAllListed(quint64 generation, bool authoritative, const KvResult &result)
{
    if (generation != m_generation || m_loadAll != LoadAllState::Loading)
        return;
    const QList<KvChange> buffered = std::exchange(m_loadAllBuffer, {});
    if (!result.ok() && result.status != KvResult::Status::NotFound) {
        m_loadAll = LoadAllState::Failed;
        Q_EMIT allLoaded(0, m_loadAll, result.message);
        const bool again = std::exchange(m_reloadAfterLoad, false);
        if ((m_reloading && authoritative) || again) {
            m_reloading = false;
            reload(); // the re-read of everything failed: list directory by directory instead
        }
        return;
    }
    m_loadAll = result.more ? LoadAllState::Capped : LoadAllState::Complete;
    populate(result, authoritative);
    for (const KvChange &change : buffered) {
        if (change.entry.revision > result.storeRevision)
            applyChange(change);
    }
    if (listedBeforeWatch(result.storeRevision, m_loadAllToken))
        catchUpWithWatch(); // the directories it filled are older than the watch's start
    Q_EMIT allLoaded(int(result.entries.size()), m_loadAll, QString());
    finishFetch();
    if (std::exchange(m_reloadAfterLoad, false))
        reload();
}

void DnsTreeModel::populate(const KvResult &result, bool authoritative)
{
    // The flat answer is grouped into one sorted child list per directory, then each directory is
    // merged like a list() answer: parents first, so every directory's node exists by its turn.
    struct Pending
    {
        std::vector<std::unique_ptr<DnsTreeNode>> children;
        std::unordered_map<QString, size_t> byLabel;
    };
    std::unordered_map<QString, Pending> dirs;
    QStringList order;
    auto pendingOf = [&](const QString &key) -> Pending & {
        auto it = dirs.find(key);
        if (it == dirs.end()) {
            order.append(key);
            it = dirs.emplace(key, Pending{}).first;
        }
        return it->second;
    };
    pendingOf(m_prefix);
    for (const KvEntry &entry : result.entries) {
        const QStringList labels = labelsOf(entry.key);
        QString parentKey = m_prefix;
        for (int d = 0; d < labels.size(); ++d) {
            const bool last = d == labels.size() - 1;
            const QString key = parentKey + QLatin1Char('/') + labels.at(d);
            Pending &p = pendingOf(parentKey);
            auto it = p.byLabel.find(labels.at(d));
            DnsTreeNode *child = nullptr;
            if (it == p.byLabel.end()) {
                auto node = std::make_unique<DnsTreeNode>();
                node->label = labels.at(d);
                KvEntry e;
                e.key = key;
                e.dir = true;
                node->setEntry(last ? entry : e);
                node->implied = m_v3 && !last;
                child = node.get();
                p.byLabel.emplace(labels.at(d), p.children.size());
                p.children.push_back(std::move(node));
            } else {
                child = p.children[it->second].get();
                if (last) { // v3: a key that has keys below it, read after them (byte order)
                    child->setEntry(entry);
                    child->implied = false;
                }
            }
            if (!last)
                child->entry.dir = true;
            if (child->entry.dir)
                pendingOf(key); // an empty directory is complete too
            parentKey = key;
        }
    }
    // A capped read stopped inside the directories above its last key: only those are partial.
    QSet<QString> partial;
    if (result.more && !result.entries.isEmpty()) {
        QString key = result.entries.constLast().key;
        partial.insert(key);
        while (key.size() > m_prefix.size()) {
            key.truncate(key.lastIndexOf(QLatin1Char('/')));
            partial.insert(key);
        }
    }
    for (const QString &key : std::as_const(order)) {
        DnsTreeNode *node = findNode(key);
        if (!node || node->fetching)
            continue; // gone meanwhile, or its own list is on its way
        const bool complete = !partial.contains(key);
        if (node->fetched && !(authoritative && complete))
            continue; // fully listed and kept current by the watch
        Pending &p = dirs[key];
        for (auto &child : p.children)
            child->parent = node;
        std::sort(p.children.begin(), p.children.end(),
                  [](const auto &a, const auto &b) { return lessLabel(a->label, b->label); });
        mergeChildren(node, std::move(p.children), complete);
        m_listedAt.insert(key, result.storeRevision);
        if (complete)
            node->fetched = true;
        else if (node->fetched)
            startFetch(node, true); // was complete; the capped read cannot tell what went
    }
}

} // namespace skydns::console
