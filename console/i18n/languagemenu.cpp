#include "i18n/languagemenu.h"

#include "i18n/translations.h"

#include <QActionGroup>
#include <QEvent>

namespace skydns::console {

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(parent)
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    m_group->setExclusive(true);
    const QString stored = Translations::storedChoice();
    auto add = [this, &stored](const QString &choice, const QString &text) {
        QAction *a = addAction(text);
        a->setObjectName(QStringLiteral("language_") + choice);
        a->setData(choice);
        a->setCheckable(true);
        a->setChecked(choice == stored);
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, choice] { choose(choice); });
        return a;
    };
    m_system = add(Translations::systemChoice(), QString());
    addSeparator();
    for (const QString &language : Translations::languages())
        add(language, Translations::nativeName(language));
    retranslateUi();
}

QAction *LanguageMenu::actionFor(const QString &choice) const
{
    for (QAction *a : m_group->actions()) {
        if (a->data().toString() == choice)
            return a;
    }
    return nullptr;
}

void LanguageMenu::choose(const QString &choice)
{
    Translations::setStoredChoice(choice);
    const QString language = Translations::apply(choice);
    if (QAction *a = actionFor(choice))
        a->setChecked(true);
    Q_EMIT languageChanged(choice, language);
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslateUi()
{
    setTitle(tr("&Language"));
    // "System" says which language the system choice means, so the user sees what they get.
    m_system->setText(tr("&System (%1)").arg(Translations::nativeName(Translations::resolve(Translations::systemChoice()))));
}

} // namespace skydns::console
