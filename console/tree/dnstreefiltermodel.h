#pragma once

#include <QSortFilterProxyModel>

namespace skydns::console {

// DnsTreeFilterModel filters a DnsTreeModel by a search text matched (case-insensitively, as a
// substring) against each row's DNS name and host. Filtering is recursive: a directory stays
// when something below it matches, so the path to every hit stays visible. Only loaded rows are
// searched (the tree is lazy): RecordsPage has the model load the whole tree (loadAll) when a
// search starts, and rows arriving later are filtered as they come.
class DnsTreeFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DnsTreeFilterModel)

public:
    explicit DnsTreeFilterModel(QObject *parent = nullptr);

    // setSearchText filters on text; empty shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace skydns::console
