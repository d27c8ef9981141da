#pragma once

#include "connection/connectionprofile.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace skydns::console {

// ProfileDialog edits one connection profile and its two secrets. OK stays disabled while the
// fields do not validate, and the label under the form says why (ConnectionProfile::validate).
class ProfileDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileDialog)

public:
    explicit ProfileDialog(QWidget *parent = nullptr);

    // setProfile fills the form; profile reads it back.
    void setProfile(const ConnectionProfile &profile);
    ConnectionProfile profile() const;
    // setExistingNames lists names a new profile may not take (the edited profile's own is allowed).
    void setExistingNames(const QStringList &names);
    // password / adminToken are the secrets typed (empty: unchanged or none).
    QString password() const;
    void setPassword(const QString &password);
    QString adminToken() const;
    void setAdminToken(const QString &token);
    // setSecretNotice shows a note under the secrets (e.g. "no keyring available").
    void setSecretNotice(const QString &notice);
    // problems is what keeps OK disabled (empty when the form is valid).
    QStringList problems() const;

protected:
    // changeEvent translates the dialog again on QEvent::LanguageChange, so an open dialog follows
    // a language switch (its problem list too).
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void revalidate();
    QLineEdit *addFileField(const QString &objectName);
    void setLabel(QWidget *field, const QString &text);

    QLineEdit *m_name = nullptr;
    QComboBox *m_api = nullptr;
    QLineEdit *m_machines = nullptr;
    QLineEdit *m_prefix = nullptr;
    QLineEdit *m_domain = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_certFile = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_adminUrl = nullptr;
    QLineEdit *m_adminToken = nullptr;
    QLabel *m_secretNotice = nullptr;
    QLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QFormLayout *m_form = nullptr;
    QList<QPushButton *> m_browseButtons;
    QHash<QWidget *, QLabel *> m_labels;
    QStringList m_existingNames;
    QString m_originalName;
};

} // namespace skydns::console
