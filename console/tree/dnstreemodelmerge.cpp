// DnsTreeModel, part 4: merging a directory's fresh listing into its rows in place (runs of row
// signals, or one layout change when there are many).
#include "tree/dnstreemodel.h"

#include <QSet>

#include <algorithm>

namespace skydns::console {

std::vector<std::unique_ptr<DnsTreeNode>> DnsTreeModel::makeChildren(DnsTreeNode *node, const QList<KvEntry> &entries) const
{
    std::vector<std::unique_ptr<DnsTreeNode>> children;
    children.reserve(size_t(entries.size()));
    const int depth = node == m_root.get() ? 0 : int(labelsOf(node->entry.key).size());
    for (const KvEntry &entry : entries) {
        const QStringList labels = labelsOf(entry.key);
        if (labels.size() != depth + 1)
            continue; // not a direct child (should not happen)
        auto child = std::make_unique<DnsTreeNode>();
        child->parent = node;
        child->label = labels.constLast();
        child->setEntry(entry);
        child->implied = m_v3 && entry.dir && entry.value.isEmpty();
        children.push_back(std::move(child));
    }
    std::sort(children.begin(), children.end(),
              [](const auto &a, const auto &b) { return lessLabel(a->label, b->label); });
    children.erase(std::unique(children.begin(), children.end(),
                               [](const auto &a, const auto &b) { return a->label == b->label; }),
                   children.end());
    return children;
}

void DnsTreeModel::updateNode(DnsTreeNode *node, const KvEntry &entry, bool implied)
{
    const KvEntry &now = node->entry;
    const bool dir = entry.dir || !node->children.empty();
    if (now.revision == entry.revision && now.value == entry.value && now.ttl == entry.ttl && now.dir == dir
        && node->implied == implied)
        return; // unchanged: no dataChanged, so a refresh of 100k rows stays quiet
    node->setEntry(entry);
    node->entry.dir = dir;
    node->implied = implied;
    Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
}

namespace {

// kMaxRowRuns is how many runs of inserted/removed rows a merge signals one by one; past it the
// directory is re-laid out at once: a QSortFilterProxyModel above pays O(rows) per signal, and
// 2000 scattered changes in a 100k-row directory took almost a minute that way.
constexpr int kMaxRowRuns = 32;

using Children = std::vector<std::unique_ptr<DnsTreeNode>>;

// rowRuns counts the runs of rows a merge of fresh into kids inserts or removes.
int rowRuns(const Children &kids, const Children &fresh, bool complete)
{
    enum class Last { None, Removed, Inserted } last = Last::None;
    int runs = 0;
    size_t i = 0;
    size_t k = 0;
    while (i < kids.size() || k < fresh.size()) {
        if (k == fresh.size() || (i < kids.size() && lessLabel(kids[i]->label, fresh[k]->label))) {
            if (complete && last != Last::Removed)
                ++runs;
            last = complete ? Last::Removed : Last::None;
            ++i;
        } else if (i < kids.size() && kids[i]->label == fresh[k]->label) {
            last = Last::None;
            ++i;
            ++k;
        } else {
            if (last != Last::Inserted)
                ++runs;
            last = Last::Inserted;
            ++k;
        }
    }
    return runs;
}

} // namespace

void DnsTreeModel::mergeChildren(DnsTreeNode *node, std::vector<std::unique_ptr<DnsTreeNode>> fresh, bool complete)
{
    auto &kids = node->children;
    const QModelIndex parent = indexOf(node);
    if (kids.empty()) {
        if (fresh.empty())
            return;
        beginInsertRows(parent, 0, int(fresh.size()) - 1);
        kids = std::move(fresh);
        endInsertRows();
        return;
    }
    if (rowRuns(kids, fresh, complete) > kMaxRowRuns) {
        relayoutChildren(node, std::move(fresh), complete);
        return;
    }
    // Both are sorted by label: one pass, removing and inserting runs of rows at a time.
    size_t i = 0;
    size_t k = 0;
    while (k < fresh.size() || i < kids.size()) {
        if (k == fresh.size() || (i < kids.size() && lessLabel(kids[i]->label, fresh[k]->label))) {
            if (!complete) {
                ++i; // a partial read says nothing about rows it did not reach
                continue;
            }
            size_t j = i;
            while (j < kids.size() && (k == fresh.size() || lessLabel(kids[j]->label, fresh[k]->label)))
                ++j;
            beginRemoveRows(parent, int(i), int(j) - 1);
            kids.erase(kids.begin() + qsizetype(i), kids.begin() + qsizetype(j));
            endRemoveRows();
            continue;
        }
        if (i < kids.size() && kids[i]->label == fresh[k]->label) {
            updateNode(kids[i].get(), fresh[k]->entry, fresh[k]->implied);
            ++i;
            ++k;
            continue;
        }
        size_t m = k;
        while (m < fresh.size() && (i == kids.size() || lessLabel(fresh[m]->label, kids[i]->label)))
            ++m;
        beginInsertRows(parent, int(i), int(i + (m - k)) - 1);
        kids.insert(kids.begin() + qsizetype(i), std::make_move_iterator(fresh.begin() + qsizetype(k)),
                    std::make_move_iterator(fresh.begin() + qsizetype(m)));
        endInsertRows();
        i += m - k;
        k = m;
    }
}

void DnsTreeModel::relayoutChildren(DnsTreeNode *node, std::vector<std::unique_ptr<DnsTreeNode>> fresh, bool complete)
{
    // One layout change instead of many row signals. Rows that stay keep their persistent indexes
    // (expansion, selection); removed ones are kept alive until the indexes are moved off them.
    QList<QPersistentModelIndex> parents;
    if (node != m_root.get())
        parents.append(QPersistentModelIndex(indexOf(node)));
    Q_EMIT layoutAboutToBeChanged(parents);
    const QModelIndexList from = persistentIndexList();
    Children &kids = node->children;
    Children merged;
    Children removed;
    std::vector<DnsTreeNode *> updated;
    merged.reserve(qMax(kids.size(), fresh.size()));
    size_t i = 0;
    size_t k = 0;
    while (i < kids.size() || k < fresh.size()) {
        if (k == fresh.size() || (i < kids.size() && lessLabel(kids[i]->label, fresh[k]->label))) {
            (complete ? removed : merged).push_back(std::move(kids[i++]));
        } else if (i < kids.size() && kids[i]->label == fresh[k]->label) {
            DnsTreeNode *kept = kids[i].get();
            const KvEntry &e = fresh[k]->entry;
            const bool dir = e.dir || !kept->children.empty();
            if (kept->entry.revision != e.revision || kept->entry.value != e.value || kept->entry.ttl != e.ttl
                || kept->entry.dir != dir || kept->implied != fresh[k]->implied) {
                kept->setEntry(e);
                kept->entry.dir = dir;
                kept->implied = fresh[k]->implied;
                updated.push_back(kept);
            }
            merged.push_back(std::move(kids[i++]));
            ++k;
        } else {
            fresh[k]->parent = node;
            merged.push_back(std::move(fresh[k++]));
        }
    }
    kids = std::move(merged);
    QSet<const DnsTreeNode *> gone;
    for (const auto &r : removed)
        gone.insert(r.get());
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        DnsTreeNode *n = nodeOf(index);
        const DnsTreeNode *c = n;
        while (c && c->parent != node)
            c = c->parent;
        if (!c)
            to.append(index); // outside this directory
        else if (gone.contains(c))
            to.append(QModelIndex());
        else
            to.append(createIndex(n->row(), index.column(), n));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged(parents);
    for (DnsTreeNode *n : updated)
        Q_EMIT dataChanged(indexOf(n), indexOf(n, ColumnCount - 1));
}

} // namespace skydns::console
