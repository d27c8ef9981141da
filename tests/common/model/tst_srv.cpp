#include "model/srv.h"

#include <QTest>

using skydns::model::srvWeights;

namespace {

std::vector<int> ints(const QList<int> &l)
{
    return std::vector<int>(l.begin(), l.end());
}

} // namespace

// TstSrv checks SkyDNS's SRV weight arithmetic (spec 3.3, README).
class TstSrv final : public QObject
{
    Q_OBJECT

private slots:
    void weights_data();
    void weights();
    void mismatchedLengths();
};

void TstSrv::weights_data()
{
    QTest::addColumn<QList<int>>("priorities");
    QTest::addColumn<QList<int>>("weights");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("spec 3.3/README: 120/100/130 -> 34/28/37") << QList<int>{10, 10, 10} << QList<int>{120, 100, 130}
                                                              << QList<int>{34, 28, 37};
    QTest::newRow("spec 3.3/README: 100/100/100 -> 33/33/33") << QList<int>{10, 10, 10} << QList<int>{100, 100, 100}
                                                              << QList<int>{33, 33, 33};
    QTest::newRow("spec 3.3/README: unset weights count as 100 -> 33 each") << QList<int>{10, 10, 10}
                                                                          << QList<int>{0, 0, 0} << QList<int>{33, 33, 33};
    QTest::newRow("spec 12: single service -> 100 (README shows 0)") << QList<int>{10} << QList<int>{0}
                                                                     << QList<int>{100};
    QTest::newRow("spec 3.3: single service with a weight -> 100") << QList<int>{10} << QList<int>{7} << QList<int>{100};
    QTest::newRow("spec 3.3: two services 0 and 100 -> 50/50") << QList<int>{10, 10} << QList<int>{0, 100}
                                                               << QList<int>{50, 50};
    QTest::newRow("spec 3.3: 1 and 2 -> 33/66 (floor)") << QList<int>{10, 10} << QList<int>{1, 2} << QList<int>{33, 66};
    QTest::newRow("spec 3.3: mixed priorities are summed apart")
        << QList<int>{10, 20, 10, 20, 30} << QList<int>{100, 10, 300, 30, 0} << QList<int>{25, 25, 75, 75, 100};
    QTest::newRow("spec 3.3: mixed priorities, interleaved, unset weights")
        << QList<int>{1, 2, 1, 2, 2} << QList<int>{0, 0, 50, 0, 0} << QList<int>{66, 33, 33, 33, 33};
    QTest::newRow("spec 3.3: float rounding kept (100/3*3 would be 100)") << QList<int>{0, 0, 0}
                                                                          << QList<int>{1, 1, 1} << QList<int>{33, 33, 33};
    QTest::newRow("spec 3.3: 100/7 steps") << QList<int>{5, 5} << QList<int>{3, 4} << QList<int>{42, 57};
    QTest::newRow("spec 3.3: tiny share floors to 0") << QList<int>{10, 10} << QList<int>{1, 1000} << QList<int>{0, 99};
    QTest::newRow("spec 3.3: large weights") << QList<int>{10, 10} << QList<int>{2000000000, 2000000000}
                                             << QList<int>{50, 50};
    QTest::newRow("spec 3.3: negative priority is just a key") << QList<int>{-1, -1} << QList<int>{10, 30}
                                                               << QList<int>{25, 75};
    // Odd inputs SkyDNS serves as Go computes them on amd64: uint16 of a negative floor wraps,
    // and a zero sum gives +Inf, which converts to 0.
    QTest::newRow("spec 3.3 quirk: negative weight wraps as Go's uint16") << QList<int>{10, 10} << QList<int>{-50, 150}
                                                                          << QList<int>{65486, 150};
    QTest::newRow("spec 3.3 quirk: zero sum -> 0") << QList<int>{10, 10} << QList<int>{-100, 100} << QList<int>{0, 0};
    QTest::newRow("spec 3.3 quirk: beyond int32 -> 0 (Go converts via int32)")
        << QList<int>{10, 10} << QList<int>{2000000000, -1999999999} << QList<int>{0, 0};
    QTest::newRow("spec 3.3: empty") << QList<int>{} << QList<int>{} << QList<int>{};
}

void TstSrv::weights()
{
    QFETCH(QList<int>, priorities);
    QFETCH(QList<int>, weights);
    QFETCH(QList<int>, expected);
    const std::vector<std::uint16_t> got = srvWeights(ints(priorities), ints(weights));
    QList<int> gotList;
    for (std::uint16_t w : got)
        gotList << w;
    QCOMPARE(gotList, expected);
}

void TstSrv::mismatchedLengths()
{
    // Only complete (priority, weight) pairs are described; extra entries are ignored.
    QCOMPARE(srvWeights({10, 10, 10}, {0, 0}).size(), std::size_t(2));
    QCOMPARE(srvWeights({10, 10, 10}, {0, 0}), (std::vector<std::uint16_t>{50, 50}));
}

QTEST_APPLESS_MAIN(TstSrv)
#include "tst_srv.moc"
