// Tests of the console's admin API client: how HTTP outcomes become AdminErrors (table), calls
// without configuration, a refused connection, and every call against a running skydns with its
// admin API (token accepted, wrong token -> 401 changing nothing, bad cursor -> 400 with the
// service's message, query log polling with the cursor: no gaps, no repeats; cache flush; reload).
#include "admin/adminclient.h"

#include "views_service.h"

#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace skydns::console;
using Kind = AdminError::Kind;
Q_DECLARE_METATYPE(AdminError::Kind)

namespace {

// result runs one client call and waits for its callback.
template <typename T>
std::pair<AdminError, T> result(const std::function<void(QObject *, AdminClient::Callback<T>)> &call, int ms = 15000)
{
    std::optional<std::pair<AdminError, T>> out;
    QObject context;
    call(&context, [&out](const AdminError &e, const T &v) { out = std::make_pair(e, v); });
    QElapsedTimer t;
    t.start();
    while (!out && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!out) {
        AdminError e;
        e.kind = Kind::Network;
        e.message = QStringLiteral("test: no callback");
        return {e, T{}};
    }
    return *out;
}

} // namespace

class TstAdminClient final : public QObject
{
    Q_OBJECT

private:
    skydns::test::ViewsService m_service;
    AdminClient *client(const QString &token = {}) const;

private slots:
    void initTestCase();
    void describe_data();
    void describe();
    void notConfigured();
    void connectionRefused();
    void status();
    void wrongToken_data();
    void wrongToken();
    void badCursorIsBadRequest();
    void queryLogPollingFollowsCursor();
    void cacheListAndFlush();
    void reload();
    void destroyedContextIsNotCalled();
};

void TstAdminClient::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(skydns::test::uniquePrefix("adminclient"), &error), qPrintable(error));
}

AdminClient *TstAdminClient::client(const QString &token) const
{
    auto *c = new AdminClient(const_cast<TstAdminClient *>(this));
    c->setAddress(m_service.adminAddress());
    c->setToken(token.isEmpty() ? m_service.token() : token);
    return c;
}

void TstAdminClient::describe_data()
{
    QTest::addColumn<int>("networkError");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("issue 6: 401 -> token refused") << int(QNetworkReply::AuthenticationRequiredError) << 401
                                                   << QByteArray(R"({"error":"missing or wrong token"})") << Kind::TokenRefused
                                                   << "refused the admin token";
    QTest::newRow("issue 6: 400 -> the service's message") << int(QNetworkReply::ProtocolInvalidOperationError) << 400
                                                           << QByteArray(R"({"error":"limit must be 1..1000"})")
                                                           << Kind::BadRequest << "limit must be 1..1000";
    QTest::newRow("400 without a body") << int(QNetworkReply::ProtocolInvalidOperationError) << 400 << QByteArray()
                                        << Kind::BadRequest << "rejected the request";
    QTest::newRow("404 names the status") << int(QNetworkReply::ContentNotFoundError) << 404
                                          << QByteArray(R"({"error":"no such path"})") << Kind::HttpError << "HTTP 404";
    QTest::newRow("connection refused") << int(QNetworkReply::ConnectionRefusedError) << 0 << QByteArray()
                                        << Kind::ConnectionRefused << "Connection refused at 127.0.0.1:1";
    QTest::newRow("timeout") << int(QNetworkReply::OperationCanceledError) << 0 << QByteArray() << Kind::Network
                             << "in time";
    QTest::newRow("200 is ok") << int(QNetworkReply::NoError) << 200 << QByteArray("{}") << Kind::None << "";
}

void TstAdminClient::describe()
{
    QFETCH(int, networkError);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, messagePart);
    const AdminError e = AdminClient::describe(networkError, status, body, QStringLiteral("x"),
                                               QUrl(QStringLiteral("http://127.0.0.1:1/v1/status")));
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.ok(), kind == Kind::None);
    QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
}

void TstAdminClient::notConfigured()
{
    AdminClient c;
    QVERIFY(!c.isConfigured());
    auto [e, status] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { c.fetchStatus(ctx, done); });
    QCOMPARE(e.kind, Kind::NotConfigured);
    QVERIFY(e.message.contains(QStringLiteral("address")));
    c.setAddress(m_service.adminAddress());
    auto [e2, status2] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { c.fetchStatus(ctx, done); });
    QCOMPARE(e2.kind, Kind::NotConfigured);
    QVERIFY(e2.message.contains(QStringLiteral("token")));
}

void TstAdminClient::connectionRefused()
{
    AdminClient c;
    c.setAddress(QStringLiteral("127.0.0.1:%1").arg(skydns::test::EtcdServer::freePort()));
    c.setToken(QStringLiteral("x").repeated(40));
    auto [e, status] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { c.fetchStatus(ctx, done); });
    QCOMPARE(e.kind, Kind::ConnectionRefused);
    QVERIFY2(e.message.contains(QStringLiteral("Connection refused")), qPrintable(e.message));
}

void TstAdminClient::status()
{
    AdminClient *c = client();
    auto [e, s] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { c->fetchStatus(ctx, done); });
    QVERIFY2(e.ok(), qPrintable(e.message));
    QCOMPARE(QString::fromStdString(s.domain), QStringLiteral("skydns.test."));
    QVERIFY(!s.version.empty());
    QCOMPARE(QString::fromStdString(s.adminAddress), m_service.adminAddress());
    QVERIFY(s.workers > 0);
}

void TstAdminClient::wrongToken_data()
{
    QTest::addColumn<QString>("endpoint");
    for (const char *e : {"status", "stats", "querylog", "cache", "cache/flush", "config", "reload"})
        QTest::newRow(qPrintable(QStringLiteral("issue 6: wrong token on %1 -> 401").arg(QLatin1String(e)))) << e;
}

void TstAdminClient::wrongToken()
{
    QFETCH(QString, endpoint);
    AdminClient *good = client();
    auto [e0, before] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { good->fetchStatus(ctx, done); });
    QVERIFY2(e0.ok(), qPrintable(e0.message));

    AdminClient *c = client(QStringLiteral("wrong").repeated(8));
    AdminError e;
    if (endpoint == QLatin1String("status"))
        e = result<skydns::admin::Status>([&](QObject *x, auto d) { c->fetchStatus(x, d); }).first;
    else if (endpoint == QLatin1String("stats"))
        e = result<skydns::admin::Stats>([&](QObject *x, auto d) { c->fetchStats(10, x, d); }).first;
    else if (endpoint == QLatin1String("querylog"))
        e = result<skydns::admin::QueryLogPage>([&](QObject *x, auto d) { c->fetchQueryLog({}, 10, 0, x, d); }).first;
    else if (endpoint == QLatin1String("cache"))
        e = result<skydns::admin::CacheListing>([&](QObject *x, auto d) { c->fetchCache(10, x, d); }).first;
    else if (endpoint == QLatin1String("cache/flush"))
        e = result<skydns::admin::CacheFlushResult>([&](QObject *x, auto d) { c->flushCache(x, d); }).first;
    else if (endpoint == QLatin1String("config"))
        e = result<skydns::admin::ConfigListing>([&](QObject *x, auto d) { c->fetchConfig(x, d); }).first;
    else
        e = result<skydns::admin::ReloadResult>([&](QObject *x, auto d) { c->reload(x, d); }).first;
    QCOMPARE(e.kind, Kind::TokenRefused);
    QCOMPARE(e.httpStatus, 401);

    // A refused call changes nothing: no reload was counted.
    auto [e1, after] = result<skydns::admin::Status>([&](QObject *ctx, auto done) { good->fetchStatus(ctx, done); });
    QVERIFY2(e1.ok(), qPrintable(e1.message));
    QCOMPARE(after.configReloads, before.configReloads);
}

void TstAdminClient::badCursorIsBadRequest()
{
    AdminClient *c = client();
    auto [e, page] = result<skydns::admin::QueryLogPage>(
        [&](QObject *ctx, auto done) { c->fetchQueryLog(QStringLiteral("not a cursor!"), 10, 0, ctx, done); });
    QCOMPARE(e.kind, Kind::BadRequest);
    QCOMPARE(e.httpStatus, 400);
    // The service's own explanation reaches the user.
    QVERIFY2(e.message.contains(QStringLiteral("after"), Qt::CaseInsensitive)
                 || e.message.contains(QStringLiteral("cursor"), Qt::CaseInsensitive),
             qPrintable(e.message));
}

void TstAdminClient::queryLogPollingFollowsCursor()
{
    AdminClient *c = client();
    QList<skydns::admin::QueryLogEntry> seen;
    connect(c, &AdminClient::queryLogEntries, this,
            [&seen](const std::vector<skydns::admin::QueryLogEntry> &entries, quint64, bool) {
                for (const auto &e : entries)
                    seen << e;
            });
    QSignalSpy failures(c, &AdminClient::pollFailed);
    c->startQueryLogPolling(2, 500);
    QVERIFY(c->isPollingQueryLog());
    // The first poll (newest entries) sets the cursor; names queried after it must all arrive once.
    QTRY_VERIFY_WITH_TIMEOUT(!c->queryLogCursor().isEmpty(), 10000);
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    QStringList names;
    for (int i = 0; i < 12; ++i) {
        names << QStringLiteral("n%1-%2.web.skydns.test.").arg(i).arg(tag);
        QVERIFY(m_service.query(names.last()));
        if (i == 5)
            QTest::qWait(300); // spread over several polls
    }
    auto countTagged = [&]() {
        int n = 0;
        for (const auto &e : seen)
            n += QString::fromStdString(e.name).contains(tag) ? 1 : 0;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(countTagged(), names.size(), 15000);
    QTest::qWait(600); // a repeat would show up within the next polls
    QCOMPARE(countTagged(), names.size());
    QStringList order;
    for (const auto &e : seen)
        if (QString::fromStdString(e.name).contains(tag)) {
            order << QString::fromStdString(e.name);
            QCOMPARE(QString::fromStdString(e.rcode), QStringLiteral("NXDOMAIN"));
            QCOMPARE(QString::fromStdString(e.type), QStringLiteral("A"));
            QVERIFY(QString::fromStdString(e.client).startsWith(QStringLiteral("127.0.0.1:")));
        }
    QCOMPARE(QSet<QString>(order.begin(), order.end()), QSet<QString>(names.begin(), names.end()));
    QCOMPARE(failures.count(), 0);
    c->stopQueryLogPolling();
    QVERIFY(!c->isPollingQueryLog());
}

void TstAdminClient::cacheListAndFlush()
{
    AdminClient *c = client();
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_service.query(QStringLiteral("web.skydns.test.")));
    auto [e, listing] = result<skydns::admin::CacheListing>([&](QObject *x, auto d) { c->fetchCache(1000, x, d); });
    QVERIFY2(e.ok(), qPrintable(e.message));
    bool cached = false;
    for (const auto &entry : listing.entries)
        cached = cached || entry.name == "web.skydns.test.";
    QVERIFY2(cached, "web.skydns.test. should be in the packet cache after three queries");
    auto [fe, flushed] = result<skydns::admin::CacheFlushResult>([&](QObject *x, auto d) { c->flushCache(x, d); });
    QVERIFY2(fe.ok(), qPrintable(fe.message));
    QVERIFY(flushed.flushed >= 1);
    auto [e2, after] = result<skydns::admin::CacheListing>([&](QObject *x, auto d) { c->fetchCache(1000, x, d); });
    QVERIFY2(e2.ok(), qPrintable(e2.message));
    QCOMPARE(after.total, quint64(0));
}

void TstAdminClient::reload()
{
    AdminClient *c = client();
    auto [e0, before] = result<skydns::admin::Status>([&](QObject *x, auto d) { c->fetchStatus(x, d); });
    QVERIFY2(e0.ok(), qPrintable(e0.message));
    auto [e, r] = result<skydns::admin::ReloadResult>([&](QObject *x, auto d) { c->reload(x, d); });
    QVERIFY2(e.ok(), qPrintable(e.message));
    QVERIFY2(r.accepted, r.message.c_str());
    QCOMPARE(r.configReloads, before.configReloads + 1);
}

void TstAdminClient::destroyedContextIsNotCalled()
{
    AdminClient *c = client();
    bool called = false;
    auto *context = new QObject;
    c->fetchStatus(context, [&called](const AdminError &, const skydns::admin::Status &) { called = true; });
    delete context;
    // A call that does complete shows the first one had time to come back too.
    auto [e, s] = result<skydns::admin::Status>([&](QObject *x, auto d) { c->fetchStatus(x, d); });
    QVERIFY2(e.ok(), qPrintable(e.message));
    QTest::qWait(300);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TstAdminClient)
#include "tst_adminclient.moc"
