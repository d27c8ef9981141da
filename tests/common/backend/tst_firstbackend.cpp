#include "backend/firstbackend.h"

#include <QTest>

#include <map>

using skydns::backend::Backend;
using skydns::backend::FirstBackend;
using skydns::backend::LookupResult;
using skydns::backend::LookupStatus;
using skydns::model::Record;

namespace {

// ScriptedBackend answers every lookup with a fixed status and number of records, and counts calls.
class ScriptedBackend final : public Backend
{
public:
    ScriptedBackend(LookupStatus status, int count, std::string tag, bool synced = true)
        : m_status(status), m_synced(synced), m_tag(std::move(tag))
    {
        for (int i = 0; i < count; ++i) {
            Record r;
            r.key = "/skydns/" + m_tag + "/" + std::to_string(i);
            m_records.push_back(r);
        }
    }

    bool hasSynced() const override { return m_synced; }
    LookupResult records(std::string_view, bool) const override { return answer(); }
    LookupResult reverseRecord(std::string_view) const override { return answer(); }

    mutable int calls = 0;

private:
    LookupResult answer() const
    {
        ++calls;
        LookupResult r;
        r.status = m_status;
        for (const Record &rec : m_records)
            r.records.push_back(&rec);
        if (m_status != LookupStatus::Ok && m_status != LookupStatus::NotFound)
            r.error = "error from " + m_tag;
        return r;
    }

    LookupStatus m_status;
    bool m_synced;
    std::string m_tag;
    std::vector<Record> m_records;
};

using Spec = std::tuple<LookupStatus, int, std::string>;

} // namespace

Q_DECLARE_METATYPE(LookupStatus)

// TstFirstBackend checks SkyDNS's FirstBackend chaining (server/backend.go, spec 11).
class TstFirstBackend final : public QObject
{
    Q_OBJECT

private slots:
    void chain_data();
    void chain();
    void synced();
    void stopsAtFirstHit();
};

void TstFirstBackend::chain_data()
{
    // Each backend is "status:count:tag"; expected: status, keys prefix tag ("" = none), error tag.
    QTest::addColumn<QStringList>("backends");
    QTest::addColumn<LookupStatus>("status");
    QTest::addColumn<QString>("winner");
    QTest::addColumn<QString>("errorFrom");
    using S = LookupStatus;
    QTest::newRow("spec 11: no backends -> Ok, empty") << QStringList{} << S::Ok << "" << "";
    QTest::newRow("spec 11: first with records wins") << QStringList{"ok:2:a", "ok:1:b"} << S::Ok << "a" << "";
    QTest::newRow("spec 11: empty Ok passes on") << QStringList{"ok:0:a", "ok:1:b"} << S::Ok << "b" << "";
    QTest::newRow("spec 11: error then records -> records")
        << QStringList{"unavailable:0:a", "ok:1:b"} << S::Ok << "b" << "";
    QTest::newRow("spec 11: all empty -> Ok, empty") << QStringList{"ok:0:a", "ok:0:b"} << S::Ok << "" << "";
    QTest::newRow("spec 11: NotFound then empty Ok -> NotFound (last error)")
        << QStringList{"notfound:0:a", "ok:0:b"} << S::NotFound << "" << "";
    QTest::newRow("spec 11: empty Ok then NotFound -> NotFound")
        << QStringList{"ok:0:a", "notfound:0:b"} << S::NotFound << "" << "";
    QTest::newRow("spec 11: two errors -> the last one")
        << QStringList{"unavailable:0:a", "invalid:0:b"} << S::Invalid << "" << "b";
    QTest::newRow("spec 11: error, NotFound -> NotFound (last)")
        << QStringList{"invalid:0:a", "notfound:0:b"} << S::NotFound << "" << "";
    QTest::newRow("spec 11: NotFound, error -> error")
        << QStringList{"notfound:0:a", "unavailable:0:b", "ok:0:c"} << S::Unavailable << "" << "b";
    QTest::newRow("spec 11: records of a failed lookup never leak")
        << QStringList{"invalid:3:a"} << S::Invalid << "" << "a";
}

void TstFirstBackend::chain()
{
    QFETCH(QStringList, backends);
    QFETCH(LookupStatus, status);
    QFETCH(QString, winner);
    QFETCH(QString, errorFrom);

    const std::map<QString, LookupStatus> names = {{"ok", LookupStatus::Ok},
                                                   {"notfound", LookupStatus::NotFound},
                                                   {"unavailable", LookupStatus::Unavailable},
                                                   {"invalid", LookupStatus::Invalid}};
    std::vector<std::shared_ptr<const Backend>> chain;
    for (const QString &b : backends) {
        const QStringList parts = b.split(':');
        chain.push_back(std::make_shared<ScriptedBackend>(names.at(parts[0]), parts[1].toInt(), parts[2].toStdString()));
    }
    FirstBackend first(chain);
    for (const LookupResult &r : {first.records("x.skydns.local.", false), first.reverseRecord("1.0.0.10.in-addr.arpa.")}) {
        QCOMPARE(r.status, status);
        if (winner.isEmpty()) {
            QVERIFY(r.records.empty());
        } else {
            QVERIFY(!r.records.empty());
            for (const Record *rec : r.records)
                QVERIFY(QString::fromStdString(rec->key).startsWith("/skydns/" + winner + "/"));
        }
        if (errorFrom.isEmpty())
            QVERIFY(r.error.empty());
        else
            QCOMPARE(QString::fromStdString(r.error), "error from " + errorFrom);
    }
}

void TstFirstBackend::synced()
{
    auto a = std::make_shared<ScriptedBackend>(LookupStatus::Ok, 0, "a", true);
    auto b = std::make_shared<ScriptedBackend>(LookupStatus::Ok, 0, "b", false);
    QVERIFY(FirstBackend({}).hasSynced());
    QVERIFY(FirstBackend({a}).hasSynced());
    QVERIFY(!FirstBackend({a, b}).hasSynced());
    QVERIFY(!FirstBackend({b, a}).hasSynced());
}

void TstFirstBackend::stopsAtFirstHit()
{
    auto a = std::make_shared<ScriptedBackend>(LookupStatus::Ok, 1, "a");
    auto b = std::make_shared<ScriptedBackend>(LookupStatus::Ok, 1, "b");
    FirstBackend first({a, b});
    QCOMPARE(first.records("x.", true).records.size(), std::size_t(1));
    QCOMPARE(a->calls, 1);
    QCOMPARE(b->calls, 0);
}

QTEST_APPLESS_MAIN(TstFirstBackend)
#include "tst_firstbackend.moc"
