#include "registerdialog.h"

#include "discovery/registration.h"
#include "etcd/kvstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

QSpinBox *spinBox(int max, const QString &special, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, max);
    box->setSpecialValueText(special);
    return box;
}

} // namespace

RegisterDialog::RegisterDialog(KvStore *store, const QString &domain, const QString &prefix, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_domain(domain)
    , m_prefix(prefix)
{
    m_name = new QLineEdit(this);
    m_host = new QLineEdit(this);
    m_ttl = spinBox(86400 * 365, QString(), this);
    m_priority = spinBox(65535, QString(), this);
    m_weight = spinBox(65535, QString(), this);
    m_text = new QLineEdit(this);
    m_mail = new QCheckBox(this);
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setMaximumHeight(80);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The labels get their texts in retranslateUi, which finds them again through the layout.
    m_form = new QFormLayout;
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_host, m_ttl, m_priority, m_weight, m_text}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }
    m_form->addRow(QString(), m_mail);
    m_form->addRow(new QLabel(this), m_preview);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_register = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_replace = m_buttons->addButton(QString(), QDialogButtonBox::DestructiveRole);
    m_replace->setVisible(false);
    connect(m_register, &QPushButton::clicked, this, &RegisterDialog::submit);
    connect(m_replace, &QPushButton::clicked, this, &RegisterDialog::replace);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_host, m_text})
        connect(edit, &QLineEdit::textChanged, this, &RegisterDialog::validate);
    for (QSpinBox *box : {m_ttl, m_priority, m_weight})
        connect(box, &QSpinBox::valueChanged, this, &RegisterDialog::validate);
    connect(m_mail, &QCheckBox::toggled, this, &RegisterDialog::validate);
    validate();
}

RegisterDialog::~RegisterDialog() = default;

void RegisterDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RegisterDialog::retranslateUi()
{
    setWindowTitle(tr("Register a service"));
    m_name->setPlaceholderText(tr("web.dev (below %1)").arg(m_domain));
    m_host->setPlaceholderText(tr("127.0.0.1:8080, [::1]:8080 or host.example.com:443"));
    m_ttl->setSpecialValueText(tr("no expiry"));
    m_ttl->setSuffix(tr(" s"));
    m_priority->setSpecialValueText(tr("default"));
    m_weight->setSpecialValueText(tr("default"));
    m_mail->setText(tr("Answer MX queries with this service"));
    const std::pair<QWidget *, QString> labels[] = {
        {m_name, tr("&Name:")},         {m_host, tr("&Host[:port]:")}, {m_ttl, tr("&TTL:")},
        {m_priority, tr("&Priority:")}, {m_weight, tr("&Weight:")},    {m_text, tr("Te&xt:")},
        {m_preview, tr("Writes:")}};
    for (const auto &[field, text] : labels) {
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(field)))
            label->setText(text);
    }
    m_register->setText(tr("&Register"));
    m_replace->setText(tr("Re&place existing"));
    if (m_messageText)
        m_message->setText(m_messageText());
}

void RegisterDialog::setMessage(std::function<QString()> text)
{
    m_messageText = std::move(text);
    m_message->setText(m_messageText ? m_messageText() : QString());
}

QStringList RegisterDialog::arguments() const
{
    QStringList args{m_name->text().trimmed(), m_host->text().trimmed()};
    if (m_ttl->value() > 0)
        args << QStringLiteral("--ttl") << QString::number(m_ttl->value());
    if (m_priority->value() > 0)
        args << QStringLiteral("--priority") << QString::number(m_priority->value());
    if (m_weight->value() > 0)
        args << QStringLiteral("--weight") << QString::number(m_weight->value());
    if (!m_text->text().isEmpty())
        args << QStringLiteral("--text") << m_text->text();
    if (m_mail->isChecked())
        args << QStringLiteral("--mail");
    return args;
}

void RegisterDialog::validate()
{
    // Any edit invalidates a conflict shown for the previous form.
    m_replace->setVisible(false);
    m_conflictRevision = 0;
    m_key.clear();
    if (m_name->text().trimmed().isEmpty() || m_host->text().trimmed().isEmpty()) {
        setMessage([] { return tr("Give a name and a host."); });
        m_preview->clear();
        m_register->setEnabled(false);
        return;
    }
    const discovery::RegisterParse parse
        = discovery::parseRegisterArguments(arguments(), m_domain.toStdString(), m_prefix.toStdString());
    if (!parse.registration) {
        // The registration rules speak English (they are the command line's too).
        setMessage([error = parse.error] { return error; });
        m_preview->clear();
        m_register->setEnabled(false);
        return;
    }
    m_key = QString::fromStdString(parse.registration->key);
    m_name_ = QString::fromStdString(parse.registration->name);
    m_json = QByteArray::fromStdString(parse.registration->json());
    m_ttlSeconds = parse.registration->ttlSeconds;
    m_preview->setPlainText(m_key + QStringLiteral("\n") + QString::fromUtf8(m_json));
    setMessage([name = m_name_, host = m_host->text().trimmed()] {
        return tr("%1 will answer with %2.").arg(name, host);
    });
    m_register->setEnabled(!m_busy);
}

void RegisterDialog::submit()
{
    if (m_key.isEmpty() || m_busy)
        return;
    write(KvStore::MustNotExist);
}

void RegisterDialog::replace()
{
    if (m_key.isEmpty() || m_busy || m_conflictRevision == 0)
        return;
    write(m_conflictRevision);
}

void RegisterDialog::write(qint64 expectedRevision)
{
    setBusy(true);
    setMessage([key = m_key] { return tr("Writing %1…").arg(key); });
    const QString key = m_key;
    const QString name = m_name_;
    m_store->put(key, m_json, expectedRevision, m_ttlSeconds, this, [this, key, name](const KvResult &result) {
        setBusy(false);
        if (result.ok()) {
            setMessage([name] { return tr("Registered %1.").arg(name); });
            Q_EMIT registered(key, name);
            accept();
            return;
        }
        if (result.status == KvResult::Status::Conflict && result.current.revision != 0) {
            // Someone has (or just wrote) this name: show it, replace only that version, on request.
            m_conflictRevision = result.current.revision;
            setMessage([name, value = QString::fromUtf8(result.current.value)] {
                return tr("%1 is already registered as %2. Replace it?").arg(name, value);
            });
            m_replace->setVisible(true);
            return;
        }
        if (result.status == KvResult::Status::Conflict) {
            m_conflictRevision = 0;
            setMessage([name] { return tr("%1 changed meanwhile; press Register again.").arg(name); });
            return;
        }
        // The store's message was translated when it was made; only the frame follows a switch.
        setMessage([name, message = result.message] {
            return tr("Could not register %1: %2").arg(name, message);
        });
    });
}

void RegisterDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_register->setEnabled(!busy && !m_key.isEmpty());
    m_replace->setEnabled(!busy);
}

} // namespace skydns::console
