#pragma once
// Widget helpers for the console's dialog tests (service editor, query tester): a child widget by
// its object name, and typing into a line edit as a user does.
#include <QLatin1String>
#include <QLineEdit>
#include <QString>
#include <QTest>
#include <QWidget>

namespace skydns::test {

// child is parent's child of type T named name; a missing one aborts the test run, since every
// later step would only crash on it.
template <typename T>
T *child(QWidget *parent, const char *name)
{
    T *c = parent->findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

// typeInto replaces a line edit's text as a user does: select all, erase, type.
inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace skydns::test
