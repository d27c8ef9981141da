#pragma once
// Quoting for the text the platform layer generates: each function makes a value safe to put in one
// kind of file or command line. Pure functions, tested in tests/common/platform/tst_quoting.cpp.
#include <QString>
#include <QStringList>

namespace skydns::platform {

// shellQuote quotes word for a POSIX shell: unchanged when it only has safe characters
// ([A-Za-z0-9_@%+=:,./-]), otherwise in single quotes with ' written as '\''.
QString shellQuote(const QString &word);

// shellCommand is the words shell-quoted and joined by spaces.
QString shellCommand(const QString &program, const QStringList &arguments);

// systemdQuote quotes word for an ExecStart= line: '%' becomes "%%" (specifiers) and '$' "$$"
// (variables); a word with spaces, quotes or backslashes is put in double quotes with \ and "
// escaped. An empty word is "".
QString systemdQuote(const QString &word);

// windowsQuote quotes one argument for CommandLineToArgvW / the MSVC runtime: unchanged when it has
// no space, tab or quote; otherwise in double quotes, with backslashes doubled before a quote.
QString windowsQuote(const QString &word);

// windowsCommandLine is the program and arguments windowsQuote-d and joined by spaces.
QString windowsCommandLine(const QString &program, const QStringList &arguments);

// powershellQuote puts word in single quotes for PowerShell, ' written as ''.
QString powershellQuote(const QString &word);

// appleScriptString puts text in AppleScript double quotes, \ and " escaped.
QString appleScriptString(const QString &text);

// xmlEscape escapes &, <, >, " and ' for XML text and attribute values.
QString xmlEscape(const QString &text);

} // namespace skydns::platform
