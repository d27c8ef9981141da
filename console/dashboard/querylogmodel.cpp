#include "dashboard/querylogmodel.h"

#include <QDateTime>

namespace skydns::console {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

QueryLogModel::QueryLogModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(1, maxRows))
{
}

void QueryLogModel::appendEntries(const std::vector<admin::QueryLogEntry> &entries)
{
    if (entries.empty())
        return;
    // Only the newest maxRows of a big batch can stay: skip the rest instead of inserting them.
    const std::size_t keep = std::min(entries.size(), std::size_t(m_maxRows));
    const std::size_t first = entries.size() - keep;
    const std::size_t overflow = m_entries.size() + keep > std::size_t(m_maxRows)
        ? m_entries.size() + keep - std::size_t(m_maxRows)
        : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + std::ptrdiff_t(overflow));
        endRemoveRows();
    }
    const int start = int(m_entries.size());
    beginInsertRows({}, start, start + int(keep) - 1);
    m_entries.insert(m_entries.end(), entries.begin() + std::ptrdiff_t(first), entries.end());
    endInsertRows();
}

void QueryLogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int QueryLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueryLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const admin::QueryLogEntry &e = m_entries[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == LatencyColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == TimeColumn)
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODateWithMs);
    if (role != Qt::DisplayRole && role != RawRole)
        return {};
    const bool raw = role == RawRole;
    switch (index.column()) {
    case TimeColumn:
        return raw ? QVariant(qint64(e.timeMs))
                   : QVariant(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")));
    case ClientColumn:
        return text(e.client);
    case NameColumn:
        return text(e.name);
    case TypeColumn:
        return text(e.type);
    case RcodeColumn:
        return e.rcode.empty() && !raw ? tr("(dropped)") : text(e.rcode);
    case LatencyColumn:
        return raw ? QVariant(e.latencyMs) : QVariant(QString::number(e.latencyMs, 'f', 3));
    case SourceColumn:
        return text(e.servedFrom);
    case TransportColumn:
        return text(e.transport);
    default:
        return {};
    }
}

QVariant QueryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case ClientColumn: return tr("Client");
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case RcodeColumn: return tr("Rcode");
    case LatencyColumn: return tr("Latency (ms)");
    case SourceColumn: return tr("Served from");
    case TransportColumn: return tr("Transport");
    default: return {};
    }
}

QueryLogFilterModel::QueryLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(QueryLogModel::RawRole);
}

void QueryLogFilterModel::set(QString &field, const QString &value)
{
    const QString v = value.trimmed();
    if (field == v)
        return;
    field = v;
    invalidateFilter();
}

void QueryLogFilterModel::setNameFilter(const QString &text)
{
    set(m_name, text);
}

void QueryLogFilterModel::setTypeFilter(const QString &type)
{
    set(m_type, type);
}

void QueryLogFilterModel::setRcodeFilter(const QString &rcode)
{
    set(m_rcode, rcode);
}

void QueryLogFilterModel::setClientFilter(const QString &text)
{
    set(m_client, text);
}

void QueryLogFilterModel::setSourceFilter(const QString &source)
{
    set(m_source, source);
}

bool QueryLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const QueryLogModel *>(sourceModel());
    if (!model || sourceParent.isValid() || sourceRow >= model->rowCount())
        return false;
    const admin::QueryLogEntry &e = model->entry(sourceRow);
    auto contains = [](const std::string &value, const QString &filter) {
        return filter.isEmpty() || QString::fromStdString(value).contains(filter, Qt::CaseInsensitive);
    };
    auto equals = [](const std::string &value, const QString &filter) {
        return filter.isEmpty() || QString::fromStdString(value).compare(filter, Qt::CaseInsensitive) == 0;
    };
    return contains(e.name, m_name) && contains(e.client, m_client) && equals(e.type, m_type)
        && equals(e.rcode, m_rcode) && equals(e.servedFrom, m_source);
}

} // namespace skydns::console
