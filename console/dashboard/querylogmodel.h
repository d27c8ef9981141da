#pragma once
// The query log as Qt models: QueryLogModel holds the entries the cursor poll delivered (oldest
// first, bounded), QueryLogFilterModel narrows them by name, type, rcode, client and source.

#include "admin/adminapi.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <deque>
#include <vector>

namespace skydns::console {

// QueryLogModel is a table of query log entries; the oldest rows go once maxRows is reached.
class QueryLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryLogModel)

public:
    // Column is a column of the table.
    enum Column { TimeColumn, ClientColumn, NameColumn, TypeColumn, RcodeColumn, LatencyColumn, SourceColumn,
                  TransportColumn, ColumnCount };
    // RawRole gives the column's value unformatted (ms since the epoch, latency as double, text).
    static constexpr int RawRole = Qt::UserRole + 1;

    // QueryLogModel keeps at most maxRows entries.
    explicit QueryLogModel(int maxRows = 10000, QObject *parent = nullptr);

    // appendEntries adds entries (oldest first) at the bottom, dropping the oldest past maxRows.
    void appendEntries(const std::vector<admin::QueryLogEntry> &entries);
    // clear removes every row.
    void clear();
    // entry is row's entry (row must be valid).
    const admin::QueryLogEntry &entry(int row) const { return m_entries.at(std::size_t(row)); }
    int maxRows() const { return m_maxRows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<admin::QueryLogEntry> m_entries;
    int m_maxRows;
};

// QueryLogFilterModel shows the rows matching every filter set: name and client are substrings
// (case-insensitive), type, rcode and source exact (case-insensitive). Empty filters match all.
class QueryLogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryLogFilterModel)

public:
    explicit QueryLogFilterModel(QObject *parent = nullptr);

    void setNameFilter(const QString &text);
    void setTypeFilter(const QString &type);
    void setRcodeFilter(const QString &rcode);
    void setClientFilter(const QString &text);
    void setSourceFilter(const QString &source);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void set(QString &field, const QString &value);

    QString m_name, m_type, m_rcode, m_client, m_source;
};

} // namespace skydns::console
