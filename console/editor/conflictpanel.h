#pragma once
// The inline panel the service editor shows when a compare-and-swap write was refused because
// someone else changed (or created, or deleted) the key: it shows their version and lets the user
// load it or overwrite it deliberately. Nothing is written from here without a click.
#include "etcd/kvstore.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace skydns::console {

// ConflictPanel shows the other version of a key after a Conflict answer.
class ConflictPanel : public QFrame
{
    Q_OBJECT

public:
    // Operation is what the user tried when the conflict was found.
    enum class Operation { Save, Delete };

    explicit ConflictPanel(QWidget *parent = nullptr);

    // showConflict fills the panel with theirs (KvResult::current; revision 0 = they deleted the
    // key) and shows it.
    void showConflict(Operation operation, const QString &key, const KvEntry &theirs);
    // operation and theirs are what the last showConflict was given.
    Operation operation() const { return m_operation; }
    const KvEntry &theirs() const { return m_theirs; }

Q_SIGNALS:
    // loadTheirsRequested: the user chose to drop their edit and continue from the other version.
    void loadTheirsRequested();
    // overwriteRequested: the user chose to write (or delete) over the other version they have seen.
    void overwriteRequested();

private:
    Operation m_operation = Operation::Save;
    KvEntry m_theirs;
    QLabel *m_message;
    QPlainTextEdit *m_theirsView;
    QPushButton *m_loadTheirs;
    QPushButton *m_overwrite;
};

} // namespace skydns::console
