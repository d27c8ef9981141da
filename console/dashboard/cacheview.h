#pragma once
// The cache view: what the service's packet cache holds (per worker), filtered by name, and a
// flush that asks for confirmation first.

#include "admin/adminapi.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skydns::console {

class AdminClient;
class CacheModel;

// CacheView lists admin's cache on refresh() (and when shown) and flushes it on request.
class CacheView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheView)

public:
    // CacheView lists the cache of admin's service (admin may be null; not owned).
    explicit CacheView(AdminClient *admin, QWidget *parent = nullptr);
    ~CacheView() override;

    // setAdminClient replaces the client (null = none).
    void setAdminClient(AdminClient *admin);
    // model holds the last listing; filterModel is what the table shows.
    CacheModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    // setFilter shows only entries whose name contains text (case-insensitive).
    void setFilter(const QString &text);
    // statusText is the line under the table (counts, last flush, errors).
    QString statusText() const;
    // confirmation is the open flush confirmation box, or null.
    QMessageBox *confirmation() const;

public Q_SLOTS:
    // refresh fetches the listing (at most 10000 entries).
    void refresh();
    // requestFlush asks "flush N entries?" and flushes when the user says yes.
    void requestFlush();
    // flush empties the cache without asking (the confirmed action).
    void flush();

Q_SIGNALS:
    // refreshed ends a refresh (ok, or the error shown).
    void refreshed(bool ok);
    // flushed ends a flush: ok and the number of entries removed.
    void flushed(bool ok, quint64 count);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showStatus(const QString &text, bool error = false);

    QPointer<AdminClient> m_admin;
    CacheModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QPointer<QMessageBox> m_confirmation;
    QLineEdit *m_filterEdit = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_flushButton = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace skydns::console
