#pragma once

// backendcontract.h is the lookup behaviour every skydns::backend::Backend must show (SkyDNS's etcd
// Records/ReverseRecord, spec 2.1, 2.2, 3.5, 3.6), written once as a table so that MemoryBackend and
// the etcd mirror's snapshots are checked against the same rows.
//
// Use it from a Qt Test:
//
//     void TstX::contract_data() { skydns::test::addBackendContractRows(); }
//     void TstX::contract()
//     {
//         QFETCH(QString, fixture);
//         const auto entries = skydns::test::parseContractFixture(fixture);  // build your backend
//         MyBackend backend(...entries...);
//         skydns::test::checkBackendContractRow(backend);
//     }
//
// Each row has: `fixture` (JSON text: etcd key -> service object, a raw string value, null for an
// empty directory, or {"value": ..., "expiresAtMs": N}), `name` (lower-case FQDN), `lookup`
// ("records", "exact" or "reverse"), `status` ("Ok", "NotFound", "Invalid", "Unavailable") and
// `keys` (the etcd keys of the returned records, sorted). Record order is not part of the contract;
// which of two duplicates is kept is: the first in byte-wise key order (rows only use duplicates whose
// byte-wise order is also their tree order). Expiry times lie in the past on purpose: expired
// records are still returned, the resolver filters them with Record::expired.

// Q_MOC_RUN: moc reads included headers and miscounts the braces inside the raw-string fixtures,
// which puts the including test class into the wrong namespace; moc needs nothing from here.
#ifndef Q_MOC_RUN

#include "backend/backend.h"

#include <QString>
#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skydns::test {

// ContractFixtureEntry is one etcd node of a fixture: a value (possibly not valid JSON) or, when
// value is empty, an empty directory.
struct ContractFixtureEntry
{
    std::string key;
    std::optional<std::string> value; // raw etcd value; std::nullopt = empty directory
    std::int64_t expiresAtMs = 0;     // 0 = no etcd TTL
};

// parseContractFixture turns a fixture's JSON text into etcd nodes, in byte-wise key order.
inline std::vector<ContractFixtureEntry> parseContractFixture(const QString &fixture)
{
    std::vector<ContractFixtureEntry> entries;
    const nlohmann::json doc = nlohmann::json::parse(fixture.toStdString());
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        ContractFixtureEntry entry;
        entry.key = it.key();
        const nlohmann::json *value = &it.value();
        if (value->is_object() && value->contains("value")) {
            entry.expiresAtMs = value->value("expiresAtMs", std::int64_t(0));
            value = &(*value)["value"];
        }
        if (!value->is_null())
            entry.value = value->is_string() ? value->get<std::string>() : value->dump();
        entries.push_back(std::move(entry));
    }
    return entries;
}

// contractStatusName names a LookupStatus as the table's `status` column does.
inline QString contractStatusName(backend::LookupStatus status)
{
    switch (status) {
    case backend::LookupStatus::Ok: return QStringLiteral("Ok");
    case backend::LookupStatus::NotFound: return QStringLiteral("NotFound");
    case backend::LookupStatus::Unavailable: return QStringLiteral("Unavailable");
    case backend::LookupStatus::Invalid: return QStringLiteral("Invalid");
    }
    return QStringLiteral("?");
}

namespace contract {

// kTree is the main fixture: nested directories, a leaf, an empty directory, malformed values, an
// expired key, reverse entries, the config key and a key outside the prefix.
inline const char *const kTree = R"({
  "/skydns/config": {"dns_addr": "127.0.0.1:53", "ttl": 3600, "nameservers": ["8.8.8.8:53"]},
  "/skydns/local/skydns/east/web/a": {"host": "10.0.0.1", "port": 80},
  "/skydns/local/skydns/east/web/b": {"host": "10.0.0.2", "port": 80},
  "/skydns/local/skydns/east/db": {"host": "10.0.1.1", "port": 5432},
  "/skydns/local/skydns/west/web/c": {"host": "10.1.0.1", "port": 80},
  "/skydns/local/skydns/west/web/d/x": {"host": "10.1.0.9"},
  "/skydns/local/skydns/west/cache": {"host": "10.1.0.2"},
  "/skydns/local/skydns/leaf": {"host": "10.9.9.9"},
  "/skydns/local/skydns/empty": null,
  "/skydns/local/skydns/expired": {"value": {"host": "10.0.0.99"}, "expiresAtMs": 1000},
  "/skydns/local/skydns/bad/one": "{not json",
  "/skydns/local/skydns/bad/two": {"host": "10.3.0.2"},
  "/skydns/local/skydns/bad/three": {"port": "80"},
  "/skydns/local/skydns/onlybad/x": "[1, 2]",
  "/skydns/arpa/in-addr/10/0/0/1": {"host": "web.skydns.local."},
  "/skydns/arpa/in-addr/10/0/0/2": "{oops",
  "/skydns/arpa/in-addr/10/0/1": null,
  "/other/local/skydns/elsewhere": {"host": "10.8.8.8"}
})";

// kDuplicates holds services that differ only in fields outside SkyDNS's bareService (dropped) and
// ones that differ in a bareService field (kept). Priority is compared before the config default.
inline const char *const kDuplicates = R"({
  "/skydns/local/dup/a": {"host": "10.0.0.1", "port": 80},
  "/skydns/local/dup/b": {"host": "10.0.0.1", "port": 80, "ttl": 30, "group": "g", "mail": true, "targetstrip": 1},
  "/skydns/local/dup/c": {"host": "10.0.0.1", "port": 81},
  "/skydns/local/dup/d": {"host": "10.0.0.1", "port": 80, "priority": 10},
  "/skydns/local/dup/e": {"host": "10.0.0.1", "port": 80, "weight": 100},
  "/skydns/local/dup/f": {"host": "10.0.0.1", "port": 80, "text": "x"},
  "/skydns/local/dup/g": {"host": "10.0.0.2", "port": 80},
  "/skydns/local/dup/h/i": {"host": "10.0.0.1", "port": 80},
  "/skydns/local/dup/h/j": {"host": "10.0.0.1", "port": 80, "priority": 10},
  "/skydns/local/dup/k": {"value": {"host": "10.0.0.2", "port": 80}, "expiresAtMs": 1000}
})";

inline QStringList keys(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *k : list)
        out << QString::fromLatin1(k);
    out.sort();
    return out;
}

inline void row(const char *title, const char *fixture, const char *name, const char *lookup, const char *status,
                const QStringList &expected)
{
    QTest::newRow(title) << QString::fromUtf8(fixture) << QString::fromUtf8(name) << QString::fromLatin1(lookup)
                         << QString::fromLatin1(status) << expected;
}

} // namespace contract

// addBackendContractRows adds the columns and every row of the contract; call it from a _data slot.
inline void addBackendContractRows()
{
    using contract::keys;
    using contract::kDuplicates;
    using contract::kTree;
    using contract::row;
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("lookup");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QStringList>("keys");

    // Leaves and directories (spec 2.1).
    row("spec 2.1: leaf -> its record", kTree, "leaf.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/leaf"}));
    row("spec 2.1: leaf, exact -> its record", kTree, "leaf.skydns.local.", "exact", "Ok",
        keys({"/skydns/local/skydns/leaf"}));
    row("spec 2.1: nested leaf", kTree, "x.d.web.west.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/west/web/d/x"}));
    row("spec 2.1: directory -> every leaf below", kTree, "east.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/db", "/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b"}));
    row("spec 2.1: nested directories -> leaves at every depth", kTree, "west.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/west/cache", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x"}));
    row("spec 2.1: domain apex -> whole subtree, expired and valid leaves, malformed skipped", kTree,
        "skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/db", "/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b",
              "/skydns/local/skydns/west/cache", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x", "/skydns/local/skydns/leaf", "/skydns/local/skydns/expired",
              "/skydns/local/skydns/bad/two"}));
    row("spec 2.2 quirk: root name reads the whole prefix, /skydns/config included", kTree, ".", "records", "Ok",
        keys({"/skydns/config", "/skydns/local/skydns/east/db", "/skydns/local/skydns/east/web/a",
              "/skydns/local/skydns/east/web/b", "/skydns/local/skydns/west/cache",
              "/skydns/local/skydns/west/web/c", "/skydns/local/skydns/west/web/d/x", "/skydns/local/skydns/leaf",
              "/skydns/local/skydns/expired", "/skydns/local/skydns/bad/two", "/skydns/arpa/in-addr/10/0/0/1"}));
    row("spec 2.1: exact on a directory -> Ok, no records", kTree, "east.skydns.local.", "exact", "Ok", keys({}));
    row("spec 2.1: exact on the apex directory -> Ok, no records", kTree, "skydns.local.", "exact", "Ok", keys({}));
    row("spec 2.1: empty directory -> Ok, no records", kTree, "empty.skydns.local.", "records", "Ok", keys({}));
    row("spec 2.1: empty directory, exact -> Ok, no records", kTree, "empty.skydns.local.", "exact", "Ok", keys({}));
    row("spec 2.1: missing name -> NotFound", kTree, "nope.skydns.local.", "records", "NotFound", keys({}));
    row("spec 2.1: missing name, exact -> NotFound", kTree, "nope.skydns.local.", "exact", "NotFound", keys({}));
    row("spec 2.1: missing deep name -> NotFound", kTree, "a.b.nope.skydns.local.", "records", "NotFound", keys({}));
    row("spec 2.1: missing zone -> NotFound", kTree, "web.example.org.", "records", "NotFound", keys({}));
    row("spec 2.1: key outside the prefix is not visible", kTree, "elsewhere.skydns.local.", "records", "NotFound",
        keys({}));
    row("spec 2.1: name below a value -> etcd 104, not a name error", kTree, "x.leaf.skydns.local.", "records",
        "Invalid", keys({}));
    row("spec 2.1: name below a value, exact -> Invalid", kTree, "x.leaf.skydns.local.", "exact", "Invalid", keys({}));
    row("spec 2.1: expired key is still returned (resolver filters)", kTree, "expired.skydns.local.", "records",
        "Ok", keys({"/skydns/local/skydns/expired"}));

    // Malformed values: skipped, everything else still served (docs/COMPATIBILITY.md).
    row("spec 2.2: malformed and mistyped leaves skipped, valid sibling served", kTree, "bad.skydns.local.",
        "records", "Ok", keys({"/skydns/local/skydns/bad/two"}));
    row("spec 2.2: malformed leaf itself -> Ok, no records", kTree, "one.bad.skydns.local.", "records", "Ok",
        keys({}));
    row("spec 2.2: mistyped leaf itself -> Ok, no records", kTree, "three.bad.skydns.local.", "exact", "Ok",
        keys({}));
    row("spec 2.2: directory of malformed leaves -> Ok, no records", kTree, "onlybad.skydns.local.", "records", "Ok",
        keys({}));

    // Wildcards (spec 3.5).
    row("spec 3.5: leading * -> subtree filtered", kTree, "*.east.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/db", "/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b"}));
    row("spec 3.5: * in the middle", kTree, "web.*.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x"}));
    row("spec 3.5: any in the middle", kTree, "web.any.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x"}));
    row("spec 3.5: label then * then label", kTree, "a.web.*.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a"}));
    row("spec 3.5: two wildcards, keys shorter than the query dropped", kTree, "*.*.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/db", "/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b",
              "/skydns/local/skydns/west/cache", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x", "/skydns/local/skydns/bad/two"}));
    row("spec 3.5: * and any in one name, longer keys match", kTree, "*.web.any.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x"}));
    row("spec 3.5: three wildcards, only the deepest keys", kTree, "*.*.*.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b", "/skydns/local/skydns/west/web/c",
              "/skydns/local/skydns/west/web/d/x"}));
    row("spec 3.5: path cut at the wildcard nearest the root", kTree, "x.*.web.west.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/west/web/d/x"}));
    row("spec 3.5: wildcard at the top-level label", kTree, "web.east.skydns.*.", "records", "Ok",
        keys({"/skydns/local/skydns/east/web/a", "/skydns/local/skydns/east/web/b"}));
    row("spec 3.5: wildcard matching no key -> Ok, no records", kTree, "zzz.*.skydns.local.", "records", "Ok",
        keys({}));
    row("spec 3.5: wildcard deeper than every key -> Ok, no records", kTree, "web.*.east.skydns.local.", "records",
        "Ok", keys({}));
    row("spec 3.5: wildcard on a directory, exact -> Ok, no records", kTree, "*.east.skydns.local.", "exact", "Ok",
        keys({}));
    row("spec 3.5 quirk: prefix before the wildcard is a leaf -> the leaf", kTree, "*.leaf.skydns.local.", "records",
        "Ok", keys({"/skydns/local/skydns/leaf"}));
    row("spec 3.5 quirk: leaf prefix, any, further labels -> still the leaf", kTree, "a.b.any.leaf.skydns.local.",
        "records", "Ok", keys({"/skydns/local/skydns/leaf"}));
    row("spec 3.5 quirk: leaf prefix, exact -> the leaf", kTree, "*.leaf.skydns.local.", "exact", "Ok",
        keys({"/skydns/local/skydns/leaf"}));
    row("spec 3.5: wildcard below a missing prefix -> NotFound", kTree, "*.nope.skydns.local.", "records", "NotFound",
        keys({}));
    row("spec 3.5: wildcard on an empty directory -> Ok, no records", kTree, "*.empty.skydns.local.", "records", "Ok",
        keys({}));
    row("spec 3.5: wildcard skips malformed leaves", kTree, "*.bad.skydns.local.", "records", "Ok",
        keys({"/skydns/local/skydns/bad/two"}));

    // Duplicates (spec 2.2, loopNodes).
    row("spec 2.2: duplicates collapsed, first key wins, priority raw", kDuplicates, "dup.local.", "records", "Ok",
        keys({"/skydns/local/dup/a", "/skydns/local/dup/c", "/skydns/local/dup/d", "/skydns/local/dup/e",
              "/skydns/local/dup/f", "/skydns/local/dup/g"}));
    row("spec 2.2: duplicates within a subdirectory only", kDuplicates, "h.dup.local.", "records", "Ok",
        keys({"/skydns/local/dup/h/i", "/skydns/local/dup/h/j"}));
    row("spec 2.2: duplicates through a wildcard", kDuplicates, "*.dup.local.", "records", "Ok",
        keys({"/skydns/local/dup/a", "/skydns/local/dup/c", "/skydns/local/dup/d", "/skydns/local/dup/e",
              "/skydns/local/dup/f", "/skydns/local/dup/g"}));
    row("spec 2.2: a duplicate's own leaf is served", kDuplicates, "b.dup.local.", "records", "Ok",
        keys({"/skydns/local/dup/b"}));

    // Reverse lookups (spec 3.6).
    row("spec 3.6: reverse single leaf -> Ok", kTree, "1.0.0.10.in-addr.arpa.", "reverse", "Ok",
        keys({"/skydns/arpa/in-addr/10/0/0/1"}));
    row("spec 3.6: reverse on a directory -> Invalid", kTree, "0.0.10.in-addr.arpa.", "reverse", "Invalid", keys({}));
    row("spec 3.6: reverse on an empty directory -> Invalid", kTree, "1.0.10.in-addr.arpa.", "reverse", "Invalid",
        keys({}));
    row("spec 3.6: reverse with a wildcard -> Invalid", kTree, "*.0.0.10.in-addr.arpa.", "reverse", "Invalid",
        keys({}));
    row("spec 3.6: reverse wildcard checked before existence -> Invalid", kTree, "*.9.9.in-addr.arpa.", "reverse",
        "Invalid", keys({}));
    row("spec 3.6: reverse missing -> NotFound", kTree, "9.0.0.10.in-addr.arpa.", "reverse", "NotFound", keys({}));
    row("spec 3.6: reverse on a malformed leaf -> Invalid", kTree, "2.0.0.10.in-addr.arpa.", "reverse", "Invalid",
        keys({}));
    row("spec 3.6: reverse below a value -> Invalid", kTree, "5.1.0.0.10.in-addr.arpa.", "reverse", "Invalid",
        keys({}));
    row("spec 3.6: forward lookup of a reverse directory skips malformed", kTree, "0.0.10.in-addr.arpa.", "records",
        "Ok", keys({"/skydns/arpa/in-addr/10/0/0/1"}));
}

// checkBackendContractRow runs the current row's lookup against backend (built from the row's
// fixture) and compares status and sorted keys. Call it from the test function of the row.
inline void checkBackendContractRow(const backend::Backend &backend)
{
    QFETCH(QString, name);
    QFETCH(QString, lookup);
    QFETCH(QString, status);
    QFETCH(QStringList, keys);

    const std::string qname = name.toStdString();
    backend::LookupResult result;
    if (lookup == QLatin1String("records"))
        result = backend.records(qname, false);
    else if (lookup == QLatin1String("exact"))
        result = backend.records(qname, true);
    else if (lookup == QLatin1String("reverse"))
        result = backend.reverseRecord(qname);
    else
        QFAIL(qPrintable(QStringLiteral("unknown lookup kind ") + lookup));

    QStringList got;
    for (const model::Record *record : result.records) {
        QVERIFY(record != nullptr);
        got << QString::fromStdString(record->key);
    }
    got.sort();
    QCOMPARE(contractStatusName(result.status), status);
    QCOMPARE(got, keys);
    if (result.status == backend::LookupStatus::Invalid || result.status == backend::LookupStatus::Unavailable)
        QVERIFY2(!result.error.empty(), "an Invalid/Unavailable result must say why");
}

} // namespace skydns::test

#endif // Q_MOC_RUN
