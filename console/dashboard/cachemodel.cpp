#include "dashboard/cachemodel.h"

namespace skydns::console {

CacheModel::CacheModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CacheModel::setListing(const admin::CacheListing &listing)
{
    // A reset rather than a diff: listings are snapshots and entries have no identity across them.
    beginResetModel();
    m_entries = listing.entries;
    m_total = listing.total;
    m_truncated = listing.truncated;
    endResetModel();
}

void CacheModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_total = 0;
    m_truncated = false;
    endResetModel();
}

int CacheModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CacheModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CacheModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const admin::CacheEntry &e = m_entries[std::size_t(index.row())];
    const bool raw = role == RawRole;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case WorkerColumn: case SizeLimitColumn: case ExpiresColumn: case VariantsColumn: case BytesColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && !raw)
        return {};
    switch (index.column()) {
    case NameColumn:
        return QString::fromStdString(e.name);
    case TypeColumn:
        return QString::fromStdString(e.type);
    case CacheColumn:
        return raw ? QVariant(QString::fromStdString(e.cache))
                   : QVariant(e.cache == "local" ? tr("local (mirror)") : e.cache == "response" ? tr("response (forwarded)")
                                                                                                : QString::fromStdString(e.cache));
    case WorkerColumn:
        return e.worker;
    case DnssecColumn:
        return raw ? QVariant(e.dnssecOk) : QVariant(e.dnssecOk ? tr("DO") : e.edns ? tr("EDNS") : QString());
    case SizeLimitColumn:
        return e.sizeLimit;
    case ExpiresColumn:
        return raw ? QVariant(e.expiresInSeconds) : QVariant(tr("%1 s").arg(e.expiresInSeconds, 0, 'f', 0));
    case CurrentColumn:
        return raw ? QVariant(e.current) : QVariant(e.current ? tr("yes") : tr("stale"));
    case VariantsColumn:
        return e.variants;
    case BytesColumn:
        return raw ? QVariant(qulonglong(e.bytes)) : QVariant(QString::number(e.bytes));
    default:
        return {};
    }
}

QVariant CacheModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case CacheColumn: return tr("Cache");
    case WorkerColumn: return tr("Worker");
    case DnssecColumn: return tr("EDNS");
    case SizeLimitColumn: return tr("Size limit");
    case ExpiresColumn: return tr("Expires in");
    case CurrentColumn: return tr("Current");
    case VariantsColumn: return tr("Variants");
    case BytesColumn: return tr("Bytes");
    default: return {};
    }
}

} // namespace skydns::console
