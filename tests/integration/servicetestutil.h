#pragma once
// Helpers of the skydns integration tests: run the real binary, talk DNS to it with a small client
// of our own (UDP and TCP) and with dig, write etcd keys with curl, scrape the metrics endpoint.

#include "etcdserver.h"

#include "dns/message.h"
#include "dns/wire.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <optional>

namespace skydns::test {

// makeQuery builds a query: one question, RD set, an OPT record when udpSize is non-zero.
inline QByteArray makeQuery(quint16 id, const QString &name, quint16 type, quint16 udpSize = 0, bool dnssecOk = false,
                            quint16 cls = 1)
{
    QByteArray q;
    auto u16 = [&q](quint16 v) {
        q.append(char(v >> 8));
        q.append(char(v & 0xff));
    };
    u16(id);
    u16(0x0100); // RD
    u16(1);
    u16(0);
    u16(0);
    u16(udpSize ? 1 : 0);
    for (const QString &label : name.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        const QByteArray l = label.toLatin1();
        q.append(char(l.size()));
        q.append(l);
    }
    q.append('\0');
    u16(type);
    u16(cls);
    if (udpSize) {
        q.append('\0');
        u16(41);
        u16(udpSize);
        q.append('\0');
        q.append('\0');
        u16(dnssecOk ? 0x8000 : 0);
        u16(0);
    }
    return q;
}

// udpExchange sends query to 127.0.0.1:port and returns the raw answer (empty on timeout).
inline QByteArray udpExchange(quint16 port, const QByteArray &query, int timeoutMs = 2000)
{
    QUdpSocket s;
    s.writeDatagram(query, QHostAddress::LocalHost, port);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (s.waitForReadyRead(50) || s.hasPendingDatagrams()) {
            while (s.hasPendingDatagrams()) {
                QByteArray a(int(s.pendingDatagramSize()), '\0');
                s.readDatagram(a.data(), a.size());
                if (a.size() >= 2 && a.left(2) == query.left(2))
                    return a;
            }
        }
    }
    return {};
}

// tcpFrame prefixes a message with its 2-byte length.
inline QByteArray tcpFrame(const QByteArray &m)
{
    return QByteArray(1, char(m.size() >> 8)) + QByteArray(1, char(m.size() & 0xff)) + m;
}

// tcpReadAnswers reads count framed answers from a connected socket.
inline QList<QByteArray> tcpReadAnswers(QTcpSocket &s, int count, int timeoutMs = 3000)
{
    QList<QByteArray> out;
    QByteArray buf;
    QElapsedTimer t;
    t.start();
    while (out.size() < count && t.elapsed() < timeoutMs) {
        if (s.bytesAvailable() == 0 && !s.waitForReadyRead(100))
            continue;
        buf += s.readAll();
        while (buf.size() >= 2) {
            const int len = (quint8(buf[0]) << 8) | quint8(buf[1]);
            if (buf.size() < 2 + len)
                break;
            out << buf.mid(2, len);
            buf.remove(0, 2 + len);
        }
    }
    return out;
}

// tcpExchange sends one query over a new TCP connection and returns the answer.
inline QByteArray tcpExchange(quint16 port, const QByteArray &query, int timeoutMs = 3000)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(tcpFrame(query));
    const QList<QByteArray> a = tcpReadAnswers(s, 1, timeoutMs);
    return a.isEmpty() ? QByteArray() : a.first();
}

// parse turns a raw answer into a dns::Message (rcode -1 when it does not parse).
inline dns::Message parse(const QByteArray &wire, bool *ok = nullptr)
{
    dns::Message m;
    const bool parsed = !wire.isEmpty() && dns::parseMessage(wire.constData(), std::size_t(wire.size()), m);
    if (ok)
        *ok = parsed;
    return m;
}

// dig runs `dig @127.0.0.1 -p port <args>` and returns its output lines.
inline QStringList dig(quint16 port, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("dig"), QStringList{QStringLiteral("@127.0.0.1"), QStringLiteral("-p"),
                                               QString::number(port), QStringLiteral("+time=2"),
                                               QStringLiteral("+tries=1")} + args);
    p.waitForFinished(15000);
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// curlPut writes a value (and an etcd TTL when ttl > 0) with the v2 keys API.
inline bool curlPut(const QString &endpoint, const QString &key, const QString &value, int ttl = 0)
{
    QProcess curl;
    QStringList args{"-fsS", "-XPUT", endpoint + QStringLiteral("/v2/keys") + key, "--data-urlencode",
                     QStringLiteral("value=") + value};
    if (ttl > 0)
        args << "-d" << QStringLiteral("ttl=%1").arg(ttl);
    curl.start(QStringLiteral("curl"), args);
    return curl.waitForFinished(10000) && curl.exitCode() == 0;
}

// httpGet fetches http://127.0.0.1:port<path> and returns the body ("" on failure).
inline QByteArray httpGet(quint16 port, const QString &path, int *status = nullptr)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(3000))
        return {};
    s.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray all;
    while (s.waitForReadyRead(3000))
        all += s.readAll();
    all += s.readAll();
    const qsizetype split = all.indexOf("\r\n\r\n");
    if (status)
        *status = all.mid(9, 3).toInt();
    return split < 0 ? QByteArray() : all.mid(split + 4);
}

// loadExamples writes installer/examples/*.json under /<prefix> instead of /skydns.
inline bool loadExamples(const QString &endpoint, const QString &prefix)
{
    const QDir dir(QStringLiteral(SKYDNS_SOURCE_DIR "/installer/examples"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QJsonObject records = QJsonDocument::fromJson(f.readAll()).object();
        for (auto it = records.begin(); it != records.end(); ++it) {
            QString key = it.key();
            key.replace(0, int(qstrlen("/skydns")), QLatin1Char('/') + prefix);
            if (!curlPut(endpoint, key, QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact))))
                return false;
        }
    }
    return true;
}

// Skydns runs the skydns binary for one test and stops it (SIGTERM, then kill) at the end.
class Skydns
{
public:
    Skydns() = default;
    ~Skydns() { stop(); }

    // start launches skydns on 127.0.0.1:<port()> with args (plus -addr) and extra environment and
    // waits until it says it is ready. Returns false (with its output in log()) on failure.
    bool start(const QStringList &args, const QMap<QString, QString> &extraEnv = {}, bool addAddr = true)
    {
        m_port = EtcdServer::freePort();
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys())
            if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_")) ||
                name.startsWith(QLatin1String("PROMETHEUS_")))
                env.remove(name);
        for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
            env.insert(it.key(), it.value());
        m_process->setProcessEnvironment(env);
        QStringList all = args;
        if (addAddr)
            all << QStringLiteral("-addr") << QStringLiteral("127.0.0.1:%1").arg(m_port);
        m_process->start(QStringLiteral(SKYDNS_BIN), all);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            m_process->waitForReadyRead(100);
            m_err += QString::fromUtf8(m_process->readAllStandardError());
            m_out += QString::fromUtf8(m_process->readAllStandardOutput());
            if (m_err.contains(QLatin1String("ready for queries")))
                return true;
            if (m_process->state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    // log is everything skydns printed so far.
    QString log()
    {
        if (m_process) {
            m_err += QString::fromUtf8(m_process->readAllStandardError());
            m_out += QString::fromUtf8(m_process->readAllStandardOutput());
        }
        return m_out + m_err;
    }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    quint16 port() const { return m_port; }
    void setPort(quint16 port) { m_port = port; }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_out, m_err;
};

// answerStrings renders answer records as "TYPE rdata-ish" strings for comparisons: A/AAAA
// addresses, names as presentation text for CNAME/PTR/NS, "prio weight port target" for SRV.
inline QStringList answerAddresses(const dns::Message &m, std::uint16_t type)
{
    QStringList out;
    for (const dns::Rr &rr : m.answer) {
        if (rr.type != type)
            continue;
        if (type == dns::kTypeA && rr.rdata.size() == 4)
            out << QHostAddress(quint32((quint8(rr.rdata[0]) << 24) | (quint8(rr.rdata[1]) << 16) |
                                        (quint8(rr.rdata[2]) << 8) | quint8(rr.rdata[3])))
                       .toString();
    }
    out.sort();
    return out;
}

} // namespace skydns::test
