#include "backend/memorybackend.h"
#include "backendcontract.h"

#include <QTest>

using skydns::backend::LookupStatus;
using skydns::backend::MemoryBackend;

// TstMemoryBackend checks MemoryBackend against the shared backend contract and its own API.
class TstMemoryBackend final : public QObject
{
    Q_OBJECT

private slots:
    void contract_data() { skydns::test::addBackendContractRows(); }
    void contract();
    void contractThroughPut_data() { skydns::test::addBackendContractRows(); }
    void contractThroughPut();
    void putReportsMalformed();
    void putReplacesValues();
    void putRefusesImpossibleShapes();
    void removeKeepsParentDirectory();
    void keysAreCleaned();
    void loadJsonRejectsBadFixtures_data();
    void loadJsonRejectsBadFixtures();
    void loadJsonKeepsMetadata();
    void customPrefix();
    void synced();
    void modifiedIndexGrows();
};

void TstMemoryBackend::contract()
{
    QFETCH(QString, fixture);
    MemoryBackend backend;
    std::string error;
    QVERIFY2(backend.loadJson(fixture.toStdString(), &error), error.c_str());
    skydns::test::checkBackendContractRow(backend);
}

// contractThroughPut builds the backend node by node, as another backend would from
// parseContractFixture, so the helper itself is exercised too.
void TstMemoryBackend::contractThroughPut()
{
    QFETCH(QString, fixture);
    MemoryBackend backend;
    for (const auto &entry : skydns::test::parseContractFixture(fixture)) {
        if (entry.value)
            backend.put(entry.key, *entry.value, entry.expiresAtMs);
        else
            backend.putDirectory(entry.key);
    }
    skydns::test::checkBackendContractRow(backend);
}

void TstMemoryBackend::putReportsMalformed()
{
    MemoryBackend backend;
    std::string error;
    QVERIFY(!backend.put("/skydns/local/a", R"({"port":"80"})", 0, &error));
    QCOMPARE(QString::fromStdString(error),
             QStringLiteral(R"(/skydns/local/a: field "port": expected an integer, got string "80")"));
    QVERIFY(!backend.put("/skydns/local/b", "{", 0, &error));
    QVERIFY2(error.rfind("/skydns/local/b: invalid JSON at byte", 0) == 0, error.c_str());
    QCOMPARE(backend.size(), std::size_t(0));
    QCOMPARE(backend.malformed().size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(backend.malformed().at("/skydns/local/a")),
             QStringLiteral(R"(/skydns/local/a: field "port": expected an integer, got string "80")"));
    // The name exists (it is a leaf) but has nothing servable.
    const auto r = backend.records("a.local.", false);
    QCOMPARE(r.status, LookupStatus::Ok);
    QVERIFY(r.records.empty());
}

void TstMemoryBackend::putReplacesValues()
{
    MemoryBackend backend;
    QVERIFY(!backend.put("/skydns/local/a", "{oops"));
    QVERIFY(!backend.put("/skydns/local/a", "{oops again"));
    QCOMPARE(backend.malformed().size(), std::size_t(1));
    QVERIFY(backend.put("/skydns/local/a", R"({"host":"10.0.0.1"})"));
    QVERIFY(backend.malformed().empty());
    auto r = backend.records("a.local.", true);
    QCOMPARE(r.status, LookupStatus::Ok);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.records[0]->service.host), QStringLiteral("10.0.0.1"));

    QVERIFY(backend.put("/skydns/local/a", R"({"host":"10.0.0.2","ttl":5})", 1234));
    r = backend.records("a.local.", false);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.records[0]->service.host), QStringLiteral("10.0.0.2"));
    QCOMPARE(r.records[0]->service.ttl, 5u);
    QCOMPARE(r.records[0]->expiresAtMs, std::int64_t(1234));

    // A valid value turned malformed stops being served.
    QVERIFY(!backend.put("/skydns/local/a", "[]"));
    r = backend.records("a.local.", false);
    QCOMPARE(r.status, LookupStatus::Ok);
    QVERIFY(r.records.empty());
    QCOMPARE(backend.size(), std::size_t(0));
}

// putRefusesImpossibleShapes: etcd v2 has no node that is both a value and a directory.
void TstMemoryBackend::putRefusesImpossibleShapes()
{
    MemoryBackend backend;
    std::string error;
    QVERIFY(backend.put("/skydns/local/web/a", R"({"host":"10.0.0.1"})"));
    QVERIFY(!backend.put("/skydns/local/web", R"({"host":"10.0.0.2"})", 0, &error));
    QVERIFY2(error.find("not a file") != std::string::npos, error.c_str());
    QVERIFY(!backend.put("/skydns/local/web/a/b", R"({"host":"10.0.0.3"})", 0, &error));
    QVERIFY2(error.find("not a directory") != std::string::npos, error.c_str());
    QCOMPARE(backend.size(), std::size_t(1));
    QVERIFY(backend.malformed().empty());

    backend.putDirectory("/skydns/local/web/a/c"); // below a value: ignored, as etcd refuses it
    QCOMPARE(backend.records("c.a.web.local.", false).status, LookupStatus::Invalid);

    backend.putDirectory("/skydns/local/dir");
    QVERIFY(!backend.put("/skydns/local/dir", R"({"host":"10.0.0.4"})", 0, &error));
    QCOMPARE(backend.records("dir.local.", false).status, LookupStatus::Ok);
}

void TstMemoryBackend::removeKeepsParentDirectory()
{
    MemoryBackend backend;
    QVERIFY(backend.put("/skydns/local/web/a", R"({"host":"10.0.0.1"})"));
    QVERIFY(backend.put("/skydns/local/web/b/c", R"({"host":"10.0.0.2"})"));
    QVERIFY(!backend.put("/skydns/local/web/bad", "{"));

    QVERIFY(backend.remove("/skydns/local/web/a"));
    QVERIFY(!backend.remove("/skydns/local/web/a"));
    QCOMPARE(backend.records("a.web.local.", false).status, LookupStatus::NotFound);

    // Deleting a directory deletes everything below it, malformed values included.
    QVERIFY(backend.remove("/skydns/local/web/b"));
    QVERIFY(backend.remove("/skydns/local/web/bad"));
    QVERIFY(backend.malformed().empty());
    QCOMPARE(backend.size(), std::size_t(0));
    // etcd keeps the now empty parent directory.
    const auto r = backend.records("web.local.", false);
    QCOMPARE(r.status, LookupStatus::Ok);
    QVERIFY(r.records.empty());

    QVERIFY(backend.remove("/skydns/local/web"));
    QCOMPARE(backend.records("web.local.", false).status, LookupStatus::NotFound);
    QCOMPARE(backend.records("local.", false).status, LookupStatus::Ok); // left behind, empty
    QCOMPARE(backend.records("local.", false).records.size(), std::size_t(0));
    QVERIFY(backend.remove("/skydns"));
    QCOMPARE(backend.records("local.", false).status, LookupStatus::NotFound);
    QVERIFY(!backend.remove("/nothing"));
}

void TstMemoryBackend::keysAreCleaned()
{
    MemoryBackend backend;
    QVERIFY(backend.put("skydns//local/./x/../web/", R"({"host":"10.0.0.1"})"));
    const auto r = backend.records("web.local.", false);
    QCOMPARE(r.status, LookupStatus::Ok);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.records[0]->key), QStringLiteral("/skydns/local/web"));
    QVERIFY(backend.remove("/skydns/local/web/"));
    QCOMPARE(backend.size(), std::size_t(0));
}

void TstMemoryBackend::loadJsonRejectsBadFixtures_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("not JSON") << "{" << "not valid JSON";
    QTest::newRow("array") << "[]" << "must be a JSON object";
    QTest::newRow("expiresAtMs not an integer")
        << R"({"/skydns/a": {"value": {"host": "x"}, "expiresAtMs": "soon"}})" << "expiresAtMs";
    QTest::newRow("value and directory at once")
        << R"({"/skydns/a": {"host": "x"}, "/skydns/a/b": {"host": "y"}})" << "not a";
}

void TstMemoryBackend::loadJsonRejectsBadFixtures()
{
    QFETCH(QString, fixture);
    QFETCH(QString, errorPart);
    MemoryBackend backend;
    std::string error;
    QVERIFY(!backend.loadJson(fixture.toStdString(), &error));
    QVERIFY2(QString::fromStdString(error).contains(errorPart), error.c_str());
}

void TstMemoryBackend::loadJsonKeepsMetadata()
{
    MemoryBackend backend;
    std::string error;
    const std::string fixture = R"({
        "/skydns/local/a": {"value": {"host": "10.0.0.1", "ttl": 30}, "expiresAtMs": 5000},
        "/skydns/local/b": {"value": "{\"host\": \"10.0.0.2\"}"},
        "/skydns/local/c": "not json",
        "/skydns/local/d": null})";
    QVERIFY2(backend.loadJson(fixture, &error), error.c_str());
    QCOMPARE(backend.size(), std::size_t(2));
    QCOMPARE(backend.malformed().size(), std::size_t(1));
    QVERIFY(backend.malformed().count("/skydns/local/c"));
    auto r = backend.records("a.local.", false);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(r.records[0]->expiresAtMs, std::int64_t(5000));
    QCOMPARE(r.records[0]->service.ttl, 30u);
    QCOMPARE(r.records[0]->remainingTtl(4000), 1u);
    QVERIFY(r.records[0]->expired(5000));
    r = backend.records("b.local.", false);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(r.records[0]->expiresAtMs, std::int64_t(0));
    QCOMPARE(backend.records("d.local.", false).status, LookupStatus::Ok);
}

void TstMemoryBackend::customPrefix()
{
    MemoryBackend backend("dns");
    QVERIFY(backend.put("/dns/local/web", R"({"host":"10.0.0.1"})"));
    QVERIFY(backend.put("/skydns/local/web", R"({"host":"10.0.0.2"})"));
    const auto r = backend.records("web.local.", false);
    QCOMPARE(r.status, LookupStatus::Ok);
    QCOMPARE(r.records.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.records[0]->key), QStringLiteral("/dns/local/web"));
    QCOMPARE(backend.records("*.local.", false).records.size(), std::size_t(1));
}

void TstMemoryBackend::synced()
{
    MemoryBackend backend;
    QVERIFY(backend.put("/skydns/local/a", R"({"host":"10.0.0.1"})"));
    QVERIFY(backend.put("/skydns/arpa/in-addr/10/0/0/1", R"({"host":"a.local."})"));
    QVERIFY(backend.hasSynced());
    backend.setSynced(false);
    QVERIFY(!backend.hasSynced());
    // Without a complete copy nothing is known, not even that a name is missing (spec 2.1).
    for (const auto &r : {backend.records("a.local.", false), backend.records("missing.local.", true),
                          backend.reverseRecord("1.0.0.10.in-addr.arpa.")}) {
        QCOMPARE(r.status, LookupStatus::Unavailable);
        QVERIFY(r.records.empty());
        QVERIFY(!r.error.empty());
    }
    backend.setSynced(true);
    QVERIFY(backend.hasSynced());
    QCOMPARE(backend.records("a.local.", false).records.size(), std::size_t(1));
    QCOMPARE(backend.reverseRecord("1.0.0.10.in-addr.arpa.").status, LookupStatus::Ok);
}

void TstMemoryBackend::modifiedIndexGrows()
{
    MemoryBackend backend;
    QVERIFY(backend.put("/skydns/local/a", R"({"host":"10.0.0.1"})"));
    QVERIFY(backend.put("/skydns/local/b", R"({"host":"10.0.0.2"})"));
    const auto a = backend.records("a.local.", false).records.at(0)->modifiedIndex;
    const auto b = backend.records("b.local.", false).records.at(0)->modifiedIndex;
    QVERIFY(a > 0);
    QVERIFY(b > a);
}

QTEST_APPLESS_MAIN(TstMemoryBackend)
#include "tst_memorybackend.moc"
