#include "quoting.h"

namespace skydns::platform {

QString shellQuote(const QString &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool safe = true;
    for (const QChar c : word) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringLiteral("_@%+=:,./-").contains(c);
        if (!ok) {
            safe = false;
            break;
        }
    }
    if (safe)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellCommand(const QString &program, const QStringList &arguments)
{
    QStringList words{shellQuote(program)};
    for (const QString &argument : arguments)
        words << shellQuote(argument);
    return words.join(QLatin1Char(' '));
}

QString systemdQuote(const QString &word)
{
    QString text = word;
    // Specifiers and variables are expanded even inside quotes, so they are doubled first.
    text.replace(QLatin1Char('%'), QStringLiteral("%%"));
    text.replace(QLatin1Char('$'), QStringLiteral("$$"));
    bool needsQuotes = text.isEmpty();
    for (const QChar c : text) {
        if (c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('\\')
            || c == QLatin1Char(';')) {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return text;
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString windowsQuote(const QString &word)
{
    if (!word.isEmpty() && !word.contains(QLatin1Char(' ')) && !word.contains(QLatin1Char('\t'))
        && !word.contains(QLatin1Char('"')))
        return word;
    // CommandLineToArgvW: backslashes are literal unless they precede a quote; then 2n+1 of them
    // give n backslashes and a literal quote, and before the closing quote they must be doubled.
    QString out = QStringLiteral("\"");
    int backslashes = 0;
    for (const QChar c : word) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        if (c == QLatin1Char('"')) {
            out += QString(backslashes * 2 + 1, QLatin1Char('\\'));
            out += QLatin1Char('"');
        } else {
            out += QString(backslashes, QLatin1Char('\\'));
            out += c;
        }
        backslashes = 0;
    }
    out += QString(backslashes * 2, QLatin1Char('\\'));
    out += QLatin1Char('"');
    return out;
}

QString windowsCommandLine(const QString &program, const QStringList &arguments)
{
    QStringList words{windowsQuote(program)};
    for (const QString &argument : arguments)
        words << windowsQuote(argument);
    return words.join(QLatin1Char(' '));
}

QString powershellQuote(const QString &word)
{
    QString text = word;
    text.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString appleScriptString(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString xmlEscape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QStringLiteral("&amp;"); break;
        case '<': out += QStringLiteral("&lt;"); break;
        case '>': out += QStringLiteral("&gt;"); break;
        case '"': out += QStringLiteral("&quot;"); break;
        case '\'': out += QStringLiteral("&apos;"); break;
        default: out += c;
        }
    }
    return out;
}

} // namespace skydns::platform
