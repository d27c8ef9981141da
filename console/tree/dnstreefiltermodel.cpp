#include "tree/dnstreefiltermodel.h"

#include "tree/dnstreemodel.h"

namespace skydns::console {

DnsTreeFilterModel::DnsTreeFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    // Dynamic filtering stays on: a live row that matches must show up (and bring its filtered-out
    // parents back). No sort column is set, so it costs no sorting.
}

void DnsTreeFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
    m_text = trimmed;
    endFilterChange(QSortFilterProxyModel::Direction::Rows);
#else
    m_text = trimmed;
    invalidateFilter();
#endif
}

bool DnsTreeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString name = index.data(DnsTreeModel::DomainRole).toString();
    if (name.contains(m_text, Qt::CaseInsensitive))
        return true;
    return index.data(DnsTreeModel::HostRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace skydns::console
