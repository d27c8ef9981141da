// fitAndEncode: SkyDNS's Fit (spec 7): additional dropped first, then TC and fewer answers over
// UDP, SERVFAIL over TCP.
#include "fit.h"

#include "dns/wire.h"

#include <QTest>

using namespace skydns;
using namespace skydns::service;

class TstFit final : public QObject
{
    Q_OBJECT
private slots:
    void fit_data();
    void fit();
};

namespace {

dns::Message message(int answers, int additional)
{
    dns::Message m;
    m.header.id = 1;
    m.header.qr = m.header.aa = true;
    m.question.push_back({"big.skydns.local.", dns::kTypeA, dns::kClassIN});
    for (int i = 0; i < answers; ++i) {
        const unsigned char a[4] = {10, 0, 0, static_cast<unsigned char>(i)};
        m.answer.push_back({"big.skydns.local.", dns::kTypeA, dns::kClassIN, 3600, dns::rdataA(a)});
    }
    for (int i = 0; i < additional; ++i) {
        const unsigned char a[4] = {10, 1, 0, static_cast<unsigned char>(i)};
        m.additional.push_back({"x" + std::to_string(i) + ".skydns.local.", dns::kTypeA, dns::kClassIN, 3600,
                                dns::rdataA(a)});
    }
    return m;
}

} // namespace

void TstFit::fit_data()
{
    QTest::addColumn<int>("answers");
    QTest::addColumn<int>("additional");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("keptAnswers"); // -1: all
    QTest::addColumn<bool>("tc");
    QTest::addColumn<int>("rcode");

    QTest::newRow("fits") << 3 << 3 << 512 << false << int(FitOutcome::Fits) << -1 << false << 0;
    QTest::newRow("spec 7: additional dropped first") << 20 << 20 << 512 << false << int(FitOutcome::Trimmed) << -1
                                                      << false << 0;
    QTest::newRow("spec 7: UDP too big -> TC, answers cut") << 60 << 0 << 512 << false << int(FitOutcome::Truncated)
                                                            << 29 << true << 0;
    QTest::newRow("spec 7: TCP too big -> SERVFAIL") << 60 << 0 << 512 << true << int(FitOutcome::Overflow) << 0 << false
                                                     << 2;
}

void TstFit::fit()
{
    QFETCH(int, answers);
    QFETCH(int, additional);
    QFETCH(int, size);
    QFETCH(bool, tcp);
    QFETCH(int, outcome);
    QFETCH(int, keptAnswers);
    QFETCH(bool, tc);
    QFETCH(int, rcode);
    dns::Message m = message(answers, additional);
    std::string out;
    QCOMPARE(int(fitAndEncode(m, std::uint16_t(size), tcp, out)), outcome);
    dns::Message parsed;
    QVERIFY(dns::parseMessage(out.data(), out.size(), parsed));
    QVERIFY(out.size() <= std::size_t(size));
    QCOMPARE(parsed.header.tc, tc);
    QCOMPARE(int(parsed.header.rcode), rcode);
    QCOMPARE(int(parsed.answer.size()), keptAnswers < 0 ? answers : keptAnswers);
    if (outcome != int(FitOutcome::Fits))
        QVERIFY(parsed.additional.empty());
    if (outcome == int(FitOutcome::Truncated)) { // as many as fit: one more would not
        dns::Message more = message(keptAnswers + 1, 0);
        more.header.tc = true;
        QVERIFY(dns::encode(more).size() > std::size_t(size));
    }
}

QTEST_APPLESS_MAIN(TstFit)
#include "tst_fit.moc"
