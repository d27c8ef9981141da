#include "model/record.h"

#include <QTest>

using skydns::model::Record;

// TstRecord checks the etcd TTL arithmetic of a record (spec 2.3: TTLs count down as etcd's do).
class TstRecord final : public QObject
{
    Q_OBJECT

private slots:
    void remaining_data();
    void remaining();
};

void TstRecord::remaining_data()
{
    QTest::addColumn<qint64>("expiresAtMs");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<uint>("remaining");
    QTest::addColumn<bool>("expired");
    QTest::newRow("spec 2.3: no etcd TTL") << qint64(0) << qint64(1000) << 0u << false;
    QTest::newRow("spec 2.3: no etcd TTL, now 0") << qint64(0) << qint64(0) << 0u << false;
    QTest::newRow("spec 2.3: whole seconds") << qint64(61000) << qint64(1000) << 60u << false;
    QTest::newRow("spec 2.3: rounded up (etcd v2)") << qint64(60001) << qint64(1000) << 60u << false;
    QTest::newRow("spec 2.3: 1 ms left -> 1") << qint64(1001) << qint64(1000) << 1u << false;
    QTest::newRow("spec 2.3: 999 ms left -> 1") << qint64(1999) << qint64(1000) << 1u << false;
    QTest::newRow("spec 2.3: 1001 ms left -> 2") << qint64(2001) << qint64(1000) << 2u << false;
    QTest::newRow("spec 2.3: exactly now -> expired, 0") << qint64(5000) << qint64(5000) << 0u << true;
    QTest::newRow("spec 2.3: in the past -> expired, 0") << qint64(5000) << qint64(9000) << 0u << true;
    QTest::newRow("spec 2.3: far future clamps to uint32") << std::numeric_limits<qint64>::max() << qint64(0)
                                                            << 4294967295u << false;
    QTest::newRow("spec 2.3: realistic epoch") << qint64(1764133200500) << qint64(1764133170000) << 31u << false;
}

void TstRecord::remaining()
{
    QFETCH(qint64, expiresAtMs);
    QFETCH(qint64, nowMs);
    QFETCH(uint, remaining);
    QFETCH(bool, expired);
    Record r;
    r.expiresAtMs = expiresAtMs;
    QCOMPARE(r.remainingTtl(nowMs), std::uint32_t(remaining));
    QCOMPARE(r.expired(nowMs), expired);
}

QTEST_APPLESS_MAIN(TstRecord)
#include "tst_record.moc"
