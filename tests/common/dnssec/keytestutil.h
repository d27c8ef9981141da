#pragma once

// Helpers shared by the dnssec tests: run the BIND and ldns tools that make reference keys.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace skydns::test {

// runTool runs program with args in dir; returns stdout (trimmed), or a null QByteArray on failure.
inline QByteArray runTool(const QString &program, const QStringList &args, const QString &dir = QString())
{
    QProcess p;
    if (!dir.isEmpty())
        p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s %s failed: %s", qPrintable(program), qPrintable(args.join(' ')),
                 p.readAllStandardError().constData());
        return QByteArray();
    }
    const QByteArray out = p.readAllStandardOutput().trimmed();
    return out.isNull() ? QByteArray("") : out;
}

// bindKeygen makes a key with dnssec-keygen in dir and returns the path basename (no extension),
// or an empty string. algorithm is BIND's mnemonic; ksk adds -f KSK.
inline QString bindKeygen(const QString &dir, const QString &algorithm, const QString &owner, bool ksk = true,
                          int rsaBits = 0)
{
    QStringList args{QStringLiteral("-q"), QStringLiteral("-K"), dir, QStringLiteral("-a"), algorithm};
    if (ksk)
        args << QStringLiteral("-f") << QStringLiteral("KSK");
    if (rsaBits)
        args << QStringLiteral("-b") << QString::number(rsaBits);
    args << owner;
    const QByteArray out = runTool(QStringLiteral("dnssec-keygen"), args, dir);
    if (out.isEmpty())
        return QString();
    return QDir(dir).filePath(QString::fromLatin1(out));
}

// readAll returns a file's bytes.
inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// writeAll replaces a file's bytes.
inline bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace skydns::test
