#include "i18n/retranslator.h"

#include "i18n/recordingtranslator.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTabBar>
#include <QWidget>

namespace skydns::console {

Retranslator::Retranslator(QWidget *window, const RecordingTranslator *translator)
    : QObject(window)
    , m_window(window)
    , m_translator(translator)
{
    window->installEventFilter(this);
}

bool Retranslator::eventFilter(QObject *watched, QEvent *event)
{
    // The window gets LanguageChange once per installed/removed translator; translating is
    // idempotent (the new texts are recorded too), so doing it each time is harmless.
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

QString Retranslator::again(const QString &text) const
{
    RecordingTranslator::Origin origin;
    if (text.isEmpty() || !m_translator->originOf(text, &origin))
        return text;
    return QCoreApplication::translate(origin.context.constData(), origin.source.constData(),
                                       origin.disambiguation.isEmpty() ? nullptr : origin.disambiguation.constData());
}

int Retranslator::retranslate()
{
    int changed = 0;
    auto set = [&](const QString &old, const auto &setter) {
        const QString now = again(old);
        if (now != old) {
            setter(now);
            ++changed;
        }
    };

    // The window title shows the display name too (" — SkyDNS Qt Console"), so it changes with it.
    set(QGuiApplication::applicationDisplayName(), [](const QString &t) { QGuiApplication::setApplicationDisplayName(t); });

    QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    widgets.prepend(m_window);
    for (QWidget *w : std::as_const(widgets)) {
        set(w->windowTitle(), [w](const QString &t) { w->setWindowTitle(t); });
        set(w->toolTip(), [w](const QString &t) { w->setToolTip(t); });
        if (auto *menu = qobject_cast<QMenu *>(w))
            set(menu->title(), [menu](const QString &t) { menu->setTitle(t); });
        if (auto *label = qobject_cast<QLabel *>(w))
            set(label->text(), [label](const QString &t) { label->setText(t); });
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            set(button->text(), [button](const QString &t) { button->setText(t); });
        if (auto *box = qobject_cast<QGroupBox *>(w))
            set(box->title(), [box](const QString &t) { box->setTitle(t); });
        // Only the placeholder: the text of an edit is the user's.
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            set(edit->placeholderText(), [edit](const QString &t) { edit->setPlaceholderText(t); });
        // Combo box items are left alone: some hold the user's names (profiles), which must not
        // be taken for a tr() text that happens to read the same.
        if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                set(bar->tabText(i), [bar, i](const QString &t) { bar->setTabText(i, t); });
                set(bar->tabToolTip(i), [bar, i](const QString &t) { bar->setTabToolTip(i, t); });
            }
        }
        // Headers ask their model (and so tr()) each time they paint.
        if (auto *header = qobject_cast<QHeaderView *>(w))
            header->viewport()->update();
    }
    for (QAction *a : m_window->findChildren<QAction *>()) {
        set(a->text(), [a](const QString &t) { a->setText(t); });
        set(a->toolTip(), [a](const QString &t) { a->setToolTip(t); });
        set(a->statusTip(), [a](const QString &t) { a->setStatusTip(t); });
    }
    return changed;
}

} // namespace skydns::console
