// Etcd3Client watches against a private etcd (issue 8): a watch we stop or cancel releases etcd's
// watcher (a mirror re-watching for days must not leak them), and a watch whose etcd dies reports
// Unavailable with the last revision delivered, from which a new watch resumes without a gap.
#include "backend/etcd3client.h"
#include "etcdserver.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <thread>

using namespace skydns::backend;
using namespace std::chrono_literals;

class TstEtcd3Watch final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<skydns::test::EtcdServer> m_server;
    QNetworkAccessManager m_network;

    EtcdOptions options() const
    {
        EtcdOptions o;
        o.machines = {m_server->clientUrl().toStdString()};
        o.connectTimeout = 1000ms;
        o.requestTimeout = 2000ms;
        return o;
    }

    // watchers reads etcd's own count of v3 watchers from /metrics (-1 when unreadable).
    int watchers()
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(QUrl(m_server->clientUrl() + "/metrics")));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        const QString text = QString::fromUtf8(reply->readAll());
        reply->deleteLater();
        const auto match = QRegularExpression(QStringLiteral("\\netcd_debugging_mvcc_watcher_total (\\d+)")).match(text);
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

    // watchersBecome waits up to 3 s for etcd's watcher count to reach expected.
    bool watchersBecome(int expected)
    {
        for (int i = 0; i < 30; ++i) {
            if (watchers() == expected)
                return true;
            QTest::qWait(100);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<skydns::test::EtcdServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        Etcd3Client client(options());
        Etcd3Result ready;
        for (int i = 0; i < 100 && !(ready = client.put("/w/ready", "1")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(ready.ok(), ready.message.c_str());
    }

    void stoppedWatchesReleaseEtcdWatchers()
    {
        QCOMPARE(watchers(), 0);
        Etcd3Client client(options());
        // Stopped by the handler, ended at maxWait, and cancelled from another thread.
        for (int i = 0; i < 3; ++i) {
            const Etcd3Result stopped =
                client.watch("/w/", "/w0", 0, [](const Etcd3WatchBatch &b) { return !b.created; }, 10s);
            QVERIFY2(stopped.ok(), stopped.message.c_str());
        }
        const Etcd3Result quiet = client.watch("/w/quiet", {}, 0, [](const Etcd3WatchBatch &) { return true; }, 300ms);
        QVERIFY2(quiet.ok(), quiet.message.c_str());
        Etcd3Client cancelled(options());
        std::thread watcher([&] { cancelled.watch("/w/", "/w0", 0, [](const Etcd3WatchBatch &) { return true; }, 30s); });
        QVERIFY(watchersBecome(1));
        cancelled.cancel();
        watcher.join();
        QVERIFY2(watchersBecome(0), qPrintable(QString::number(watchers())));
    }

    void resumeAfterEtcdRestart()
    {
        Etcd3Client client(options());
        Etcd3Client writer(options());
        const std::int64_t first = writer.put("/w/r/a", "1").revision;
        QVERIFY(first > 0);
        std::vector<std::string> seen;
        std::atomic<bool> delivered{false};
        Etcd3Result broken;
        // The watch runs on its own thread; the test thread owns the etcd process and kills it.
        std::thread watcher([&] {
            broken = client.watch(
                "/w/r/", "/w/r0", first,
                [&](const Etcd3WatchBatch &batch) {
                    for (const auto &event : batch.events)
                        seen.push_back(event.kv.value);
                    delivered = !seen.empty();
                    return true;
                },
                20s);
        });
        for (int i = 0; i < 100 && !delivered; ++i)
            QTest::qWait(50);
        QVERIFY(delivered);
        m_server->kill();
        watcher.join();
        QCOMPARE(broken.kind, Etcd3Result::Kind::Unavailable);
        QCOMPARE(broken.revision, first); // everything up to here was delivered
        qInfo("watch on a killed etcd: %s", broken.message.c_str());
        QCOMPARE(seen, std::vector<std::string>{"1"});

        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        Etcd3Result put;
        for (int i = 0; i < 100 && !(put = writer.put("/w/r/b", "2")).ok(); ++i)
            QTest::qWait(100);
        QVERIFY2(put.ok(), put.message.c_str());
        QVERIFY(writer.put("/w/r/a", "3").ok());
        const Etcd3Result resumed = client.watch(
            "/w/r/", "/w/r0", broken.revision + 1,
            [&](const Etcd3WatchBatch &batch) {
                for (const auto &event : batch.events)
                    seen.push_back(event.kv.value);
                return seen.size() < 3;
            },
            10s);
        QVERIFY2(resumed.ok(), resumed.message.c_str());
        QCOMPARE(seen, (std::vector<std::string>{"1", "2", "3"}));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TstEtcd3Watch)
#include "tst_etcd3watch.moc"
