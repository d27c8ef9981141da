#include "editor/serviceeditor.h"

#include "editor/servicevalidation.h"
#include "model/gojson.h"
#include "model/path.h"
#include "model/service.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

QByteArray goString(const QString &s)
{
    std::string out;
    model::gojson::appendGoString(out, s.toStdString());
    return QByteArray::fromStdString(out);
}

QString numberText(qint64 v)
{
    return v == 0 ? QString() : QString::number(v);
}

} // namespace

ServiceEditor::ServiceEditor(KvStore *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    buildUi();
    newService();
}

QLineEdit *ServiceEditor::addField(QFormLayout *form, const QString &objectName, const QString &label,
                                   const QString &tip)
{
    auto *cell = new QWidget(this);
    auto *box = new QVBoxLayout(cell);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(1);
    auto *edit = new QLineEdit(cell);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(tip);
    edit->setToolTip(tip);
    auto *error = new QLabel(cell);
    error->setObjectName(objectName.left(objectName.size() - 4) + QStringLiteral("Error"));
    error->setStyleSheet(QStringLiteral("color: #b00020;"));
    error->setWordWrap(true);
    error->hide();
    box->addWidget(edit);
    box->addWidget(error);
    form->addRow(label, cell);
    m_errors.insert(edit, error);
    return edit;
}

void ServiceEditor::buildUi()
{
    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    m_host = addField(form, QStringLiteral("hostEdit"), tr("&Host:"), tr("IPv4 or IPv6 address, or a host name"));
    m_port = addField(form, QStringLiteral("portEdit"), tr("&Port:"), tr("0-65535 (SRV port)"));
    m_priority = addField(form, QStringLiteral("priorityEdit"), tr("P&riority:"), tr("0 = the server's default priority"));
    m_weight = addField(form, QStringLiteral("weightEdit"), tr("&Weight:"), tr("0-65535 (SRV weight; 0 counts as 100)"));
    m_ttl = addField(form, QStringLiteral("ttlEdit"), tr("&TTL:"), tr("answer TTL in seconds; 0 = etcd TTL or the server's default"));
    m_text = addField(form, QStringLiteral("textEdit"), tr("Te&xt:"), tr("TXT record data"));
    m_mail = new QCheckBox(tr("Answer &MX queries with this service"), m_form);
    m_mail->setObjectName(QStringLiteral("mailCheck"));
    form->addRow(tr("Mail:"), m_mail);
    m_group = addField(form, QStringLiteral("groupEdit"), tr("&Group:"), tr("only services of the same group are answered together"));
    m_targetStrip = addField(form, QStringLiteral("targetStripEdit"), tr("Target stri&p:"),
                             tr("labels removed from the left of the SRV/MX target"));

    m_raw = new QPlainTextEdit(this);
    m_raw->setObjectName(QStringLiteral("rawEdit"));
    m_raw->setFont(QFont(QStringLiteral("monospace")));
    m_jsonError = new QLabel(this);
    m_jsonError->setObjectName(QStringLiteral("jsonError"));
    m_jsonError->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_jsonError->setWordWrap(true);
    m_jsonError->hide();
    auto *rawPane = new QWidget(this);
    auto *rawBox = new QVBoxLayout(rawPane);
    rawBox->setContentsMargins(0, 0, 0, 0);
    rawBox->addWidget(new QLabel(tr("Raw JSON (members the form does not know are kept):"), rawPane));
    rawBox->addWidget(m_raw);
    rawBox->addWidget(m_jsonError);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_form);
    splitter->addWidget(rawPane);

    auto *head = new QFormLayout;
    m_name = addField(head, QStringLiteral("nameEdit"), tr("DNS &name:"), tr("e.g. web.east.skydns.local."));
    m_keyLabel = new QLabel(this);
    m_keyLabel->setObjectName(QStringLiteral("keyLabel"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    head->addRow(tr("etcd key:"), m_keyLabel);
    m_keyTtl = addField(head, QStringLiteral("keyTtlEdit"), tr("Key &expiry:"),
                        tr("seconds until etcd deletes the key; empty or 0 = never"));

    m_conflict = new ConflictPanel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setShortcut(QKeySequence::Save);
    m_deleteButton = new QPushButton(tr("&Delete…"), this);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_reloadButton = new QPushButton(tr("Re&load"), this);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    m_reloadButton->setShortcut(QKeySequence::Refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_reloadButton);
    buttons->addWidget(m_deleteButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_conflict);
    layout->addLayout(buttons);

    for (QLineEdit *edit : {m_host, m_port, m_priority, m_weight, m_ttl, m_text, m_group, m_targetStrip})
        connect(edit, &QLineEdit::textEdited, this, &ServiceEditor::onFieldsEdited);
    connect(m_mail, &QCheckBox::toggled, this, &ServiceEditor::onFieldsEdited);
    connect(m_raw, &QPlainTextEdit::textChanged, this, &ServiceEditor::onRawEdited);
    connect(m_name, &QLineEdit::textChanged, this, &ServiceEditor::onNameEdited);
    connect(m_keyTtl, &QLineEdit::textChanged, this, [this] {
        setFieldError(m_keyTtl, ServiceValidation::checkNumber(m_keyTtl->text(), ServiceValidation::kMaxKeyTtl));
        updateState();
    });
    connect(m_saveButton, &QPushButton::clicked, this, &ServiceEditor::save);
    connect(m_deleteButton, &QPushButton::clicked, this, &ServiceEditor::requestDelete);
    connect(m_reloadButton, &QPushButton::clicked, this, &ServiceEditor::reload);
    connect(m_conflict, &ConflictPanel::loadTheirsRequested, this, &ServiceEditor::loadTheirs);
    connect(m_conflict, &ConflictPanel::overwriteRequested, this, &ServiceEditor::overwrite);
}

void ServiceEditor::setStore(KvStore *store)
{
    m_store = store;
    newService();
}

void ServiceEditor::setPathPrefix(const QString &prefix)
{
    m_prefix = prefix.isEmpty() ? QStringLiteral("skydns") : prefix;
    onNameEdited();
}

void ServiceEditor::newService(const QString &dnsName)
{
    m_conflict->hide();
    m_isNew = true;
    m_revision = 0;
    m_loaded = true;
    m_name->setReadOnly(false);
    m_name->setText(dnsName);
    m_keyTtl->clear();
    setRaw("{}");
    setStatus(QString(), false);
    onNameEdited();
}

void ServiceEditor::open(const QString &key)
{
    m_conflict->hide();
    m_key = key;
    m_loaded = false;
    m_name->setReadOnly(true);
    m_name->setText(QString::fromStdString(model::pathToDomain(key.toStdString())));
    setFieldError(m_name, QString());
    m_keyLabel->setText(key);
    if (!m_store) {
        setStatus(tr("Not connected to etcd."), true);
        updateState();
        return;
    }
    setBusy(true, tr("Loading %1…").arg(key));
    m_store->get(key, this, [this, key](const KvResult &result) {
        setBusy(false);
        if (key != m_key)
            return; // another open() came meanwhile
        if (!result.ok() || result.entries.isEmpty()) {
            const QString message = result.status == KvResult::Status::NotFound
                                        ? tr("%1 does not exist (any more).").arg(key)
                                        : tr("Could not load %1: %2").arg(key, result.message);
            setStatus(message, true);
            updateState();
            Q_EMIT loadFailed(key, message);
            return;
        }
        showLoaded(result.entries.first());
        setStatus(tr("Loaded revision %1.").arg(m_revision), false);
        Q_EMIT loaded(key);
    });
}

void ServiceEditor::reload()
{
    if (!m_isNew && !m_key.isEmpty())
        open(m_key);
}

void ServiceEditor::showLoaded(const KvEntry &entry)
{
    if (!entry.key.isEmpty())
        m_key = entry.key;
    m_revision = entry.revision;
    m_isNew = false;
    m_loaded = true;
    m_name->setReadOnly(true);
    m_name->setText(QString::fromStdString(model::pathToDomain(m_key.toStdString())));
    m_keyLabel->setText(m_key);
    m_keyTtl->setText(numberText(entry.ttl));
    // A value that does not parse is shown byte for byte so the user can repair it.
    const std::optional<JsonMembers> members = JsonMembers::parse(entry.value);
    setRaw(members ? members->pretty() : entry.value);
}

void ServiceEditor::setRaw(const QByteArray &text)
{
    m_raw->setPlainText(QString::fromUtf8(text)); // textChanged -> onRawEdited fills the form
}

void ServiceEditor::onNameEdited()
{
    if (m_name->isReadOnly()) {
        updateState();
        return;
    }
    const QString name = m_name->text().trimmed();
    const QString error = ServiceValidation::checkDomainName(name);
    setFieldError(m_name, name.isEmpty() && m_isNew ? tr("enter the DNS name of the new service") : error);
    // Query names are lower-cased before lookup (spec 2.1), so only a lower-case key is ever found.
    m_key = error.isEmpty() ? QString::fromStdString(model::domainToPath(model::toLowerAscii(name.toStdString()),
                                                                         m_prefix.toStdString()))
                            : QString();
    m_keyLabel->setText(m_key.isEmpty() ? tr("(no valid name)") : m_key);
    updateState();
}

void ServiceEditor::onRawEdited()
{
    if (m_syncing)
        return;
    const QByteArray text = m_raw->toPlainText().toUtf8();
    QString error;
    std::string serviceError;
    const std::optional<JsonMembers> members = JsonMembers::parse(text, &error);
    std::optional<model::Service> service;
    if (members)
        service = model::parseService(text.toStdString(), m_key.toStdString(), &serviceError);
    m_jsonValid = members && service;
    if (!m_jsonValid) {
        m_jsonError->setText(members ? tr("Invalid service: %1").arg(QString::fromStdString(serviceError))
                                     : tr("Invalid JSON: %1").arg(error));
        m_jsonError->show();
        // The form would overwrite the raw text the user is repairing: it waits for valid JSON.
        m_form->setEnabled(false);
        updateState();
        return;
    }
    m_jsonError->hide();
    m_form->setEnabled(true);
    m_members = *members;
    m_syncing = true;
    m_host->setText(QString::fromStdString(service->host));
    m_port->setText(numberText(service->port));
    m_priority->setText(numberText(service->priority));
    m_weight->setText(numberText(service->weight));
    m_ttl->setText(numberText(service->ttl));
    m_text->setText(QString::fromStdString(service->text));
    m_mail->setChecked(service->mail);
    m_group->setText(QString::fromStdString(service->group));
    m_targetStrip->setText(numberText(service->targetStrip));
    m_syncing = false;
    validateFields();
    updateState();
}

bool ServiceEditor::setFieldError(QLineEdit *edit, const QString &error)
{
    QLabel *label = m_errors.value(edit);
    label->setText(error);
    label->setVisible(!error.isEmpty());
    return error.isEmpty();
}

bool ServiceEditor::validateFields()
{
    bool ok = setFieldError(m_host, ServiceValidation::checkHost(m_host->text()));
    ok &= setFieldError(m_port, ServiceValidation::checkNumber(m_port->text(), ServiceValidation::kMaxPort));
    ok &= setFieldError(m_priority, ServiceValidation::checkNumber(m_priority->text(), ServiceValidation::kMaxPriority));
    ok &= setFieldError(m_weight, ServiceValidation::checkNumber(m_weight->text(), ServiceValidation::kMaxWeight));
    ok &= setFieldError(m_ttl, ServiceValidation::checkNumber(m_ttl->text(), ServiceValidation::kMaxTtl));
    ok &= setFieldError(m_targetStrip,
                        ServiceValidation::checkNumber(m_targetStrip->text(), ServiceValidation::kMaxTargetStrip));
    return ok;
}

bool ServiceEditor::hasFieldErrors() const
{
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it) {
        if (!it.value()->text().isEmpty() && (it.key() != m_name || !m_name->isReadOnly()))
            return true;
    }
    return false;
}

void ServiceEditor::onFieldsEdited()
{
    if (m_syncing || !m_jsonValid)
        return;
    validateFields();
    const std::optional<model::Service> current =
        model::parseService(m_members.compact().toStdString(), m_key.toStdString());
    if (!current)
        return;
    // Only fields whose value differs are rewritten, so untouched members keep their spelling;
    // zero values are dropped as Go's omitempty does.
    auto setString = [this](const char *field, const std::string &old, QLineEdit *edit) {
        const QString now = edit->text();
        if (!m_errors.value(edit)->text().isEmpty() || now.toStdString() == old)
            return;
        if (now.isEmpty())
            m_members.remove(QString::fromLatin1(field));
        else
            m_members.set(QString::fromLatin1(field), goString(now));
    };
    auto setNumber = [this](const char *field, qint64 old, QLineEdit *edit) {
        quint64 now = 0;
        if (!ServiceValidation::checkNumber(edit->text(), ServiceValidation::kMaxTtl, &now).isEmpty() ||
            !m_errors.value(edit)->text().isEmpty() || qint64(now) == old)
            return;
        if (now == 0)
            m_members.remove(QString::fromLatin1(field));
        else
            m_members.set(QString::fromLatin1(field), QByteArray::number(now));
    };
    setString("host", current->host, m_host);
    setNumber("port", current->port, m_port);
    setNumber("priority", current->priority, m_priority);
    setNumber("weight", current->weight, m_weight);
    setString("text", current->text, m_text);
    if (m_mail->isChecked() != current->mail) {
        if (m_mail->isChecked())
            m_members.set(QStringLiteral("mail"), QByteArrayLiteral("true"));
        else
            m_members.remove(QStringLiteral("mail"));
    }
    setNumber("ttl", current->ttl, m_ttl);
    setNumber("targetstrip", current->targetStrip, m_targetStrip);
    setString("group", current->group, m_group);
    m_syncing = true;
    m_raw->setPlainText(QString::fromUtf8(m_members.pretty()));
    m_syncing = false;
    updateState();
}

bool ServiceEditor::canSave() const
{
    return m_store && m_loaded && !m_busy && m_jsonValid && !m_key.isEmpty() && !hasFieldErrors();
}

void ServiceEditor::updateState()
{
    m_saveButton->setEnabled(canSave());
    m_deleteButton->setEnabled(m_store && !m_busy && !m_isNew && m_loaded);
    m_reloadButton->setEnabled(m_store && !m_busy && !m_isNew);
}

void ServiceEditor::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    if (busy)
        setStatus(message, false);
    updateState();
}

void ServiceEditor::setStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ServiceEditor::save()
{
    if (!canSave())
        return;
    m_conflict->hide();
    writeService(m_isNew ? KvStore::MustNotExist : m_revision);
}

void ServiceEditor::writeService(qint64 expectedRevision)
{
    quint64 ttl = 0;
    ServiceValidation::checkNumber(m_keyTtl->text(), ServiceValidation::kMaxKeyTtl, &ttl);
    setBusy(true, tr("Saving %1…").arg(m_key));
    m_store->put(m_key, value(), expectedRevision, qint64(ttl), this,
                 [this](const KvResult &result) { handleWrite(result, ConflictPanel::Operation::Save); });
}

void ServiceEditor::requestDelete()
{
    if (!m_store || m_isNew || m_busy)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete service"),
                                tr("Delete %1 (key %2)? DNS answers for it stop at once.")
                                    .arg(m_name->text(), m_key),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revision = m_revision](int) {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            deleteService(revision);
    });
    box->open();
}

void ServiceEditor::deleteService(qint64 expectedRevision)
{
    m_conflict->hide();
    setBusy(true, tr("Deleting %1…").arg(m_key));
    m_store->remove(m_key, expectedRevision, this,
                    [this](const KvResult &result) { handleWrite(result, ConflictPanel::Operation::Delete); });
}

void ServiceEditor::handleWrite(const KvResult &result, ConflictPanel::Operation operation)
{
    setBusy(false);
    const bool save = operation == ConflictPanel::Operation::Save;
    if (result.ok()) {
        if (save) {
            m_isNew = false;
            m_revision = result.entries.isEmpty() ? result.storeRevision : result.entries.first().revision;
            m_name->setReadOnly(true);
            setStatus(tr("Saved %1 (revision %2).").arg(m_key).arg(m_revision), false);
            updateState();
            Q_EMIT saved(m_key);
        } else {
            // The form keeps the deleted values, so "Save" creates the service again if wanted.
            m_isNew = true;
            m_revision = 0;
            m_name->setReadOnly(false);
            setStatus(tr("Deleted %1.").arg(m_key), false);
            updateState();
            Q_EMIT deleted(m_key);
        }
        return;
    }
    // A compare-and-swap on a key that is gone may come back as NotFound: it is the same
    // conflict (someone deleted it), shown the same way.
    const bool gone = result.status == KvResult::Status::NotFound && (!save || !m_isNew);
    if (result.status == KvResult::Status::Conflict || gone) {
        KvEntry theirs = gone ? KvEntry{} : result.current;
        if (theirs.key.isEmpty())
            theirs.key = m_key;
        m_conflict->showConflict(operation, m_key, theirs);
        setStatus(tr("Conflict: someone else changed %1. Nothing was overwritten.").arg(m_key), true);
        Q_EMIT conflictShown(m_key);
        return;
    }
    const QString message = save ? tr("Could not save %1: %2").arg(m_key, result.message)
                                 : tr("Could not delete %1: %2").arg(m_key, result.message);
    setStatus(message, true);
    Q_EMIT writeFailed(m_key, message);
}

void ServiceEditor::loadTheirs()
{
    const KvEntry theirs = m_conflict->theirs();
    if (theirs.revision == 0) {
        newService(m_name->text());
        return;
    }
    showLoaded(theirs);
    setStatus(tr("Loaded their version (revision %1).").arg(m_revision), false);
}

void ServiceEditor::overwrite()
{
    const KvEntry theirs = m_conflict->theirs();
    // The write is still conditional: it replaces exactly the version the user has just seen.
    if (m_conflict->operation() == ConflictPanel::Operation::Save) {
        m_isNew = theirs.revision == 0;
        writeService(theirs.revision == 0 ? KvStore::MustNotExist : theirs.revision);
    } else if (theirs.revision != 0) {
        deleteService(theirs.revision);
    }
}

} // namespace skydns::console
