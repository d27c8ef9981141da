// DnsTreeModel, part 1: the item model itself (indexes, rows, the columns' texts and roles).
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

QStringList DnsTreeModel::labelsOf(const QString &key) const
{
    if (key.size() <= m_prefix.size() + 1 || !key.startsWith(m_prefix) || key.at(m_prefix.size()) != QLatin1Char('/'))
        return {};
    return key.mid(m_prefix.size() + 1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

DnsTreeNode *DnsTreeModel::findNode(const QString &key) const
{
    DnsTreeNode *node = m_root.get();
    if (key == m_prefix)
        return node;
    const QStringList labels = labelsOf(key);
    if (labels.isEmpty())
        return nullptr;
    for (const QString &label : labels) {
        node = node->child(label);
        if (!node)
            return nullptr;
    }
    return node;
}

QModelIndex DnsTreeModel::indexOfKey(const QString &key) const
{
    DnsTreeNode *node = findNode(key);
    return node ? indexOf(node) : QModelIndex();
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
