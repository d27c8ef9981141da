#pragma once

#include <QMenu>

class QActionGroup;

namespace skydns::console {

// LanguageMenu is Settings > Language: System, English, Deutsch, Français as radio actions (the
// language names are not translated, so each stays findable). Choosing one stores it and applies it
// at once; open windows attached to Translations retranslate.
class LanguageMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    explicit LanguageMenu(QWidget *parent = nullptr);

    // actionFor is the radio action of choice ("system", "en", ...), nullptr when unknown.
    QAction *actionFor(const QString &choice) const;

Q_SIGNALS:
    // languageChanged is emitted after a choice was stored and applied; language is now in effect.
    void languageChanged(const QString &choice, const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    void choose(const QString &choice);
    void retranslateUi();

    QActionGroup *m_group;
    QAction *m_system;
};

} // namespace skydns::console
