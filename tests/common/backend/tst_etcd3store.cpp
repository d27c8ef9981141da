// Offline tests of filling the mirror's Store from etcd v3 data (issue 8): implied directories,
// keys outside the prefix, lease expiry times, and deletes that prune directories left empty so a
// name with no keys is gone (NXDOMAIN) rather than an empty directory (NODATA).
#include "backend/etcd3store.h"

#include <QTest>

using namespace skydns::backend;

namespace {

Etcd3KeyValue kv(const std::string &key, const std::string &value, std::int64_t rev, std::int64_t lease = 0)
{
    Etcd3KeyValue result;
    result.key = key;
    result.value = value;
    result.modRevision = rev;
    result.createRevision = rev;
    result.version = 1;
    result.lease = lease;
    return result;
}

Etcd3Event makeEvent(Etcd3Event::Type type, const Etcd3KeyValue &value)
{
    Etcd3Event result;
    result.type = type;
    result.kv = value;
    return result;
}

} // namespace

class TstEtcd3Store final : public QObject
{
    Q_OBJECT

private slots:
    void rangeBuildsImpliedDirectories()
    {
        const Store store = etcd3StoreFromRange(
            "skydns",
            {kv("/skydns/local/skydns/a/x", R"({"host":"10.0.0.1"})", 5, 77),
             kv("/skydns/local/skydns/b", R"({"host":"10.0.0.2"})", 6),
             kv("/other/k", R"({"host":"10.0.0.3"})", 7), kv("/skydns/local/skydns/bad", "not json", 8)},
            [](std::int64_t lease) { return lease == 77 ? std::int64_t(1234567) : 0; });
        QCOMPARE(store.recordCount(), std::size_t(2)); // "/other/k" is outside "/skydns"
        QCOMPARE(store.malformedCount(), std::size_t(1));
        const StoreNode *dir = store.find("/skydns/local/skydns/a");
        QVERIFY(dir && dir->isDirectory());
        const StoreNode *leased = store.find("/skydns/local/skydns/a/x");
        QVERIFY(leased && leased->isRecord());
        QCOMPARE(leased->record.expiresAtMs, std::int64_t(1234567)); // from the lease
        QCOMPARE(leased->record.modifiedIndex, std::uint64_t(5));    // mod_revision
        QCOMPARE(store.find("/skydns/local/skydns/b")->record.expiresAtMs, std::int64_t(0));
    }

    void deletesPruneEmptyDirectories()
    {
        Store store = etcd3StoreFromRange("skydns", {kv("/skydns/local/skydns/a/x", R"({"host":"10.0.0.1"})", 5),
                                                     kv("/skydns/local/skydns/b", R"({"host":"10.0.0.2"})", 6)});
        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Delete, kv("/skydns/local/skydns/a/x", {}, 9))));
        QVERIFY(!store.find("/skydns/local/skydns/a/x"));
        QVERIFY(!store.find("/skydns/local/skydns/a")); // no keys below it any more
        QVERIFY(store.find("/skydns/local/skydns"));    // "b" is still there
        QCOMPARE(store.recordCount(), std::size_t(1));

        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Delete, kv("/skydns/local/skydns/b", {}, 10))));
        QVERIFY(!store.find("/skydns/local"));
        QCOMPARE(store.recordCount(), std::size_t(0));
        // Deleting what is not there changes nothing.
        QVERIFY(!etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Delete, kv("/skydns/local/skydns/b", {}, 11))));
    }

    void putsReplaceAndIgnoreOutsiders()
    {
        Store store = etcd3StoreFromRange("skydns", {});
        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Put, kv("/skydns/x/y", R"({"host":"10.0.0.1"})", 3))));
        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Put, kv("/skydns/x/y", R"({"host":"10.0.0.9"})", 4))));
        QCOMPARE(store.recordCount(), std::size_t(1));
        QCOMPARE(store.find("/skydns/x/y")->record.modifiedIndex, std::uint64_t(4));
        QVERIFY(!etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Put, kv("/skydnsx/y", R"({"host":"10.0.0.1"})", 5))));
        // A sibling sharing a name prefix ("x1" next to "x") does not keep "x" alive.
        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Put, kv("/skydns/x1", R"({"host":"10.0.0.2"})", 6))));
        QVERIFY(etcd3ApplyEvent(store, makeEvent(Etcd3Event::Type::Delete, kv("/skydns/x/y", {}, 7))));
        QVERIFY(!store.find("/skydns/x"));
        QVERIFY(store.find("/skydns/x1"));
    }
};

QTEST_GUILESS_MAIN(TstEtcd3Store)
#include "tst_etcd3store.moc"
