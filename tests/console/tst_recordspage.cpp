// Tests of RecordsPage with its real widgets (QTreeView over the filter model, under the offscreen
// platform) against the fixture etcd, v2 and v3: a refresh (F5) and a resync keep the expanded
// directories and the selection, and the filter finds names in directories nobody expanded.
#include "tree/dnstreefiltermodel.h"
#include "tree/dnstreemodel.h"
#include "tree/recordspage.h"

#include "etcdserver.h"
#include "treetestutil.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace skydns::test;
using skydns::console::RecordsPage;

namespace {

// viewIndex is key's row in the page's tree view (through the filter model), invalid if not shown.
QModelIndex viewIndex(RecordsPage &page, const QString &key)
{
    return page.filterModel()->mapFromSource(page.model()->indexOfKey(key));
}

// expandKey expands key's row in the view and waits for its children.
bool expandKey(RecordsPage &page, const QString &key)
{
    const QModelIndex index = viewIndex(page, key);
    if (!index.isValid())
        return false;
    page.treeView()->expand(index);
    return waitUntil([&page, &key]() {
        return !page.model()->isFetching() && page.model()->rowCount(page.model()->indexOfKey(key)) > 0;
    });
}

// showLoaded shows page over f's tree and waits for its top level (one row).
bool showLoaded(RecordsPage &page, Fixture &f)
{
    page.resize(1000, 700);
    page.setStore(f.store.get(), f.prefix, QStringLiteral("skydns.local."));
    page.show();
    return QTest::qWaitForWindowExposed(&page) &&
           waitUntil([&]() { return !page.model()->isFetching() && page.model()->rowCount() == 1; });
}

} // namespace

class TstRecordsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keepsExpansionAndSelection_data();
    void keepsExpansionAndSelection();
    void filterSearchesUnexpanded_data();
    void filterSearchesUnexpanded();
    void filterWithoutRecursiveRead();
};

void TstRecordsPage::initTestCase()
{
    QVERIFY2(!skydns::test::sharedEtcdEndpoint().isEmpty(), "needs the etcd CTest fixture");
}

void TstRecordsPage::keepsExpansionAndSelection_data()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::addColumn<bool>("resync");
    QTest::newRow("v2 refresh (F5)") << KvStoreOptions::Api::V2 << false;
    QTest::newRow("v2 resync") << KvStoreOptions::Api::V2 << true;
    QTest::newRow("v3 refresh (F5)") << KvStoreOptions::Api::V3 << false;
    QTest::newRow("v3 resync") << KvStoreOptions::Api::V3 << true;
}

void TstRecordsPage::keepsExpansionAndSelection()
{
    QFETCH(KvStoreOptions::Api, api);
    QFETCH(bool, resync);
    Fixture f = makeFixture(skydns::test::sharedEtcdEndpoint(), api, "keep", "tstpage");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(f.put("/local/skydns/east/db", R"({"host":"10.0.0.2"})"));
    QVERIFY(f.put("/local/skydns/west/mail", R"({"host":"10.0.0.3"})"));
    QVERIFY(f.put("/local/skydns/gone/x", R"({"host":"10.0.0.4"})"));

    RecordsPage page;
    QVERIFY(showLoaded(page, f));
    const QString local = f.prefix + "/local";
    const QString skydns = local + "/skydns";
    const QString east = skydns + "/east";
    const QString web = east + "/web";
    QVERIFY(expandKey(page, local));
    QVERIFY(expandKey(page, skydns));
    QVERIFY(expandKey(page, east));
    QVERIFY(expandKey(page, skydns + "/gone"));
    QVERIFY(page.selectKey(web));
    QCOMPARE(page.selectedKey(), web);
    QVERIFY(!page.treeView()->isExpanded(viewIndex(page, skydns + "/west")));

    QSignalSpy reset(page.filterModel(), &QAbstractItemModel::modelReset);
    QSignalSpy finished(page.model(), &DnsTreeModel::reloadFinished);
    if (resync)
        Q_EMIT f.store->resyncNeeded(); // what the store emits when its watch lost history
    else
        page.refresh();
    QVERIFY(finished.wait(10000));
    QVERIFY(waitUntil([&]() { return !page.model()->isFetching(); }));
    QCOMPARE(reset.size(), 0);
    QTreeView *tree = page.treeView();
    for (const QString &key : {local, skydns, east, skydns + "/gone"})
        QVERIFY2(tree->isExpanded(viewIndex(page, key)), qPrintable(key));
    QVERIFY(!tree->isExpanded(viewIndex(page, skydns + "/west")));
    QCOMPARE(page.selectedKey(), web);
    QVERIFY(tree->selectionModel()->isSelected(tree->currentIndex()));
    QCOMPARE(page.model()->rowCount(page.model()->indexOfKey(east)), 2);

    // A directory that disappeared is simply gone after the next refresh; the rest stays.
    QVERIFY(f.remove("/local/skydns/gone/x"));
    if (api == KvStoreOptions::Api::V2)
        QVERIFY(f.remove("/local/skydns/gone"));
    finished.clear();
    page.refresh();
    QVERIFY(finished.wait(10000));
    QTRY_VERIFY(!page.model()->indexOfKey(skydns + "/gone").isValid());
    for (const QString &key : {local, skydns, east})
        QVERIFY2(tree->isExpanded(viewIndex(page, key)), qPrintable(key));
    QCOMPARE(page.selectedKey(), web);
    page.setStore(nullptr, QString(), QString());
}

void TstRecordsPage::filterSearchesUnexpanded_data()
{
    QTest::addColumn<KvStoreOptions::Api>("api");
    QTest::newRow("v2") << KvStoreOptions::Api::V2;
    QTest::newRow("v3") << KvStoreOptions::Api::V3;
}

void TstRecordsPage::filterSearchesUnexpanded()
{
    QFETCH(KvStoreOptions::Api, api);
    Fixture f = makeFixture(skydns::test::sharedEtcdEndpoint(), api, "filter", "tstpage");
    QVERIFY(f.put("/local/skydns/east/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(f.put("/local/skydns/west/deep/needle", R"({"host":"10.0.0.2"})"));
    QVERIFY(f.put("/local/skydns/west/mail", R"({"host":"10.0.0.3"})"));
    QVERIFY(f.put("/local/skydns/zone/z1", R"({"host":"10.0.0.4"})"));
    const QString needle = f.prefix + "/local/skydns/west/deep/needle";

    RecordsPage page;
    QVERIFY(showLoaded(page, f));
    QVERIFY(!page.model()->indexOfKey(needle).isValid()); // nothing below the top level is loaded

    QTest::keyClicks(page.filterEdit(), QStringLiteral("needle"));
    QVERIFY(waitUntil([&]() {
        return page.model()->loadAllState() == DnsTreeModel::LoadAllState::Complete && !page.model()->isFetching()
            && viewIndex(page, needle).isValid();
    }));
    QTreeView *tree = page.treeView();
    QModelIndex hit = viewIndex(page, needle);
    QCOMPARE(hit.data().toString(), QStringLiteral("needle.deep.west.skydns.local."));
    // the path to the hit is expanded, and nothing else is shown
    for (QModelIndex up = hit.parent(); up.isValid(); up = up.parent())
        QVERIFY2(tree->isExpanded(up), qPrintable(up.data().toString()));
    QCOMPARE(page.filterModel()->rowCount(viewIndex(page, f.prefix + "/local/skydns")), 1);
    QVERIFY(page.searchInfo()->isHidden()); // every name was searched: nothing to say

    // A tree larger than the search limit says so under the filter.
    RecordsPage capped;
    capped.setSearchLimit(3);
    capped.resize(1000, 700);
    capped.setStore(f.store.get(), f.prefix, QStringLiteral("skydns.local."));
    capped.show();
    QVERIFY(QTest::qWaitForWindowExposed(&capped));
    QVERIFY(waitUntil([&]() { return !capped.model()->isFetching() && capped.model()->rowCount() == 1; }));
    QTest::keyClicks(capped.filterEdit(), QStringLiteral("z1"));
    QVERIFY(waitUntil([&]() { return capped.model()->loadAllState() == DnsTreeModel::LoadAllState::Capped; }));
    QTRY_VERIFY(capped.searchInfo()->isVisible());
    QVERIFY2(capped.searchInfo()->text().contains(QLatin1String(" 3 ")), qPrintable(capped.searchInfo()->text()));
    QVERIFY(!viewIndex(capped, f.prefix + "/local/skydns/zone/z1").isValid()); // beyond the first 3 names
    // clearing the filter hides the note
    capped.filterEdit()->clear();
    QTRY_VERIFY(capped.searchInfo()->isHidden());
    capped.setStore(nullptr, QString(), QString());
    page.setStore(nullptr, QString(), QString());
}

void TstRecordsPage::filterWithoutRecursiveRead()
{
    // A store that cannot read recursively: the page says that only loaded directories are searched.
    MemoryKvStore store;
    store.recursive = false;
    store.revision = 0;
    store.children.insert(QStringLiteral("/skydns"), {dirEntry(QStringLiteral("/skydns/local"))});
    RecordsPage page;
    page.setStore(&store, QStringLiteral("/skydns"), QStringLiteral("skydns.local."));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(waitUntil([&]() { return !page.model()->isFetching() && page.model()->rowCount() == 1; }));
    QTest::keyClicks(page.filterEdit(), QStringLiteral("local"));
    QVERIFY(waitUntil([&]() { return page.model()->loadAllState() == DnsTreeModel::LoadAllState::Failed; }));
    QTRY_VERIFY(page.searchInfo()->isVisible());
    QVERIFY2(page.searchInfo()->text().startsWith(QLatin1String("Only the loaded directories are searched")),
             qPrintable(page.searchInfo()->text()));
    QCOMPARE(page.filterModel()->rowCount(), 1); // what is loaded is still searched
    page.setStore(nullptr, QString(), QString());
}

QTEST_MAIN(TstRecordsPage)
#include "tst_recordspage.moc"
