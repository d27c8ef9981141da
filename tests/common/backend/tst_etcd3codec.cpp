// Offline tests of the etcd v3 gateway codec (issue 8): base64, prefix ranges on the "/" boundary,
// request bodies, unary answers (int64 as strings, omitted zero fields, errors) and watch stream lines.
#include "backend/etcd3codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace skydns::backend;

namespace {

QJsonObject json(const std::string &text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

class TstEtcd3Codec final : public QObject
{
    Q_OBJECT

private slots:
    void base64RoundTrip_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("issue 8: key") << QByteArray("/skydns/local/skydns/a") << QByteArray("L3NreWRucy9sb2NhbC9za3lkbnMvYQ==");
        QTest::newRow("issue 8: empty value") << QByteArray("") << QByteArray("");
        QTest::newRow("issue 8: binary bytes") << QByteArray("\x00\xff\x10", 3) << QByteArray("AP8Q");
    }
    void base64RoundTrip()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, encoded);
        QCOMPARE(QByteArray::fromStdString(base64Encode(plain.toStdString())), encoded);
        std::string decoded = "junk";
        QVERIFY(base64Decode(encoded.toStdString(), &decoded));
        QCOMPARE(QByteArray::fromStdString(decoded), plain);
    }

    void base64RejectsGarbage()
    {
        std::string out;
        QVERIFY(!base64Decode("not*base64!", &out));
    }

    void prefixRangeEnd_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("end");
        QTest::newRow("issue 8: directory prefix") << QByteArray("/skydns/a/") << QByteArray("/skydns/a0");
        QTest::newRow("issue 8: trailing 0xff dropped") << QByteArray("a\xff\xff") << QByteArray("b");
        QTest::newRow("issue 8: all 0xff -> every key") << QByteArray("\xff") << QByteArray("\0", 1);
        QTest::newRow("issue 8: empty -> every key") << QByteArray("") << QByteArray("\0", 1);
    }
    void prefixRangeEnd()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, end);
        QCOMPARE(QByteArray::fromStdString(skydns::backend::prefixRangeEnd(prefix.toStdString())), end);
    }

    void directoryPrefixKeepsBoundary()
    {
        QCOMPARE(directoryPrefix("/skydns/a"), std::string("/skydns/a/"));
        QCOMPARE(directoryPrefix("/skydns/a/"), std::string("/skydns/a/"));
        // "/skydns/a1" sorts inside ["/skydns/a", "/skydns/b") but not inside ["/skydns/a/", "/skydns/a0").
        const std::string dir = directoryPrefix("/skydns/a");
        const std::string end = skydns::backend::prefixRangeEnd(dir);
        QVERIFY(!(std::string("/skydns/a1") >= dir && std::string("/skydns/a1") < end));
        QVERIFY(std::string("/skydns/a/x") >= dir && std::string("/skydns/a/x") < end);
    }

    void requestBodies()
    {
        const QJsonObject range = json(etcd3RangeBody("/k", "/l", 7, 2));
        QCOMPARE(range.value("key").toString(), QStringLiteral("L2s="));
        QCOMPARE(range.value("range_end").toString(), QStringLiteral("L2w="));
        QCOMPARE(range.value("revision").toString(), QStringLiteral("7")); // int64 as a string
        QCOMPARE(range.value("limit").toString(), QStringLiteral("2"));
        QVERIFY(!json(etcd3RangeBody("/k", "", 0, 0)).contains("range_end"));

        const QJsonObject put = json(etcd3PutBody("/k", "v", 123456789012345));
        QCOMPARE(put.value("lease").toString(), QStringLiteral("123456789012345"));
        QVERIFY(!json(etcd3PutBody("/k", "v", 0)).contains("lease"));

        const QJsonObject cas = json(etcd3TxnBody("/k", Etcd3Compare::ModRevision, 42, false, "v", 0));
        const QJsonObject compare = cas.value("compare").toArray().at(0).toObject();
        QCOMPARE(compare.value("target").toString(), QStringLiteral("MOD"));
        QCOMPARE(compare.value("mod_revision").toString(), QStringLiteral("42"));
        QVERIFY(cas.value("success").toArray().at(0).toObject().contains("request_put"));
        const QJsonObject create = json(etcd3TxnBody("/k", Etcd3Compare::Absent, 0, false, "v", 0));
        QCOMPARE(create.value("compare").toArray().at(0).toObject().value("target").toString(), QStringLiteral("VERSION"));
        const QJsonObject del = json(etcd3TxnBody("/k", Etcd3Compare::ModRevision, 3, true, {}, 0));
        QVERIFY(del.value("success").toArray().at(0).toObject().contains("request_delete_range"));

        const QJsonObject watch = json(etcd3WatchCreateBody("/a/", "/a0", 5, true));
        const QJsonObject request = watch.value("create_request").toObject();
        QCOMPARE(request.value("start_revision").toString(), QStringLiteral("5"));
        QCOMPARE(request.value("prev_kv").toBool(), true);
        QCOMPARE(json(etcd3AuthBody("root", "pa ss")).value("password").toString(), QStringLiteral("pa ss"));
    }

    void parseRange()
    {
        const std::string body = R"({"header":{"cluster_id":"1","revision":"17"},"kvs":[)"
                                 R"({"key":"L2E=","create_revision":"5","mod_revision":"9","version":"2","value":"eA=="},)"
                                 R"({"key":"L2I=","mod_revision":"10","lease":"7587860012345"}],"count":"2"})";
        const Etcd3Result result = parseEtcd3Response(200, body);
        QVERIFY2(result.ok(), result.message.c_str());
        QCOMPARE(result.revision, std::int64_t(17));
        QCOMPARE(result.count, std::int64_t(2));
        QCOMPARE(int(result.kvs.size()), 2);
        QCOMPARE(result.kvs[0].key, std::string("/a"));
        QCOMPARE(result.kvs[0].value, std::string("x"));
        QCOMPARE(result.kvs[0].createRevision, std::int64_t(5));
        QCOMPARE(result.kvs[0].modRevision, std::int64_t(9));
        QCOMPARE(result.kvs[0].version, std::int64_t(2));
        QCOMPARE(result.kvs[1].value, std::string()); // proto3 omits empty values
        QCOMPARE(result.kvs[1].lease, std::int64_t(7587860012345));
    }

    void parseEmptyRangeAndNumbers()
    {
        // No kvs, no count: an empty range. Numbers as JSON numbers are accepted too.
        const Etcd3Result empty = parseEtcd3Response(200, R"({"header":{"revision":3}})");
        QVERIFY(empty.ok());
        QCOMPARE(empty.revision, std::int64_t(3));
        QVERIFY(empty.kvs.empty());
        QCOMPARE(empty.count, std::int64_t(0));
    }

    void parseTxnLeaseAndToken()
    {
        const Etcd3Result txn = parseEtcd3Response(
            200, R"({"header":{"revision":"8"},"responses":[{"response_range":{"kvs":[{"key":"L2s=","mod_revision":"8"}],"count":"1"}}]})");
        QVERIFY(txn.ok());
        QVERIFY(!txn.succeeded); // omitted false
        QCOMPARE(txn.kvs.at(0).modRevision, std::int64_t(8));
        QVERIFY(parseEtcd3Response(200, R"({"header":{},"succeeded":true})").succeeded);

        const Etcd3Result keepAlive = parseEtcd3Response(200, R"({"result":{"header":{"revision":"4"},"ID":"99","TTL":"5"}})");
        QVERIFY(keepAlive.ok());
        QCOMPARE(keepAlive.leaseId, std::int64_t(99));
        QCOMPARE(keepAlive.ttl, std::int64_t(5));

        const Etcd3Result ttl = parseEtcd3Response(200, R"({"header":{},"ID":"99","TTL":"-1","grantedTTL":"10","keys":["L2s="]})");
        QCOMPARE(ttl.ttl, std::int64_t(-1));
        QCOMPARE(ttl.grantedTtl, std::int64_t(10));
        QCOMPARE(ttl.leaseKeys, std::vector<std::string>{"/k"});

        std::string token;
        QVERIFY(parseEtcd3Response(200, R"({"header":{},"token":"abc.12"})", &token).ok());
        QCOMPARE(token, std::string("abc.12"));
    }

    void parseErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("grpcCode");
        QTest::addColumn<bool>("invalidToken");
        QTest::newRow("issue 8: invalid token -> re-authenticate")
            << 401 << QByteArray(R"({"error":"etcdserver: invalid auth token","code":16,"message":"etcdserver: invalid auth token"})")
            << int(Etcd3Result::Kind::EtcdError) << 16 << true;
        QTest::newRow("issue 8: wrong password")
            << 400 << QByteArray(R"({"error":"etcdserver: authentication failed, invalid user ID or password","code":3})")
            << int(Etcd3Result::Kind::EtcdError) << 3 << false;
        QTest::newRow("issue 8: compacted range")
            << 400 << QByteArray(R"({"error":"etcdserver: mvcc: required revision has been compacted","code":11})")
            << int(Etcd3Result::Kind::EtcdError) << 11 << false;
        QTest::newRow("issue 8: not JSON") << 502 << QByteArray("Bad Gateway") << int(Etcd3Result::Kind::Malformed) << 0 << false;
        QTest::newRow("issue 8: bad base64 key")
            << 200 << QByteArray(R"({"header":{},"kvs":[{"key":"***"}]})") << int(Etcd3Result::Kind::Malformed) << 0 << false;
        QTest::newRow("issue 8: int64 not a number")
            << 200 << QByteArray(R"({"header":{"revision":"x"}})") << int(Etcd3Result::Kind::Malformed) << 0 << false;
    }
    void parseErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(int, grpcCode);
        QFETCH(bool, invalidToken);
        const Etcd3Result result = parseEtcd3Response(status, body.toStdString());
        QCOMPARE(int(result.kind), kind);
        QCOMPARE(result.grpcCode, grpcCode);
        QCOMPARE(isInvalidTokenError(result), invalidToken);
        QVERIFY(!result.message.empty());
    }

    void watchLines()
    {
        Etcd3WatchBatch batch;
        Etcd3Result result;
        QCOMPARE(parseEtcd3WatchLine(R"({"result":{"header":{"revision":"5"},"created":true}})", &batch, &result),
                 Etcd3WatchLine::Batch);
        QVERIFY(batch.created);
        QVERIFY(batch.events.empty());

        const std::string events = R"({"result":{"header":{"revision":"7"},"events":[)"
                                   R"({"kv":{"key":"L2E=","value":"MQ==","mod_revision":"6"}},)"
                                   R"({"type":"DELETE","kv":{"key":"L2E=","mod_revision":"7"},"prev_kv":{"key":"L2E=","value":"MQ=="}}]}})";
        QCOMPARE(parseEtcd3WatchLine(events, &batch, &result), Etcd3WatchLine::Batch);
        QCOMPARE(batch.revision, std::int64_t(7));
        QCOMPARE(int(batch.events.size()), 2);
        QCOMPARE(batch.events[0].type, Etcd3Event::Type::Put); // PUT is the omitted zero value
        QCOMPARE(batch.events[0].kv.value, std::string("1"));
        QCOMPARE(batch.events[1].type, Etcd3Event::Type::Delete);
        QVERIFY(batch.events[1].hasPrevKv);
        QCOMPARE(batch.events[1].prevKv.value, std::string("1"));

        Etcd3Result compacted;
        QCOMPARE(parseEtcd3WatchLine(R"({"result":{"header":{"revision":"20"},"compact_revision":"12","canceled":true}})",
                                     &batch, &compacted),
                 Etcd3WatchLine::Compacted);
        QCOMPARE(compacted.compactRevision, std::int64_t(12));

        Etcd3Result cancelled;
        QCOMPARE(parseEtcd3WatchLine(R"({"result":{"header":{},"canceled":true,"cancel_reason":"permission denied"}})",
                                     &batch, &cancelled),
                 Etcd3WatchLine::Canceled);
        QVERIFY(cancelled.message.find("permission denied") != std::string::npos);

        Etcd3Result error;
        QCOMPARE(parseEtcd3WatchLine(R"({"error":{"grpc_code":16,"http_code":401,"message":"etcdserver: invalid auth token"}})",
                                     &batch, &error),
                 Etcd3WatchLine::Error);
        QCOMPARE(error.grpcCode, 16);
        QCOMPARE(parseEtcd3WatchLine("{\"result\":", &batch, &error), Etcd3WatchLine::Malformed);
    }
};

QTEST_GUILESS_MAIN(TstEtcd3Codec)
#include "tst_etcd3codec.moc"
