#include "tree/recordspage.h"

#include "tree/dnstreefiltermodel.h"
#include "tree/dnstreemodel.h"

#ifdef SKYDNS_CONSOLE_HAS_EDITOR // from console/CMakeLists.txt
#include "editor/serviceeditor.h"
#endif

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

constexpr int kFilterDelayMs = 250;
constexpr int kExpandDepth = 8; // deeper than any SkyDNS name in practice

} // namespace

RecordsPage::RecordsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new DnsTreeModel(this))
    , m_proxy(new DnsTreeFilterModel(this))
{
    setObjectName(QStringLiteral("recordsPage"));
    m_proxy->setSourceModel(m_model);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter by name or host (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    // Typing re-filters once the user pauses: every keystroke over 100k rows would stutter.
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &RecordsPage::applyFilter);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("etcdTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true); // keeps scrolling through 100k rows cheap
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(DnsTreeModel::NameColumn, 300);
    m_tree->setColumnWidth(DnsTreeModel::TypeColumn, 200);
    for (int c : {DnsTreeModel::PortColumn, DnsTreeModel::PriorityColumn, DnsTreeModel::WeightColumn})
        m_tree->setColumnWidth(c, 64);
    m_tree->setColumnWidth(DnsTreeModel::TtlColumn, 90);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &RecordsPage::onCurrentChanged);
    connect(m_model, &DnsTreeModel::loadFailed, this, &RecordsPage::statusMessage);
    connect(m_model, &DnsTreeModel::allLoaded, this,
            [this](int names, DnsTreeModel::LoadAllState state, const QString &message) {
                onAllLoaded(names, int(state), message);
            });

    m_searchInfo = new QLabel(this);
    m_searchInfo->setObjectName(QStringLiteral("searchInfo"));
    m_searchInfo->setWordWrap(true);
    m_searchInfo->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_searchInfo);
    leftLayout->addWidget(m_tree);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("recordsSplitter"));
    m_splitter->addWidget(left);
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    m_editor = new ServiceEditor(nullptr, this);
    m_editor->setObjectName(QStringLiteral("serviceEditor"));
    m_splitter->addWidget(m_editor);
    connect(m_editor, &ServiceEditor::saved, this, [this](const QString &key) {
        Q_EMIT statusMessage(tr("Saved %1").arg(m_model->domainOf(key)));
    });
    connect(m_editor, &ServiceEditor::deleted, this, [this](const QString &key) {
        Q_EMIT statusMessage(tr("Deleted %1").arg(m_model->domainOf(key)));
    });
    connect(m_editor, &ServiceEditor::writeFailed, this,
            [this](const QString &, const QString &message) { Q_EMIT statusMessage(message); });
#else
    m_placeholder = new QLabel(tr("The service editor is not available in this build."), this);
    m_placeholder->setObjectName(QStringLiteral("editorPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_splitter->addWidget(m_placeholder);
#endif
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

RecordsPage::~RecordsPage()
{
    // The model must stop watching before the store goes; the store may outlive this page.
    m_model->setStore(nullptr);
}

QWidget *RecordsPage::editor() const
{
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    return m_editor;
#else
    return nullptr;
#endif
}

void RecordsPage::setStore(KvStore *store, const QString &prefix, const QString &domain)
{
    m_store = store;
    m_prefix = prefix;
    m_domain = domain;
    m_model->setStore(store, prefix);
    m_searchInfo->clear();
    m_searchInfo->hide();
    if (!m_proxy->searchText().isEmpty())
        applyFilter(); // the new tree is searched as a whole too
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    m_editor->setStore(store);
    // The editor takes the prefix as SkyDNS's -path-prefix flag: without the leading '/'.
    QString flag = prefix;
    while (flag.startsWith(QLatin1Char('/')))
        flag.remove(0, 1);
    m_editor->setPathPrefix(flag);
#endif
}

QString RecordsPage::selectedKey() const
{
    return m_tree->currentIndex().data(DnsTreeModel::KeyRole).toString();
}

bool RecordsPage::selectKey(const QString &key)
{
    const QModelIndex source = m_model->indexOfKey(key);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        m_tree->expand(up);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void RecordsPage::refresh()
{
    m_model->reload(); // in place: expanded directories and the selection stay
    Q_EMIT statusMessage(tr("Reloading the tree..."));
    if (!m_proxy->searchText().isEmpty() && m_model->loadAllState() == DnsTreeModel::LoadAllState::NotLoaded)
        applyFilter(); // a capped or failed search is tried again
}

void RecordsPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void RecordsPage::applyFilter()
{
    m_proxy->setSearchText(m_filter->text());
    if (m_proxy->searchText().isEmpty()) {
        m_searchInfo->hide();
        return;
    }
    // A search covers the whole tree, not only the directories someone expanded: the first one
    // reads every name at once (capped), the watch keeps them current for the next ones.
    if (m_store && m_model->loadAllState() == DnsTreeModel::LoadAllState::NotLoaded) {
        m_model->loadAll(m_searchLimit);
        m_searchInfo->setText(tr("Searching all names..."));
        m_searchInfo->show();
    } else if (m_model->loadAllState() != DnsTreeModel::LoadAllState::Loading) {
        m_searchInfo->setVisible(!m_searchInfo->text().isEmpty());
    }
    expandLoadedMatches({}, 0);
}

void RecordsPage::onAllLoaded(int names, int state, const QString &message)
{
    switch (DnsTreeModel::LoadAllState(state)) {
    case DnsTreeModel::LoadAllState::Capped:
        m_searchInfo->setText(tr("Showing matches in the first %1 names only: expand a directory to search all of it.")
                                  .arg(QLocale().toString(names)));
        break;
    case DnsTreeModel::LoadAllState::Failed:
        m_searchInfo->setText(tr("Only the loaded directories are searched: %1").arg(message));
        break;
    default:
        m_searchInfo->clear(); // everything is searched: nothing to say
        break;
    }
    const bool filtering = !m_proxy->searchText().isEmpty();
    m_searchInfo->setVisible(filtering && !m_searchInfo->text().isEmpty());
    if (filtering)
        expandLoadedMatches({}, 0);
}

void RecordsPage::expandLoadedMatches(const QModelIndex &proxyParent, int depth)
{
    // Only rows already loaded: expanding an unloaded directory would fetch it, and a filter over
    // 100k services must not start thousands of lists.
    if (depth > kExpandDepth)
        return;
    for (int row = 0; row < m_proxy->rowCount(proxyParent); ++row) {
        const QModelIndex index = m_proxy->index(row, 0, proxyParent);
        if (m_proxy->rowCount(index) == 0)
            continue;
        m_tree->expand(index);
        expandLoadedMatches(index, depth + 1);
    }
}

void RecordsPage::onCurrentChanged()
{
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || current.data(DnsTreeModel::IsDirRole).toBool())
        return;
    m_editor->open(current.data(DnsTreeModel::KeyRole).toString());
#endif
}

QString RecordsPage::selectedDirectoryDomain() const
{
    QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && !current.data(DnsTreeModel::IsDirRole).toBool())
        current = current.parent();
    if (!current.isValid())
        return m_domain;
    return current.data(DnsTreeModel::DomainRole).toString();
}

void RecordsPage::newService()
{
    if (!m_store) {
        Q_EMIT statusMessage(tr("Connect to etcd first."));
        return;
    }
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    m_editor->newService(QStringLiteral("new.") + selectedDirectoryDomain());
    m_editor->setFocus(Qt::ShortcutFocusReason);
#else
    Q_EMIT statusMessage(tr("The service editor is not available in this build."));
#endif
}

void RecordsPage::deleteSelected()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!m_store || !current.isValid())
        return;
    if (current.data(DnsTreeModel::IsDirRole).toBool()) {
        Q_EMIT statusMessage(tr("%1 is a domain, not a service: delete the services in it first.")
                                 .arg(current.data(DnsTreeModel::DomainRole).toString()));
        return;
    }
#ifdef SKYDNS_CONSOLE_HAS_EDITOR
    if (m_editor->key() == current.data(DnsTreeModel::KeyRole).toString()) {
        m_editor->requestDelete();
        return;
    }
#endif
    const QString key = current.data(DnsTreeModel::KeyRole).toString();
    const qint64 revision = current.data(DnsTreeModel::RevisionRole).toLongLong();
    const QString name = current.data(DnsTreeModel::DomainRole).toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete service"),
                                tr("Delete %1?\nThe key %2 is removed from etcd.").arg(name, key),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deleteBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, key, revision, name](int result) {
        if (result != QMessageBox::Yes || !m_store)
            return;
        m_store->remove(key, revision, this, [this, name](const KvResult &r) {
            if (r.ok())
                Q_EMIT statusMessage(tr("Deleted %1").arg(name));
            else if (r.status == KvResult::Status::Conflict)
                Q_EMIT statusMessage(tr("%1 was changed by someone else meanwhile: not deleted.").arg(name));
            else
                Q_EMIT statusMessage(r.message);
        });
    });
    box->open();
}

} // namespace skydns::console
