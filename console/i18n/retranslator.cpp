#include "i18n/retranslator.h"

#include "i18n/recordingtranslator.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGuiApplication>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
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

Retranslator::Retranslator(QCoreApplication *app, const RecordingTranslator *translator)
    : QObject(app)
    , m_translator(translator)
{
    app->installEventFilter(this);
}

bool Retranslator::eventFilter(QObject *watched, QEvent *event)
{
    // Every event of the application passes here when watching it: the type test comes first.
    if (event->type() != QEvent::LanguageChange)
        return QObject::eventFilter(watched, event);
    // A window gets LanguageChange once per installed/removed translator; translating is
    // idempotent (the new texts are recorded too), so doing it each time is harmless.
    if (m_window) {
        if (watched == m_window) {
            retranslateDisplayName();
            retranslate(m_window);
        }
    } else if (watched == QCoreApplication::instance()) {
        retranslateDisplayName();
    } else if (watched->isWidgetType()) {
        // Only windows without a parent widget: their walk covers the dialogs and menus they own,
        // which get LanguageChange too and would otherwise be walked twice. The filter runs before
        // the window's own changeEvent, so a dialog's retranslateUi has the last word.
        auto *w = static_cast<QWidget *>(watched);
        if (w->isWindow() && !w->parentWidget())
            retranslate(w);
    }
    return QObject::eventFilter(watched, event);
}

QString Retranslator::again(const QString &text) const
{
    RecordingTranslator::Origin origin;
    if (text.isEmpty() || !m_translator || !m_translator->originOf(text, &origin))
        return text;
    return QCoreApplication::translate(origin.context.constData(), origin.source.constData(),
                                       origin.disambiguation.isEmpty() ? nullptr : origin.disambiguation.constData());
}

int Retranslator::retranslateDisplayName()
{
    // The window title shows the display name too (" — SkyDNS Qt Console"), so it changes with it.
    const QString old = QGuiApplication::applicationDisplayName();
    const QString now = again(old);
    if (now == old)
        return 0;
    QGuiApplication::setApplicationDisplayName(now);
    return 1;
}

int Retranslator::retranslate()
{
    return m_window ? retranslateDisplayName() + retranslate(m_window) : 0;
}

int Retranslator::retranslate(QWidget *root)
{
    if (!root)
        return 0;
    int changed = 0;
    auto set = [&](const QString &old, const auto &setter) {
        const QString now = again(old);
        if (now != old) {
            setter(now);
            ++changed;
        }
    };

    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
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
        // Spin boxes say "no expiry" for 0 and " s" after the number; the value is the user's.
        if (auto *spin = qobject_cast<QAbstractSpinBox *>(w))
            set(spin->specialValueText(), [spin](const QString &t) { spin->setSpecialValueText(t); });
        if (auto *spin = qobject_cast<QSpinBox *>(w)) {
            set(spin->prefix(), [spin](const QString &t) { spin->setPrefix(t); });
            set(spin->suffix(), [spin](const QString &t) { spin->setSuffix(t); });
        }
        if (auto *spin = qobject_cast<QDoubleSpinBox *>(w)) {
            set(spin->prefix(), [spin](const QString &t) { spin->setPrefix(t); });
            set(spin->suffix(), [spin](const QString &t) { spin->setSuffix(t); });
        }
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
    for (QAction *a : root->findChildren<QAction *>()) {
        set(a->text(), [a](const QString &t) { a->setText(t); });
        set(a->toolTip(), [a](const QString &t) { a->setToolTip(t); });
        set(a->statusTip(), [a](const QString &t) { a->setStatusTip(t); });
    }
    return changed;
}

} // namespace skydns::console
