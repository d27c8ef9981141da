#include "keys/keymanager.h"

#include "admin/adminclient.h"
#include "etcd/kvstore.h"
#include "keys/dnssecconfig.h"

#include "dnssec/keypair.h"
#include "dnssec/keytools.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

bool isRsa(int algorithm)
{
    return algorithm == dnssec::kRsaSha1 || algorithm == dnssec::kRsaSha1Nsec3Sha1 || algorithm == dnssec::kRsaSha256
        || algorithm == dnssec::kRsaSha512;
}

QString sameBase(QString path)
{
    return path.replace(QLatin1Char(' '), QLatin1Char('+'));
}

} // namespace

KeyManager::KeyManager(KvStore *store, AdminClient *admin, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_admin(admin)
{
    setObjectName(QStringLiteral("keyManager"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("State"), tr("Key"), tr("Zone"), tr("Algorithm"), tr("Tag"), tr("Type")});
    m_writer = new DnssecConfigWriter(store, configKey(), this);
    buildUi();
    updateButtons();
}

KeyManager::~KeyManager() = default;

void KeyManager::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *dirRow = new QHBoxLayout;
    m_directoryEdit = new QLineEdit(this);
    m_directoryEdit->setObjectName(QStringLiteral("keyDirectoryEdit"));
    m_directoryEdit->setPlaceholderText(tr("Directory of BIND key files (K<zone>+<alg>+<tag>.key/.private)"));
    connect(m_directoryEdit, &QLineEdit::editingFinished, this, &KeyManager::refresh);
    auto *browse = new QPushButton(tr("&Browse..."), this);
    connect(browse, &QPushButton::clicked, this, &KeyManager::browseDirectory);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    connect(refreshButton, &QPushButton::clicked, this, &KeyManager::refresh);
    dirRow->addWidget(new QLabel(tr("Key directory:"), this));
    dirRow->addWidget(m_directoryEdit, 1);
    dirRow->addWidget(browse);
    dirRow->addWidget(refreshButton);
    layout->addLayout(dirRow);

    auto *genRow = new QHBoxLayout;
    m_zoneLabel = new QLabel(this);
    m_zoneLabel->setObjectName(QStringLiteral("zoneLabel"));
    m_algorithmBox = new QComboBox(this);
    m_algorithmBox->setObjectName(QStringLiteral("algorithmBox"));
    for (const KeyAlgorithmChoice &c : keyAlgorithmChoices())
        m_algorithmBox->addItem(tr("%1 (%2)").arg(c.name).arg(c.number), c.number);
    m_kskBox = new QCheckBox(tr("Key-signing key (SEP flag, 257)"), this);
    m_kskBox->setChecked(true);
    m_kskBox->setToolTip(tr("SkyDNS signs with one key: marking it as key-signing key lets the parent's DS point at it."));
    m_rsaBitsBox = new QSpinBox(this);
    m_rsaBitsBox->setRange(1024, 4096);
    m_rsaBitsBox->setSingleStep(1024);
    m_rsaBitsBox->setValue(2048);
    m_rsaBitsBox->setSuffix(tr(" bits"));
    connect(m_algorithmBox, &QComboBox::currentIndexChanged, this, &KeyManager::updateButtons);
    m_generateButton = new QPushButton(tr("&Generate key"), this);
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    connect(m_generateButton, &QPushButton::clicked, this, &KeyManager::generate);
    genRow->addWidget(m_zoneLabel);
    genRow->addWidget(m_algorithmBox);
    genRow->addWidget(m_rsaBitsBox);
    genRow->addWidget(m_kskBox);
    genRow->addStretch(1);
    genRow->addWidget(m_generateButton);
    layout->addLayout(genRow);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &KeyManager::onSelectionChanged);
    layout->addWidget(m_table, 2);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("keyDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_details->setFont(mono);
    layout->addWidget(m_details, 1);

    auto *actions = new QHBoxLayout;
    auto *copyDnskeyButton = new QPushButton(tr("Copy &DNSKEY"), this);
    connect(copyDnskeyButton, &QPushButton::clicked, this, &KeyManager::copyDnskey);
    auto *copyDs256Button = new QPushButton(tr("Copy DS (SHA-&256)"), this);
    connect(copyDs256Button, &QPushButton::clicked, this, &KeyManager::copyDs256);
    auto *copyDs384Button = new QPushButton(tr("Copy DS (SHA-&384)"), this);
    connect(copyDs384Button, &QPushButton::clicked, this, &KeyManager::copyDs384);
    m_activateButton = new QPushButton(tr("&Activate"), this);
    m_activateButton->setObjectName(QStringLiteral("activateButton"));
    connect(m_activateButton, &QPushButton::clicked, this, &KeyManager::activateSelected);
    m_retireButton = new QPushButton(tr("Re&tire"), this);
    m_retireButton->setObjectName(QStringLiteral("retireButton"));
    connect(m_retireButton, &QPushButton::clicked, this, &KeyManager::retireActive);
    actions->addWidget(copyDnskeyButton);
    actions->addWidget(copyDs256Button);
    actions->addWidget(copyDs384Button);
    actions->addStretch(1);
    actions->addWidget(m_activateButton);
    actions->addWidget(m_retireButton);
    layout->addLayout(actions);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("keyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    setZone(m_zone);
}

void KeyManager::setStore(KvStore *store)
{
    m_store = store;
    delete m_writer;
    m_writer = new DnssecConfigWriter(store, configKey(), this);
    refresh();
}

void KeyManager::setAdminClient(AdminClient *admin)
{
    m_admin = admin;
}

void KeyManager::setZone(const QString &zone)
{
    m_zone = normalizeZone(zone.isEmpty() ? QStringLiteral("skydns.local.") : zone);
    m_zoneLabel->setText(tr("New key for %1:").arg(m_zone));
}

QString KeyManager::zone() const
{
    return m_zone;
}

void KeyManager::setPathPrefix(const QString &prefix)
{
    QString p = prefix;
    while (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    m_prefix = p.isEmpty() ? QStringLiteral("skydns") : p;
    delete m_writer;
    m_writer = new DnssecConfigWriter(m_store, configKey(), this);
}

QString KeyManager::configKey() const
{
    return QLatin1Char('/') + m_prefix + QStringLiteral("/config");
}

void KeyManager::setKeyDirectory(const QString &directory)
{
    m_directoryEdit->setText(directory);
    refresh();
}

QString KeyManager::keyDirectory() const
{
    return m_directoryEdit->text().trimmed();
}

void KeyManager::setAlgorithm(int algorithm)
{
    const int index = m_algorithmBox->findData(algorithm);
    if (index >= 0)
        m_algorithmBox->setCurrentIndex(index);
}

void KeyManager::setKeySigningKey(bool ksk)
{
    m_kskBox->setChecked(ksk);
}

void KeyManager::setRsaBits(int bits)
{
    m_rsaBitsBox->setValue(bits);
}

KeyInfo KeyManager::selectedKey() const
{
    for (const KeyInfo &k : m_keys)
        if (k.basePath == m_selected)
            return k;
    return {};
}

QString KeyManager::detailsText() const
{
    return m_details->toPlainText();
}

QString KeyManager::statusText() const
{
    return m_status->text();
}

void KeyManager::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void KeyManager::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void KeyManager::updateButtons()
{
    const int alg = m_algorithmBox->currentData().toInt();
    m_rsaBitsBox->setEnabled(isRsa(alg));
    const KeyInfo sel = selectedKey();
    m_generateButton->setEnabled(!m_busy);
    m_activateButton->setEnabled(!m_busy && m_store && sel.ok() && !sel.basePath.isEmpty()
                                 && sameBase(sel.basePath) != sameBase(m_activeKey));
    m_retireButton->setEnabled(!m_busy && m_store && !m_activeKey.isEmpty());
}

void KeyManager::browseDirectory()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Key directory"), keyDirectory());
    if (!dir.isEmpty())
        setKeyDirectory(dir);
}

void KeyManager::refresh()
{
    const QString dir = keyDirectory();
    QList<KeyInfo> keys = dir.isEmpty() ? QList<KeyInfo>() : scanKeyDirectory(dir);
    m_keys = keys;
    rebuildModel();
    if (!m_store || !m_writer) {
        emit refreshed();
        return;
    }
    // A later refresh supersedes this read: drop its answer.
    const int generation = ++m_readGeneration;
    m_writer->readCurrent(this, [this, generation](bool ok, const QString &dnssec, const QString &message) {
        if (generation != m_readGeneration)
            return;
        if (!ok) {
            showStatus(tr("Could not read the active key from %1: %2").arg(configKey(), message), true);
            emit refreshed();
            return;
        }
        m_activeKey = dnssec;
        const QString active = sameBase(dnssec);
        bool listed = active.isEmpty();
        for (const KeyInfo &k : std::as_const(m_keys))
            listed = listed || k.basePath == active;
        // The active key may live outside the directory shown (or on the service's machine only).
        if (!listed)
            m_keys.prepend(loadKeyInfo(active));
        rebuildModel();
        emit refreshed();
    });
}

void KeyManager::rebuildModel()
{
    m_model->removeRows(0, m_model->rowCount());
    const QString active = sameBase(m_activeKey);
    int selectRow = -1;
    for (const KeyInfo &k : std::as_const(m_keys)) {
        QList<QStandardItem *> row;
        QString state = k.basePath == active ? tr("Active") : QString();
        if (!k.ok())
            state = state.isEmpty() ? tr("Unusable") : tr("Active, unusable");
        row << new QStandardItem(state) << new QStandardItem(k.basePath) << new QStandardItem(k.owner)
            << new QStandardItem(k.algorithmName) << new QStandardItem(k.ok() ? QString::number(k.keyTag) : QString())
            << new QStandardItem(!k.ok() ? QString() : k.flags == dnssec::kFlagsKsk ? tr("KSK") : tr("ZSK"));
        for (QStandardItem *item : row) {
            item->setEditable(false);
            if (!k.ok())
                item->setToolTip(k.error);
        }
        if (!k.ok())
            row.first()->setForeground(QColor(0xb0, 0x00, 0x20));
        if (k.basePath == m_selected)
            selectRow = m_model->rowCount();
        m_model->appendRow(row);
    }
    if (selectRow >= 0)
        m_table->selectRow(selectRow);
    onSelectionChanged();
}

void KeyManager::onSelectionChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid() && current.row() < m_keys.size())
        m_selected = m_keys.at(current.row()).basePath;
    const KeyInfo k = selectedKey();
    if (k.basePath.isEmpty())
        m_details->clear();
    else if (!k.ok())
        m_details->setPlainText(k.error);
    else
        m_details->setPlainText(tr("; DNSKEY (%1, tag %2)\n%3\n\n; DS for the parent zone, SHA-256\n%4\n\n"
                                   "; DS for the parent zone, SHA-384\n%5\n")
                                    .arg(k.algorithmName)
                                    .arg(k.keyTag)
                                    .arg(k.dnskey, k.ds256, k.ds384));
    updateButtons();
}

void KeyManager::selectKey(const QString &basePath)
{
    const QString want = sameBase(basePath);
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).basePath == want) {
            m_selected = want;
            m_table->selectRow(row);
            m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::NoUpdate);
            onSelectionChanged();
            return;
        }
    }
}

void KeyManager::generate()
{
    const QString dir = keyDirectory();
    if (dir.isEmpty()) {
        showStatus(tr("Pick a key directory first."), true);
        KeyInfo none;
        none.error = tr("Pick a key directory first.");
        emit generated(none);
        return;
    }
    const int alg = m_algorithmBox->currentData().toInt();
    const bool ksk = m_kskBox->isChecked();
    const int bits = m_rsaBitsBox->value();
    const QString zone = m_zone;
    setBusy(true);
    showStatus(tr("Generating a %1 key for %2...").arg(dnssec::algorithmName(alg).c_str(), zone));
    QPointer<KeyManager> self(this);
    // RSA 4096 takes seconds: keep the window responsive.
    QThreadPool::globalInstance()->start([self, dir, zone, alg, ksk, bits]() {
        const KeyInfo key = generateKeyFiles(dir, zone, alg, ksk, bits);
        QMetaObject::invokeMethod(
            qApp,
            [self, key]() {
                if (!self)
                    return;
                self->setBusy(false);
                if (!key.ok()) {
                    self->showStatus(key.error, true);
                } else {
                    self->m_selected = key.basePath;
                    self->showStatus(tr("Generated %1. Publish its DS at the parent before you activate it.")
                                         .arg(key.basePath));
                    self->refresh();
                }
                emit self->generated(key);
            },
            Qt::QueuedConnection);
    });
}

void KeyManager::activateSelected()
{
    const KeyInfo k = selectedKey();
    if (k.basePath.isEmpty() || !k.ok()) {
        const QString msg = k.basePath.isEmpty() ? tr("Select a key first.") : k.error;
        showStatus(msg, true);
        emit operationFinished(false, msg);
        return;
    }
    if (!m_store) {
        const QString msg = tr("Not connected to etcd: cannot write %1.").arg(configKey());
        showStatus(msg, true);
        emit operationFinished(false, msg);
        return;
    }
    setBusy(true);
    ++m_readGeneration; // a refresh still on its way would report the config as it was before
    m_writer->activate(k.basePath, k.owner, this, [this, k](const DnssecConfigWriter::Outcome &o) {
        setBusy(false);
        if (!o.ok()) {
            showStatus(o.message, true);
            emit operationFinished(false, o.message);
            refresh();
            return;
        }
        m_activeKey = k.basePath;
        rebuildModel();
        askReload(tr("%1 now names %2 as the DNSSEC key.").arg(configKey(), k.basePath), k.basePath);
    });
}

void KeyManager::retireActive()
{
    if (!m_store) {
        const QString msg = tr("Not connected to etcd: cannot write %1.").arg(configKey());
        showStatus(msg, true);
        emit operationFinished(false, msg);
        return;
    }
    setBusy(true);
    ++m_readGeneration;
    m_writer->retire(this, [this](const DnssecConfigWriter::Outcome &o) {
        setBusy(false);
        if (!o.ok()) {
            showStatus(o.message, true);
            emit operationFinished(false, o.message);
            refresh();
            return;
        }
        const QString old = m_activeKey;
        m_activeKey.clear();
        rebuildModel();
        askReload(old.isEmpty() ? tr("No DNSSEC key was active.")
                                : tr("%1 no longer names a DNSSEC key; the files of %2 were kept.").arg(configKey(), old),
                  QString());
    });
}

void KeyManager::askReload(const QString &doneText, const QString &expectedKey)
{
    if (!m_admin || !m_admin->isConfigured()) {
        const QString msg = doneText + QLatin1Char(' ')
            + tr("No admin connection: the service applies it when it sees %1 change, or after "
                 "`systemctl reload skydns` (SIGHUP).")
                  .arg(configKey());
        showStatus(msg);
        emit operationFinished(true, msg);
        return;
    }
    showStatus(doneText + QLatin1Char(' ') + tr("Asking the service to reload..."));
    m_admin->reload(this, [this, doneText, expectedKey](const AdminError &e, const admin::ReloadResult &r) {
        if (!e.ok() || !r.accepted) {
            const QString msg = doneText + QLatin1Char(' ')
                + (!e.ok() ? tr("The service did not reload: %1").arg(e.message)
                           : tr("The service refused the new configuration and keeps the running one: %1")
                                 .arg(QString::fromStdString(r.message)));
            showStatus(msg, true);
            // The config was written either way; a failed reload is reported, not an undone edit.
            emit operationFinished(true, msg);
            return;
        }
        // The service may have applied the change already (it watches the config key), so "changed"
        // alone says little: ask which key it runs with now.
        m_admin->fetchConfig(this, [this, doneText, expectedKey](const AdminError &ce, const admin::ConfigListing &c) {
            QString running;
            bool found = false;
            for (const admin::ConfigValue &v : c.settings) {
                if (v.key == "dnssec") {
                    running = QString::fromStdString(v.value);
                    found = true;
                }
            }
            QString msg;
            if (!ce.ok() || !found)
                msg = doneText + QLatin1Char(' ') + tr("The service reloaded; could not confirm the key it uses: %1")
                                                       .arg(ce.ok() ? tr("no dnssec setting listed") : ce.message);
            else if (running == expectedKey)
                msg = doneText + QLatin1Char(' ')
                    + (expectedKey.isEmpty() ? tr("The service reloaded its configuration and no longer signs.")
                                             : tr("The service reloaded its configuration and signs with the new key."));
            else
                msg = doneText + QLatin1Char(' ')
                    + tr("The service reloaded but still uses \"%1\" (the new key could not be loaded, see its log).")
                          .arg(running);
            showStatus(msg, !ce.ok() || !found || running != expectedKey);
            emit operationFinished(true, msg);
        });
    });
}

void KeyManager::copyDnskey()
{
    QApplication::clipboard()->setText(selectedKey().dnskey);
}

void KeyManager::copyDs256()
{
    QApplication::clipboard()->setText(selectedKey().ds256);
}

void KeyManager::copyDs384()
{
    QApplication::clipboard()->setText(selectedKey().ds384);
}

} // namespace skydns::console
