#pragma once
// Helpers of the DNSSEC integration tests: keys made by dnssec-keygen, delv (a real validator) run
// with our DNSKEY as the only trust anchor, and the zone both tests serve.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace skydns::test {

// DelvCase is one query and what delv must say about it.
struct DelvCase
{
    const char *what;  // row name, with the spec item
    const char *name;
    const char *type;
    const char *expect; // a line delv must print
    const char *answer; // a substring of the answer records (nullptr: none)
};

// delvCases: A, AAAA, SRV, TXT fully validated; NXDOMAIN and NODATA proven (issue 5).
inline QList<DelvCase> delvCases()
{
    return {
        {"A fully validated", "web.skydns.test.", "A", "; fully validated", "10.0.0.1"},
        {"AAAA fully validated", "v6.skydns.test.", "AAAA", "; fully validated", "2001:db8::1"},
        {"SRV fully validated", "web.skydns.test.", "SRV", "; fully validated", "SRV"},
        {"TXT fully validated", "txt.skydns.test.", "TXT", "; fully validated", "\"hello world\""},
        {"DNSKEY fully validated", "skydns.test.", "DNSKEY", "; fully validated", "DNSKEY"},
        {"NXDOMAIN proven", "nothere.skydns.test.", "A", ";; resolution failed: ncache nxdomain", nullptr},
        {"NODATA proven", "txt.skydns.test.", "MX", ";; resolution failed: ncache nxrrset", nullptr},
    };
}

// zoneRecords are the etcd keys (below /<prefix>) and values of the test zone skydns.test.
inline QList<QPair<QString, QString>> zoneRecords()
{
    return {
        {"/test/skydns/web/1", R"({"host":"10.0.0.1","port":80})"},
        {"/test/skydns/v6/1", R"({"host":"2001:db8::1"})"},
        {"/test/skydns/txt/1", R"({"host":"10.0.0.9","text":"hello world"})"},
    };
}

// keygen runs dnssec-keygen (a KSK: delv takes it as a static trust anchor) and returns the
// basename, or an empty string.
inline QString keygen(const QString &dir, const QString &algorithm)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QStringList args{"-q", "-K", dir, "-a", algorithm, "-f", "KSK"};
    if (algorithm.startsWith("RSA"))
        args << "-b" << "2048";
    args << "skydns.test.";
    p.start("dnssec-keygen", args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QDir(dir).filePath(QString::fromLatin1(p.readAllStandardOutput().trimmed()));
}

// writeAnchors writes a delv trust-anchors file for the DNSKEY in <base>.key; returns its path.
inline QString writeAnchors(const QString &dir, const QString &base)
{
    QFile key(base + ".key");
    if (!key.open(QIODevice::ReadOnly))
        return {};
    QString record;
    for (const QString &line : QString::fromLatin1(key.readAll()).split('\n'))
        if (!line.startsWith(';') && line.contains("DNSKEY"))
            record = line;
    const QStringList f = record.section("DNSKEY", 1).simplified().split(' ');
    if (f.size() < 4)
        return {};
    const QString path = QDir(dir).filePath("anchors.conf");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(QStringLiteral("trust-anchors {\n  \"skydns.test.\" static-key %1 %2 %3 \"%4\";\n};\n")
                  .arg(f[0], f[1], f[2], QStringList(f.mid(3)).join(QString()))
                  .toLatin1());
    return path;
}

// delv asks 127.0.0.1:port and returns its whole output (stdout and stderr).
inline QString delv(quint16 port, const QString &anchors, const QString &name, const QString &type)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start("delv", {"@127.0.0.1", "-p", QString::number(port), "-a", anchors, "+root=skydns.test.", name, type});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(2000);
        return QStringLiteral("delv timed out");
    }
    return QString::fromUtf8(p.readAll());
}

} // namespace skydns::test
