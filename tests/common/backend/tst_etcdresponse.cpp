// Offline tests of the etcd client's plain parts: response parsing (tables of bodies), RFC 3339
// times, request encoding and the per-machine back-off. No network.
#include "backend/etcdmachines.h"
#include "backend/etcdrequest.h"
#include "backend/etcdresponse.h"

#include <QTest>

#include <map>

using namespace skydns::backend;

Q_DECLARE_METATYPE(EtcdResult::Kind)

// Bodies with "//" or escaped quotes are plain literals here: moc mis-reads such raw strings.
namespace {
const char *const kNestedBody =
    "{\"action\":\"get\",\"node\":{\"key\":\"/skydns\",\"dir\":true,\"nodes\":["
    "{\"key\":\"/skydns/local\",\"dir\":true,\"modifiedIndex\":3,\"createdIndex\":3,\"nodes\":["
    "{\"key\":\"/skydns/local/a\",\"value\":\"{\\\"host\\\":\\\"1.2.3.4\\\"}\","
    "\"expiration\":\"2026-11-26T05:10:00.123456789Z\",\"ttl\":42,\"modifiedIndex\":4,\"createdIndex\":4},"
    "{\"key\":\"/skydns/local/empty\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}]},"
    "{\"key\":\"/skydns/b\",\"value\":\"x\",\"modifiedIndex\":6,\"createdIndex\":2}],"
    "\"modifiedIndex\":2,\"createdIndex\":2}}";
const char *const kThreeMembers =
    "{\"members\":[{\"id\":\"1\",\"name\":\"a\",\"peerURLs\":[\"http://p1\"],\"clientURLs\":[\"http://c1:2379\"]},"
    "{\"id\":\"2\",\"name\":\"b\",\"clientURLs\":[\"http://c2:2379\",\"https://c2:2380\"]},"
    "{\"id\":\"3\",\"name\":\"c\",\"clientURLs\":[\"http://c1:2379\"]}]}";
const char *const kUnstartedMember =
    "{\"members\":[{\"id\":\"1\",\"clientURLs\":[\"http://c1\"]},{\"id\":\"2\",\"clientURLs\":null},{\"id\":\"3\"}]}";
} // namespace

class TstEtcdResponse final : public QObject
{
    Q_OBJECT

private slots:
    void responses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("indexHeader");
        QTest::addColumn<EtcdResult::Kind>("kind");
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QByteArray>("nodeKey");
        QTest::addColumn<QByteArray>("nodeValue");
        QTest::addColumn<qulonglong>("etcdIndex");
        QTest::addColumn<QByteArray>("messagePart");

        using K = EtcdResult::Kind;
        QTest::newRow("get of a key")
            << 200
            << QByteArray(R"({"action":"get","node":{"key":"/a","value":"1","modifiedIndex":7,"createdIndex":5}})")
            << QByteArray("12") << K::Ok << 0 << QByteArray("get") << QByteArray("/a") << QByteArray("1")
            << qulonglong(12) << QByteArray();
        QTest::newRow("set with prevNode")
            << 201
            << QByteArray(R"({"action":"set","node":{"key":"/a","value":"2","modifiedIndex":8,"createdIndex":8},)"
                          R"("prevNode":{"key":"/a","value":"1","modifiedIndex":7,"createdIndex":5}})")
            << QByteArray("8") << K::Ok << 0 << QByteArray("set") << QByteArray("/a") << QByteArray("2")
            << qulonglong(8) << QByteArray();
        QTest::newRow("root directory has no key")
            << 200 << QByteArray(R"({"action":"get","node":{"dir":true}})") << QByteArray("3") << K::Ok << 0
            << QByteArray("get") << QByteArray("/") << QByteArray() << qulonglong(3) << QByteArray();
        QTest::newRow("spec 2.1: key not found is error 100")
            << 404 << QByteArray(R"({"errorCode":100,"message":"Key not found","cause":"/x","index":12})")
            << QByteArray() << K::EtcdError << 100 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(12) << QByteArray("Key not found (/x)");
        QTest::newRow("compare failed 101, header index wins")
            << 412
            << QByteArray(R"({"errorCode":101,"message":"Compare failed","cause":"[3 != 4]","index":20})")
            << QByteArray("21") << K::EtcdError << 101 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(21) << QByteArray("etcd error 101: Compare failed");
        QTest::newRow("node exists 105")
            << 412 << QByteArray(R"({"errorCode":105,"message":"Key already exists","cause":"/a","index":9})")
            << QByteArray("9") << K::EtcdError << 105 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(9) << QByteArray("Key already exists");
        QTest::newRow("event index cleared 401")
            << 400
            << QByteArray(R"({"errorCode":401,"message":"The event in requested index is outdated and cleared",)"
                          R"("cause":"the requested history has been cleared [1101/1]","index":2100})")
            << QByteArray("2100") << K::EtcdError << 401 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(2100) << QByteArray("outdated and cleared");
        QTest::newRow("auth failure without errorCode")
            << 401 << QByteArray(R"({"message":"Insufficient credentials"})") << QByteArray() << K::EtcdError << 0
            << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("HTTP 401: Insufficient credentials");
        QTest::newRow("not JSON") << 200 << QByteArray("<html>hello</html>") << QByteArray() << K::Malformed << 0
                                  << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
                                  << QByteArray("not a JSON object");
        QTest::newRow("truncated JSON")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a")") << QByteArray() << K::Malformed << 0
            << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0) << QByteArray("not a JSON object");
        QTest::newRow("empty body") << 200 << QByteArray() << QByteArray() << K::Malformed << 0 << QByteArray()
                                    << QByteArray("/") << QByteArray() << qulonglong(0) << QByteArray("HTTP 200");
        QTest::newRow("JSON array") << 200 << QByteArray("[1,2]") << QByteArray() << K::Malformed << 0
                                    << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
                                    << QByteArray("not a JSON object");
        QTest::newRow("no action") << 200 << QByteArray(R"({"node":{"key":"/a"}})") << QByteArray() << K::Malformed
                                   << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
                                   << QByteArray("action");
        QTest::newRow("no node") << 200 << QByteArray(R"({"action":"get"})") << QByteArray() << K::Malformed << 0
                                 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
                                 << QByteArray("node");
        QTest::newRow("value is a number")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a","value":5}})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("\"value\" of /a");
        QTest::newRow("value is an object")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a","value":{"host":"h"}}})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("\"value\" of /a is not a string");
        QTest::newRow("negative index")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a","modifiedIndex":-1}})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("modifiedIndex");
        QTest::newRow("bad expiration")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a","ttl":5,"expiration":"tomorrow"}})")
            << QByteArray() << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(0) << QByteArray("expiration");
        QTest::newRow("bad child node")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/d","dir":true,"nodes":[{"key":7}]}})")
            << QByteArray() << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(0) << QByteArray("\"key\"");
        QTest::newRow("error body with string errorCode")
            << 404 << QByteArray(R"({"errorCode":"100","message":"Key not found"})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("unrecognised error body");
        QTest::newRow("error status with unrelated JSON")
            << 404 << QByteArray(R"({"foo":1})") << QByteArray() << K::Malformed << 0 << QByteArray()
            << QByteArray("/") << QByteArray() << qulonglong(0) << QByteArray("unrecognised error body");
        QTest::newRow("unknown fields are skipped, however nested")
            << 200
            << QByteArray(R"({"extra":{"a":[1,{"node":5}]},"action":"get","node":{"key":"/a","x":[{"value":1}],)"
                          R"("value":"v","y":{"nodes":7}},"z":null})")
            << QByteArray("4") << K::Ok << 0 << QByteArray("get") << QByteArray("/a") << QByteArray("v")
            << qulonglong(4) << QByteArray();
        QTest::newRow("null prevNode, expiration and nodes")
            << 200
            << QByteArray(R"({"action":"set","node":{"key":"/a","value":"v","expiration":null,"nodes":null},"prevNode":null})")
            << QByteArray() << K::Ok << 0 << QByteArray("set") << QByteArray("/a") << QByteArray("v")
            << qulonglong(0) << QByteArray();
        QTest::newRow("node null") << 200 << QByteArray(R"({"action":"get","node":null})") << QByteArray()
                                   << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray()
                                   << qulonglong(0) << QByteArray("node");
        QTest::newRow("node an array") << 200 << QByteArray(R"({"action":"get","node":[]})") << QByteArray()
                                       << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray()
                                       << qulonglong(0) << QByteArray("bad node: node is not an object");
        QTest::newRow("nodes an object")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/d","nodes":{}}})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("\"nodes\" of /d is not an array");
        QTest::newRow("child not an object")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/d","nodes":["x"]}})") << QByteArray()
            << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("node is not an object");
        QTest::newRow("bad prevNode")
            << 200 << QByteArray(R"({"action":"set","node":{"key":"/a"},"prevNode":{"key":"/a","ttl":1.5}})")
            << QByteArray() << K::Malformed << 0 << QByteArray() << QByteArray("/") << QByteArray()
            << qulonglong(0) << QByteArray("bad prevNode: field \"ttl\" of /a is not an integer");
        QTest::newRow("action not a string")
            << 200 << QByteArray(R"({"action":{"a":1},"node":{"key":"/a"}})") << QByteArray() << K::Malformed << 0
            << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0) << QByteArray("action");
        QTest::newRow("trailing garbage")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a"}} x)") << QByteArray() << K::Malformed
            << 0 << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
            << QByteArray("not a JSON object");
        QTest::newRow("top-level string") << 200 << QByteArray(R"("get")") << QByteArray() << K::Malformed << 0
                                          << QByteArray() << QByteArray("/") << QByteArray() << qulonglong(0)
                                          << QByteArray("not a JSON object");
        QTest::newRow("repeated node field: the last wins")
            << 200
            << QByteArray(R"({"action":"get","node":{"key":"/a","value":"1","nodes":[{"key":"/a/x"}]},)"
                          R"("node":{"key":"/b","value":"2"}})")
            << QByteArray() << K::Ok << 0 << QByteArray("get") << QByteArray("/b") << QByteArray("2")
            << qulonglong(0) << QByteArray();
        QTest::newRow("junk index header is ignored")
            << 200 << QByteArray(R"({"action":"get","node":{"key":"/a","value":""}})") << QByteArray("12x")
            << K::Ok << 0 << QByteArray("get") << QByteArray("/a") << QByteArray() << qulonglong(0) << QByteArray();
    }

    void responses()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, indexHeader);
        QFETCH(EtcdResult::Kind, kind);
        QFETCH(int, errorCode);
        QFETCH(QByteArray, action);
        QFETCH(QByteArray, nodeKey);
        QFETCH(QByteArray, nodeValue);
        QFETCH(qulonglong, etcdIndex);
        QFETCH(QByteArray, messagePart);

        const EtcdResult r = parseEtcdResponse(status, body.toStdString(), indexHeader.toStdString());
        QCOMPARE(int(r.kind), int(kind));
        QCOMPARE(r.errorCode, errorCode);
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(QByteArray::fromStdString(r.action), action);
        if (kind == EtcdResult::Kind::Ok) {
            QCOMPARE(QByteArray::fromStdString(r.node.key), nodeKey);
            QCOMPARE(QByteArray::fromStdString(r.node.value), nodeValue);
            QVERIFY(r.message.empty());
        }
        QCOMPARE(qulonglong(r.etcdIndex), etcdIndex);
        QVERIFY2(r.message.find(messagePart.toStdString()) != std::string::npos, r.message.c_str());
    }

    void nestedDirectoryWithTtl()
    {
        const char *body = kNestedBody;
        const EtcdResult r = parseEtcdResponse(200, body, "6");
        QVERIFY2(r.ok(), r.message.c_str());
        QVERIFY(r.node.dir);
        QCOMPARE(r.node.nodes.size(), std::size_t(2));
        const EtcdNode &local = r.node.nodes[0];
        QVERIFY(local.dir);
        QCOMPARE(local.nodes.size(), std::size_t(2));
        const EtcdNode &a = local.nodes[0];
        QCOMPARE(a.key, std::string("/skydns/local/a"));
        QCOMPARE(a.value, std::string(R"({"host":"1.2.3.4"})"));
        QCOMPARE(a.ttl, std::int64_t(42));
        QCOMPARE(a.expiresAtMs, std::int64_t(1795669800123)); // date -d 2026-11-26T05:10:00Z +%s = 1795669800
        QCOMPARE(a.modifiedIndex, std::uint64_t(4));
        QVERIFY(local.nodes[1].dir);
        QVERIFY(local.nodes[1].nodes.empty());
        QCOMPARE(r.node.nodes[1].createdIndex, std::uint64_t(2));
        QCOMPARE(r.node.nodes[1].modifiedIndex, std::uint64_t(6));
        QCOMPARE(r.node.nodes[1].expiresAtMs, std::int64_t(0));
    }

    void truncatedBodiesAreMalformed()
    {
        // Every proper prefix of a valid body is invalid JSON: each must give Malformed, none may crash.
        const std::string body = kNestedBody;
        QVERIFY(parseEtcdResponse(200, body, "").ok());
        for (std::size_t length = 0; length < body.size(); ++length) {
            const EtcdResult r = parseEtcdResponse(200, std::string_view(body).substr(0, length), "");
            QVERIFY2(r.kind == EtcdResult::Kind::Malformed, qPrintable(QString::number(length)));
        }
    }

    void singleNode()
    {
        EtcdNode node;
        std::string error;
        QVERIFY(parseEtcdNode(R"({"key":"/k","value":"v","ttl":5,"createdIndex":1,"modifiedIndex":2})", &node, &error));
        QCOMPARE(node.key, std::string("/k"));
        QCOMPARE(node.ttl, std::int64_t(5));
        QCOMPARE(node.modifiedIndex, std::uint64_t(2));
        QVERIFY(!parseEtcdNode(R"({"key":"/k","dir":"yes"})", &node, &error));
        QVERIFY2(error.find("\"dir\" of /k is not a boolean") != std::string::npos, error.c_str());
        QVERIFY(!parseEtcdNode("[]", &node, &error));
    }

    void expireEvent()
    {
        const char *body = R"({"action":"expire","node":{"key":"/a","modifiedIndex":15,"createdIndex":14},
            "prevNode":{"key":"/a","value":"v","expiration":"2026-01-01T00:00:01Z","ttl":-1,"modifiedIndex":14,"createdIndex":14}})";
        const EtcdResult r = parseEtcdResponse(200, body, "14");
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.action, std::string("expire"));
        QVERIFY(r.node.value.empty());
        QVERIFY(r.prevNode);
        QCOMPARE(r.prevNode->value, std::string("v"));
        QCOMPARE(r.prevNode->ttl, std::int64_t(-1));
        QCOMPARE(r.prevNode->expiresAtMs, std::int64_t(1767225601000));
    }

    void deepNestingIsMalformedNotACrash()
    {
        std::string body = R"({"action":"get","node":)";
        for (int i = 0; i < 5000; ++i)
            body += R"({"key":"/d","dir":true,"nodes":[)";
        body += "{}";
        for (int i = 0; i < 5000; ++i)
            body += "]}";
        body += "}";
        const EtcdResult r = parseEtcdResponse(200, body, "");
        QCOMPARE(int(r.kind), int(EtcdResult::Kind::Malformed));
    }

    void rfc3339_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z") << qint64(0);
        QTest::newRow("nanoseconds truncate to ms") << QByteArray("1970-01-01T00:00:01.999999999Z") << qint64(1999);
        QTest::newRow("one fraction digit") << QByteArray("1970-01-01T00:00:00.5Z") << qint64(500);
        QTest::newRow("leap day") << QByteArray("2024-02-29T12:00:00Z") << qint64(1709208000000);
        QTest::newRow("positive offset") << QByteArray("2024-02-29T14:30:00+02:30") << qint64(1709208000000);
        QTest::newRow("negative offset") << QByteArray("2024-02-29T07:00:00-05:00") << qint64(1709208000000);
        QTest::newRow("lower-case t and z") << QByteArray("1970-01-01t00:00:00z") << qint64(0);
        QTest::newRow("no zone") << QByteArray("2024-02-29T12:00:00") << qint64(-1);
        QTest::newRow("empty fraction") << QByteArray("2024-02-29T12:00:00.Z") << qint64(-1);
        QTest::newRow("month 13") << QByteArray("2024-13-01T12:00:00Z") << qint64(-1);
        QTest::newRow("trailing junk") << QByteArray("2024-02-29T12:00:00Zjunk") << qint64(-1);
        QTest::newRow("date only") << QByteArray("2024-02-29") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }

    void rfc3339()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        const auto parsed = parseRfc3339Ms(text.toStdString());
        if (ms < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(qint64(*parsed), ms);
        }
    }

    void members_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("urls"); // empty: nullopt
        QTest::addColumn<bool>("complete");
        QTest::newRow("three members")
            << QByteArray(kThreeMembers)
            << QStringList{"http://c1:2379", "http://c2:2379", "https://c2:2380"} << true;
        QTest::newRow("unstarted members without clientURLs")
            << QByteArray(kUnstartedMember)
            << QStringList{"http://c1"} << false;
        QTest::newRow("no client URL at all") << QByteArray(R"({"members":[{"id":"1","clientURLs":[]}]})")
                                              << QStringList{} << false;
        QTest::newRow("not JSON") << QByteArray("nope") << QStringList{} << true;
        QTest::newRow("members not an array") << QByteArray(R"({"members":{}})") << QStringList{} << true;
        QTest::newRow("URL not a string") << QByteArray(R"({"members":[{"clientURLs":[1]}]})") << QStringList{}
                                          << true;
    }

    void members()
    {
        QFETCH(QByteArray, body);
        QFETCH(QStringList, urls);
        QFETCH(bool, complete);
        bool wasComplete = !complete;
        const auto parsed = parseEtcdMembers(body.toStdString(), &wasComplete);
        QCOMPARE(wasComplete, complete);
        if (urls.isEmpty()) {
            QVERIFY(!parsed);
            return;
        }
        QVERIFY(parsed);
        QStringList got;
        for (const auto &url : *parsed)
            got << QString::fromStdString(url);
        QCOMPARE(got, urls);
    }

    void encoding_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("plain") << QByteArray("/skydns/local/a") << QByteArray("/v2/keys/skydns/local/a");
        QTest::newRow("no leading slash") << QByteArray("a/b") << QByteArray("/v2/keys/a/b");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/v2/keys/");
        QTest::newRow("reserved characters") << QByteArray("/a b+c&d=e?f#g%h")
                                             << QByteArray("/v2/keys/a%20b%2Bc%26d%3De%3Ff%23g%25h");
        QTest::newRow("UTF-8 byte by byte") << QByteArray("/ü") << QByteArray("/v2/keys/%C3%BC");
        QTest::newRow("unreserved kept") << QByteArray("/A-z_0.9~") << QByteArray("/v2/keys/A-z_0.9~");
    }

    void encoding()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, target);
        QCOMPARE(QByteArray::fromStdString(keysTarget(key.toStdString())), target);
    }

    void queryAndForm()
    {
        QCOMPARE(keysTarget("/a", {{"recursive", "true"}, {"waitIndex", "12"}}),
                 std::string("/v2/keys/a?recursive=true&waitIndex=12"));
        QCOMPARE(encodeParams({{"value", "x&ttl=5 +ü"}, {"ttl", "30"}}),
                 std::string("value=x%26ttl%3D5%20%2B%C3%BC&ttl=30"));
        QCOMPARE(encodeParams({{"value", ""}}), std::string("value="));
    }

    void machineUrls_data()
    {
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QByteArray>("normalised");
        QTest::newRow("spec 1.3: default") << QByteArray("http://127.0.0.1:2379") << QByteArray("http://127.0.0.1:2379");
        QTest::newRow("trailing slash") << QByteArray("http://h:4001/") << QByteArray("http://h:4001");
        QTest::newRow("no scheme") << QByteArray("10.0.0.1:2379") << QByteArray("http://10.0.0.1:2379");
        QTest::newRow("https kept") << QByteArray(" https://h:2379 ") << QByteArray("https://h:2379");
    }

    void machineUrls()
    {
        QFETCH(QByteArray, given);
        QFETCH(QByteArray, normalised);
        QCOMPARE(QByteArray::fromStdString(normaliseMachine(given.toStdString())), normalised);
    }

    void proxies_data()
    {
        QTest::addColumn<QByteArray>("machine");
        QTest::addColumn<QByteArray>("environment"); // NAME=value;NAME=value
        QTest::addColumn<QByteArray>("proxy");
        QTest::newRow("spec 2.5: http proxy from the environment")
            << QByteArray("http://etcd.example.com:2379") << QByteArray("http_proxy=proxy:3128")
            << QByteArray("http://proxy:3128");
        QTest::newRow("upper case wins") << QByteArray("http://etcd:2379")
                                         << QByteArray("HTTP_PROXY=http://a:1;http_proxy=http://b:2")
                                         << QByteArray("http://a:1");
        QTest::newRow("https machine uses HTTPS_PROXY")
            << QByteArray("https://etcd:2379") << QByteArray("http_proxy=http://a:1;HTTPS_PROXY=http://s:3")
            << QByteArray("http://s:3");
        QTest::newRow("https machine without HTTPS_PROXY") << QByteArray("https://etcd:2379")
                                                           << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("loopback is never proxied") << QByteArray("http://127.0.0.1:2379")
                                                   << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("localhost is never proxied") << QByteArray("http://localhost:2379")
                                                    << QByteArray("http_proxy=http://a:1") << QByteArray();
        QTest::newRow("IPv6 loopback") << QByteArray("http://[::1]:2379") << QByteArray("http_proxy=http://a:1")
                                       << QByteArray();
        QTest::newRow("no_proxy host") << QByteArray("http://etcd.local:2379")
                                       << QByteArray("http_proxy=http://a:1;no_proxy=x, etcd.local") << QByteArray();
        QTest::newRow("no_proxy domain matches subdomains")
            << QByteArray("http://e1.corp.example:2379") << QByteArray("http_proxy=http://a:1;NO_PROXY=.corp.example")
            << QByteArray();
        QTest::newRow("no_proxy domain without dot") << QByteArray("http://e1.corp.example:2379")
                                                     << QByteArray("http_proxy=http://a:1;NO_PROXY=corp.example")
                                                     << QByteArray();
        QTest::newRow("no_proxy suffix needs a label boundary")
            << QByteArray("http://mycorp.example:2379") << QByteArray("http_proxy=http://a:1;NO_PROXY=corp.example")
            << QByteArray("http://a:1");
        QTest::newRow("no_proxy star") << QByteArray("http://etcd:2379") << QByteArray("http_proxy=http://a:1;no_proxy=*")
                                       << QByteArray();
        QTest::newRow("no_proxy with port") << QByteArray("http://10.0.0.5:2379")
                                            << QByteArray("http_proxy=http://a:1;no_proxy=10.0.0.5:2379") << QByteArray();
        QTest::newRow("nothing set") << QByteArray("http://etcd:2379") << QByteArray() << QByteArray();
    }

    void proxies()
    {
        QFETCH(QByteArray, machine);
        QFETCH(QByteArray, environment);
        QFETCH(QByteArray, proxy);
        std::map<std::string, std::string> env;
        for (const QByteArray &pair : environment.split(';')) {
            const int eq = pair.indexOf('=');
            if (eq > 0)
                env[pair.left(eq).toStdString()] = pair.mid(eq + 1).toStdString();
        }
        const std::string got = proxyForMachine(machine.toStdString(), [&](const char *name) {
            const auto it = env.find(name);
            return it == env.end() ? std::string() : it->second;
        });
        QCOMPARE(QByteArray::fromStdString(got), proxy);
    }

    void hosts()
    {
        QCOMPARE(machineHost("http://Etcd.Example:2379/"), std::string("etcd.example"));
        QCOMPARE(machineHost("https://[::1]:2379"), std::string("::1"));
        QCOMPARE(machineHost("http://user:pw@host:1"), std::string("host"));
        QCOMPARE(machineHost("10.0.0.1"), std::string("10.0.0.1"));
    }

    void backoff()
    {
        EtcdMachines pool({"http://a", "http://b/", "http://c", "http://a"});
        QCOMPARE(pool.machines(), (std::vector<std::string>{"http://a", "http://b", "http://c"}));
        QCOMPARE(pool.active(), std::string("http://a"));
        QCOMPARE(pool.attemptOrder(0), (std::vector<std::string>{"http://a", "http://b", "http://c"}));

        // a fails at t=1000: skipped for 1 s, then 2 s, 4 s ... at most 30 s.
        QCOMPARE(pool.reportFailure("http://a", "refused", 1000), 1);
        QCOMPARE(pool.attemptOrder(1500), (std::vector<std::string>{"http://b", "http://c", "http://a"}));
        QVERIFY(pool.inBackoff("http://a", 1999));
        QVERIFY(!pool.inBackoff("http://a", 2000));
        QCOMPARE(pool.reportFailure("http://a", "refused", 2000), 2);
        QVERIFY(pool.inBackoff("http://a", 3999));
        QVERIFY(!pool.inBackoff("http://a", 4000));
        for (int i = 0; i < 10; ++i)
            pool.reportFailure("http://a", "refused", 4000);
        QVERIFY(pool.inBackoff("http://a", 4000 + 29999));
        QVERIFY(!pool.inBackoff("http://a", 4000 + 30000));

        // b answers: it becomes the active machine and is tried first.
        pool.reportSuccess("http://b");
        QCOMPARE(pool.active(), std::string("http://b"));
        QCOMPARE(pool.attemptOrder(5000), (std::vector<std::string>{"http://b", "http://c", "http://a"}));

        // Every machine in back-off: all are still tried, soonest retry first.
        pool.reportFailure("http://b", "timeout", 5000);  // retry at 6000
        pool.reportFailure("http://c", "timeout", 4500);  // retry at 5500
        QCOMPARE(pool.attemptOrder(5100), (std::vector<std::string>{"http://c", "http://b", "http://a"}));

        // Success resets the doubling and says how many failures it ended.
        QCOMPARE(pool.reportSuccess("http://a"), 12);
        QCOMPARE(pool.reportSuccess("http://a"), 0);
        pool.reportFailure("http://a", "refused", 10000);
        QVERIFY(!pool.inBackoff("http://a", 11000));
    }

    void replaceKeepsState()
    {
        EtcdMachines pool({"http://a", "http://b"});
        pool.reportFailure("http://b", "refused", 0);
        pool.reportSuccess("http://a");
        pool.replace({"http://c", "http://b", "http://a"});
        QCOMPARE(pool.machines(), (std::vector<std::string>{"http://c", "http://b", "http://a"}));
        QCOMPARE(pool.active(), std::string("http://a"));
        QVERIFY(pool.inBackoff("http://b", 10));
        pool.replace({});
        QCOMPARE(pool.machines().size(), std::size_t(3)); // an empty list is ignored
        pool.replace({"http://d"});
        QCOMPARE(pool.active(), std::string("http://d"));
    }
};

QTEST_APPLESS_MAIN(TstEtcdResponse)
#include "tst_etcdresponse.moc"
