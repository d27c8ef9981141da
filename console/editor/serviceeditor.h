#pragma once
// The service editor: one SkyDNS service (the JSON value at a key under /<prefix>/...) as a form
// with validated fields and a raw JSON view kept in sync both ways. Writes go through KvStore with
// compare-and-swap; a refused write shows the other version and is never retried silently.
//
// Usage (main window):
//     auto *editor = new ServiceEditor(store, this);
//     editor->setPathPrefix(profile.pathPrefix);   // default "skydns"
//     editor->open("/skydns/local/skydns/east/web"); // or editor->newService("web.east.skydns.local.")
//     connect(editor, &ServiceEditor::saved, tree, ...);
#include "editor/conflictpanel.h"
#include "editor/jsonmembers.h"
#include "etcd/kvstore.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace skydns::console {

// ServiceEditor edits one service. Its child widgets have object names (nameEdit, keyLabel,
// keyTtlEdit, hostEdit, portEdit, priorityEdit, weightEdit, ttlEdit, textEdit, mailCheck, groupEdit,
// targetStripEdit, rawEdit, <field>Error labels, jsonError, saveButton, deleteButton, reloadButton,
// statusLabel, conflictPanel) for tests and style sheets.
class ServiceEditor : public QWidget
{
    Q_OBJECT

public:
    // ServiceEditor works on store (not owned; may be null until setStore, then nothing can load or save).
    explicit ServiceEditor(KvStore *store, QWidget *parent = nullptr);

    // setStore switches to another connection; the editor is cleared.
    void setStore(KvStore *store);
    // setPathPrefix sets the etcd path prefix used to map names to keys (SkyDNS -path-prefix).
    void setPathPrefix(const QString &prefix);
    QString pathPrefix() const { return m_prefix; }

    // open loads key (e.g. "/skydns/local/skydns/east/web") with KvStore::get; loaded() or
    // loadFailed() follows. A value that is not valid JSON is shown as it is, with the error. The
    // key expiry field shows the remaining TTL; saving writes it again (empty = no expiry).
    void open(const QString &key);
    // newService clears the editor for a service to be created at dnsName (editable).
    void newService(const QString &dnsName = QString());

    // key is the etcd key edited ("" before open/newService with a name).
    QString key() const { return m_key; }
    // isNew is true until a new service has been saved (saving then requires that the key does not exist).
    bool isNew() const { return m_isNew; }
    // revision is the revision the editor loaded or last wrote (0 for a new service).
    qint64 revision() const { return m_revision; }
    // value is the JSON that save() would write (compact; unknown members kept).
    QByteArray value() const { return m_members.compact(); }
    // canSave is true when every field and the JSON are valid and no request is in flight.
    bool canSave() const;

public Q_SLOTS:
    // save writes the service: compare-and-swap against the loaded revision, or create-only for a new one.
    void save();
    // requestDelete asks for confirmation (window-modal box), then deletes with compare-and-swap.
    void requestDelete();
    // reload reads the key again, dropping unsaved edits.
    void reload();

Q_SIGNALS:
    // loaded says open()/reload() finished; loadFailed gives the reason it did not.
    void loaded(const QString &key);
    void loadFailed(const QString &key, const QString &message);
    // saved / deleted report a successful write of key.
    void saved(const QString &key);
    void deleted(const QString &key);
    // conflictShown says a write was refused because someone else changed the key.
    void conflictShown(const QString &key);
    // writeFailed reports any other refused write (unavailable, unauthorized, invalid).
    void writeFailed(const QString &key, const QString &message);

private:
    void buildUi();
    QLineEdit *addField(QFormLayout *form, const QString &objectName, const QString &label, const QString &tip);
    void onFieldsEdited();
    void onRawEdited();
    void onNameEdited();
    void showLoaded(const KvEntry &entry);
    void setRaw(const QByteArray &text);
    void updateState();
    void setBusy(bool busy, const QString &message = QString());
    void setStatus(const QString &message, bool error);
    void writeService(qint64 expectedRevision);
    void deleteService(qint64 expectedRevision);
    void handleWrite(const KvResult &result, ConflictPanel::Operation operation);
    void loadTheirs();
    void overwrite();
    bool setFieldError(QLineEdit *edit, const QString &error);
    bool validateFields();
    bool hasFieldErrors() const;

    QPointer<KvStore> m_store;
    QString m_prefix = QStringLiteral("skydns");
    QString m_key;
    qint64 m_revision = 0;
    bool m_isNew = true;
    bool m_busy = false;
    bool m_syncing = false;  // set while one view is rewritten from the other
    bool m_jsonValid = true;
    bool m_loaded = false;   // the editor holds a loaded or new service (not a failed load)
    JsonMembers m_members;

    QLineEdit *m_name = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_keyTtl = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_priority = nullptr;
    QLineEdit *m_weight = nullptr;
    QLineEdit *m_ttl = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_mail = nullptr;
    QLineEdit *m_group = nullptr;
    QLineEdit *m_targetStrip = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QLabel *m_jsonError = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_reloadButton = nullptr;
    ConflictPanel *m_conflict = nullptr;
    QWidget *m_form = nullptr;
    QHash<QLineEdit *, QLabel *> m_errors; // each line edit's inline error label
};

} // namespace skydns::console
