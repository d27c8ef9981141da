#include "editor/conflictpanel.h"

#include "editor/jsonmembers.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace skydns::console {

ConflictPanel::ConflictPanel(QWidget *parent)
    : QFrame(parent),
      m_message(new QLabel(this)),
      m_theirsView(new QPlainTextEdit(this)),
      m_loadTheirs(new QPushButton(this)),
      m_overwrite(new QPushButton(this))
{
    setObjectName(QStringLiteral("conflictPanel"));
    setFrameShape(QFrame::StyledPanel);
    // A warm background so the panel is noticed: a conflict must never pass unseen.
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    p.setColor(QPalette::WindowText, Qt::black);
    setPalette(p);

    m_message->setObjectName(QStringLiteral("conflictMessage"));
    m_message->setWordWrap(true);
    m_theirsView->setObjectName(QStringLiteral("theirsView"));
    m_theirsView->setReadOnly(true);
    m_theirsView->setMaximumHeight(120);
    m_loadTheirs->setObjectName(QStringLiteral("loadTheirsButton"));
    m_overwrite->setObjectName(QStringLiteral("overwriteButton"));
    auto *keep = new QPushButton(tr("Keep editing"), this);
    keep->setObjectName(QStringLiteral("keepEditingButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_loadTheirs);
    buttons->addWidget(m_overwrite);
    buttons->addWidget(keep);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(new QLabel(tr("Their version:"), this));
    layout->addWidget(m_theirsView);
    layout->addLayout(buttons);

    connect(m_loadTheirs, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT loadTheirsRequested();
    });
    connect(m_overwrite, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT overwriteRequested();
    });
    connect(keep, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void ConflictPanel::showConflict(Operation operation, const QString &key, const KvEntry &theirs)
{
    m_operation = operation;
    m_theirs = theirs;
    const bool gone = theirs.revision == 0;
    if (operation == Operation::Save) {
        m_message->setText(gone ? tr("Not saved: %1 was deleted by someone else after you opened it.").arg(key)
                                : tr("Not saved: %1 was changed by someone else (now at revision %2). "
                                     "Your edit is still here; nothing was overwritten.")
                                      .arg(key)
                                      .arg(theirs.revision));
        m_overwrite->setText(gone ? tr("Create it again with mine") : tr("Overwrite with mine"));
    } else {
        m_message->setText(gone ? tr("Not deleted: %1 was already deleted by someone else.").arg(key)
                                : tr("Not deleted: %1 was changed by someone else (now at revision %2) "
                                     "after you opened it.")
                                      .arg(key)
                                      .arg(theirs.revision));
        m_overwrite->setText(tr("Delete their version"));
    }
    m_overwrite->setEnabled(!(operation == Operation::Delete && gone));
    m_loadTheirs->setText(gone ? tr("Start over (discard mine)") : tr("Load theirs (discard mine)"));

    QString text;
    if (gone) {
        text = tr("(the key does not exist)");
    } else {
        const std::optional<JsonMembers> members = JsonMembers::parse(theirs.value);
        text = QString::fromUtf8(members ? members->pretty() : theirs.value);
        if (theirs.ttl > 0)
            text += QLatin1Char('\n') + tr("(expires in %n second(s))", nullptr, int(theirs.ttl));
    }
    m_theirsView->setPlainText(text);
    show();
}

} // namespace skydns::console
