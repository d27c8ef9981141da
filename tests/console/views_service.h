#pragma once
// A running skydns with its admin API for the views' tests: the fixture etcd under a prefix of the
// test's own, a few services, DNS and admin on free loopback ports, the token read from the file
// the service created.
#include "servicetestutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

namespace skydns::test {

// ViewsService is one skydns for one test case.
class ViewsService
{
public:
    // start writes web/db/mail services below /<prefix> in the fixture etcd and starts skydns for
    // domain skydns.test. with the admin API on a free port. false and *error on failure.
    bool start(const QString &prefix, QString *error)
    {
        const QString endpoint = sharedEtcdEndpoint();
        if (endpoint.isEmpty()) {
            *error = QStringLiteral("needs the etcd CTest fixture (SKYDNS_TEST_ETCD_ENDPOINT_FILE)");
            return false;
        }
        m_prefix = prefix;
        const QString base = QLatin1Char('/') + prefix + QStringLiteral("/test/skydns/");
        const struct { const char *key, *value; } records[] = {
            {"web/a", R"({"host":"10.0.0.1"})"},   {"web/b", R"({"host":"10.0.0.2"})"},
            {"db/a", R"({"host":"10.0.1.1","port":5432})"}, {"mail/a", R"({"host":"10.0.2.1","mail":true})"},
        };
        for (const auto &r : records)
            if (!curlPut(endpoint, base + QLatin1String(r.key), QLatin1String(r.value))) {
                *error = QStringLiteral("cannot write test records to etcd at ") + endpoint;
                return false;
            }
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        m_adminPort = EtcdServer::freePort();
        const QString tokenFile = m_dir.filePath(QStringLiteral("admin.token"));
        if (!m_skydns.start({QStringLiteral("-machines"), endpoint, QStringLiteral("-path-prefix"), prefix,
                             QStringLiteral("-domain"), QStringLiteral("skydns.test."), QStringLiteral("-nameservers"),
                             QStringLiteral("127.0.0.1:1"), QStringLiteral("-no-rec")},
                            {{QStringLiteral("SKYDNS_ADMIN_ADDR"), adminAddress()},
                             {QStringLiteral("SKYDNS_ADMIN_TOKEN_FILE"), tokenFile}})) {
            *error = QStringLiteral("skydns did not start: ") + m_skydns.log();
            return false;
        }
        QFile f(tokenFile);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("skydns wrote no token file ") + tokenFile + QStringLiteral(": ") + m_skydns.log();
            return false;
        }
        m_token = QString::fromUtf8(f.readAll()).trimmed();
        return !m_token.isEmpty();
    }

    // adminAddress is "127.0.0.1:<port>" of the admin API.
    QString adminAddress() const { return QStringLiteral("127.0.0.1:%1").arg(m_adminPort); }
    const QString &token() const { return m_token; }
    // prefix is the etcd path prefix the service reads (its config is /<prefix>/config).
    const QString &prefix() const { return m_prefix; }
    quint16 dnsPort() const { return m_skydns.port(); }
    Skydns &skydns() { return m_skydns; }

    // query sends one UDP query for name/type and tells whether an answer came back.
    bool query(const QString &name, quint16 type = 1)
    {
        static quint16 id = 1000;
        return !udpExchange(dnsPort(), makeQuery(++id, name, type)).isEmpty();
    }

private:
    QTemporaryDir m_dir;
    Skydns m_skydns;
    QString m_prefix;
    QString m_token;
    quint16 m_adminPort = 0;
};

// uniquePrefix is an etcd path prefix no other test or run uses.
inline QString uniquePrefix(const char *test)
{
    return QStringLiteral("skydns-%1-%2-%3")
        .arg(QLatin1String(test))
        .arg(QCoreApplication::applicationPid())
        .arg(QDateTime::currentMSecsSinceEpoch());
}

} // namespace skydns::test
