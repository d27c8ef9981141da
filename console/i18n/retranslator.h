#pragma once

#include <QObject>

class QCoreApplication;
class QWidget;

namespace skydns::console {

class RecordingTranslator;

// Retranslator translates fixed texts again when the language changes: window titles, menu titles,
// action texts and tips, tab texts, labels, buttons, group boxes, placeholders, spin box
// prefixes/suffixes/special texts and tool tips whose current text came from a tr() call
// (RecordingTranslator knows which). Texts built with arguments ("Connected to %1") are left as
// they are until their owner sets them again (a dialog's changeEvent does, on LanguageChange).
class Retranslator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Retranslator)

public:
    // Retranslator watches window (it becomes the window's child) and asks translator for origins.
    Retranslator(QWidget *window, const RecordingTranslator *translator);
    // Retranslator watches every window of app instead (it becomes app's child): each top-level
    // window, with the dialogs and menus it owns, is translated again when it gets LanguageChange,
    // so a dialog that is open during a switch follows it. The application display name too.
    Retranslator(QCoreApplication *app, const RecordingTranslator *translator);

    // retranslate translates every known text under the watched window again (nothing when
    // watching the application); returns how many changed.
    int retranslate();
    // retranslate(root) translates every known text of root and the widgets and actions under it.
    int retranslate(QWidget *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString again(const QString &text) const;
    int retranslateDisplayName();

    QWidget *m_window = nullptr;
    const RecordingTranslator *m_translator;
};

} // namespace skydns::console
