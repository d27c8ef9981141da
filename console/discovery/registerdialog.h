#pragma once
// RegisterDialog is the console's "Register service" dialog: the same one-line registration as
// `skydns register NAME HOST[:PORT] ...` (common/discovery/registration.h decides what is valid and
// what key and JSON are written), written through the connection's KvStore. An existing key is
// never replaced silently: the dialog shows what is there and asks.
#include <QDialog>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace skydns::console {

class KvStore;

class RegisterDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisterDialog)

public:
    // RegisterDialog writes into store (not owned) under prefix ("skydns") for domain ("skydns.local.").
    RegisterDialog(KvStore *store, const QString &domain, const QString &prefix, QWidget *parent = nullptr);
    ~RegisterDialog() override;

    // The fields, for tests and for callers that pre-fill them.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *ttlBox() const { return m_ttl; }
    QSpinBox *priorityBox() const { return m_priority; }
    QSpinBox *weightBox() const { return m_weight; }
    QLineEdit *textEdit() const { return m_text; }
    QCheckBox *mailBox() const { return m_mail; }
    QPushButton *registerButton() const { return m_register; }
    QPushButton *replaceButton() const { return m_replace; }
    QLabel *messageLabel() const { return m_message; }
    QPlainTextEdit *preview() const { return m_preview; }

    // arguments is the form as `skydns register` arguments (NAME HOST[:PORT] --ttl ...).
    QStringList arguments() const;
    // key is the etcd key the current form writes (empty while it is invalid).
    QString key() const { return m_key; }

public Q_SLOTS:
    // submit writes the service if the key does not exist yet; on a conflict it shows the existing
    // value and offers Replace.
    void submit();
    // replace overwrites the existing value shown by the conflict, only if it is still that version.
    void replace();

Q_SIGNALS:
    // registered is emitted after a successful write, with the key and the DNS name.
    void registered(const QString &key, const QString &name);

protected:
    // changeEvent translates the dialog again on QEvent::LanguageChange, so an open dialog follows
    // a language switch (its message too, whatever state it shows).
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    // setMessage shows text() under the form now and again after a language change.
    void setMessage(std::function<QString()> text);
    void validate();
    void write(qint64 expectedRevision);
    void setBusy(bool busy);

    KvStore *m_store = nullptr;
    QString m_domain;
    QString m_prefix;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_ttl = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_weight = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_mail = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_message = nullptr;
    std::function<QString()> m_messageText;
    QFormLayout *m_form = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_register = nullptr;
    QPushButton *m_replace = nullptr;
    QString m_key;
    QString m_name_;
    QByteArray m_json;
    qint64 m_ttlSeconds = 0;
    qint64 m_conflictRevision = 0;
    bool m_busy = false;
};

} // namespace skydns::console
