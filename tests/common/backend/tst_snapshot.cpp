// Unit tests of the mirror's data structures: the persistent map, the Store built on it and the
// Snapshot backend (the shared backend contract table runs against snapshots built two ways).
#include "backend/etcdclient.h"
#include "backend/persistentmap.h"
#include "backend/snapshot.h"
#include "backend/store.h"
#include "backendcontract.h"

#include <QTest>

#include <map>
#include <random>

using skydns::backend::EtcdNode;
using skydns::backend::LookupStatus;
using skydns::backend::PersistentMap;
using skydns::backend::Snapshot;
using skydns::backend::Store;
using skydns::backend::StoreNode;

namespace {

using IntMap = PersistentMap<int>;

std::map<std::string, int> contents(const IntMap &map)
{
    std::map<std::string, int> out;
    std::string previous;
    bool first = true;
    map.forEach([&](const std::string &key, int value) {
        if (!first && !(previous < key))
            throw std::runtime_error("forEach out of order at " + key);
        first = false;
        previous = key;
        out.emplace(key, value);
        return true;
    });
    return out;
}

std::string numberedKey(int i)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "k%07d", i);
    return buf;
}

// storeFromFixture applies the fixture's nodes one by one, as watch events would.
Store storeFromFixture(const std::vector<skydns::test::ContractFixtureEntry> &entries)
{
    Store store("skydns");
    std::uint64_t index = 1;
    for (const auto &entry : entries) {
        if (entry.value)
            store.putValue(entry.key, *entry.value, index++, entry.expiresAtMs);
        else
            store.putDirectory(entry.key, index++, 0);
    }
    return store;
}

// etcdTreeFromFixture builds the response of a recursive get of "/skydns", as a full read sees it.
EtcdNode etcdTreeFromFixture(const std::vector<skydns::test::ContractFixtureEntry> &entries)
{
    EtcdNode root;
    root.key = "/skydns";
    root.dir = true;
    for (const auto &entry : entries) {
        if (entry.key.rfind("/skydns/", 0) != 0)
            continue;
        EtcdNode *node = &root;
        std::size_t pos = root.key.size();
        while (pos < entry.key.size()) {
            const std::size_t next = entry.key.find('/', pos + 1);
            const std::string key = entry.key.substr(0, next);
            auto it = std::find_if(node->nodes.begin(), node->nodes.end(), [&](const EtcdNode &n) { return n.key == key; });
            if (it == node->nodes.end()) {
                EtcdNode child;
                child.key = key;
                child.dir = true;
                node->nodes.push_back(child);
                it = node->nodes.end() - 1;
            }
            node = &*it;
            pos = next == std::string::npos ? entry.key.size() : next;
        }
        if (entry.value) {
            node->dir = false;
            node->value = *entry.value;
            node->expiresAtMs = entry.expiresAtMs;
        }
    }
    // etcd lists children in no particular order; reverse them so the store must sort.
    std::function<void(EtcdNode &)> shuffle = [&](EtcdNode &n) {
        std::reverse(n.nodes.begin(), n.nodes.end());
        for (EtcdNode &c : n.nodes)
            shuffle(c);
    };
    shuffle(root);
    return root;
}

QStringList keysOf(const skydns::backend::LookupResult &result)
{
    QStringList out;
    for (const auto *record : result.records)
        out << QString::fromStdString(record->key);
    return out;
}

} // namespace

class TstSnapshot final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapMatchesStdMap();
    void mapOldVersionsUnchanged();
    void mapSharesUntouchedLeaves();
    void mapHundredThousandChildren();
    void mapFromSortedAndForEachFrom();

    void storeCountsAndMalformed();
    void storeOldCopyUnchanged();
    void storeTreeOrderIsKeyOrder();
    void storeDirectoryUpdateKeepsChildren();
    void storeRemoveRoot();
    void storeNestedPrefixAndAncestors();

    void contract_data() { skydns::test::addBackendContractRows(); }
    void contract();
    void contractFromFullRead_data() { skydns::test::addBackendContractRows(); }
    void contractFromFullRead();

    void unsyncedIsUnavailable();
    void snapshotMetadata();
};

void TstSnapshot::mapMatchesStdMap()
{
    // Random inserts, replacements and removals, checked against std::map after every step batch.
    std::mt19937 random(42);
    IntMap map;
    std::map<std::string, int> reference;
    for (int step = 0; step < 20000; ++step) {
        const std::string key = numberedKey(int(random() % 3000));
        if (random() % 3 == 0) {
            QCOMPARE(map.erase(key), reference.erase(key) == 1);
        } else {
            const int value = int(random() % 1000);
            QCOMPARE(map.set(key, value), reference.count(key) == 0);
            reference[key] = value;
        }
        if (step % 1000 == 0)
            QCOMPARE(contents(map), reference);
    }
    QCOMPARE(map.size(), reference.size());
    QCOMPARE(contents(map), reference);
    for (int i = 0; i < 3000; ++i) {
        const std::string key = numberedKey(i);
        const int *found = map.find(key);
        QCOMPARE(found != nullptr, reference.count(key) == 1);
        if (found)
            QCOMPARE(*found, reference[key]);
    }
    // Remove everything: the map must end empty, not as a tree of empty nodes.
    for (const auto &entry : reference)
        QVERIFY(map.erase(entry.first));
    QCOMPARE(map.size(), std::size_t(0));
    QCOMPARE(map.depth(), 0);
    QVERIFY(!map.erase("k0000001"));
}

void TstSnapshot::mapOldVersionsUnchanged()
{
    IntMap v1;
    for (int i = 0; i < 1000; ++i)
        v1.set(numberedKey(i), i);
    const auto before = contents(v1);
    IntMap v2 = v1;
    v2.set(numberedKey(5), -5);
    v2.erase(numberedKey(6));
    v2.set("zzz", 1);
    QCOMPARE(contents(v1), before);
    QCOMPARE(*v1.find(numberedKey(5)), 5);
    QVERIFY(v1.find(numberedKey(6)) != nullptr);
    QVERIFY(v1.find("zzz") == nullptr);
    QCOMPARE(*v2.find(numberedKey(5)), -5);
    QVERIFY(v2.find(numberedKey(6)) == nullptr);
    QCOMPARE(v2.size(), std::size_t(1000));
    QVERIFY(!v1.sharesRootWith(v2));
}

void TstSnapshot::mapSharesUntouchedLeaves()
{
    // A value's address identifies the leaf holding it: after one change, keys far from it must
    // still live in the very same leaves in both versions, and the changed one must not.
    IntMap v1;
    for (int i = 0; i < 100000; ++i)
        v1.set(numberedKey(i), i);
    IntMap v2 = v1;
    v2.set(numberedKey(50000), -1);
    QCOMPARE(v1.find(numberedKey(0)), v2.find(numberedKey(0)));
    QCOMPARE(v1.find(numberedKey(99999)), v2.find(numberedKey(99999)));
    QVERIFY(v1.find(numberedKey(50000)) != v2.find(numberedKey(50000)));
    int shared = 0;
    for (int i = 0; i < 100000; ++i)
        shared += v1.find(numberedKey(i)) == v2.find(numberedKey(i));
    QVERIFY2(shared >= 100000 - int(IntMap::kMaxEntries), qPrintable(QString::number(shared)));
}

void TstSnapshot::mapHundredThousandChildren()
{
    std::vector<int> order(100000);
    for (int i = 0; i < 100000; ++i)
        order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    IntMap map;
    for (int i : order)
        QVERIFY(map.set(numberedKey(i), i));
    QCOMPARE(map.size(), std::size_t(100000));
    QVERIFY2(map.depth() <= 4, qPrintable(QString::number(map.depth())));
    int expected = 0;
    bool inOrder = true;
    map.forEach([&](const std::string &key, int value) {
        inOrder = inOrder && value == expected && key == numberedKey(expected);
        ++expected;
        return true;
    });
    QVERIFY(inOrder);
    QCOMPARE(expected, 100000);
    for (int i = 0; i < 100000; i += 2)
        QVERIFY(map.erase(numberedKey(i)));
    QCOMPARE(map.size(), std::size_t(50000));
    for (int i = 0; i < 100000; ++i)
        QCOMPARE(map.find(numberedKey(i)) != nullptr, i % 2 == 1);
}

void TstSnapshot::mapFromSortedAndForEachFrom()
{
    std::vector<IntMap::Entry> entries;
    for (int i = 0; i < 5000; ++i)
        entries.push_back({numberedKey(i * 2), i * 2});
    IntMap map = IntMap::fromSorted(entries);
    QCOMPARE(map.size(), std::size_t(5000));
    QCOMPARE(*map.find(numberedKey(1234)), 1234);
    QVERIFY(map.find(numberedKey(1235)) == nullptr);
    std::vector<int> seen;
    map.forEachFrom(numberedKey(4991), [&](const std::string &, int v) {
        seen.push_back(v);
        return seen.size() < 3;
    });
    QCOMPARE(seen, (std::vector<int>{4992, 4994, 4996}));
    map.set(numberedKey(1), 1); // a bulk-loaded full leaf must split correctly
    QCOMPARE(map.size(), std::size_t(5001));
    QCOMPARE(*map.find(numberedKey(1)), 1);
    QCOMPARE(int(contents(map).size()), 5001);
}

void TstSnapshot::storeCountsAndMalformed()
{
    Store store("skydns");
    QVERIFY(store.putValue("/skydns/local/skydns/a", R"({"host":"10.0.0.1"})", 5, 0).applied);
    auto bad = store.putValue("/skydns/local/skydns/b", "{nope", 6, 0);
    QVERIFY(bad.malformed);
    QVERIFY(!bad.error.empty());
    QVERIFY(!bad.previousError);
    QVERIFY(!store.putValue("/other/x", R"({"host":"10.0.0.1"})", 7, 0).applied);
    QCOMPARE(store.recordCount(), std::size_t(1));
    QCOMPARE(store.malformedCount(), std::size_t(1));
    QVERIFY(store.malformed().find("/skydns/local/skydns/b") != nullptr);

    // Fixing the value serves it and drops it from the malformed list.
    auto fixed = store.putValue("/skydns/local/skydns/b", R"({"host":"10.0.0.2"})", 8, 0);
    QVERIFY(!fixed.malformed);
    QVERIFY(fixed.previousError.has_value());
    QCOMPARE(store.recordCount(), std::size_t(2));
    QCOMPARE(store.malformedCount(), std::size_t(0));

    // Removing a directory removes its records and malformed values.
    store.putValue("/skydns/local/skydns/d/x", R"({"port":"80"})", 9, 0);
    store.putValue("/skydns/local/skydns/d/y", R"({"host":"10.0.0.3"})", 10, 1234);
    QCOMPARE(store.malformedCount(), std::size_t(1));
    QCOMPARE(store.recordCount(), std::size_t(3));
    QCOMPARE(store.find("/skydns/local/skydns/d/y")->record.expiresAtMs, std::int64_t(1234));
    QCOMPARE(store.find("/skydns/local/skydns/d/y")->record.modifiedIndex, std::uint64_t(10));
    QVERIFY(store.remove("/skydns/local/skydns/d"));
    QCOMPARE(store.malformedCount(), std::size_t(0));
    QCOMPARE(store.recordCount(), std::size_t(2));
    QVERIFY(!store.remove("/skydns/local/skydns/d"));
    QVERIFY(!store.remove("/skydns/local/skydns/a/below-a-value"));
    QVERIFY(store.find("/skydns/local/skydns")->isDirectory());
}

void TstSnapshot::storeOldCopyUnchanged()
{
    Store store("skydns");
    for (int i = 0; i < 1000; ++i)
        store.putValue("/skydns/local/skydns/svc/" + numberedKey(i), R"({"host":"10.0.0.1","port":80})", i + 1, 0);
    const Snapshot old(store, 1, 1000);
    const auto oldWeb = old.records("svc.skydns.local.", false);
    QCOMPARE(oldWeb.records.size(), std::size_t(1)); // all duplicates of one service
    store.putValue("/skydns/local/skydns/svc/" + numberedKey(3), R"({"host":"10.0.0.9"})", 2000, 0);
    store.remove("/skydns/local/skydns/svc/" + numberedKey(0));
    store.putValue("/skydns/local/skydns/new", R"({"host":"10.0.0.7"})", 2001, 0);
    const Snapshot current(store, 2, 2001);

    QCOMPARE(old.recordCount(), std::size_t(1000));
    QCOMPARE(current.recordCount(), std::size_t(1000));
    QCOMPARE(old.records("new.skydns.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(current.records("new.skydns.local.", false).status, LookupStatus::Ok);
    const auto three = old.records(numberedKey(3) + ".svc.skydns.local.", false);
    QCOMPARE(three.records.size(), std::size_t(1));
    QCOMPARE(three.records[0]->service.host, std::string("10.0.0.1"));
    QCOMPARE(current.records(numberedKey(3) + ".svc.skydns.local.", false).records[0]->service.host,
             std::string("10.0.0.9"));
    QCOMPARE(old.records(numberedKey(0) + ".svc.skydns.local.", false).status, LookupStatus::Ok);
    QCOMPARE(current.records(numberedKey(0) + ".svc.skydns.local.", false).status, LookupStatus::NotFound);
    // The record pointer taken from the old snapshot is still the old record.
    QCOMPARE(oldWeb.records[0]->key, "/skydns/local/skydns/svc/" + numberedKey(0));
}

void TstSnapshot::storeTreeOrderIsKeyOrder()
{
    // "web/..." sorts after "web-2" as full keys ('-' < '/'); the walk must see them in that order
    // so that of two duplicates the same one wins as with a sorted key map.
    Store store("skydns");
    store.putValue("/skydns/local/skydns/web/x", R"({"host":"10.0.0.1"})", 1, 0);
    store.putValue("/skydns/local/skydns/web-2", R"({"host":"10.0.0.1"})", 2, 0);
    const Snapshot snapshot(store, 1, 2);
    const auto result = snapshot.records("skydns.local.", false);
    QCOMPARE(keysOf(result), QStringList{QStringLiteral("/skydns/local/skydns/web-2")});

    Store other("skydns");
    other.putValue("/skydns/local/skydns/web-2", R"({"host":"10.0.0.1"})", 1, 0);
    other.putValue("/skydns/local/skydns/web", R"({"host":"10.0.0.1"})", 2, 0);
    const Snapshot second(other, 1, 2);
    QCOMPARE(keysOf(second.records("skydns.local.", false)), QStringList{QStringLiteral("/skydns/local/skydns/web")});
}

void TstSnapshot::storeDirectoryUpdateKeepsChildren()
{
    Store store("skydns");
    store.putValue("/skydns/local/skydns/d/x", R"({"host":"10.0.0.1"})", 1, 0);
    store.putValue("/skydns/local/skydns/d/bad", "{", 2, 0);
    QVERIFY(store.putDirectory("/skydns/local/skydns/d", 3, 99000)); // a TTL update of the directory
    const StoreNode *dir = store.find("/skydns/local/skydns/d");
    QVERIFY(dir && dir->isDirectory());
    QCOMPARE(dir->record.expiresAtMs, std::int64_t(99000));
    QCOMPARE(store.recordCount(), std::size_t(1));
    QCOMPARE(store.malformedCount(), std::size_t(1));
    QVERIFY(store.putDirectory("/skydns/local/skydns/e", 4, 0));
    QCOMPARE(Snapshot(store, 1, 4).records("e.skydns.local.", false).status, LookupStatus::Ok);
}

void TstSnapshot::storeRemoveRoot()
{
    Store store("skydns");
    store.putValue("/skydns/local/skydns/a", R"({"host":"10.0.0.1"})", 1, 0);
    store.putValue("/skydns/local/skydns/b", "x", 2, 0);
    QVERIFY(store.remove("/skydns"));
    QVERIFY(store.root() == nullptr);
    QCOMPARE(store.recordCount(), std::size_t(0));
    QCOMPARE(store.malformedCount(), std::size_t(0));
    QCOMPARE(Snapshot(store, 1, 3).records("skydns.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(Snapshot(store, 1, 3).records(".", false).status, LookupStatus::NotFound);
}

void TstSnapshot::storeNestedPrefixAndAncestors()
{
    // A prefix of several elements; keys beside it ("/a/bc") are not below it.
    Store store("a/b");
    QVERIFY(store.putValue("/a/b/local/skydns/web", R"({"host":"10.0.0.1"})", 1, 0).applied);
    QVERIFY(!store.putValue("/a/bc/local/skydns/web", R"({"host":"10.0.0.2"})", 2, 0).applied);
    QVERIFY(!store.putValue("/a", R"({"host":"10.0.0.3"})", 3, 0).applied);
    const Snapshot snapshot(store, 1, 3);
    QCOMPARE(keysOf(snapshot.records("web.skydns.local.", false)), QStringList{QStringLiteral("/a/b/local/skydns/web")});
    QVERIFY(!store.remove("/a/bc"));
    QCOMPARE(store.recordCount(), std::size_t(1));
    // Deleting an ancestor of the prefix (etcd notifies watchers of the prefix) empties the store.
    QVERIFY(store.remove("/a"));
    QVERIFY(store.root() == nullptr);
    QCOMPARE(Snapshot(store, 2, 4).records("web.skydns.local.", false).status, LookupStatus::NotFound);

    // A value where etcd would have a directory is replaced when a key below it arrives (we missed
    // the events in between; etcd's newer state wins).
    Store other("skydns");
    other.putValue("/skydns/local/skydns/x", "{bad", 1, 0);
    QCOMPARE(other.malformedCount(), std::size_t(1));
    other.putValue("/skydns/local/skydns/x/y", R"({"host":"10.0.0.1"})", 2, 0);
    QCOMPARE(other.malformedCount(), std::size_t(0));
    QCOMPARE(other.recordCount(), std::size_t(1));
    QVERIFY(other.find("/skydns/local/skydns/x")->isDirectory());
}

void TstSnapshot::contract()
{
    QFETCH(QString, fixture);
    const Snapshot snapshot(storeFromFixture(skydns::test::parseContractFixture(fixture)), 1, 1);
    skydns::test::checkBackendContractRow(snapshot);
}

void TstSnapshot::contractFromFullRead()
{
    QFETCH(QString, fixture);
    const EtcdNode root = etcdTreeFromFixture(skydns::test::parseContractFixture(fixture));
    const Snapshot snapshot(Store::fromEtcd("skydns", root), 1, 1);
    skydns::test::checkBackendContractRow(snapshot);
}

void TstSnapshot::unsyncedIsUnavailable()
{
    const auto snapshot = Snapshot::unsynced("skydns");
    QVERIFY(!snapshot->hasSynced());
    QCOMPARE(snapshot->generation(), std::uint64_t(0));
    const auto result = snapshot->records("skydns.local.", false);
    QCOMPARE(result.status, LookupStatus::Unavailable);
    QVERIFY(!result.error.empty());
    QCOMPARE(snapshot->reverseRecord("1.0.0.10.in-addr.arpa.").status, LookupStatus::Unavailable);
}

void TstSnapshot::snapshotMetadata()
{
    Store store("skydns");
    store.putValue("/skydns/local/skydns/a", R"({"host":"10.0.0.1"})", 1, 0);
    store.putValue("/skydns/local/skydns/z", R"({"port":"x"})", 2, 0);
    store.putValue("/skydns/local/skydns/m", "nope", 3, 0);
    const Snapshot snapshot(store, 17, 42);
    QVERIFY(snapshot.hasSynced());
    QCOMPARE(snapshot.generation(), std::uint64_t(17));
    QCOMPARE(snapshot.etcdIndex(), std::uint64_t(42));
    QCOMPARE(snapshot.recordCount(), std::size_t(1));
    QCOMPARE(snapshot.malformedCount(), std::size_t(2));
    QCOMPARE(snapshot.prefix(), std::string("skydns"));
    const auto malformed = snapshot.malformed();
    QCOMPARE(malformed.size(), std::size_t(2));
    QCOMPARE(malformed[0].first, std::string("/skydns/local/skydns/m"));
    QCOMPARE(malformed[1].first, std::string("/skydns/local/skydns/z"));
    QVERIFY(malformed[1].second.find("port") != std::string::npos);
}

QTEST_APPLESS_MAIN(TstSnapshot)
#include "tst_snapshot.moc"
