#include "model/ttl.h"

#include <QTest>

using skydns::model::calculateTtl;

// TstTtl checks SkyDNS's calculateTtl (spec 2.3).
class TstTtl final : public QObject
{
    Q_OBJECT

private slots:
    void ttl_data();
    void ttl();
};

void TstTtl::ttl_data()
{
    QTest::addColumn<uint>("etcdTtl");
    QTest::addColumn<uint>("jsonTtl");
    QTest::addColumn<uint>("defaultTtl");
    QTest::addColumn<uint>("expected");
    QTest::newRow("spec 2.3: both zero -> config ttl") << 0u << 0u << 3600u << 3600u;
    QTest::newRow("spec 2.3: both zero, other config ttl") << 0u << 0u << 60u << 60u;
    QTest::newRow("spec 2.3: etcd only") << 30u << 0u << 3600u << 30u;
    QTest::newRow("spec 2.3: json only") << 0u << 45u << 3600u << 45u;
    QTest::newRow("spec 2.3: json only, above config ttl (kept)") << 0u << 7200u << 3600u << 7200u;
    QTest::newRow("spec 2.3: both set -> minimum (etcd smaller)") << 10u << 45u << 3600u << 10u;
    QTest::newRow("spec 2.3: both set -> minimum (json smaller)") << 100u << 45u << 3600u << 45u;
    QTest::newRow("spec 2.3: both equal") << 45u << 45u << 3600u << 45u;
    QTest::newRow("spec 2.3: default 0 with both zero -> 0") << 0u << 0u << 0u << 0u;
    QTest::newRow("spec 2.3: uint32 max json") << 0u << 4294967295u << 3600u << 4294967295u;
    QTest::newRow("spec 2.3: uint32 max both") << 4294967295u << 4294967294u << 3600u << 4294967294u;
}

void TstTtl::ttl()
{
    QFETCH(uint, etcdTtl);
    QFETCH(uint, jsonTtl);
    QFETCH(uint, defaultTtl);
    QFETCH(uint, expected);
    QCOMPARE(calculateTtl(etcdTtl, jsonTtl, defaultTtl), std::uint32_t(expected));
}

QTEST_APPLESS_MAIN(TstTtl)
#include "tst_ttl.moc"
