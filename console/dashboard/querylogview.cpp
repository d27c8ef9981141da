#include "dashboard/querylogview.h"

#include "admin/adminclient.h"
#include "dashboard/querylogmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

// editableCombo is a combo box with suggestions that also takes any typed value ("" = all).
QComboBox *editableCombo(const QStringList &items, const QString &allText, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setEditable(true);
    box->addItem(QString());
    box->addItems(items);
    box->lineEdit()->setPlaceholderText(allText);
    box->setInsertPolicy(QComboBox::NoInsert);
    return box;
}

} // namespace

QueryLogView::QueryLogView(AdminClient *admin, QWidget *parent)
    : QWidget(parent)
    , m_model(new QueryLogModel(10000, this))
    , m_filter(new QueryLogFilterModel(this))
{
    setObjectName(QStringLiteral("queryLogView"));
    m_filter->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setPlaceholderText(tr("Name contains"));
    m_nameEdit->setClearButtonEnabled(true);
    m_typeBox = editableCombo({QStringLiteral("A"), QStringLiteral("AAAA"), QStringLiteral("SRV"), QStringLiteral("TXT"),
                               QStringLiteral("MX"), QStringLiteral("PTR"), QStringLiteral("CNAME"), QStringLiteral("NS"),
                               QStringLiteral("SOA"), QStringLiteral("DNSKEY")},
                              tr("Any type"), this);
    m_rcodeBox = editableCombo({QStringLiteral("NOERROR"), QStringLiteral("NXDOMAIN"), QStringLiteral("SERVFAIL"),
                                QStringLiteral("REFUSED"), QStringLiteral("FORMERR")},
                               tr("Any rcode"), this);
    m_clientEdit = new QLineEdit(this);
    m_clientEdit->setPlaceholderText(tr("Client contains"));
    m_clientEdit->setClearButtonEnabled(true);
    m_sourceBox = editableCombo({QStringLiteral("mirror"), QStringLiteral("cache"), QStringLiteral("forwarder"),
                                 QStringLiteral("none")},
                                tr("Any source"), this);
    connect(m_nameEdit, &QLineEdit::textChanged, m_filter, &QueryLogFilterModel::setNameFilter);
    connect(m_clientEdit, &QLineEdit::textChanged, m_filter, &QueryLogFilterModel::setClientFilter);
    connect(m_typeBox, &QComboBox::currentTextChanged, m_filter, &QueryLogFilterModel::setTypeFilter);
    connect(m_rcodeBox, &QComboBox::currentTextChanged, m_filter, &QueryLogFilterModel::setRcodeFilter);
    connect(m_sourceBox, &QComboBox::currentTextChanged, m_filter, &QueryLogFilterModel::setSourceFilter);
    m_followButton = new QPushButton(tr("&Pause"), this);
    m_followButton->setCheckable(false);
    connect(m_followButton, &QPushButton::clicked, this, [this]() { m_following ? stop() : start(); });
    auto *clearButton = new QPushButton(tr("C&lear"), this);
    connect(clearButton, &QPushButton::clicked, this, &QueryLogView::clear);
    filters->addWidget(m_nameEdit, 2);
    filters->addWidget(m_typeBox);
    filters->addWidget(m_rcodeBox);
    filters->addWidget(m_clientEdit, 1);
    filters->addWidget(m_sourceBox);
    filters->addWidget(m_followButton);
    filters->addWidget(clearButton);
    layout->addLayout(filters);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("queryLogTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(false); // arrival order; the newest rows stay at the bottom
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QueryLogModel::NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("queryLogStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &QueryLogView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &QueryLogView::updateStatus);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &QueryLogView::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &QueryLogView::updateStatus);
    setAdminClient(admin);
}

QueryLogView::~QueryLogView()
{
    stop();
}

void QueryLogView::setAdminClient(AdminClient *admin)
{
    const bool wasFollowing = m_following;
    stop();
    if (m_admin)
        disconnect(m_admin, nullptr, this, nullptr);
    m_admin = admin;
    if (m_admin) {
        connect(m_admin, &AdminClient::queryLogEntries, this, &QueryLogView::onEntries);
        connect(m_admin, &AdminClient::pollFailed, this, [this](const AdminError &e) {
            m_error = e.message;
            updateStatus();
        });
    }
    if (wasFollowing)
        start();
    updateStatus();
}

QString QueryLogView::statusText() const
{
    return m_status->text();
}

void QueryLogView::setNameFilter(const QString &text)
{
    m_nameEdit->setText(text);
}

void QueryLogView::setTypeFilter(const QString &type)
{
    m_typeBox->setCurrentText(type);
}

void QueryLogView::setRcodeFilter(const QString &rcode)
{
    m_rcodeBox->setCurrentText(rcode);
}

void QueryLogView::setClientFilter(const QString &text)
{
    m_clientEdit->setText(text);
}

void QueryLogView::setSourceFilter(const QString &source)
{
    m_sourceBox->setCurrentText(source);
}

void QueryLogView::start()
{
    if (!m_admin || m_following)
        return updateStatus();
    m_following = true;
    m_error.clear();
    m_followButton->setText(tr("&Pause"));
    m_admin->startQueryLogPolling();
    updateStatus();
}

void QueryLogView::stop()
{
    if (!m_following)
        return;
    m_following = false;
    if (m_admin)
        m_admin->stopQueryLogPolling();
    if (m_followButton)
        m_followButton->setText(tr("&Follow"));
    updateStatus();
}

void QueryLogView::clear()
{
    m_model->clear();
    m_missed = 0;
    updateStatus();
}

void QueryLogView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    start();
}

void QueryLogView::hideEvent(QHideEvent *event)
{
    // A hidden log need not hold a long poll open on the service.
    stop();
    QWidget::hideEvent(event);
}

void QueryLogView::onEntries(const std::vector<admin::QueryLogEntry> &entries, quint64 missed, bool reset)
{
    if (!m_following)
        return;
    m_error.clear();
    m_missed += missed;
    if (reset)
        m_error = tr("The service restarted: the log starts again from its first entry.");
    QScrollBar *bar = m_table->verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    m_model->appendEntries(entries);
    // Keep following the newest rows unless the user scrolled up to read older ones.
    if (atBottom)
        m_table->scrollToBottom();
    updateStatus();
    emit entriesAdded(int(entries.size()));
}

void QueryLogView::updateStatus()
{
    if (!m_status)
        return;
    QString text = tr("%1 of %2 queries shown").arg(m_filter->rowCount()).arg(m_model->rowCount());
    if (!m_admin)
        text += QLatin1String(" \u2014 ") + tr("not connected to the service's admin API");
    if (m_missed > 0)
        text += QLatin1String(" \u2014 ") + tr("%n entries were overwritten in the service before they were read", nullptr, int(m_missed));
    if (m_admin && !m_following)
        text += QLatin1String(" \u2014 ") + tr("paused");
    if (!m_error.isEmpty())
        text += QLatin1String(" \u2014 ") + m_error;
    m_status->setText(text);
}

} // namespace skydns::console
