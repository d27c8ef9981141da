#include "connection/profiledialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace skydns::console {

ProfileDialog::ProfileDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("profileDialog"));
    // The texts are set by retranslateUi; m_labels keeps each field's label for it.
    m_form = new QFormLayout;

    auto line = [this](const QString &objectName) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(objectName);
        auto *label = new QLabel(this);
        label->setBuddy(edit);
        m_labels.insert(edit, label);
        m_form->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &ProfileDialog::revalidate);
        return edit;
    };
    m_name = line(QStringLiteral("nameEdit"));
    m_api = new QComboBox(this);
    m_api->setObjectName(QStringLiteral("apiCombo"));
    m_api->addItem(QString(), QStringLiteral("v2"));
    m_api->addItem(QString(), QStringLiteral("v3"));
    auto *apiLabel = new QLabel(this);
    apiLabel->setBuddy(m_api);
    m_labels.insert(m_api, apiLabel);
    m_form->addRow(apiLabel, m_api);
    m_machines = line(QStringLiteral("machinesEdit"));
    m_prefix = line(QStringLiteral("prefixEdit"));
    m_prefix->setPlaceholderText(QStringLiteral("/skydns"));
    m_domain = line(QStringLiteral("domainEdit"));
    m_domain->setPlaceholderText(QStringLiteral("skydns.local."));
    m_caFile = addFileField(QStringLiteral("caFileEdit"));
    m_certFile = addFileField(QStringLiteral("certFileEdit"));
    m_keyFile = addFileField(QStringLiteral("keyFileEdit"));
    m_username = line(QStringLiteral("usernameEdit"));
    m_password = line(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_adminUrl = line(QStringLiteral("adminUrlEdit"));
    m_adminUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8053"));
    m_adminToken = line(QStringLiteral("adminTokenEdit"));
    m_adminToken->setEchoMode(QLineEdit::Password);

    m_secretNotice = new QLabel(this);
    m_secretNotice->setObjectName(QStringLiteral("secretNotice"));
    m_secretNotice->setWordWrap(true);
    m_secretNotice->hide();
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_secretNotice);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    retranslateUi();
    setProfile(ConnectionProfile{});
}

void ProfileDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ProfileDialog::setLabel(QWidget *field, const QString &text)
{
    if (QLabel *label = m_labels.value(field))
        label->setText(text);
}

void ProfileDialog::retranslateUi()
{
    setWindowTitle(tr("Connection Profile"));
    setLabel(m_name, tr("&Name:"));
    m_name->setPlaceholderText(tr("e.g. production"));
    setLabel(m_api, tr("etcd &API:"));
    m_api->setItemText(0, tr("etcd v2 (keys API)"));
    m_api->setItemText(1, tr("etcd v3 (JSON gateway)"));
    setLabel(m_machines, tr("etcd &machines:"));
    m_machines->setPlaceholderText(tr("http://127.0.0.1:2379, http://10.0.0.2:2379"));
    setLabel(m_prefix, tr("&Path prefix:"));
    setLabel(m_domain, tr("&Domain:"));
    setLabel(m_caFile, tr("TLS &CA file:"));
    setLabel(m_certFile, tr("TLS client &certificate:"));
    setLabel(m_keyFile, tr("TLS client &key:"));
    for (QLineEdit *edit : {m_caFile, m_certFile, m_keyFile})
        edit->setPlaceholderText(tr("none"));
    for (QPushButton *browse : std::as_const(m_browseButtons))
        browse->setText(tr("Browse..."));
    setLabel(m_username, tr("etcd &user:"));
    m_username->setPlaceholderText(tr("none"));
    setLabel(m_password, tr("etcd pass&word:"));
    m_password->setPlaceholderText(tr("kept in the keyring"));
    setLabel(m_adminUrl, tr("Admin API &URL:"));
    setLabel(m_adminToken, tr("Admin &token:"));
    m_adminToken->setPlaceholderText(tr("kept in the keyring"));
    // The problems are sentences built from the fields: build them again in the new language.
    revalidate();
}

QLineEdit *ProfileDialog::addFileField(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    auto *browse = new QPushButton(this);
    m_browseButtons << browse;
    auto *row = new QHBoxLayout;
    row->addWidget(edit);
    row->addWidget(browse);
    auto *label = new QLabel(this);
    label->setBuddy(edit);
    m_labels.insert(edit, label);
    m_form->addRow(label, row);
    connect(edit, &QLineEdit::textChanged, this, &ProfileDialog::revalidate);
    connect(browse, &QPushButton::clicked, this, [this, edit]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a PEM file"), edit->text(),
                                                          tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return edit;
}

void ProfileDialog::setProfile(const ConnectionProfile &profile)
{
    m_originalName = profile.name;
    m_name->setText(profile.name);
    m_api->setCurrentIndex(profile.api == KvStoreOptions::Api::V3 ? 1 : 0);
    m_machines->setText(profile.machines.join(QStringLiteral(", ")));
    m_prefix->setText(profile.prefix);
    m_domain->setText(profile.domain);
    m_caFile->setText(profile.caFile);
    m_certFile->setText(profile.certFile);
    m_keyFile->setText(profile.keyFile);
    m_username->setText(profile.username);
    m_adminUrl->setText(profile.adminUrl);
    revalidate();
}

ConnectionProfile ProfileDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.api = m_api->currentData().toString() == QLatin1String("v3") ? KvStoreOptions::Api::V3 : KvStoreOptions::Api::V2;
    p.machines.clear();
    const QStringList parts = m_machines->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString &part : parts)
        p.machines << part;
    p.prefix = m_prefix->text().trimmed();
    p.domain = m_domain->text().trimmed();
    p.caFile = m_caFile->text().trimmed();
    p.certFile = m_certFile->text().trimmed();
    p.keyFile = m_keyFile->text().trimmed();
    p.username = m_username->text().trimmed();
    p.adminUrl = m_adminUrl->text().trimmed();
    return p;
}

void ProfileDialog::setExistingNames(const QStringList &names)
{
    m_existingNames = names;
    revalidate();
}

QString ProfileDialog::password() const { return m_password->text(); }
void ProfileDialog::setPassword(const QString &password) { m_password->setText(password); }
QString ProfileDialog::adminToken() const { return m_adminToken->text(); }
void ProfileDialog::setAdminToken(const QString &token) { m_adminToken->setText(token); }

void ProfileDialog::setSecretNotice(const QString &notice)
{
    m_secretNotice->setText(notice);
    m_secretNotice->setVisible(!notice.isEmpty());
}

QStringList ProfileDialog::problems() const
{
    const ConnectionProfile p = profile();
    QStringList problems = p.validate();
    if (p.name != m_originalName && m_existingNames.contains(p.name))
        problems << tr("A profile named \"%1\" exists already.").arg(p.name);
    if (!m_password->text().isEmpty() && p.username.isEmpty())
        problems << tr("A password needs an etcd user name.");
    return problems;
}

void ProfileDialog::revalidate()
{
    if (!m_buttons)
        return; // still building the form
    const QStringList list = problems();
    m_problems->setText(list.join(QLatin1Char('\n')));
    m_problems->setVisible(!list.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(list.isEmpty());
}

} // namespace skydns::console
