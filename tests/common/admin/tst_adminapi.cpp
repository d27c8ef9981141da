// Tests of the admin API contract (common/admin): every response shape survives toJson -> text ->
// fromJson, shape errors name the field, and the request parser turns bad input into 400/404/405/413
// with a message (issue 6: "bad input -> 400 with a message").
#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <QTest>

using namespace skydns::admin;

class TstAdminApi final : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips();
    void shapeErrors_data();
    void shapeErrors();
    void nonUtf8NamesDoNotThrow();
    void goodRequests_data();
    void goodRequests();
    void badRequests_data();
    void badRequests();
    void cursor_data();
    void cursor();
    void token_data();
    void token();
    void rcodeNames();
};

namespace {

// js renders a JSON value for QCOMPARE (which cannot compare nlohmann::json itself).
QString js(const nlohmann::json &j)
{
    return QString::fromStdString(j.dump());
}

template <typename T>
T roundTrip(const T &v)
{
    T back;
    std::string error;
    const std::string text = toJsonText(v);
    if (!fromJsonText(text, back, &error))
        qFatal("round trip failed: %s in %s", error.c_str(), text.c_str());
    return back;
}

} // namespace

void TstAdminApi::roundTrips()
{
    Status s;
    s.version = "0.1.0";
    s.compatVersion = "2.5.3a";
    s.startedAtMs = 1764140000123;
    s.uptimeSeconds = 12.5;
    s.domain = "skydns.local.";
    s.listen = {"127.0.0.1:5353", "[::1]:5353"};
    s.adminAddress = "127.0.0.1:8054";
    s.workers = 2;
    s.etcdMachines = {"http://127.0.0.1:2379", "http://127.0.0.1:4001"};
    s.etcdState = "stale";
    s.etcdLastError = "connection refused";
    s.etcdIndex = 42;
    s.generation = 7;
    s.records = 1000000;
    s.malformed = 3;
    s.synced = true;
    s.staleSeconds = 1.25;
    s.configReloads = 4;
    const Status s2 = roundTrip(s);
    QCOMPARE(js(toJson(s2)), js(toJson(s)));
    QCOMPARE(s2.etcdMachines.size(), std::size_t(2));
    QCOMPARE(s2.records, std::uint64_t(1000000));
    QCOMPARE(s2.startedAtMs, std::int64_t(1764140000123));

    Stats st;
    st.nowMs = 5;
    st.queries = 10;
    st.bySystem["auth"]["NOERROR"] = 7;
    st.bySystem["cache"]["NXDOMAIN"] = 3;
    st.byRcode["NOERROR"] = 7;
    st.byRcode["NXDOMAIN"] = 3;
    st.cacheHits = 3;
    st.cacheMisses = 7;
    st.cacheSize = 2;
    st.latency = {10, 0.01, 0.02, 0.5, 1.5};
    st.latencyLastMinute = {4, 0.01, 0.02, 0.03, 0.04};
    StatsPoint p;
    p.second = 1764140000;
    p.queries = 10;
    p.noError = 7;
    p.nxDomain = 3;
    p.cacheHits = 3;
    p.p99Ms = 0.25;
    st.series = {p, p};
    const Stats st2 = roundTrip(st);
    QCOMPARE(js(toJson(st2)), js(toJson(st)));
    QCOMPARE(st2.bySystem.at("cache").at("NXDOMAIN"), std::uint64_t(3));
    QCOMPARE(st2.series.size(), std::size_t(2));
    QCOMPARE(st2.latency.p999Ms, 1.5);

    QueryLogPage page;
    page.entries.push_back({1764140000123, "127.0.0.1:4000", "udp", "web.skydns.local.", "A", "NOERROR", 0.05, "cache"});
    page.entries.push_back({1764140000124, "[::1]:4001", "tcp", "x.skydns.local.", "SRV", "", 1.5, "forwarder"});
    page.next = "k3x-10.20";
    page.missed = 5;
    page.reset = true;
    const QueryLogPage page2 = roundTrip(page);
    QCOMPARE(js(toJson(page2)), js(toJson(page)));
    QCOMPARE(page2.entries.at(1).servedFrom, std::string("forwarder"));

    CacheListing cl;
    cl.total = 3;
    cl.truncated = true;
    cl.entries.push_back({"local", 1, "web.skydns.local.", "A", true, true, 1232, 9, true, 59.5, 8, 120});
    QCOMPARE(js(toJson(roundTrip(cl))), js(toJson(cl)));

    CacheFlushResult f{12};
    QCOMPARE(roundTrip(f).flushed, std::uint64_t(12));

    ConfigListing c;
    c.settings = {{"ttl", "60", "etcd"}, {"password", "***", "flag"}};
    QCOMPARE(js(toJson(roundTrip(c))), js(toJson(c)));

    ReloadResult r{true, false, 3, "configuration unchanged"};
    QCOMPARE(js(toJson(roundTrip(r))), js(toJson(r)));

    ErrorBody e{"bad"};
    QCOMPARE(roundTrip(e).error, std::string("bad"));
}

void TstAdminApi::shapeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("not JSON") << "{" << "not valid JSON";
    QTest::newRow("not an object") << "[1]" << "not a JSON object";
    QTest::newRow("field missing") << R"({"flushed2":1})" << "'flushed' is missing";
    QTest::newRow("negative count") << R"({"flushed":-1})" << "'flushed' must be a non-negative integer";
    QTest::newRow("string for count") << R"({"flushed":"1"})" << "'flushed' must be a non-negative integer";
    QTest::newRow("fraction for count") << R"({"flushed":1.5})" << "'flushed' must be a non-negative integer";
}

void TstAdminApi::shapeErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, errorSubstring);
    CacheFlushResult v;
    std::string error;
    QVERIFY(!fromJsonText(text.toStdString(), v, &error));
    QVERIFY2(QString::fromStdString(error).contains(errorSubstring), error.c_str());
}

void TstAdminApi::nonUtf8NamesDoNotThrow()
{
    // Names come from the wire: any byte. The body must still be valid JSON.
    QueryLogEntry e;
    e.name = std::string("a\xff\xfe.b.", 6);
    const std::string text = toJsonText(e);
    QueryLogEntry back;
    std::string error;
    QVERIFY2(fromJsonText(text, back, &error), error.c_str());
    QVERIFY(back.name.find("\xef\xbf\xbd") != std::string::npos); // U+FFFD

    // Nested shape errors name the path.
    const std::string bad = R"({"entries":[{"timeMs":1}],"next":"","missed":0,"reset":false})";
    QueryLogPage page;
    QVERIFY(!fromJsonText(bad, page, &error));
    QVERIFY2(error.find("entries[0]") != std::string::npos && error.find("client") != std::string::npos, error.c_str());
}

void TstAdminApi::goodRequests_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("endpoint");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("wait");
    QTest::addColumn<int>("series");
    QTest::addColumn<QString>("after");
    QTest::newRow("status") << "GET" << "/v1/status" << "" << "" << int(Endpoint::Status) << 100 << 0 << 60 << "";
    QTest::newRow("status HEAD, trailing slash") << "HEAD" << "/v1/status/" << "" << "" << int(Endpoint::Status) << 100 << 0 << 60 << "";
    QTest::newRow("stats default series") << "GET" << "/v1/stats" << "" << "" << int(Endpoint::Stats) << 100 << 0 << 60 << "";
    QTest::newRow("stats series 3600") << "GET" << "/v1/stats" << "series=3600" << "" << int(Endpoint::Stats) << 100 << 0 << 3600 << "";
    QTest::newRow("stats series 0") << "GET" << "/v1/stats" << "series=0" << "" << int(Endpoint::Stats) << 100 << 0 << 0 << "";
    QTest::newRow("querylog defaults") << "GET" << "/v1/querylog" << "" << "" << int(Endpoint::QueryLog) << 100 << 0 << 60 << "";
    QTest::newRow("querylog all params") << "GET" << "/v1/querylog" << "after=ab1-3.4&limit=1000&wait=30" << ""
                                         << int(Endpoint::QueryLog) << 1000 << 30 << 60 << "ab1-3.4";
    QTest::newRow("querylog escaped, empty parts") << "GET" << "/v1/querylog" << "&after=ab1%2D3%2e4&&limit=%35&"
                                                   << "" << int(Endpoint::QueryLog) << 5 << 0 << 60 << "ab1-3.4";
    QTest::newRow("cache default") << "GET" << "/v1/cache" << "" << "" << int(Endpoint::Cache) << 1000 << 0 << 60 << "";
    QTest::newRow("cache limit") << "GET" << "/v1/cache" << "limit=100000" << "" << int(Endpoint::Cache) << 100000 << 0 << 60 << "";
    QTest::newRow("flush empty body") << "POST" << "/v1/cache/flush" << "" << "" << int(Endpoint::CacheFlush) << 100 << 0 << 60 << "";
    QTest::newRow("flush object body") << "POST" << "/v1/cache/flush" << "" << "{}" << int(Endpoint::CacheFlush) << 100 << 0 << 60 << "";
    QTest::newRow("config") << "GET" << "/v1/config" << "" << "" << int(Endpoint::Config) << 100 << 0 << 60 << "";
    QTest::newRow("reload") << "POST" << "/v1/reload" << "" << R"({"why":"console"})" << int(Endpoint::Reload) << 100 << 0 << 60 << "";
}

void TstAdminApi::goodRequests()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QString, body);
    QFETCH(int, endpoint);
    QFETCH(int, limit);
    QFETCH(int, wait);
    QFETCH(int, series);
    QFETCH(QString, after);
    const ParsedRequest p = parseRequest(method.toStdString(), path.toStdString(), query.toStdString(), body.toStdString());
    QVERIFY2(p.ok(), p.error.c_str());
    QCOMPARE(p.status, 200);
    QCOMPARE(int(p.request->endpoint), endpoint);
    if (endpoint == int(Endpoint::QueryLog) || endpoint == int(Endpoint::Cache))
        QCOMPARE(p.request->limit, limit);
    QCOMPARE(p.request->waitSeconds, wait);
    if (endpoint == int(Endpoint::Stats))
        QCOMPARE(p.request->seriesSeconds, series);
    QCOMPARE(p.request->after ? QString::fromStdString(p.request->after->toString()) : QString(), after);
}

void TstAdminApi::badRequests_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("unknown path") << "GET" << "/v1/nothing" << "" << "" << 404 << "no such endpoint '/v1/nothing'";
    QTest::newRow("root") << "GET" << "/" << "" << "" << 404 << "no such endpoint";
    QTest::newRow("prefix only") << "GET" << "/v1" << "" << "" << 404 << "no such endpoint";
    QTest::newRow("POST on GET endpoint") << "POST" << "/v1/status" << "" << "" << 405 << "takes GET, HEAD, not 'POST'";
    QTest::newRow("GET on flush") << "GET" << "/v1/cache/flush" << "" << "" << 405 << "takes POST";
    QTest::newRow("DELETE on reload") << "DELETE" << "/v1/reload" << "" << "" << 405 << "not 'DELETE'";
    QTest::newRow("body on GET") << "GET" << "/v1/status" << "" << "{}" << 400 << "takes no request body";
    QTest::newRow("POST body not JSON") << "POST" << "/v1/reload" << "" << "reload!" << 400 << "empty body or a JSON object";
    QTest::newRow("POST body an array") << "POST" << "/v1/cache/flush" << "" << "[]" << 400 << "empty body or a JSON object";
    QTest::newRow("body too large") << "POST" << "/v1/reload" << "" << QString(5000, QLatin1Char(' ')) << 413 << "over 4096 bytes";
    QTest::newRow("unknown parameter") << "GET" << "/v1/status" << "verbose=1" << "" << 400 << "unknown parameter 'verbose' for /v1/status";
    QTest::newRow("series on querylog") << "GET" << "/v1/querylog" << "series=1" << "" << 400 << "unknown parameter 'series'";
    QTest::newRow("limit 0") << "GET" << "/v1/querylog" << "limit=0" << "" << 400 << "'limit' must be an integer from 1 to 1000, not '0'";
    QTest::newRow("limit too large") << "GET" << "/v1/querylog" << "limit=1001" << "" << 400 << "from 1 to 1000";
    QTest::newRow("limit negative") << "GET" << "/v1/querylog" << "limit=-1" << "" << 400 << "not '-1'";
    QTest::newRow("limit not a number") << "GET" << "/v1/querylog" << "limit=ten" << "" << 400 << "not 'ten'";
    QTest::newRow("limit empty") << "GET" << "/v1/querylog" << "limit=" << "" << 400 << "not ''";
    QTest::newRow("limit huge") << "GET" << "/v1/querylog" << "limit=99999999999999999999" << "" << 400 << "from 1 to 1000";
    QTest::newRow("limit with space") << "GET" << "/v1/querylog" << "limit=%2010" << "" << 400 << "from 1 to 1000";
    QTest::newRow("wait too long") << "GET" << "/v1/querylog" << "wait=31" << "" << 400 << "'wait' must be an integer from 0 to 30";
    QTest::newRow("cursor garbage") << "GET" << "/v1/querylog" << "after=xyz" << "" << 400 << "not a query log cursor: 'xyz'";
    QTest::newRow("cursor no epoch") << "GET" << "/v1/querylog" << "after=-1.2" << "" << 400 << "not a query log cursor";
    QTest::newRow("cursor empty position") << "GET" << "/v1/querylog" << "after=ab-1..2" << "" << 400 << "not a query log cursor";
    QTest::newRow("cursor upper-case epoch") << "GET" << "/v1/querylog" << "after=AB-1" << "" << 400 << "not a query log cursor";
    QTest::newRow("cursor overflow") << "GET" << "/v1/querylog" << "after=ab-18446744073709551616" << "" << 400 << "not a query log cursor";
    QTest::newRow("repeated parameter") << "GET" << "/v1/querylog" << "limit=1&limit=2" << "" << 400 << "'limit' given more than once";
    QTest::newRow("broken escape") << "GET" << "/v1/querylog" << "limit=%4" << "" << 400 << "malformed percent-encoding";
    QTest::newRow("broken escape hex") << "GET" << "/v1/querylog" << "limit=%zz" << "" << 400 << "malformed percent-encoding";
    QTest::newRow("control bytes quoted") << "GET" << "/v1/status" << "%01=1" << "" << 400 << "unknown parameter '\\x01'";
    QTest::newRow("series too long") << "GET" << "/v1/stats" << "series=3601" << "" << 400 << "from 0 to 3600";
    QTest::newRow("cache limit 0") << "GET" << "/v1/cache" << "limit=0" << "" << 400 << "from 1 to 100000";
    QTest::newRow("parameter on flush") << "POST" << "/v1/cache/flush" << "all=1" << "" << 400 << "unknown parameter 'all'";
}

void TstAdminApi::badRequests()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QString, body);
    QFETCH(int, status);
    QFETCH(QString, errorSubstring);
    const ParsedRequest p = parseRequest(method.toStdString(), path.toStdString(), query.toStdString(), body.toStdString());
    QVERIFY(!p.ok());
    QCOMPARE(p.status, status);
    QVERIFY2(QString::fromStdString(p.error).contains(errorSubstring), p.error.c_str());
}

void TstAdminApi::cursor_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("positions");
    QTest::newRow("one worker") << "k0-0" << true << 1;
    QTest::newRow("two workers") << "k0-12.18446744073709551615" << true << 2;
    QTest::newRow("epoch 32 chars") << QString(32, QLatin1Char('a')) + "-1" << true << 1;
    QTest::newRow("epoch 33 chars") << QString(33, QLatin1Char('a')) + "-1" << false << 0;
    QTest::newRow("no positions") << "k0-" << false << 0;
    QTest::newRow("trailing dot") << "k0-1." << false << 0;
    QTest::newRow("sign") << "k0-+1" << false << 0;
    QTest::newRow("257 positions") << "k0-" + QStringList(257, QStringLiteral("1")).join(QLatin1Char('.')) << false << 0;
    QTest::newRow("256 positions") << "k0-" + QStringList(256, QStringLiteral("1")).join(QLatin1Char('.')) << true << 256;
}

void TstAdminApi::cursor()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, positions);
    const auto c = QueryLogCursor::parse(text.toStdString());
    QCOMPARE(c.has_value(), valid);
    if (c) {
        QCOMPARE(int(c->positions.size()), positions);
        QCOMPARE(QString::fromStdString(c->toString()), text);
        QVERIFY(QueryLogCursor::parse(c->toString()) == c);
    }
}

void TstAdminApi::token_data()
{
    const QString token = QStringLiteral("0123456789abcdef0123456789abcdef");
    QTest::addColumn<QString>("header");
    QTest::addColumn<bool>("matches");
    QTest::newRow("right") << "Bearer " + token << true;
    QTest::newRow("scheme case-insensitive") << "bearer " + token << true;
    QTest::newRow("missing") << "" << false;
    QTest::newRow("no scheme") << token << false;
    QTest::newRow("wrong scheme") << "Basic " + token << false;
    QTest::newRow("last char differs") << "Bearer " + token.left(31) + "0" << false;
    QTest::newRow("prefix") << "Bearer " + token.left(31) << false;
    QTest::newRow("longer") << "Bearer " + token + "0" << false;
    QTest::newRow("scheme only") << "Bearer " << false;
    QTest::newRow("no space") << "Bearer" + token << false;
}

void TstAdminApi::token()
{
    QFETCH(QString, header);
    QFETCH(bool, matches);
    QCOMPARE(tokenMatches(header.toStdString(), "0123456789abcdef0123456789abcdef"), matches);
    QVERIFY(!tokenMatches("Bearer ", ""));
    QVERIFY(isValidToken("0123456789abcdef0123456789abcdef"));
    QVERIFY(!isValidToken("0123456789abcdef0123456789abcde"));
    QVERIFY(!isValidToken("0123456789abcdef0123456789abcde!"));
}

void TstAdminApi::rcodeNames()
{
    QCOMPARE(rcodeName(0), std::string("NOERROR"));
    QCOMPARE(rcodeName(3), std::string("NXDOMAIN"));
    QCOMPARE(rcodeName(5), std::string("REFUSED"));
    QCOMPARE(rcodeName(12), std::string("RCODE12"));
    QCOMPARE(rcodeName(-1), std::string("RCODE-1"));
}

QTEST_APPLESS_MAIN(TstAdminApi)
#include "tst_adminapi.moc"
