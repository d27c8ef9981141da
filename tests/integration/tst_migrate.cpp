// `skydns migrate` (issue 8) against the shared etcd fixture: a v2 tree copied into v3 under the
// same keys; a dry run first that writes nothing; existing v3 keys with another value kept unless
// --overwrite; v2 TTLs become leases; a second run changes nothing; clear errors.
#include "etcdserver.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

using namespace skydns;

namespace {

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run migrate(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("SKYDNS_")) || name.startsWith(QLatin1String("ETCD_")))
            env.remove(name);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SKYDNS_BIN), QStringList{QStringLiteral("migrate")} + args);
    Run run;
    if (!p.waitForFinished(30000))
        p.kill();
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QString describe(const Run &run)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(run.exitCode).arg(run.out, run.err);
}

} // namespace

class TstMigrate final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dryRunThenApply();
    void errors_data();
    void errors();

private:
    std::map<std::string, backend::Etcd3KeyValue> v3Tree(const std::string &root) const
    {
        std::map<std::string, backend::Etcd3KeyValue> out;
        const backend::Etcd3Result r = m_v3->rangePrefix(root + "/");
        for (const auto &kv : r.kvs)
            out[kv.key] = kv;
        return out;
    }

    QString m_endpoint;
    std::unique_ptr<backend::EtcdClient> m_v2;
    std::unique_ptr<backend::Etcd3Client> m_v3;
};

void TstMigrate::initTestCase()
{
    m_endpoint = test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture");
    backend::EtcdOptions options;
    options.machines = {m_endpoint.toStdString()};
    m_v2 = std::make_unique<backend::EtcdClient>(options);
    m_v3 = std::make_unique<backend::Etcd3Client>(options);
}

void TstMigrate::dryRunThenApply()
{
    const std::string prefix = "tstmigrate" + std::to_string(QCoreApplication::applicationPid());
    const std::string root = "/" + prefix;
    const std::string base = root + "/local/skydns";
    QVERIFY(m_v2->set(root + "/config", R"({"ttl":60})").ok());
    QVERIFY(m_v2->set(base + "/a", R"({"host":"10.0.0.1"})").ok());
    QVERIFY(m_v2->set(base + "/sub/b", R"({"host":"10.0.0.2"})").ok());
    QVERIFY(m_v2->set(base + "/same", R"({"host":"10.0.0.3"})").ok());
    QVERIFY(m_v2->set(base + "/ttl/x", R"({"host":"10.0.0.4"})", 300).ok());
    QVERIFY(m_v2->set(base + "/ttl/y", R"({"host":"10.0.0.5"})", 300).ok());
    QVERIFY(m_v2->makeDirectory(base + "/emptydir").ok());
    QVERIFY(m_v3->put(base + "/sub/b", R"({"host":"10.9.9.9"})").ok()); // someone's v3 value: kept
    QVERIFY(m_v3->put(base + "/same", R"({"host":"10.0.0.3"})").ok());
    const QStringList flags{"-machines", m_endpoint, "-path-prefix", QString::fromStdString(prefix)};

    // A dry run lists everything and writes nothing.
    const Run dry = migrate(flags);
    QVERIFY2(dry.exitCode == 0, qPrintable(describe(dry)));
    const QString b = QString::fromStdString(base);
    QVERIFY2(dry.out.contains(QStringLiteral("copy   %1/a\n").arg(b)), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QStringLiteral("copy   %1/config\n").arg(QString::fromStdString(root))), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QStringLiteral("skip   %1/sub/b (v3 has a different value").arg(b)), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QStringLiteral("skip   %1/same (same value").arg(b)), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QStringLiteral("copy   %1/ttl/x (ttl ").arg(b)), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QStringLiteral("%1/emptydir/ (empty directory").arg(b)), qPrintable(dry.out));
    QVERIFY2(dry.out.contains(QLatin1String("4 to copy, 0 to replace, 1 identical, 1 different (kept), 1 empty directories; dry run")),
             qPrintable(dry.out));
    QCOMPARE(v3Tree(root).size(), std::size_t(2));

    // --apply copies, keeps the different v3 value, and turns TTLs into one shared lease.
    const Run applied = migrate(flags + QStringList{"--apply"});
    QVERIFY2(applied.exitCode == 0, qPrintable(describe(applied)));
    QVERIFY2(applied.out.contains(QLatin1String("written to etcd v3")), qPrintable(applied.out));
    auto tree = v3Tree(root);
    QCOMPARE(tree.size(), std::size_t(6));
    QCOMPARE(tree[base + "/a"].value, std::string(R"({"host":"10.0.0.1"})"));
    QCOMPARE(tree[root + "/config"].value, std::string(R"({"ttl":60})"));
    QCOMPARE(tree[base + "/sub/b"].value, std::string(R"({"host":"10.9.9.9"})"));
    QCOMPARE(tree[base + "/a"].lease, std::int64_t(0));
    const std::int64_t lease = tree[base + "/ttl/x"].lease;
    QVERIFY(lease != 0);
    QCOMPARE(tree[base + "/ttl/y"].lease, lease);
    const backend::Etcd3Result ttl = m_v3->leaseTimeToLive(lease);
    QVERIFY(ttl.ok());
    QVERIFY2(ttl.ttl > 250 && ttl.ttl <= 300, qPrintable(QString::number(ttl.ttl)));

    // A second run has nothing left to do.
    const Run again = migrate(flags + QStringList{"--apply"});
    QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
    QVERIFY2(again.out.contains(QLatin1String("0 to copy, 0 to replace, ")), qPrintable(again.out));
    const std::int64_t aRevision = v3Tree(root)[base + "/a"].modRevision;
    QCOMPARE(aRevision, tree[base + "/a"].modRevision);

    // --overwrite replaces the different value (dry run first, then applied).
    const Run overwriteDry = migrate(flags + QStringList{"--overwrite"});
    QVERIFY2(overwriteDry.out.contains(QStringLiteral("replace %1/sub/b").arg(b)), qPrintable(overwriteDry.out));
    QCOMPARE(v3Tree(root)[base + "/sub/b"].value, std::string(R"({"host":"10.9.9.9"})"));
    const Run overwrite = migrate(flags + QStringList{"--apply", "--overwrite"});
    QVERIFY2(overwrite.exitCode == 0, qPrintable(describe(overwrite)));
    QCOMPARE(v3Tree(root)[base + "/sub/b"].value, std::string(R"({"host":"10.0.0.2"})"));
}

void TstMigrate::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("etcd unreachable") << QStringList{"-machines", "http://127.0.0.1:1"} << 1
                                      << "cannot read /skydns from etcd v2";
    QTest::newRow("unknown flag") << QStringList{"-bogus"} << 2 << "bogus";
    QTest::newRow("stray argument") << QStringList{"now"} << 2 << "unexpected argument \"now\"";
    QTest::newRow("nothing there") << QStringList{"-path-prefix", "tstmigrate-none"} << 0
                                   << "nothing to migrate: /tstmigrate-none does not exist in etcd v2";
}

void TstMigrate::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (!args.contains(QLatin1String("-machines")))
        args << QStringLiteral("-machines") << m_endpoint;
    const Run run = migrate(args);
    QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
    QVERIFY2((run.out + run.err).contains(message), qPrintable(describe(run)));
}

QTEST_GUILESS_MAIN(TstMigrate)
#include "tst_migrate.moc"
