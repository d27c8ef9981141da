#include "tree/dnstreemodel.h"

#include <QColor>
#include <QHostAddress>

#include <algorithm>

namespace skydns::console {

namespace {

constexpr int kTextSummaryLength = 60;

} // namespace

DnsTreeModel::DnsTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<DnsTreeNode>())
{
    m_root->entry.dir = true;
    m_root->fetched = true; // nothing to fetch without a store
}

DnsTreeModel::~DnsTreeModel() = default;

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
    if (store) {
        connect(store, &KvStore::changed, this, &DnsTreeModel::onChanged);
        connect(store, &KvStore::resyncNeeded, this, &DnsTreeModel::reload);
        // Watch first, list second: a change made between the two shows twice at worst (the
        // watch's revision check drops it), never not at all.
        store->watch(m_prefix);
    }
    reload();
}

void DnsTreeModel::reload()
{
    beginResetModel();
    m_root = std::make_unique<DnsTreeNode>();
    m_root->entry.key = m_prefix;
    m_root->entry.dir = true;
    m_root->fetched = !m_store;
    ++m_generation;
    m_fetchesInFlight = 0;
    m_lastError.clear();
    endResetModel();
    // The top level is read at once (views may already have asked, through fetchMore).
    startFetch(m_root.get());
}

DnsTreeNode *DnsTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<DnsTreeNode *>(index.internalPointer());
}

QModelIndex DnsTreeModel::indexOf(DnsTreeNode *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    const int row = node->row();
    return row < 0 ? QModelIndex() : createIndex(row, column, node);
}

QModelIndex DnsTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const DnsTreeNode *node = nodeOf(parent);
    if (size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex DnsTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int DnsTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int DnsTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool DnsTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const DnsTreeNode *node = nodeOf(parent);
    return !node->children.empty() || (node->isDir() && !node->fetched);
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

void DnsTreeModel::startFetch(DnsTreeNode *node)
{
    if (node->fetching || node->fetched || !m_store)
        return; // one list per directory: a second answer would insert the rows twice
    node->fetching = true;
    ++m_fetchesInFlight;
    const QString key = node->entry.key;
    const quint64 generation = m_generation;
    m_store->list(key, this, [this, key, generation](const KvResult &result) { onListed(key, generation, result); });
}

QStringList DnsTreeModel::labelsOf(const QString &key) const
{
    if (key.size() <= m_prefix.size() + 1 || !key.startsWith(m_prefix) || key.at(m_prefix.size()) != QLatin1Char('/'))
        return {};
    return key.mid(m_prefix.size() + 1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

void DnsTreeModel::onListed(const QString &key, quint64 generation, const KvResult &result)
{
    if (generation != m_generation)
        return; // an answer for the tree before a reload
    --m_fetchesInFlight;
    DnsTreeNode *node = m_root.get();
    for (const QString &label : labelsOf(key)) {
        node = node->child(label);
        if (!node)
            return; // removed by the watch meanwhile
    }
    if (!node->fetching)
        return;
    node->fetching = false;
    node->fetched = true;
    const QList<KvChange> buffered = std::exchange(node->buffered, {});
    if (!result.ok() && result.status != KvResult::Status::NotFound) {
        // Marked fetched anyway: a view would otherwise ask again at every layout. F5 retries.
        m_lastError = result.message;
        if (node != m_root.get())
            Q_EMIT dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
        Q_EMIT loadFailed(result.message);
        Q_EMIT fetchFinished(key);
        return;
    }
    m_lastError.clear();

    std::vector<std::unique_ptr<DnsTreeNode>> children;
    children.reserve(size_t(result.entries.size()));
    const int depth = int(labelsOf(key).size());
    for (const KvEntry &entry : result.entries) {
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
    if (!children.empty()) {
        // The node had no children: the watch does not touch a directory before it is listed.
        beginInsertRows(indexOf(node), 0, int(children.size()) - 1);
        node->children = std::move(children);
        endInsertRows();
    }
    // Changes that happened after the list was read (newer revision) are applied on top.
    for (const KvChange &change : buffered) {
        if (change.entry.revision > result.storeRevision)
            applyChange(change);
    }
    Q_EMIT fetchFinished(key);
}

void DnsTreeModel::onChanged(const QList<KvChange> &changes)
{
    for (const KvChange &change : changes)
        applyChange(change);
}

void DnsTreeModel::applyChange(const KvChange &change)
{
    const QStringList labels = labelsOf(change.entry.key);
    if (labels.isEmpty())
        return;
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
        if (!node->fetched)
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
            child->fetched = true; // new: nothing below it that the watch will not bring
            child->implied = !last && m_v3;
            if (last)
                return;
        } else if (last) {
            child->setEntry(entry);
            child->implied = false;
            Q_EMIT dataChanged(indexOf(child), indexOf(child, ColumnCount - 1));
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
        if (!node->fetched)
            return;
        DnsTreeNode *child = node->child(labels.at(i));
        if (!child)
            return;
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
            Q_EMIT dataChanged(indexOf(child), indexOf(child, ColumnCount - 1));
            return;
        }
        removeNode(child);
        // v3 directories exist only through their keys: one that lost its last key goes too.
        while (m_v3 && node != m_root.get() && node->implied && node->children.empty()) {
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
    beginInsertRows(indexOf(parent), row, row);
    parent->children.insert(parent->children.begin() + row, std::move(child));
    endInsertRows();
    if (parent != m_root.get() && !parent->entry.dir) {
        // v3: a key that gets keys below it becomes a directory as well.
        parent->entry.dir = true;
        Q_EMIT dataChanged(indexOf(parent), indexOf(parent, ColumnCount - 1));
    }
    return raw;
}

void DnsTreeModel::removeNode(DnsTreeNode *node)
{
    DnsTreeNode *parent = node->parent;
    const int row = node->row();
    if (!parent || row < 0)
        return;
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
}

QModelIndex DnsTreeModel::indexOfKey(const QString &key) const
{
    DnsTreeNode *node = m_root.get();
    const QStringList labels = labelsOf(key);
    if (labels.isEmpty())
        return {};
    for (const QString &label : labels) {
        node = node->child(label);
        if (!node)
            return {};
    }
    return indexOf(node);
}

KvEntry DnsTreeModel::entry(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return nodeOf(index)->entry;
}

QString DnsTreeModel::domainOf(const QString &key) const
{
    QStringList labels = labelsOf(key);
    if (labels.isEmpty())
        return QStringLiteral(".");
    std::reverse(labels.begin(), labels.end());
    return labels.join(QLatin1Char('.')) + QLatin1Char('.');
}

QString DnsTreeModel::typeText(const DnsTreeNode &node) const
{
    // SkyDNS reads its settings from <prefix>/config: not a service, whatever its JSON says.
    if (node.parent == m_root.get() && node.label == QLatin1String("config") && !node.isDir())
        return tr("SkyDNS configuration");
    if (!node.parseError.isEmpty())
        return tr("invalid value");
    if (!node.parsed)
        return node.isDir() ? QString() : tr("(empty)");
    if (node.host.isEmpty())
        return tr("(no host)");
    QHostAddress address;
    if (address.setAddress(node.host))
        return (address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("AAAA ") : QStringLiteral("A "))
            + node.host;
    return (node.mail ? QStringLiteral("MX ") : QStringLiteral("SRV/CNAME ")) + node.host;
}

QString DnsTreeModel::ttlText(const DnsTreeNode &node) const
{
    QString text;
    if (node.ttl > 0)
        text = QString::number(node.ttl);
    if (node.entry.ttl > 0) {
        const QString keyTtl = tr("key expires in %1 s").arg(node.entry.ttl);
        text = text.isEmpty() ? keyTtl : tr("%1 (%2)").arg(text, keyTtl);
    }
    return text;
}

QString DnsTreeModel::textSummary(const DnsTreeNode &node) const
{
    QStringList parts;
    if (!node.text.isEmpty()) {
        QString t = node.text;
        t.replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (t.size() > kTextSummaryLength)
            t = t.left(kTextSummaryLength - 1) + QChar(0x2026);
        parts << QLatin1Char('"') + t + QLatin1Char('"');
    }
    if (!node.group.isEmpty())
        parts << tr("group %1").arg(node.group);
    if (!node.parseError.isEmpty())
        parts << node.parseError;
    return parts.join(QStringLiteral("; "));
}

QVariant DnsTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const DnsTreeNode &node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return domainOf(node.entry.key);
        case TypeColumn:
            return typeText(node);
        case PortColumn:
            return node.parsed && node.port ? QVariant(node.port) : QVariant();
        case PriorityColumn:
            return node.parsed && node.priority ? QVariant(node.priority) : QVariant();
        case WeightColumn:
            return node.parsed && node.weight ? QVariant(node.weight) : QVariant();
        case TtlColumn:
            return ttlText(node);
        case TextColumn:
            return textSummary(node);
        }
        return {};
    case Qt::ToolTipRole:
        if (!node.parseError.isEmpty())
            return node.parseError;
        return node.entry.key;
    case Qt::ForegroundRole:
        if (!node.parseError.isEmpty())
            return QColor(0xb0, 0x00, 0x20);
        return {};
    case KeyRole:
        return node.entry.key;
    case ValueRole:
        return node.entry.value;
    case RevisionRole:
        return node.entry.revision;
    case IsDirRole:
        return node.isDir();
    case DomainRole:
        return domainOf(node.entry.key);
    case HostRole:
        return node.host;
    case KeyTtlRole:
        return node.entry.ttl;
    }
    return {};
}

QVariant DnsTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type / host");
    case PortColumn: return tr("Port");
    case PriorityColumn: return tr("Priority");
    case WeightColumn: return tr("Weight");
    case TtlColumn: return tr("TTL");
    case TextColumn: return tr("Text");
    }
    return {};
}

} // namespace skydns::console
