#pragma once
// The query log view: the service's recent queries, followed live with the admin API's cursor
// (long polls), filtered by name, type, rcode, client and where the answer came from.

#include "admin/adminapi.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace skydns::console {

class AdminClient;
class QueryLogFilterModel;
class QueryLogModel;

// QueryLogView shows the query log of admin's service. It follows the log while it is visible
// (or after start()) and stops when hidden; the host owns admin.
class QueryLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryLogView)

public:
    // QueryLogView follows admin's query log (admin may be null: it then shows "not connected").
    explicit QueryLogView(AdminClient *admin, QWidget *parent = nullptr);
    ~QueryLogView() override;

    // setAdminClient replaces the client (null = none) and restarts following if it was on.
    void setAdminClient(AdminClient *admin);

    // model holds every entry received; filterModel is what the table shows.
    QueryLogModel *model() const { return m_model; }
    QueryLogFilterModel *filterModel() const { return m_filter; }
    // statusText is the line under the table (rows shown, missed entries, errors).
    QString statusText() const;
    // isFollowing tells whether the log is being polled.
    bool isFollowing() const { return m_following; }

    // setNameFilter ... setSourceFilter set the filter fields (as if typed).
    void setNameFilter(const QString &text);
    void setTypeFilter(const QString &type);
    void setRcodeFilter(const QString &rcode);
    void setClientFilter(const QString &text);
    void setSourceFilter(const QString &source);

public Q_SLOTS:
    // start follows the log (first the newest entries, then each new one); stop pauses.
    void start();
    void stop();
    // clear empties the table (following goes on from where it is).
    void clear();

Q_SIGNALS:
    // entriesAdded says rows arrived (count before filtering).
    void entriesAdded(int count);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onEntries(const std::vector<admin::QueryLogEntry> &entries, quint64 missed, bool reset);
    void updateStatus();

    QPointer<AdminClient> m_admin;
    QueryLogModel *m_model = nullptr;
    QueryLogFilterModel *m_filter = nullptr;
    bool m_following = false;
    quint64 m_missed = 0;
    QString m_error;

    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_typeBox = nullptr;
    QComboBox *m_rcodeBox = nullptr;
    QLineEdit *m_clientEdit = nullptr;
    QComboBox *m_sourceBox = nullptr;
    QPushButton *m_followButton = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace skydns::console
