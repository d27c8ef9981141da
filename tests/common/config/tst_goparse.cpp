// Tests of the Go-compatible parsers (booleans, integers, durations, host:port) the config loaders use.
#include "config/goparse.h"

#include <QTest>

using namespace skydns::config;
using namespace std::chrono_literals;

class TstGoParse final : public QObject
{
    Q_OBJECT
private slots:
    void goBool_data();
    void goBool();
    void goInt_data();
    void goInt();
    void duration_data();
    void duration();
    void formatDuration_data();
    void formatDuration();
    void hostPort_data();
    void hostPort();
    void subMillisecondRoundsUp();
};

void TstGoParse::goBool_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<bool>("expected");
    for (const char *t : {"1", "t", "T", "TRUE", "true", "True"})
        QTest::addRow("spec 1.3 ParseBool true: %s", t) << QString::fromLatin1(t) << false << true;
    for (const char *f : {"0", "f", "F", "FALSE", "false", "False"})
        QTest::addRow("spec 1.3 ParseBool false: %s", f) << QString::fromLatin1(f) << false << false;
    for (const char *bad : {"", "yes", "on", "tRUE", "2", " true"})
        QTest::addRow("spec 1.3 ParseBool rejects '%s'", bad) << QString::fromLatin1(bad) << true << false;
}

void TstGoParse::goBool()
{
    QFETCH(QString, input);
    QFETCH(bool, shouldFail);
    QFETCH(bool, expected);
    const auto b = parseGoBool(input);
    QCOMPARE(!b.has_value(), shouldFail);
    if (b)
        QCOMPARE(*b, expected);
}

void TstGoParse::goInt_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("decimal") << "42" << false << qint64(42) << "";
    QTest::newRow("signs") << "-7" << false << qint64(-7) << "";
    QTest::newRow("plus") << "+7" << false << qint64(7) << "";
    QTest::newRow("zero") << "0" << false << qint64(0) << "";
    QTest::newRow("hex") << "0x1F" << false << qint64(31) << "";
    QTest::newRow("octal leading 0") << "017" << false << qint64(15) << "";
    QTest::newRow("octal 0o") << "0o17" << false << qint64(15) << "";
    QTest::newRow("binary") << "0b101" << false << qint64(5) << "";
    QTest::newRow("underscores") << "1_000" << false << qint64(1000) << "";
    QTest::newRow("bad underscore") << "1__0" << true << qint64(0) << "invalid syntax";
    QTest::newRow("leading underscore") << "_1" << true << qint64(0) << "invalid syntax";
    QTest::newRow("letters") << "x" << true << qint64(0) << "invalid syntax";
    QTest::newRow("empty") << "" << true << qint64(0) << "invalid syntax";
    QTest::newRow("bad octal digit") << "08" << true << qint64(0) << "invalid syntax";
    QTest::newRow("float") << "1.5" << true << qint64(0) << "invalid syntax";
    QTest::newRow("int64 max") << "9223372036854775807" << false << qint64(9223372036854775807LL) << "";
    QTest::newRow("overflow") << "9223372036854775808" << true << qint64(0) << "out of range";
}

void TstGoParse::goInt()
{
    QFETCH(QString, input);
    QFETCH(bool, shouldFail);
    QFETCH(qint64, expected);
    QFETCH(QString, errorSubstring);
    QString error;
    const auto n = parseGoInt(input, &error);
    QCOMPARE(!n.has_value(), shouldFail);
    if (n)
        QCOMPARE(qint64(*n), expected);
    else
        QVERIFY2(error.contains(errorSubstring), qPrintable(error));
}

void TstGoParse::duration_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("spec 1.3 -rtimeout 2s") << "2s" << false << qint64(2000000000) << "";
    QTest::newRow("500ms") << "500ms" << false << qint64(500000000) << "";
    QTest::newRow("1m30s") << "1m30s" << false << qint64(90000000000) << "";
    QTest::newRow("1.5h") << "1.5h" << false << qint64(5400000000000) << "";
    QTest::newRow("micro us") << "3us" << false << qint64(3000) << "";
    QTest::newRow("micro sign") << QString::fromUtf8("3\u00b5s") << false << qint64(3000) << "";
    QTest::newRow("ns") << "10ns" << false << qint64(10) << "";
    QTest::newRow("fraction only") << ".5s" << false << qint64(500000000) << "";
    QTest::newRow("negative") << "-1s" << false << qint64(-1000000000) << "";
    QTest::newRow("zero without unit") << "0" << false << qint64(0) << "";
    QTest::newRow("missing unit") << "2" << true << qint64(0) << "missing unit";
    QTest::newRow("unknown unit") << "2d" << true << qint64(0) << "unknown unit";
    QTest::newRow("empty") << "" << true << qint64(0) << "invalid duration";
    QTest::newRow("just a dot") << ".s" << true << qint64(0) << "invalid duration";
    QTest::newRow("words") << "two seconds" << true << qint64(0) << "";
}

void TstGoParse::duration()
{
    QFETCH(QString, input);
    QFETCH(bool, shouldFail);
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, errorSubstring);
    QString error;
    const auto d = parseGoDuration(input, &error);
    QCOMPARE(!d.has_value(), shouldFail);
    if (d)
        QCOMPARE(qint64(d->count()), nanoseconds);
    else
        QVERIFY2(error.contains(errorSubstring), qPrintable(error));
}

void TstGoParse::formatDuration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << qint64(0) << "0s";
    QTest::newRow("2s") << qint64(2000) << "2s";
    QTest::newRow("500ms") << qint64(500) << "500ms";
    QTest::newRow("1.5s") << qint64(1500) << "1.5s";
    QTest::newRow("1m30s") << qint64(90000) << "1m30s";
    QTest::newRow("1h0m0s") << qint64(3600000) << "1h0m0s";
    QTest::newRow("negative") << qint64(-2000) << "-2s";
}

void TstGoParse::formatDuration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(formatGoDuration(std::chrono::milliseconds(ms)), expected);
}

void TstGoParse::hostPort_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("shouldFail");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("spec 1.2 ipv4") << "127.0.0.1:53" << false << "";
    QTest::newRow("ipv6 bracketed") << "[::1]:53" << false << "";
    QTest::newRow("ipv4-mapped ipv6") << "[::ffff:10.0.0.1]:5354" << false << "";
    QTest::newRow("port 65535") << "10.0.0.1:65535" << false << "";
    QTest::newRow("port 1") << "10.0.0.1:1" << false << "";
    QTest::newRow("no port") << "127.0.0.1" << true << "missing port";
    QTest::newRow("ipv6 without brackets") << "::1:53" << true << "too many colons";
    QTest::newRow("bracket no port") << "[::1]" << true << "missing port";
    QTest::newRow("missing ]") << "[::1:53" << true << "missing ']'";
    QTest::newRow("hostname") << "localhost:53" << true << "bad IP address: localhost";
    QTest::newRow("nonsense") << "nonsense" << true << "missing port";
    QTest::newRow("port 0") << "127.0.0.1:0" << true << "bad port number 0";
    QTest::newRow("port 65536") << "127.0.0.1:65536" << true << "bad port number 65536";
    QTest::newRow("port letters") << "127.0.0.1:dns" << true << "bad port number dns";
    QTest::newRow("empty port") << "127.0.0.1:" << true << "bad port number";
    QTest::newRow("ipv4 octet 256") << "256.0.0.1:53" << true << "bad IP address";
    QTest::newRow("ipv4 three octets") << "10.0.1:53" << true << "bad IP address";
    QTest::newRow("ipv6 zone") << "[fe80::1%eth0]:53" << true << "bad IP address";
    QTest::newRow("empty host") << ":53" << true << "bad IP address";
}

void TstGoParse::hostPort()
{
    QFETCH(QString, input);
    QFETCH(bool, shouldFail);
    QFETCH(QString, errorSubstring);
    const QString why = validateHostPort(input);
    QCOMPARE(!why.isEmpty(), shouldFail);
    QVERIFY2(why.contains(errorSubstring), qPrintable(why));
}

void TstGoParse::subMillisecondRoundsUp()
{
    QCOMPARE(toConfigMilliseconds(500us), 1ms);
    QCOMPARE(toConfigMilliseconds(1500us), 2ms);
    QCOMPARE(toConfigMilliseconds(2s), 2000ms);
    QCOMPARE(toConfigMilliseconds(0ns), 0ms);
}

QTEST_APPLESS_MAIN(TstGoParse)
#include "tst_goparse.moc"
