#include "dashboard/cacheview.h"

#include "admin/adminclient.h"
#include "dashboard/cachemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace skydns::console {

CacheView::CacheView(AdminClient *admin, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_model(new CacheModel(this))
    , m_filter(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("cacheView"));
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(CacheModel::NameColumn);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortRole(CacheModel::RawRole);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter by name"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        showStatus(tr("%1 of %2 entries shown (%3 in the service)")
                       .arg(m_filter->rowCount())
                       .arg(m_model->rowCount())
                       .arg(m_model->total()));
    });
    m_refreshButton = new QPushButton(tr("&Refresh"), this);
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &CacheView::refresh);
    m_flushButton = new QPushButton(tr("&Flush cache..."), this);
    m_flushButton->setObjectName(QStringLiteral("flushButton"));
    connect(m_flushButton, &QPushButton::clicked, this, &CacheView::requestFlush);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_flushButton);
    layout->addLayout(bar);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cacheTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CacheModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(CacheModel::NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cacheStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    showStatus(m_admin ? QString() : tr("Not connected to the service's admin API."));
}

CacheView::~CacheView() = default;

void CacheView::setAdminClient(AdminClient *admin)
{
    m_admin = admin;
    m_model->clear();
    showStatus(m_admin ? QString() : tr("Not connected to the service's admin API."));
}

void CacheView::setFilter(const QString &text)
{
    m_filterEdit->setText(text);
}

QMessageBox *CacheView::confirmation() const
{
    return m_confirmation.data();
}

QString CacheView::statusText() const
{
    return m_status->text();
}

void CacheView::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void CacheView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void CacheView::refresh()
{
    if (!m_admin) {
        showStatus(tr("Not connected to the service's admin API."), true);
        emit refreshed(false);
        return;
    }
    m_refreshButton->setEnabled(false);
    m_admin->fetchCache(10000, this, [this](const AdminError &e, const admin::CacheListing &listing) {
        m_refreshButton->setEnabled(true);
        if (!e.ok()) {
            showStatus(e.message, true);
            emit refreshed(false);
            return;
        }
        m_model->setListing(listing);
        QString text = tr("%1 of %2 entries shown").arg(m_filter->rowCount()).arg(m_model->rowCount());
        if (listing.truncated)
            text += QLatin1String(" \u2014 ") + tr("the service holds %1; only the first are listed").arg(listing.total);
        showStatus(text);
        emit refreshed(true);
    });
}

void CacheView::requestFlush()
{
    if (m_confirmation)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Flush the cache"),
                                tr("Remove every cached answer (%1 entries) from the service? Later queries are "
                                   "answered afresh from the mirror or the forwarders.")
                                    .arg(m_model->total()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("flushConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Non-blocking, so the view keeps updating while the question is open.
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            flush();
        else
            showStatus(tr("Flush cancelled."));
    });
    m_confirmation = box;
    box->open();
}

void CacheView::flush()
{
    if (!m_admin) {
        showStatus(tr("Not connected to the service's admin API."), true);
        emit flushed(false, 0);
        return;
    }
    m_flushButton->setEnabled(false);
    m_admin->flushCache(this, [this](const AdminError &e, const admin::CacheFlushResult &r) {
        m_flushButton->setEnabled(true);
        if (!e.ok()) {
            showStatus(e.message, true);
            emit flushed(false, 0);
            return;
        }
        m_model->clear();
        showStatus(tr("Flushed %n cache entries.", nullptr, int(r.flushed)));
        emit flushed(true, r.flushed);
    });
}

} // namespace skydns::console
