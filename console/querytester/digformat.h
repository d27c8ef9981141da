#pragma once
// The query tester's text output: a DNS answer printed the way `dig` prints it (header, flags,
// OPT pseudo-section, QUESTION/ANSWER/AUTHORITY/ADDITIONAL, query time, server, size). Records are
// printed in presentation format by ldns.
#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace skydns::console {

// DigContext is what dig prints around the message itself.
struct DigContext
{
    QString server;        // address as typed/resolved, e.g. "127.0.0.1"
    quint16 port = 53;
    bool tcp = false;      // transport the answer came over
    bool retriedOverTcp = false; // UDP answer was truncated and the query was repeated over TCP
    qint64 elapsedMs = 0;
    QDateTime when;
    QString commandLine;   // the "<<>> ... <<>>" line: what was asked
};

// DigFormat turns a raw answer into dig-like text.
class DigFormat
{
    Q_DECLARE_TR_FUNCTIONS(skydns::console::DigFormat)

public:
    // format prints answer; a message ldns cannot parse gives an error line and a hex dump instead.
    static QString format(const QByteArray &answer, const DigContext &context);
    // rcodeName is the mnemonic of an rcode ("NOERROR", "NXDOMAIN", "RCODE12").
    static QString rcodeName(int rcode);
    // typeFromText parses a query type: a mnemonic ("A", "srv"), "TYPEnnn" or a number 0-65535.
    // Returns -1 when it is none of these.
    static int typeFromText(const QString &text);
    // typeName is the mnemonic of a type ("A", "TYPE65280").
    static QString typeName(int type);
};

} // namespace skydns::console
