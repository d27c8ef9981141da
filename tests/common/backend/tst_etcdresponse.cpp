// Offline tests of etcd response decoding (etcdresponse, etcdnodereader): tables of bodies ->
// parsed fields or Malformed, RFC 3339 times, member lists. No network.
#include "backend/etcdresponse.h"

#include <QTest>

using namespace skydns::backend;

Q_DECLARE_METATYPE(EtcdResult::Kind)

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
};

QTEST_APPLESS_MAIN(TstEtcdResponse)
#include "tst_etcdresponse.moc"
