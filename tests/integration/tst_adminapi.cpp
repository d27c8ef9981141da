// The admin API of a running skydns (issue 6) against the etcd fixture: the token (file 0600, 401 on a
// missing or wrong one, nothing changed by a refused call), 400/404/405 with a message, statistics
// that follow dig queries, query log cursor semantics (after, limit, wait), cache listing and flush,
// configuration with sources, reload, status.
#include "servicetestutil.h"

#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace skydns::test;
namespace api = skydns::admin;

namespace {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QByteArray headers;
};

QByteArray httpRequestText(const QString &method, const QString &target, const QString &auth, const QByteArray &body)
{
    QByteArray r = method.toUtf8() + " " + target.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!auth.isNull())
        r += "Authorization: " + auth.toUtf8() + "\r\n";
    if (!body.isEmpty() || method == QLatin1String("POST"))
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// readResponse reads one HTTP response (Content-Length framed) from s.
HttpResult readResponse(QTcpSocket &s, int timeoutMs)
{
    HttpResult out;
    QByteArray all;
    QElapsedTimer t;
    t.start();
    qsizetype split = -1;
    qint64 length = -1;
    while (t.elapsed() < timeoutMs) {
        if (s.bytesAvailable() == 0 && !s.waitForReadyRead(100) && s.state() != QAbstractSocket::ConnectedState)
            break;
        all += s.readAll();
        if (split < 0 && (split = all.indexOf("\r\n\r\n")) >= 0) {
            out.headers = all.left(split);
            for (const QByteArray &line : out.headers.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
        }
        if (split >= 0 && length >= 0 && all.size() - split - 4 >= length)
            break;
    }
    if (split < 0)
        return out;
    out.status = all.mid(9, 3).toInt();
    out.body = all.mid(split + 4);
    return out;
}

HttpResult call(quint16 port, const QString &method, const QString &target, const QString &auth,
                const QByteArray &body = {}, int timeoutMs = 10000)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(3000))
        return {};
    s.write(httpRequestText(method, target, auth, body));
    return readResponse(s, timeoutMs);
}

template <typename T>
T decode(const HttpResult &r)
{
    T v;
    std::string error;
    if (!api::fromJsonText(r.body.toStdString(), v, &error))
        qWarning("cannot decode %s: %s", r.body.constData(), error.c_str());
    return v;
}

QString uniquePrefix(const char *what)
{
    return QStringLiteral("admin%1%2").arg(QLatin1String(what)).arg(QCoreApplication::applicationPid());
}

} // namespace

class TstAdminApiService final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenFileIsPrivate();
    void refused_data();
    void refused();
    void badInput_data();
    void badInput();
    void status();
    void statsFollowQueries();
    void queryLogCursor();
    void queryLogLongPoll();
    void cacheListAndFlush();
    void configWithSources();
    void reload();
    void tokenReusedAfterRestart();
    void exposedTokenFileRefused();

private:
    HttpResult get(const QString &target) { return call(m_adminPort, "GET", target, m_auth); }
    HttpResult post(const QString &target, const QByteArray &body = {})
    {
        return call(m_adminPort, "POST", target, m_auth, body);
    }
    bool startService(Skydns &s, const QString &tokenPath, quint16 adminPort);
    // query asks skydns over UDP, always from the same socket: the kernel then hands every query to
    // the same worker (SO_REUSEPORT hashes the source), so repeats are cache hits.
    QByteArray query(const QString &name, quint16 type = skydns::dns::kTypeA)
    {
        const QByteArray q = makeQuery(quint16(++m_id), name, type);
        m_client.writeDatagram(q, QHostAddress::LocalHost, m_skydns.port());
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3000) {
            if (!m_client.hasPendingDatagrams() && !m_client.waitForReadyRead(50))
                continue;
            QByteArray a(int(m_client.pendingDatagramSize()), '\0');
            m_client.readDatagram(a.data(), a.size());
            if (a.left(2) == q.left(2))
                return a;
        }
        return {};
    }

    QString m_endpoint;
    QString m_prefix;
    QTemporaryDir m_dir;
    QString m_tokenPath;
    QString m_auth;
    quint16 m_adminPort = 0;
    Skydns m_skydns;
    QUdpSocket m_client;
    int m_id = 0;
};

bool TstAdminApiService::startService(Skydns &s, const QString &tokenPath, quint16 adminPort)
{
    return s.start({"-machines", m_endpoint, "-path-prefix", m_prefix, "-nameservers", "127.0.0.1:1"},
                   {{"SKYDNS_ADMIN_ADDR", QStringLiteral("127.0.0.1:%1").arg(adminPort)},
                    {"SKYDNS_ADMIN_TOKEN_FILE", tokenPath}});
}

void TstAdminApiService::initTestCase()
{
    m_endpoint = sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd fixture (run through ctest)");
    QVERIFY(m_dir.isValid());
    m_prefix = uniquePrefix("main");
    for (int i = 1; i <= 3; ++i)
        QVERIFY(curlPut(m_endpoint, QStringLiteral("/%1/local/skydns/web/x%2").arg(m_prefix).arg(i),
                        QStringLiteral(R"({"host":"10.9.0.%1"})").arg(i)));
    m_tokenPath = m_dir.filePath(QStringLiteral("state/admin.token")); // the directory does not exist yet
    m_adminPort = EtcdServer::freePort();
    QVERIFY2(startService(m_skydns, m_tokenPath, m_adminPort), qPrintable(m_skydns.log()));
    // The listener opens right after "ready for queries".
    QElapsedTimer t;
    t.start();
    while (!QFileInfo::exists(m_tokenPath) || call(m_adminPort, "GET", "/v1/status", {}).status == 0) {
        QVERIFY2(t.elapsed() < 10000, qPrintable(m_skydns.log()));
        QTest::qWait(50);
    }
    QFile f(m_tokenPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray token = f.readAll().trimmed();
    QVERIFY2(api::isValidToken(token.toStdString()), token.constData());
    m_auth = QStringLiteral("Bearer ") + QString::fromLatin1(token);
    QVERIFY(m_client.bind(QHostAddress::LocalHost, 0));
}

void TstAdminApiService::cleanupTestCase()
{
    m_skydns.stop();
}

void TstAdminApiService::tokenFileIsPrivate()
{
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(m_tokenPath).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QCOMPARE(st.st_uid, ::geteuid());
    QCOMPARE(::stat(QFile::encodeName(QFileInfo(m_tokenPath).absolutePath()).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0700); // the directory the service made for it
}

void TstAdminApiService::refused_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("auth");
    QTest::newRow("missing token, status") << "GET" << "/v1/status" << QString();
    QTest::newRow("wrong token, status") << "GET" << "/v1/status" << "Bearer 0123456789abcdef0123456789abcdef";
    QTest::newRow("wrong scheme") << "GET" << "/v1/stats" << "Basic YWRtaW46YWRtaW4=";
    QTest::newRow("empty bearer") << "GET" << "/v1/querylog" << "Bearer ";
    QTest::newRow("missing token, unknown path") << "GET" << "/v1/nothing" << QString();
    QTest::newRow("missing token, flush") << "POST" << "/v1/cache/flush" << QString();
    QTest::newRow("wrong token, flush") << "POST" << "/v1/cache/flush" << "Bearer x";
    QTest::newRow("wrong token, reload") << "POST" << "/v1/reload" << "Bearer x";
}

void TstAdminApiService::refused()
{
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(QString, auth);
    // Something in the cache, so a flush that went through would show.
    QVERIFY(!query(QStringLiteral("web.skydns.local.")).isEmpty());
    QVERIFY(!query(QStringLiteral("web.skydns.local.")).isEmpty());
    const api::CacheListing before = decode<api::CacheListing>(get("/v1/cache"));
    QVERIFY(before.total > 0);
    const api::Status statusBefore = decode<api::Status>(get("/v1/status"));

    const HttpResult r = call(m_adminPort, method, target, auth);
    QCOMPARE(r.status, 401);
    QVERIFY2(r.headers.toLower().contains("www-authenticate: bearer"), r.headers.constData());
    const api::ErrorBody e = decode<api::ErrorBody>(r);
    QVERIFY2(QString::fromStdString(e.error).contains(auth.isNull() ? "missing token" : "wrong token"), r.body.constData());

    QCOMPARE(decode<api::CacheListing>(get("/v1/cache")).total, before.total);
    QCOMPARE(decode<api::Status>(get("/v1/status")).configReloads, statusBefore.configReloads);
}

void TstAdminApiService::badInput_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("limit 0") << "GET" << "/v1/querylog?limit=0" << QByteArray() << 400 << "'limit' must be an integer from 1 to 1000";
    QTest::newRow("wait too long") << "GET" << "/v1/querylog?wait=600" << QByteArray() << 400 << "'wait'";
    QTest::newRow("bad cursor") << "GET" << "/v1/querylog?after=yesterday" << QByteArray() << 400 << "not a query log cursor";
    QTest::newRow("unknown parameter") << "GET" << "/v1/stats?series=10&x=1" << QByteArray() << 400 << "unknown parameter 'x'";
    QTest::newRow("series too long") << "GET" << "/v1/stats?series=7200" << QByteArray() << 400 << "from 0 to 3600";
    QTest::newRow("flush body not JSON") << "POST" << "/v1/cache/flush" << QByteArray("all") << 400 << "empty body or a JSON object";
    QTest::newRow("unknown path") << "GET" << "/v1/keys" << QByteArray() << 404 << "no such endpoint";
    QTest::newRow("GET flush") << "GET" << "/v1/cache/flush" << QByteArray() << 405 << "takes POST";
    QTest::newRow("body too large") << "POST" << "/v1/reload" << QByteArray(8192, ' ') << 413 << "over 4096 bytes";
}

void TstAdminApiService::badInput()
{
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, errorSubstring);
    QVERIFY(!query(QStringLiteral("web.skydns.local.")).isEmpty());
    const std::uint64_t cached = decode<api::CacheListing>(get("/v1/cache")).total;
    const std::uint64_t reloads = decode<api::Status>(get("/v1/status")).configReloads;
    const HttpResult r = call(m_adminPort, method, target, m_auth, body);
    QCOMPARE(r.status, status);
    const api::ErrorBody e = decode<api::ErrorBody>(r);
    QVERIFY2(QString::fromStdString(e.error).contains(errorSubstring), r.body.constData());
    QCOMPARE(decode<api::CacheListing>(get("/v1/cache")).total, cached); // nothing changed
    QCOMPARE(decode<api::Status>(get("/v1/status")).configReloads, reloads);
}

void TstAdminApiService::status()
{
    const HttpResult r = get("/v1/status");
    QCOMPARE(r.status, 200);
    QVERIFY2(r.headers.contains("application/json"), r.headers.constData());
    const api::Status s = decode<api::Status>(r);
    QVERIFY(!s.version.empty());
    QCOMPARE(s.domain, std::string("skydns.local."));
    QCOMPARE(s.listen, std::vector<std::string>{QStringLiteral("127.0.0.1:%1").arg(m_skydns.port()).toStdString()});
    QCOMPARE(s.adminAddress, QStringLiteral("127.0.0.1:%1").arg(m_adminPort).toStdString());
    QVERIFY(s.workers >= 1);
    QCOMPARE(s.etcdMachines.size(), std::size_t(1));
    QVERIFY2(QString::fromStdString(s.etcdMachines[0]).startsWith(m_endpoint), s.etcdMachines[0].c_str());
    QCOMPARE(s.etcdState, std::string("connected"));
    QVERIFY(s.synced);
    QVERIFY(s.records >= 3);
    QVERIFY(s.generation >= 1);
    QVERIFY(s.uptimeSeconds > 0);
    QCOMPARE(s.staleSeconds, 0.0);
}

void TstAdminApiService::statsFollowQueries()
{
    const api::Stats before = decode<api::Stats>(get("/v1/stats?series=5"));
    QCOMPARE(before.series.size(), std::size_t(5));
    const QStringList ok = dig(m_skydns.port(), {"+short", "A", "web.skydns.local."});
    QCOMPARE(ok.size(), 3);
    for (int i = 0; i < 4; ++i)
        QVERIFY(!query(QStringLiteral("missing%1.skydns.local.").arg(i)).isEmpty());
    for (int i = 0; i < 3; ++i) // repeats: from the cache
        QVERIFY(!query(QStringLiteral("missing0.skydns.local.")).isEmpty());
    QTest::qWait(1100); // let the second of these queries end, so the series holds it

    const api::Stats after = decode<api::Stats>(get("/v1/stats?series=60"));
    QCOMPARE(after.series.size(), std::size_t(60));
    QCOMPARE(after.queries - before.queries, std::uint64_t(8));
    auto count = [](const std::map<std::string, std::uint64_t> &m, const char *key) {
        const auto it = m.find(key);
        return it == m.end() ? std::uint64_t(0) : it->second;
    };
    QCOMPARE(count(after.byRcode, "NXDOMAIN") - count(before.byRcode, "NXDOMAIN"), std::uint64_t(7));
    QCOMPARE(count(after.byRcode, "NOERROR") - count(before.byRcode, "NOERROR"), std::uint64_t(1));
    QVERIFY(after.cacheHits - before.cacheHits >= 3);
    QVERIFY(after.bySystem.count("cache"));
    QVERIFY(after.bySystem.count("auth"));
    QVERIFY(after.latency.samples >= 8);
    QVERIFY(after.latency.p50Ms > 0 && after.latency.p50Ms <= after.latency.p99Ms);
    QVERIFY(after.latencyLastMinute.samples >= 8);
    QVERIFY(after.cacheSize >= 1);
    std::uint64_t inSeries = 0, nx = 0;
    for (const api::StatsPoint &p : after.series) {
        inSeries += p.queries;
        nx += p.nxDomain;
    }
    QVERIFY2(inSeries >= 8, qPrintable(QString::number(inSeries)));
    QVERIFY(nx >= 7);
    QVERIFY(after.series.back().second * 1000 <= after.nowMs);
}

void TstAdminApiService::queryLogCursor()
{
    // The newest page gives the cursor to follow from.
    const api::QueryLogPage start = decode<api::QueryLogPage>(get("/v1/querylog?limit=1"));
    QVERIFY(!start.next.empty());
    const QStringList names{"log1", "log2", "log3", "log4", "log5"};
    for (const QString &n : names)
        QVERIFY(!query(n + QStringLiteral(".skydns.local."), skydns::dns::kTypeAAAA).isEmpty());

    // after=<cursor>: exactly what came since, oldest first, in pages of limit; no repeats, no gaps.
    QStringList seen;
    QString cursor = QString::fromStdString(start.next);
    for (int page = 0; page < 5; ++page) {
        const HttpResult r = get(QStringLiteral("/v1/querylog?after=%1&limit=2").arg(cursor));
        QCOMPARE(r.status, 200);
        const api::QueryLogPage p = decode<api::QueryLogPage>(r);
        QVERIFY(p.entries.size() <= 2);
        QVERIFY(!p.reset);
        QCOMPARE(p.missed, std::uint64_t(0));
        for (const api::QueryLogEntry &e : p.entries) {
            seen << QString::fromStdString(e.name);
            QCOMPARE(e.type, std::string("AAAA"));
            QCOMPARE(e.transport, std::string("udp"));
            QVERIFY2(QString::fromStdString(e.client).startsWith("127.0.0.1:"), e.client.c_str());
            QCOMPARE(e.rcode, std::string("NXDOMAIN"));
            QCOMPARE(e.servedFrom, std::string("mirror"));
            QVERIFY(e.latencyMs >= 0);
            QVERIFY(e.timeMs > 0);
        }
        cursor = QString::fromStdString(p.next);
        if (p.entries.empty())
            break;
    }
    QStringList expected;
    for (const QString &n : names)
        expected << n + QStringLiteral(".skydns.local.");
    QCOMPARE(seen, expected);

    // The same cursor again: nothing new. A repeat query is logged as served from the cache.
    QCOMPARE(decode<api::QueryLogPage>(get("/v1/querylog?after=" + cursor)).entries.size(), std::size_t(0));
    QVERIFY(!query(QStringLiteral("log1.skydns.local."), skydns::dns::kTypeAAAA).isEmpty());
    const api::QueryLogPage repeat = decode<api::QueryLogPage>(get("/v1/querylog?after=" + cursor));
    QCOMPARE(repeat.entries.size(), std::size_t(1));
    QCOMPARE(repeat.entries[0].servedFrom, std::string("cache"));

    // A cursor of another run (epoch) reads from the start and says so.
    const api::QueryLogPage other = decode<api::QueryLogPage>(get("/v1/querylog?after=zz-0.0.0.0.0.0.0.0.0&limit=1000"));
    QVERIFY(other.reset);
    QVERIFY(other.entries.size() >= 6);
}

void TstAdminApiService::queryLogLongPoll()
{
    const api::QueryLogPage start = decode<api::QueryLogPage>(get("/v1/querylog?limit=1"));
    const QString after = QString::fromStdString(start.next);

    // Nothing comes: the call is held for wait seconds, then answers an empty page.
    QElapsedTimer t;
    t.start();
    const HttpResult idle = get(QStringLiteral("/v1/querylog?after=%1&wait=1").arg(after));
    QCOMPARE(idle.status, 200);
    QVERIFY2(t.elapsed() >= 900, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(decode<api::QueryLogPage>(idle).entries.size(), std::size_t(0));

    // A query arrives while the call waits: it answers with it, long before wait runs out.
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_adminPort);
    QVERIFY(s.waitForConnected(3000));
    t.restart();
    s.write(httpRequestText("GET", QStringLiteral("/v1/querylog?after=%1&wait=20").arg(after), m_auth, {}));
    QVERIFY(s.waitForBytesWritten(1000));
    QTest::qWait(300);
    QVERIFY(!query(QStringLiteral("poll.skydns.local.")).isEmpty());
    const HttpResult r = readResponse(s, 25000);
    QCOMPARE(r.status, 200);
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
    const api::QueryLogPage p = decode<api::QueryLogPage>(r);
    QCOMPARE(p.entries.size(), std::size_t(1));
    QCOMPARE(p.entries[0].name, std::string("poll.skydns.local."));
}

void TstAdminApiService::cacheListAndFlush()
{
    QVERIFY(!query(QStringLiteral("web.skydns.local.")).isEmpty());
    QVERIFY(!query(QStringLiteral("x1.web.skydns.local.")).isEmpty());
    const api::CacheListing listing = decode<api::CacheListing>(get("/v1/cache"));
    QVERIFY(listing.total >= 2);
    QCOMPARE(listing.entries.size(), std::size_t(listing.total));
    bool found = false;
    for (const api::CacheEntry &e : listing.entries)
        if (e.name == "x1.web.skydns.local." && e.type == "A") {
            found = true;
            QCOMPARE(e.cache, std::string("local"));
            QVERIFY(e.current);
            QVERIFY(e.bytes > 12);
            QVERIFY(e.expiresInSeconds > 0);
        }
    QVERIFY(found);
    const api::CacheListing one = decode<api::CacheListing>(get("/v1/cache?limit=1"));
    QCOMPARE(one.entries.size(), std::size_t(1));
    QVERIFY(one.truncated);

    const HttpResult flush = post("/v1/cache/flush");
    QCOMPARE(flush.status, 200);
    QCOMPARE(decode<api::CacheFlushResult>(flush).flushed, listing.total);
    const api::CacheListing empty = decode<api::CacheListing>(get("/v1/cache"));
    QCOMPARE(empty.total, std::uint64_t(0));
    QCOMPARE(empty.entries.size(), std::size_t(0));
    QCOMPARE(decode<api::Stats>(get("/v1/stats")).cacheSize, std::uint64_t(0));
    // Still answering after the flush (and caching again).
    QVERIFY(!query(QStringLiteral("x1.web.skydns.local.")).isEmpty());
    QCOMPARE(decode<api::CacheListing>(get("/v1/cache")).total, std::uint64_t(1));
}

void TstAdminApiService::configWithSources()
{
    const api::ConfigListing c = decode<api::ConfigListing>(get("/v1/config"));
    QVERIFY(c.settings.size() > 10);
    std::map<std::string, api::ConfigValue> byKey;
    for (const api::ConfigValue &v : c.settings)
        byKey[v.key] = v;
    QVERIFY(byKey.count("dns_addr"));
    QCOMPARE(byKey["dns_addr"].source, std::string("flag"));
    QCOMPARE(byKey["dns_addr"].value, QStringLiteral("127.0.0.1:%1").arg(m_skydns.port()).toStdString());
    QCOMPARE(byKey["ttl"].source, std::string("default"));
    QCOMPARE(byKey["ttl"].value, std::string("3600"));
}

void TstAdminApiService::reload()
{
    const api::Status before = decode<api::Status>(get("/v1/status"));
    // A /<prefix>/config whose ttl differs: the reload reads it and applies it.
    QVERIFY(curlPut(m_endpoint, QStringLiteral("/%1/config").arg(m_prefix), QStringLiteral(R"({"ttl":120})")));
    // The mirror may see the change and reload by itself first; either way ttl ends up from etcd.
    const HttpResult r = post("/v1/reload", "{}");
    QCOMPARE(r.status, 200);
    const api::ReloadResult result = decode<api::ReloadResult>(r);
    QVERIFY2(result.accepted, r.body.constData());
    QVERIFY(result.configReloads > before.configReloads);
    QVERIFY(!result.message.empty());
    QElapsedTimer t;
    t.start();
    std::string ttl, source;
    while (t.elapsed() < 5000) {
        for (const api::ConfigValue &v : decode<api::ConfigListing>(get("/v1/config")).settings)
            if (v.key == "ttl") {
                ttl = v.value;
                source = v.source;
            }
        if (ttl == "120")
            break;
        QTest::qWait(50);
    }
    QCOMPARE(ttl, std::string("120"));
    QCOMPARE(source, std::string("etcd"));
    // A second reload has nothing new.
    const api::ReloadResult again = decode<api::ReloadResult>(post("/v1/reload"));
    QVERIFY(again.accepted);
    QVERIFY(!again.changed);
    // (The mirror's own reload on seeing /<prefix>/config change may come after ours: >=.)
    QVERIFY(decode<api::Status>(get("/v1/status")).configReloads >= again.configReloads);
}

void TstAdminApiService::tokenReusedAfterRestart()
{
    const QByteArray before = [this] {
        QFile f(m_tokenPath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    Skydns second;
    const quint16 port = EtcdServer::freePort();
    QVERIFY2(startService(second, m_tokenPath, port), qPrintable(second.log()));
    QElapsedTimer t;
    t.start();
    HttpResult r;
    while ((r = call(port, "GET", "/v1/status", m_auth)).status != 200 && t.elapsed() < 10000)
        QTest::qWait(50);
    QCOMPARE(r.status, 200);
    QFile f(m_tokenPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TstAdminApiService::exposedTokenFileRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("exposed.token"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
    }
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    Skydns s;
    const quint16 port = EtcdServer::freePort();
    QVERIFY2(startService(s, path, port), qPrintable(s.log()));
    QElapsedTimer t;
    t.start();
    while (!s.log().contains("admin API disabled") && t.elapsed() < 10000)
        QTest::qWait(50);
    QVERIFY2(s.log().contains("can be accessed by others (mode 644)"), qPrintable(s.log()));
    QCOMPARE(call(port, "GET", "/v1/status", "Bearer 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").status, 0);
    // DNS is still served.
    QVERIFY(!udpExchange(s.port(), makeQuery(7, QStringLiteral("web.skydns.local."), skydns::dns::kTypeA)).isEmpty());
}

QTEST_GUILESS_MAIN(TstAdminApiService)
#include "tst_adminapi.moc"
