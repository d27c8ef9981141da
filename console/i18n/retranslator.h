#pragma once

#include <QObject>

namespace skydns::console {

class RecordingTranslator;

// Retranslator translates a window's fixed texts again when the language changes: window titles,
// menu titles, action texts and tips, tab texts, labels, buttons, group boxes, placeholders and
// tool tips whose current text came from a tr() call (RecordingTranslator knows which). Texts
// built with arguments ("Connected to %1") are left as they are until their owner sets them again.
class Retranslator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Retranslator)

public:
    // Retranslator watches window (it becomes the window's child) and asks translator for origins.
    Retranslator(QWidget *window, const RecordingTranslator *translator);

    // retranslate translates every known text under the window again; returns how many changed.
    int retranslate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString again(const QString &text) const;

    QWidget *m_window;
    const RecordingTranslator *m_translator;
};

} // namespace skydns::console
