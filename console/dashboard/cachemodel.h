#pragma once
// The service's packet cache as a table model (one row per cache entry of each worker), for the
// cache view; filtered by name/type with a QSortFilterProxyModel.

#include "admin/adminapi.h"

#include <QAbstractTableModel>

#include <vector>

namespace skydns::console {

// CacheModel shows the last /v1/cache listing.
class CacheModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheModel)

public:
    // Column is a column of the table.
    enum Column { NameColumn, TypeColumn, CacheColumn, WorkerColumn, DnssecColumn, SizeLimitColumn, ExpiresColumn,
                  CurrentColumn, VariantsColumn, BytesColumn, ColumnCount };
    // RawRole gives unformatted values (numbers as numbers) for sorting.
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit CacheModel(QObject *parent = nullptr);

    // setListing replaces the rows with listing's entries.
    void setListing(const admin::CacheListing &listing);
    // clear removes every row (after a flush).
    void clear();
    // total / truncated are the listing's (entries in the service, and whether more than shown).
    quint64 total() const { return m_total; }
    bool truncated() const { return m_truncated; }
    const admin::CacheEntry &entry(int row) const { return m_entries.at(std::size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<admin::CacheEntry> m_entries;
    quint64 m_total = 0;
    bool m_truncated = false;
};

} // namespace skydns::console
