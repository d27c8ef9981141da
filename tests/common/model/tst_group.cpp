#include "model/group.h"

#include <QTest>

using skydns::model::Record;
using skydns::model::selectGroup;

// TstGroup checks msg.Group (spec 2.4), its order dependence included.
class TstGroup final : public QObject
{
    Q_OBJECT

private slots:
    void group_data();
    void group();
};

void TstGroup::group_data()
{
    // records: "key|group" in lookup order; expected: indexes of the records kept, in order.
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("spec 2.4: empty") << QStringList{} << QList<int>{};
    QTest::newRow("spec 2.4: no groups -> everything")
        << QStringList{"/skydns/local/a|", "/skydns/local/b/c|"} << QList<int>{0, 1};
    QTest::newRow("spec 2.4: one group everywhere -> everything")
        << QStringList{"/skydns/local/a|g", "/skydns/local/b|g"} << QList<int>{0, 1};
    QTest::newRow("spec 2.4: records without a group are always kept")
        << QStringList{"/skydns/local/a|g", "/skydns/local/b|", "/skydns/local/c/d|"} << QList<int>{0, 1, 2};
    QTest::newRow("spec 2.4: different group at the shortest level -> everything")
        << QStringList{"/skydns/local/a|g", "/skydns/local/b|h"} << QList<int>{0, 1};
    QTest::newRow("spec 2.4: deeper record of another group dropped")
        << QStringList{"/skydns/local/a|g", "/skydns/local/b/c|h", "/skydns/local/d|g"} << QList<int>{0, 2};
    QTest::newRow("spec 2.4: shorter key's group replaces the first one")
        << QStringList{"/skydns/local/x/y/z|a", "/skydns/local/x/w|b"} << QList<int>{1};
    QTest::newRow("spec 2.4: replaced group disagrees at its level -> everything")
        << QStringList{"/skydns/local/x/y/z|a", "/skydns/local/x/y|b", "/skydns/local/x/q|c"} << QList<int>{0, 1, 2};
    QTest::newRow("spec 2.4: first record without group -> everything (order-dependent)")
        << QStringList{"/skydns/local/a/b|", "/skydns/local/a/b/c|g", "/skydns/local/a/b/d|h"} << QList<int>{0, 1, 2};
    QTest::newRow("spec 2.4: scan stops at a shorter key without group")
        << QStringList{"/skydns/local/a/b/c|g", "/skydns/local/a/b|", "/skydns/local/a|h"} << QList<int>{0, 1};
    QTest::newRow("spec 2.4 quirk: after the stop, levels are 0, so a same-level disagreement is missed")
        << QStringList{"/skydns/local/a/b/c|g", "/skydns/local/a/b|", "/skydns/local/a/b/d|h"} << QList<int>{0, 1};
    QTest::newRow("spec 2.4: same records, disagreement seen before the stop -> everything")
        << QStringList{"/skydns/local/a/b/c|g", "/skydns/local/a/b/d|h", "/skydns/local/a/b|"} << QList<int>{0, 1, 2};
    QTest::newRow("spec 2.4: deeper level of the same group kept, order preserved")
        << QStringList{"/skydns/local/x/1|a", "/skydns/local/x/y/2|b", "/skydns/local/x/y/3|a", "/skydns/local/x/4|"}
        << QList<int>{0, 2, 3};
    QTest::newRow("spec 2.4: group names are case-sensitive")
        << QStringList{"/skydns/local/a|G", "/skydns/local/b/c|g"} << QList<int>{0};
}

void TstGroup::group()
{
    QFETCH(QStringList, records);
    QFETCH(QList<int>, expected);
    std::vector<Record> storage;
    storage.reserve(static_cast<std::size_t>(records.size()));
    for (const QString &r : records) {
        Record rec;
        rec.key = r.section('|', 0, 0).toStdString();
        rec.service.group = r.section('|', 1, 1).toStdString();
        storage.push_back(rec);
    }
    std::vector<const Record *> input;
    for (const Record &r : storage)
        input.push_back(&r);

    const std::vector<const Record *> kept = selectGroup(input);
    QList<int> got;
    for (const Record *r : kept)
        got << static_cast<int>(r - storage.data());
    QCOMPARE(got, expected);
}

QTEST_APPLESS_MAIN(TstGroup)
#include "tst_group.moc"
