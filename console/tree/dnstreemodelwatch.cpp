// DnsTreeModel, part 3: the watch's changes applied to the loaded rows in place.
#include "tree/dnstreemodel.h"

#include <QSet>

namespace skydns::console {

namespace {

// kBurst is the size of a batch of changes that is applied as one layout change: row signals
// cost a QSortFilterProxyModel above O(rows) each, so 2000 changes in a 100k-row directory took
// almost a minute one by one.
constexpr int kBurst = 32;

} // namespace

void DnsTreeModel::onChanged(const QList<KvChange> &changes)
{
    if (changes.size() <= kBurst) {
        for (const KvChange &change : changes)
            applyChange(change);
        return;
    }
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList from = persistentIndexList();
    m_burst = std::make_unique<Burst>();
    for (const KvChange &change : changes)
        applyChange(change);
    const std::unique_ptr<Burst> burst = std::move(m_burst);
    QSet<const DnsTreeNode *> gone;
    for (const auto &node : burst->removed)
        gone.insert(node.get());
    const auto alive = [this, &gone](const DnsTreeNode *node) {
        for (const DnsTreeNode *n = node; n; n = n->parent) {
            if (n == m_root.get())
                return true;
            if (gone.contains(n))
                return false;
        }
        return false;
    };
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        DnsTreeNode *node = nodeOf(index);
        to.append(alive(node) ? createIndex(node->row(), index.column(), node) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged();
    for (DnsTreeNode *node : burst->updated) {
        if (alive(node))
            Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
    }
}

void DnsTreeModel::nodeChanged(DnsTreeNode *node)
{
    if (m_burst)
        m_burst->updated.push_back(node);
    else
        Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
}

void DnsTreeModel::applyChange(const KvChange &change)
{
    const QStringList labels = labelsOf(change.entry.key);
    if (labels.isEmpty())
        return;
    // loadAll's answer is older than what the watch applies meanwhile: the newer changes are
    // applied again on top of it.
    if (m_loadAll == LoadAllState::Loading)
        m_loadAllBuffer.append(change);
    if (change.type == KvChange::Type::Put)
        applyPut(labels, change.entry);
    else
        applyDelete(labels, change);
}

void DnsTreeModel::applyPut(const QStringList &labels, const KvEntry &entry)
{
    DnsTreeNode *node = m_root.get();
    for (int i = 0; i < labels.size(); ++i) {
        if (node->fetching) {
            node->buffered.append(KvChange{KvChange::Type::Put, entry});
            return;
        }
        if (!node->fetched && node->children.empty())
            return; // nobody looks there yet: the list will read it fresh
        const bool last = i == labels.size() - 1;
        DnsTreeNode *child = node->child(labels.at(i));
        if (!child) {
            KvEntry e = entry;
            if (!last) {
                e = KvEntry{};
                e.key = m_prefix + QLatin1Char('/') + labels.mid(0, i + 1).join(QLatin1Char('/'));
                e.dir = true;
            }
            child = insertChild(node, labels.at(i), e);
            // New below a fully listed directory: nothing is below it that the watch will not
            // bring. Below a partly filled one (capped loadAll) it may have more: list it then.
            child->fetched = node->fetched;
            child->implied = !last && m_v3;
            if (last || !child->fetched)
                return;
        } else if (last) {
            child->setEntry(entry);
            child->implied = false;
            nodeChanged(child);
            return;
        }
        node = child;
    }
}

void DnsTreeModel::applyDelete(const QStringList &labels, const KvChange &change)
{
    DnsTreeNode *node = m_root.get();
    for (int i = 0; i < labels.size(); ++i) {
        if (node->fetching) {
            node->buffered.append(change);
            return;
        }
        DnsTreeNode *child = node->child(labels.at(i));
        if (!child)
            return; // not loaded (or already gone)
        if (i < labels.size() - 1) {
            node = child;
            continue;
        }
        if (m_v3 && !child->children.empty()) {
            // v3: the key had keys below it too; the name stays, as an implied directory.
            KvEntry e;
            e.key = child->entry.key;
            e.dir = true;
            child->setEntry(e);
            child->implied = true;
            nodeChanged(child);
            return;
        }
        removeNode(child);
        // v3 directories exist only through their keys: one that lost its last key goes too
        // (only when it was fully listed: a partly filled one may have keys not loaded).
        while (m_v3 && node != m_root.get() && node->implied && node->fetched && node->children.empty()) {
            DnsTreeNode *up = node->parent;
            removeNode(node);
            node = up;
        }
        return;
    }
}

DnsTreeNode *DnsTreeModel::insertChild(DnsTreeNode *parent, const QString &label, const KvEntry &entry)
{
    bool found = false;
    const int row = parent->childRow(label, &found);
    auto child = std::make_unique<DnsTreeNode>();
    child->parent = parent;
    child->label = label;
    child->setEntry(entry);
    DnsTreeNode *raw = child.get();
    if (!m_burst)
        beginInsertRows(indexOf(parent), row, row);
    parent->children.insert(parent->children.begin() + row, std::move(child));
    if (!m_burst)
        endInsertRows();
    if (parent != m_root.get() && !parent->entry.dir) {
        // v3: a key that gets keys below it becomes a directory as well.
        parent->entry.dir = true;
        nodeChanged(parent);
    }
    return raw;
}

void DnsTreeModel::removeNode(DnsTreeNode *node)
{
    DnsTreeNode *parent = node->parent;
    const int row = node->row();
    if (!parent || row < 0)
        return;
    if (m_burst) {
        m_burst->removed.push_back(std::move(parent->children[size_t(row)]));
        parent->children.erase(parent->children.begin() + row);
        return;
    }
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
}

} // namespace skydns::console
