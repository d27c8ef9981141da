// Tests of the dashboard, query log and cache views: the models under QAbstractItemModelTester,
// the log's filters (table), and every view against a running skydns with its admin API: queries
// sent to the service move the counters, plots and log; the cache view lists and flushes (after
// confirmation only); a wrong token is shown as refused.
#include "admin/adminclient.h"
#include "dashboard/cachemodel.h"
#include "dashboard/cacheview.h"
#include "dashboard/dashboardview.h"
#include "dashboard/querylogmodel.h"
#include "dashboard/querylogview.h"
#include "dashboard/timeseriesplot.h"
#include "etcd/kvstorefactory.h"
#include "keys/keymanager.h"

#include "dnssec/keypair.h"

#include "views_service.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QImage>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace skydns::console;
using Counter = DashboardView::Counter;

namespace {

skydns::admin::QueryLogEntry entry(const char *name, const char *type, const char *rcode, const char *client,
                                   const char *source)
{
    skydns::admin::QueryLogEntry e;
    e.timeMs = 1700000000000;
    e.name = name;
    e.type = type;
    e.rcode = rcode;
    e.client = client;
    e.servedFrom = source;
    e.transport = "udp";
    e.latencyMs = 0.2;
    return e;
}

QStringList column(const QAbstractItemModel &m, int col)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, col).data().toString();
    return out;
}

} // namespace

class TstAdminViews final : public QObject
{
    Q_OBJECT

private:
    skydns::test::ViewsService m_service;
    AdminClient *client(const QString &token = {});

private slots:
    void initTestCase();
    void logModelKeepsNewestRows();
    void logFilters_data();
    void logFilters();
    void queryLogViewFollowsService();
    void dashboardMovesWithQueries();
    void cacheViewListsAndFlushes();
    void wrongTokenIsShown();
    void keyActivationReloadsService();
};

void TstAdminViews::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(skydns::test::uniquePrefix("adminviews"), &error), qPrintable(error));
}

AdminClient *TstAdminViews::client(const QString &token)
{
    auto *c = new AdminClient(this);
    c->setAddress(m_service.adminAddress());
    c->setToken(token.isEmpty() ? m_service.token() : token);
    return c;
}

void TstAdminViews::logModelKeepsNewestRows()
{
    QueryLogModel model(5);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEntries({entry("a.", "A", "NOERROR", "c", "mirror"), entry("b.", "A", "NOERROR", "c", "mirror"),
                         entry("c.", "A", "NOERROR", "c", "mirror")});
    QCOMPARE(model.rowCount(), 3);
    model.appendEntries({entry("d.", "A", "NOERROR", "c", "mirror"), entry("e.", "A", "NOERROR", "c", "mirror"),
                         entry("f.", "A", "NOERROR", "c", "mirror"), entry("g.", "A", "NOERROR", "c", "mirror")});
    QCOMPARE(column(model, QueryLogModel::NameColumn), QStringList({"c.", "d.", "e.", "f.", "g."}));
    std::vector<skydns::admin::QueryLogEntry> many;
    for (char ch = 'h'; ch <= 'p'; ++ch)
        many.push_back(entry(std::string(1, ch).append(".").c_str(), "A", "NOERROR", "c", "mirror"));
    model.appendEntries(many);
    QCOMPARE(column(model, QueryLogModel::NameColumn), QStringList({"l.", "m.", "n.", "o.", "p."}));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TstAdminViews::logFilters_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("issue 6: no filter") << "" << "" << QStringList{"web.a.", "db.a.", "WEB.b.", "x.b.", "mx.a."};
    QTest::newRow("issue 6: name, substring, any case") << "name" << "web" << QStringList{"web.a.", "WEB.b."};
    QTest::newRow("issue 6: type, exact") << "type" << "aaaa" << QStringList{"db.a."};
    QTest::newRow("issue 6: rcode, exact") << "rcode" << "NXDOMAIN" << QStringList{"x.b."};
    QTest::newRow("issue 6: client, substring") << "client" << "::1" << QStringList{"WEB.b.", "x.b."};
    QTest::newRow("issue 6: source, exact") << "source" << "cache" << QStringList{"db.a.", "mx.a."};
    QTest::newRow("type filter is not a substring") << "type" << "A" << QStringList{"web.a.", "WEB.b.", "x.b."};
}

void TstAdminViews::logFilters()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QStringList, names);
    QueryLogView view(nullptr);
    QAbstractItemModelTester tester(view.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.model()->appendEntries({entry("web.a.", "A", "NOERROR", "127.0.0.1:5000", "mirror"),
                                 entry("db.a.", "AAAA", "NOERROR", "127.0.0.1:5001", "cache"),
                                 entry("WEB.b.", "A", "NOERROR", "[::1]:5002", "mirror"),
                                 entry("x.b.", "A", "NXDOMAIN", "[::1]:5003", "mirror"),
                                 entry("mx.a.", "MX", "NOERROR", "127.0.0.1:5004", "cache")});
    if (field == QLatin1String("name"))
        view.setNameFilter(value);
    else if (field == QLatin1String("type"))
        view.setTypeFilter(value);
    else if (field == QLatin1String("rcode"))
        view.setRcodeFilter(value);
    else if (field == QLatin1String("client"))
        view.setClientFilter(value);
    else if (field == QLatin1String("source"))
        view.setSourceFilter(value);
    QCOMPARE(column(*view.filterModel(), QueryLogModel::NameColumn), names);
    QVERIFY2(view.statusText().contains(QStringLiteral("%1 of 5").arg(names.size())), qPrintable(view.statusText()));
}

void TstAdminViews::queryLogViewFollowsService()
{
    QueryLogView view(client());
    QAbstractItemModelTester t1(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(view.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(900, 400);
    view.show(); // following starts when shown
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isFollowing());
    QTest::qWait(500); // the first poll (newest entries) sets the cursor
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString missing = QStringLiteral("nx%1.skydns.test.").arg(tag);
    // Each worker has its own packet cache and a new source port may land on any of them: enough
    // repeats that some worker sees the question twice.
    for (int i = 0; i < 8; ++i)
        QVERIFY(m_service.query(QStringLiteral("web.skydns.test.")));
    QVERIFY(m_service.query(QStringLiteral("db.skydns.test."), 28)); // AAAA
    QVERIFY(m_service.query(missing));
    QTRY_VERIFY_WITH_TIMEOUT(column(*view.model(), QueryLogModel::NameColumn).contains(missing), 15000);

    view.setRcodeFilter(QStringLiteral("NXDOMAIN"));
    QVERIFY(column(*view.filterModel(), QueryLogModel::NameColumn).contains(missing));
    for (const QString &rcode : column(*view.filterModel(), QueryLogModel::RcodeColumn))
        QCOMPARE(rcode, QStringLiteral("NXDOMAIN"));
    view.setRcodeFilter({});
    view.setTypeFilter(QStringLiteral("AAAA"));
    QVERIFY(column(*view.filterModel(), QueryLogModel::NameColumn).contains(QStringLiteral("db.skydns.test.")));
    for (const QString &type : column(*view.filterModel(), QueryLogModel::TypeColumn))
        QCOMPARE(type, QStringLiteral("AAAA"));
    view.setTypeFilter({});
    view.setNameFilter(QStringLiteral("web.skydns"));
    QVERIFY(view.filterModel()->rowCount() >= 2);
    // Repeated identical queries are answered from the packet cache, the first from the mirror.
    for (int i = 0; i < 40 && !column(*view.filterModel(), QueryLogModel::SourceColumn).contains(QStringLiteral("cache")); ++i) {
        QVERIFY(m_service.query(QStringLiteral("web.skydns.test.")));
        QTest::qWait(100);
    }
    const QStringList sources = column(*view.filterModel(), QueryLogModel::SourceColumn);
    QVERIFY2(sources.contains(QStringLiteral("mirror")) && sources.contains(QStringLiteral("cache")),
             qPrintable(sources.join(QLatin1Char(','))));
    view.setSourceFilter(QStringLiteral("cache"));
    QVERIFY(view.filterModel()->rowCount() >= 1);
    for (const QString &s : column(*view.filterModel(), QueryLogModel::SourceColumn))
        QCOMPARE(s, QStringLiteral("cache"));
    view.setClientFilter(QStringLiteral("127.0.0.1:"));
    QVERIFY(view.filterModel()->rowCount() >= 1);
    view.hide(); // and stops when hidden
    QVERIFY(!view.isFollowing());
}

void TstAdminViews::dashboardMovesWithQueries()
{
    DashboardView view(client());
    view.resize(1000, 700);
    QSignalSpy updated(&view, &DashboardView::updated);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(updated.wait(10000));
    const quint64 before = view.lastStats()->queries;
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_service.query(QStringLiteral("web.skydns.test.")));
    QTRY_VERIFY_WITH_TIMEOUT(view.lastStats()->queries >= before + 20, 10000);
    QCOMPARE(view.counterText(Counter::Queries), QLocale().toString(qulonglong(view.lastStats()->queries)));
    QVERIFY(view.counterText(Counter::CacheHitRatio).endsWith(QLatin1Char('%')));
    QVERIFY(view.counterText(Counter::LatencyP50).endsWith(QStringLiteral("ms")));
    QTRY_VERIFY_WITH_TIMEOUT(view.counterText(Counter::EtcdState) != QStringLiteral("-"), 10000);
    QVERIFY(view.counterText(Counter::Records) != QStringLiteral("-"));
    QVERIFY(view.statusText().contains(QStringLiteral("skydns.test.")));

    // The plots carry the per-second series: NOERROR answers were counted, cache hits happened.
    const auto &series = view.queriesPlot()->series();
    QCOMPARE(series.size(), 5);
    QCOMPARE(series.first().name, QStringLiteral("NOERROR"));
    double noError = 0;
    for (double v : series.first().values)
        noError += v;
    QVERIFY2(noError >= 20, qPrintable(QString::number(noError)));
    double maxRatio = 0;
    for (double v : view.cacheHitPlot()->series().first().values)
        maxRatio = std::max(maxRatio, v);
    QVERIFY(maxRatio > 0 && maxRatio <= 100);
    QCOMPARE(view.cacheHitPlot()->yMaximum(), 100.0);
    QVERIFY(view.queriesPlot()->yMaximum() >= 1);

    // Painting works and draws the NOERROR line somewhere in the queries plot.
    const QImage image = view.queriesPlot()->grab().toImage();
    QVERIFY(!image.isNull());
    bool green = false;
    for (int y = 0; y < image.height() && !green; ++y)
        for (int x = 0; x < image.width() && !green; ++x)
            green = image.pixelColor(x, y) == QColor(0x2e, 0x7d, 0x32);
    QVERIFY(green);
    view.hide();
    QVERIFY(!view.isPolling());
}

void TstAdminViews::cacheViewListsAndFlushes()
{
    CacheView view(client());
    QAbstractItemModelTester t1(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(view.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char *name : {"web.skydns.test.", "db.skydns.test.", "mail.skydns.test."})
        QVERIFY(m_service.query(QLatin1String(name)));
    QSignalSpy refreshed(&view, &CacheView::refreshed);
    view.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(refreshed.takeFirst().at(0).toBool(), true);
    const QStringList names = column(*view.model(), CacheModel::NameColumn);
    QVERIFY2(names.contains(QStringLiteral("web.skydns.test.")) && names.contains(QStringLiteral("db.skydns.test.")),
             qPrintable(names.join(QLatin1Char(','))));
    view.setFilter(QStringLiteral("DB.sky"));
    QVERIFY(view.filterModel()->rowCount() >= 1);
    for (const QString &n : column(*view.filterModel(), CacheModel::NameColumn))
        QCOMPARE(n, QStringLiteral("db.skydns.test."));
    view.setFilter({});

    // Cancel leaves the cache alone.
    QSignalSpy flushed(&view, &CacheView::flushed);
    view.requestFlush();
    QVERIFY(view.confirmation());
    view.confirmation()->button(QMessageBox::Cancel)->click();
    QTest::qWait(300);
    QCOMPARE(flushed.count(), 0);
    view.refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(view.model()->total() >= 3);

    // Yes flushes, and the service's cache is empty afterwards.
    view.requestFlush();
    QTRY_VERIFY(view.confirmation());
    QVERIFY(view.confirmation()->text().contains(QString::number(view.model()->total())));
    view.confirmation()->button(QMessageBox::Yes)->click();
    QVERIFY(flushed.wait(10000));
    QCOMPARE(flushed.first().at(0).toBool(), true);
    QVERIFY(flushed.first().at(1).toULongLong() >= 3);
    QCOMPARE(view.model()->rowCount(), 0);
    view.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(view.model()->total(), quint64(0));
}

void TstAdminViews::wrongTokenIsShown()
{
    AdminClient *bad = client(QStringLiteral("wrong").repeated(8));
    CacheView cache(bad);
    QSignalSpy refreshed(&cache, &CacheView::refreshed);
    cache.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(refreshed.first().at(0).toBool(), false);
    QVERIFY2(cache.statusText().contains(QStringLiteral("refused the admin token")), qPrintable(cache.statusText()));

    DashboardView dashboard(bad);
    dashboard.start();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard.statusText().contains(QStringLiteral("refused the admin token")), 10000);
    QVERIFY(!dashboard.lastStats());
    QCOMPARE(dashboard.counterText(Counter::Queries), QStringLiteral("-"));
    dashboard.stop();

    QueryLogView log(bad);
    log.start();
    QTRY_VERIFY_WITH_TIMEOUT(log.statusText().contains(QStringLiteral("refused the admin token")), 10000);
    QCOMPARE(log.model()->rowCount(), 0);
    log.stop();
}

void TstAdminViews::keyActivationReloadsService()
{
    // The key manager end to end: a new key written into this service's /<prefix>/config, the
    // service asked to reload through the admin API, and DNSKEY answered with the key afterwards.
    KvStoreOptions options;
    options.machines = {skydns::test::sharedEtcdEndpoint()};
    std::unique_ptr<KvStore> store(createKvStore(options));
    QTemporaryDir keyDir;
    KeyManager km(store.get(), client());
    km.setPathPrefix(m_service.prefix());
    km.setZone(QStringLiteral("skydns.test."));
    km.setKeyDirectory(keyDir.path());
    QSignalSpy generated(&km, &KeyManager::generated);
    km.generate();
    QVERIFY(generated.wait(30000));
    const KeyInfo key = generated.first().at(0).value<KeyInfo>();
    QVERIFY2(key.ok(), qPrintable(key.error));
    QTRY_COMPARE(km.selectedKey().basePath, key.basePath);
    QSignalSpy finished(&km, &KeyManager::operationFinished);
    km.activateSelected();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    // The service applies a new key on reload (no restart), and the key manager confirms it.
    QVERIFY2(km.statusText().contains(QStringLiteral("signs with the new key")), qPrintable(km.statusText()));

    const skydns::dns::Message answer = skydns::test::parse(
        skydns::test::udpExchange(m_service.dnsPort(), skydns::test::makeQuery(4242, QStringLiteral("skydns.test."), 48, 4096, true)));
    std::string error;
    const auto pair = skydns::dnssec::loadKeyPair(key.basePath.toStdString(), "skydns.test.", &error);
    QVERIFY2(pair, error.c_str());
    bool dnskey = false;
    for (const skydns::dns::Rr &rr : answer.answer)
        dnskey = dnskey || (rr.type == 48 && rr.rdata == pair->dnskeyRdata());
    QVERIFY2(dnskey, qPrintable(QStringLiteral("no DNSKEY of the activated key after the reload (%1 answers, %2 additional): %3")
                                    .arg(answer.answer.size())
                                    .arg(answer.additional.size())
                                    .arg(m_service.skydns().log().right(600))));
}

QTEST_MAIN(TstAdminViews)
#include "tst_adminviews.moc"
