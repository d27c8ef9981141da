// The resolver's building blocks and contracts beyond single answers: post-processing (spec 3.8,
// 2.3), the Signer hook (spec 6 plug-in point), the two-pass Lookups protocol (spec 4.2), reply
// kinds and metrics systems, stub zone definitions (spec 5), big messages, and robustness against
// random input (DESIGN principle 3).
#include "harness.h"
#include "wiredump.h"

#include "backend/memorybackend.h"
#include "backend/snapshot.h"
#include "config/serviceconfig.h"
#include "dns/wire.h"
#include "dns/name.h"
#include "dns/recycler.h"
#include "resolver/postprocess.h"
#include "resolver/resolution.h"
#include "resolver/resolver.h"
#include "resolver/stubzones.h"

#include <QFile>
#include <QtTest>

using namespace skydns;

namespace {

dns::Rr rr(const char *owner, std::uint16_t type, std::uint32_t ttl, std::string rdata, std::uint16_t cls = dns::kClassIN)
{
    dns::Rr r;
    r.owner = owner;
    r.type = type;
    r.cls = cls;
    r.ttl = ttl;
    r.rdata = std::move(rdata);
    return r;
}

std::string a4(int last)
{
    const unsigned char b[4] = {10, 0, 0, static_cast<unsigned char>(last)};
    return dns::rdataA(b);
}

QStringList describe(const std::vector<dns::Rr> &rrs)
{
    QStringList out;
    for (const dns::Rr &r : rrs) {
        QString rdata;
        if (r.type == dns::kTypeA)
            rdata = QString::number(static_cast<unsigned char>(r.rdata[3]));
        else
            rdata = QString::fromLatin1(QByteArray(r.rdata.data(), int(r.rdata.size())).toHex());
        out << QStringLiteral("%1/%2/%3/%4/%5").arg(QString::fromStdString(r.owner)).arg(r.cls).arg(r.type).arg(r.ttl).arg(rdata);
    }
    return out;
}

backend::MemoryBackend fixture(const char *name)
{
    QFile f(QStringLiteral(SKYDNS_TEST_DATA_DIR "/") + QLatin1String(name));
    backend::MemoryBackend b;
    if (f.open(QIODevice::ReadOnly))
        b.loadJson(f.readAll().toStdString());
    return b;
}

dns::Query query(const char *name, std::uint16_t type, bool dnssecOk = false, std::uint16_t cls = dns::kClassIN)
{
    dns::Query q;
    q.header.id = 7;
    q.header.rd = true;
    q.question = {name, type, cls};
    q.hasQuestion = true;
    q.edns.present = dnssecOk;
    q.edns.dnssecOk = dnssecOk;
    return q;
}

// FakeSigner records the calls of the DNSSEC hook and marks what it signed.
class FakeSigner final : public resolver::Signer
{
public:
    explicit FakeSigner(bool withKey) : m_withKey(withKey)
    {
        m_key = rr("skydns.local.", dns::kTypeDNSKEY, 3600, std::string("\x01\x01\x03\x08\xAA", 5));
    }
    const dns::Rr *dnskey() const override { return m_withKey ? &m_key : nullptr; }
    void secure(dns::Message &msg, const config::ServiceConfig &, std::int64_t nowMs) const override
    {
        ++calls;
        lastNow = nowMs;
        msg.header.ad = true;
        msg.edns.present = true;
        msg.edns.dnssecOk = true;
        msg.edns.udpSize = 4096;
    }
    mutable int calls = 0;
    mutable std::int64_t lastNow = 0;

private:
    bool m_withKey;
    dns::Rr m_key;
};

} // namespace

class TstReply final : public QObject
{
    Q_OBJECT
private slots:
    void dedup_data();
    void dedup();
    void answerTtl_data();
    void answerTtl();
    void signerHook_data();
    void signerHook();
    void dnskey();
    void backendErrors_data();
    void backendErrors();
    void lookupsProtocol();
    void upstreamOutcomes();
    void replySystems_data();
    void replySystems();
    void stubZoneDefinitions();
    void bigMessageCompression();
    void formErrReply();
    void randomInputNeverCrashes();
    void fastRandomVaries();
    void keyTargets_data();
    void keyTargets();
    void srvTargetsFromKeys_data();
    void srvTargetsFromKeys();
    void recycledStorage();
    void preparedRecords_data();
    void preparedRecords();
};

void TstReply::dedup_data()
{
    QTest::addColumn<std::vector<dns::Rr>>("in");
    QTest::addColumn<QStringList>("out");
    using V = std::vector<dns::Rr>;
    QTest::newRow("spec 3.8: nothing to remove keeps order")
        << V{rr("a.", 1, 60, a4(1)), rr("a.", 1, 60, a4(2))} << QStringList{"a./1/1/60/1", "a./1/1/60/2"};
    QTest::newRow("spec 3.8: identical RRs collapse")
        << V{rr("a.", 1, 60, a4(1)), rr("a.", 1, 60, a4(2)), rr("a.", 1, 60, a4(1))}
        << QStringList{"a./1/1/60/1", "a./1/1/60/2"};
    QTest::newRow("spec 3.8: TTL is not part of the key, the last one wins")
        << V{rr("a.", 1, 60, a4(1)), rr("a.", 1, 30, a4(1))} << QStringList{"a./1/1/30/1"};
    QTest::newRow("spec 3.8: owner compare is case-sensitive (as SkyDNS's map key)")
        << V{rr("a.", 1, 60, a4(1)), rr("A.", 1, 60, a4(1))} << QStringList{"a./1/1/60/1", "A./1/1/60/1"};
    QTest::newRow("spec 3.8: class is part of the key")
        << V{rr("a.", 16, 0, "\x01x", 1), rr("a.", 16, 0, "\x01x", 3)} << QStringList{"a./1/16/0/0178", "a./3/16/0/0178"};
    QTest::newRow("spec 3.8: one CNAME per owner, the last one")
        << V{rr("a.", 5, 60, dns::rdataName("x.")), rr("b.", 5, 60, dns::rdataName("y.")), rr("a.", 5, 60, dns::rdataName("z."))}
        << QStringList{"a./1/5/60/017a00", "b./1/5/60/017900"};
    V big, expected;
    QStringList bigOut;
    for (int i = 0; i < 40; ++i)
        big.push_back(rr("svc.", 1, 60, a4(i % 25)));
    big.push_back(rr("svc.", 5, 60, dns::rdataName("one.")));
    big.push_back(rr("svc.", 5, 61, dns::rdataName("two.")));
    for (int i = 0; i < 25; ++i)
        bigOut << QStringLiteral("svc./1/1/60/%1").arg(i);
    bigOut << "svc./1/5/61/0374776f00";
    QTest::newRow("spec 3.8: large sections (hashed path) give the same result") << big << bigOut;
}

void TstReply::dedup()
{
    QFETCH(std::vector<dns::Rr>, in);
    QFETCH(QStringList, out);
    resolver::dedup(in);
    QCOMPARE(describe(in), out);
}

void TstReply::answerTtl_data()
{
    QTest::addColumn<QList<int>>("ttls");
    QTest::addColumn<int>("configTtl");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("spec 2.3: a single RR keeps a TTL above config ttl") << QList<int>{7200} << 3600 << QList<int>{7200};
    QTest::newRow("spec 2.3: several RRs get the minimum") << QList<int>{300, 60, 900} << 3600 << QList<int>{60, 60, 60};
    QTest::newRow("spec 2.3: several RRs are capped by config ttl") << QList<int>{7200, 9000} << 3600
                                                                   << QList<int>{3600, 3600};
    QTest::newRow("spec 2.3: empty answer") << QList<int>{} << 3600 << QList<int>{};
}

void TstReply::answerTtl()
{
    QFETCH(QList<int>, ttls);
    QFETCH(int, configTtl);
    QFETCH(QList<int>, expected);
    std::vector<dns::Rr> answer;
    for (int t : ttls)
        answer.push_back(rr("a.", 1, std::uint32_t(t), a4(answer.size())));
    resolver::applyAnswerTtl(answer, std::uint32_t(configTtl));
    QList<int> got;
    for (const dns::Rr &r : answer)
        got << int(r.ttl);
    QCOMPARE(got, expected);
}

void TstReply::signerHook_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("dnssecOk");
    QTest::addColumn<QString>("config");
    QTest::addColumn<bool>("secured");
    QTest::newRow("spec 6: answer with DO is secured") << "v4.ip.t.skydns.local." << int(dns::kTypeA) << true << "" << true;
    QTest::newRow("spec 6: answer without DO is not") << "v4.ip.t.skydns.local." << int(dns::kTypeA) << false << "" << false;
    QTest::newRow("spec 6: NODATA with DO is secured (denial)") << "v4.ip.t.skydns.local." << int(dns::kTypeAAAA) << true << ""
                                                                << true;
    QTest::newRow("spec 6: NXDOMAIN with DO is secured (denial)") << "nothere.t.skydns.local." << int(dns::kTypeA) << true
                                                                  << "" << true;
    QTest::newRow("spec 6: SRV SERVFAIL is never signed") << "x.ip.t.skydns.local." << int(dns::kTypeSRV) << true
                                                          << "synced" << false;
    QTest::newRow("spec 6: REFUSED is never signed") << "v4.ip.t.skydns.local." << int(dns::kTypeANY) << true << "" << false;
    QTest::newRow("spec 6: PTR is never signed") << "1.0.3.10.in-addr.arpa." << int(dns::kTypePTR) << true << "" << false;
    QTest::newRow("spec 6: forwarding decisions are never signed") << "www.example.org." << int(dns::kTypeA) << true << ""
                                                                   << false;
    QTest::newRow("spec 6: CHAOS SERVFAIL is never signed") << "version.bind." << int(dns::kTypeA) << true << "chaos" << false;
    QTest::newRow("spec 6 quirk: CHAOS TXT for the domain goes through signing") << "skydns.local." << int(dns::kTypeTXT)
                                                                                 << true << "chaos" << true;
}

void TstReply::signerHook()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(bool, dnssecOk);
    QFETCH(QString, config);
    QFETCH(bool, secured);
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    resolver::SequenceRandom random;
    FakeSigner signer(true);
    const std::string n = name.toStdString();
    dns::Query q = query(n.c_str(), std::uint16_t(type), dnssecOk,
                         config == QLatin1String("chaos") ? dns::kClassCH : dns::kClassIN);
    if (config == QLatin1String("synced")) {
        // An SRV lookup that fails with a non-NXDOMAIN error: the backend of a reverse name with a
        // wildcard cannot be reached this way, so use a backend that reports Unavailable.
        struct Broken final : backend::Backend
        {
            bool hasSynced() const override { return true; }
            backend::LookupResult records(std::string_view, bool) const override
            {
                backend::LookupResult r;
                r.status = backend::LookupStatus::Unavailable;
                return r;
            }
            backend::LookupResult reverseRecord(std::string_view) const override { return {}; }
        } broken;
        const resolver::Reply r = resolver::resolve(q, broken, cfg, test::kNowMs, random, nullptr, &signer);
        QCOMPARE(int(r.message.header.rcode), int(dns::kRcodeServFail));
        QCOMPARE(r.message.header.aa, false); // spec 8: ServerFailure()
        QCOMPARE(signer.calls, 0);
        return;
    }
    const resolver::Reply r = resolver::resolve(q, b, cfg, test::kNowMs, random, nullptr, &signer);
    QCOMPARE(signer.calls, secured ? 1 : 0);
    QCOMPARE(r.message.header.ad, secured);
    QCOMPARE(r.message.edns.present, secured);
    if (secured)
        QCOMPARE(signer.lastNow, test::kNowMs);
}

void TstReply::dnskey()
{
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    resolver::SequenceRandom random;
    FakeSigner withKey(true), withoutKey(false);
    // spec 3.1: the apex DNSKEY comes from the key, with or without DO.
    resolver::Reply r = resolver::resolve(query("skydns.local.", dns::kTypeDNSKEY), b, cfg, test::kNowMs, random,
                                          nullptr, &withKey);
    QCOMPARE(r.message.answer.size(), std::size_t(1));
    QCOMPARE(r.message.answer[0].type, std::uint16_t(dns::kTypeDNSKEY));
    QCOMPARE(withKey.calls, 0);
    r = resolver::resolve(query("skydns.local.", dns::kTypeDNSKEY, true), b, cfg, test::kNowMs, random, nullptr, &withKey);
    QCOMPARE(r.message.answer.size(), std::size_t(1));
    QCOMPARE(withKey.calls, 1);
    // Without a key: the default branch, NODATA.
    r = resolver::resolve(query("skydns.local.", dns::kTypeDNSKEY), b, cfg, test::kNowMs, random, nullptr, &withoutKey);
    QVERIFY(r.message.answer.empty());
    QCOMPARE(r.message.authority.size(), std::size_t(1));
    QCOMPARE(r.message.authority[0].type, std::uint16_t(dns::kTypeSOA));
}

void TstReply::backendErrors_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("expected");
    QTest::newRow("spec 3.1: backend error on SRV -> SERVFAIL (AA=0 RA=0)") << int(dns::kTypeSRV) << "SERVFAIL qr rd";
    QTest::newRow("spec 3.1: backend error on A -> NODATA") << int(dns::kTypeA) << "NODATA qr aa rd ra";
    QTest::newRow("spec 3.1: backend error on TXT -> NODATA") << int(dns::kTypeTXT) << "NODATA qr aa rd ra";
    QTest::newRow("spec 3.1: backend error on MX -> NODATA") << int(dns::kTypeMX) << "NODATA qr aa rd ra";
    QTest::newRow("spec 3.1: backend error on other qtypes -> NODATA") << int(dns::kTypeHINFO) << "NODATA qr aa rd ra";
    QTest::newRow("spec 3.1: backend error on CNAME -> NODATA") << int(dns::kTypeCNAME) << "NODATA qr aa rd ra";
}

void TstReply::backendErrors()
{
    QFETCH(int, type);
    QFETCH(QString, expected);
    // Unavailable is not a name error (only etcd's "key not found" is, spec 2.1).
    struct Unavailable final : backend::Backend
    {
        bool hasSynced() const override { return true; }
        backend::LookupResult records(std::string_view, bool) const override
        {
            backend::LookupResult r;
            r.status = backend::LookupStatus::Unavailable;
            r.error = "etcd down";
            return r;
        }
        backend::LookupResult reverseRecord(std::string_view) const override { return records({}, true); }
    } b;
    config::ServiceConfig cfg;
    resolver::SequenceRandom random;
    const resolver::Reply r = resolver::resolve(query("x.skydns.local.", std::uint16_t(type)), b, cfg, test::kNowMs, random);
    const test::Dump d = test::dumpWire(dns::encode(r.message));
    QVERIFY(d.ok);
    QString got = d.rcode == int(dns::kRcodeServFail) ? QStringLiteral("SERVFAIL") : QString();
    if (d.rcode == 0 && d.answer.isEmpty() && d.authority.size() == 1 && d.authority[0].contains(QLatin1String(" SOA ")))
        got = QStringLiteral("NODATA");
    QCOMPARE(got + QLatin1Char(' ') + d.flags(), expected);
}

void TstReply::lookupsProtocol()
{
    // spec 3.3/4.2: the first pass asks for every outside name; a partial Upstream asks only for what
    // is missing; a complete one finishes with the rcache_ttl-rewritten upstream records.
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    cfg.nameservers = {"192.0.2.1:53"};
    cfg.roundRobin = false;
    resolver::SequenceRandom random;
    const dns::Query q = query("srvx.t.skydns.local.", dns::kTypeSRV, true);
    resolver::Reply r = resolver::resolve(q, b, cfg, test::kNowMs, random);
    QCOMPARE(int(r.kind), int(resolver::ReplyKind::Lookups));
    QCOMPARE(r.lookups.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(r.lookups[0].name), QStringLiteral("www.example.org."));
    QCOMPARE(r.lookups[0].type, std::uint16_t(dns::kTypeA));
    QCOMPARE(r.lookups[1].type, std::uint16_t(dns::kTypeAAAA));
    QCOMPARE(r.lookupDnssecOk, true);
    QVERIFY(r.message.answer.empty());

    resolver::Upstream up;
    up.setAnswer("WWW.Example.ORG", dns::kTypeA, {rr("www.example.org.", dns::kTypeA, 999, a4(80))});
    r = resolver::resolve(q, b, cfg, test::kNowMs, random, &up);
    QCOMPARE(int(r.kind), int(resolver::ReplyKind::Lookups));
    QCOMPARE(r.lookups.size(), std::size_t(1));
    QCOMPARE(r.lookups[0].type, std::uint16_t(dns::kTypeAAAA));

    up.setFailed("www.example.org.", dns::kTypeAAAA);
    r = resolver::resolve(q, b, cfg, test::kNowMs, random, &up);
    QCOMPARE(int(r.kind), int(resolver::ReplyKind::Answer));
    QCOMPARE(r.message.answer.size(), std::size_t(2));
    QCOMPARE(r.message.additional.size(), std::size_t(1));
    QCOMPARE(r.message.additional[0].ttl, std::uint32_t(60)); // rcache_ttl, not 999
}

void TstReply::upstreamOutcomes()
{
    resolver::Upstream up;
    QVERIFY(up.empty());
    QVERIFY(!up.find("a.example.", dns::kTypeA));
    dns::Message servfail;
    servfail.header.rcode = dns::kRcodeServFail;
    servfail.answer.push_back(rr("a.example.", dns::kTypeA, 1, a4(1)));
    up.setResponse("a.example.", dns::kTypeA, servfail);
    QVERIFY(up.find("A.EXAMPLE", dns::kTypeA));
    QVERIFY(!up.find("a.example.", dns::kTypeA)->ok); // spec 4.2: non-NOERROR is a failure
    dns::Message ok;
    ok.answer.push_back(rr("a.example.", dns::kTypeA, 1, a4(1)));
    up.setResponse("a.example.", dns::kTypeAAAA, ok);
    QVERIFY(up.find("a.example.", dns::kTypeAAAA)->ok);
    QCOMPARE(up.find("a.example.", dns::kTypeAAAA)->answer.size(), std::size_t(1));
    QVERIFY(!up.find("a.example.", dns::kTypeMX));
}

void TstReply::replySystems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("system");
    QTest::newRow("spec 10: authoritative -> auth") << "v4.ip.t.skydns.local." << int(dns::kTypeA) << int(resolver::System::Auth);
    QTest::newRow("spec 10: NXDOMAIN -> auth") << "nothere.t.skydns.local." << int(dns::kTypeA) << int(resolver::System::Auth);
    QTest::newRow("spec 10: REFUSED -> auth") << "v4.ip.t.skydns.local." << int(dns::kTypeANY) << int(resolver::System::Auth);
    QTest::newRow("spec 10: PTR -> reverse") << "1.0.3.10.in-addr.arpa." << int(dns::kTypePTR) << int(resolver::System::Reverse);
    QTest::newRow("spec 10: PTR miss -> recursive") << "2.0.3.10.in-addr.arpa." << int(dns::kTypePTR)
                                                    << int(resolver::System::Recursive);
    QTest::newRow("spec 10: outside -> recursive") << "www.example.org." << int(dns::kTypeA) << int(resolver::System::Recursive);
}

void TstReply::replySystems()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(int, system);
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    resolver::SequenceRandom random;
    const std::string n = name.toStdString();
    const resolver::Reply r = resolver::resolve(query(n.c_str(), std::uint16_t(type)), b, cfg, test::kNowMs, random);
    QCOMPARE(int(r.system), system);
}

void TstReply::stubZoneDefinitions()
{
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    const resolver::StubZones zones = resolver::stubZones(b, cfg, test::kNowMs);
    QCOMPARE(zones.size(), std::size_t(3));
    QCOMPARE(zones.at("example.org."), (std::vector<std::string>{"192.0.2.53:53", "[2001:db8::35]:5353"}));
    QCOMPARE(zones.at("sub.example.org."), std::vector<std::string>{"192.0.2.54:53"});
    QCOMPARE(zones.at("skydns.local."), std::vector<std::string>{"192.0.2.55:53"});
    const resolver::StubMatch none = resolver::matchStubZone("example.net.", b, cfg, test::kNowMs);
    QVERIFY(!none.matched);
    QVERIFY(!resolver::matchStubZone("xexample.org.", b, cfg, test::kNowMs).matched);
}

void TstReply::bigMessageCompression()
{
    // Past offset 0x3FFF names cannot be pointed at: the encoder must still produce a valid message
    // (spec 7: 2000 AAAA services over TCP).
    dns::Message m;
    m.header.qr = true;
    m.question.push_back({"big.skydns.local.", dns::kTypeAAAA, dns::kClassIN});
    for (int i = 0; i < 2000; ++i) {
        const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                      static_cast<unsigned char>(i >> 8), static_cast<unsigned char>(i & 0xFF)};
        const std::string owner = "h" + std::to_string(i) + ".big.skydns.local.";
        m.answer.push_back(rr(owner.c_str(), dns::kTypeAAAA, 60, dns::rdataAaaa(v6)));
    }
    const std::string wire = dns::encode(m);
    QVERIFY(wire.size() > 0x4000);
    const test::Dump d = test::dumpWire(wire);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.answer.size(), 2000);
    QCOMPARE(d.answer.last(), QStringLiteral("h1999.big.skydns.local. 60 IN AAAA 2001:db8::7cf"));
    dns::Message back;
    QVERIFY(dns::parseMessage(wire.data(), wire.size(), back));
    QCOMPARE(back.answer.size(), std::size_t(2000));
    QCOMPARE(back.answer[1999].owner, std::string("h1999.big.skydns.local."));
}

void TstReply::formErrReply()
{
    dns::Header h;
    h.id = 0x4321;
    h.rd = true;
    const dns::Message m = resolver::formErr(h);
    const test::Dump d = test::dumpWire(dns::encode(m));
    QVERIFY(d.ok);
    QCOMPARE(d.id, 0x4321);
    QCOMPARE(d.rcode, int(dns::kRcodeFormErr));
    QCOMPARE(d.flags(), QStringLiteral("qr rd"));
    QVERIFY(d.question.isEmpty());
}

void TstReply::randomInputNeverCrashes()
{
    // Random packets, and random mutations of a valid one, go through parseQuery and (when they
    // parse) resolve() and encode(): no crash, and every answer decodes.
    backend::MemoryBackend b = fixture("resolver-spec.json");
    config::ServiceConfig cfg;
    cfg.nameservers = {"192.0.2.1:53"};
    cfg.stubzones = true;
    resolver::FastRandom rnd(12345);
    const std::string valid = test::buildQuery("x.srvi.t.skydns.local.", "SRV", "IN", true, true);
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string packet;
        if (i % 2) {
            packet.resize(rnd.id() % 64);
            for (char &c : packet)
                c = static_cast<char>(rnd.id());
        } else {
            packet = valid;
            for (int k = 0, n = 1 + rnd.id() % 4; k < n; ++k)
                packet[rnd.id() % packet.size()] = static_cast<char>(rnd.id());
            if (rnd.id() % 4 == 0)
                packet.resize(packet.size() - rnd.id() % 8);
        }
        dns::Query q;
        if (dns::parseQuery(packet.data(), packet.size(), q) != dns::ParseStatus::Ok)
            continue;
        ++parsed;
        const resolver::Reply r = resolver::resolve(q, b, cfg, test::kNowMs, rnd);
        if (r.kind != resolver::ReplyKind::Answer)
            continue;
        const std::string wire = dns::encode(r.message);
        dns::Message back;
        QVERIFY(dns::parseMessage(wire.data(), wire.size(), back));
    }
    QVERIFY2(parsed > 2000, qPrintable(QString::number(parsed))); // the mutations do reach the resolver
}

void TstReply::fastRandomVaries()
{
    resolver::FastRandom a(1), b(2), c(1);
    QSet<int> seen;
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const int x = a.id();
        seen.insert(x);
        differs = differs || x != b.id();
        QCOMPARE(c.id(), std::uint16_t(x)); // same seed, same sequence
    }
    QVERIFY(differs);
    QVERIFY(seen.size() > 900);
}

void TstReply::keyTargets_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("fast");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain key") << "/skydns/local/skydns/east/staging/rails/4" << true << "4.rails.staging.east.skydns.local.";
    QTest::newRow("other prefix") << "/mydns/local/skydns/x" << true << "x.skydns.local.";
    QTest::newRow("dot inside an element: two labels, as SkyDNS prints it") << "/skydns/local/a.b" << true
                                                                             << "a.b.local.";
    QTest::newRow("backslash: slow path") << "/skydns/local/a\\b" << false << "";
    QTest::newRow("empty element: not a valid name") << "/skydns/local//x" << false << "";
    QTest::newRow("label over 63: not a valid name") << "/skydns/local/" + QString(64, QLatin1Char('q')) << false << "";
    QTest::newRow("only the prefix") << "/skydns" << false << "";
}

void TstReply::keyTargets()
{
    // keyTarget must agree with keyDomain + nameToWire (the slow path it replaces).
    QFETCH(QString, key);
    QFETCH(bool, fast);
    QFETCH(QString, text);
    std::string t, w = "x";
    const bool ok = resolver::detail::keyTarget(key.toStdString(), t, w);
    QCOMPARE(ok, fast);
    if (!ok) {
        QCOMPARE(w, std::string("x")); // nothing appended
        return;
    }
    QCOMPARE(QString::fromStdString(t), text);
    QCOMPARE(t, resolver::detail::keyDomain(key.toStdString()));
    std::string expected = "x";
    QVERIFY(dns::nameToWire(t, expected));
    QCOMPARE(w, expected);
}

void TstReply::srvTargetsFromKeys_data()
{
    // The SRV targets of IP-only services below the query name are built from the part of the key
    // below the name's path (ChildTargets) when the key has that shape, by keyTarget otherwise:
    // either way they must be keyDomain(key), in the SRV rdata and as the glue owner.
    QTest::addColumn<QString>("qname");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("children one level down") << "x.skydns.local." << QStringList{"/skydns/local/skydns/x/a", "/skydns/local/skydns/x/b"};
    QTest::newRow("nested children") << "x.skydns.local." << QStringList{"/skydns/local/skydns/x/b/c", "/skydns/local/skydns/x/d/e/f"};
    QTest::newRow("query name in upper case") << "X.SkyDNS.local." << QStringList{"/skydns/local/skydns/x/a", "/skydns/local/skydns/x/q/r"};
    QTest::newRow("a dot inside an element (keyTarget's byte path)") << "x.skydns.local." << QStringList{"/skydns/local/skydns/x/d.e", "/skydns/local/skydns/x/f"};
    QTest::newRow("the name is a leaf service") << "leaf.x.skydns.local." << QStringList{"/skydns/local/skydns/x/leaf"};
    QTest::newRow("long child label (63)") << "x.skydns.local." << QStringList{"/skydns/local/skydns/x/" + QString(63, QLatin1Char('l'))};
}

void TstReply::srvTargetsFromKeys()
{
    QFETCH(QString, qname);
    QFETCH(QStringList, keys);
    std::string json = "{";
    for (int i = 0; i < keys.size(); ++i)
        json += (i ? ",\"" : "\"") + keys[i].toStdString() + "\":{\"host\":\"10.0.0." + std::to_string(i + 1) + "\",\"port\":80}";
    json += "}";
    backend::MemoryBackend b;
    QVERIFY(b.loadJson(json));
    config::ServiceConfig config;
    resolver::FastRandom random(7);
    dns::Query q;
    q.question = {qname.toStdString(), dns::kTypeSRV, dns::kClassIN};
    q.hasQuestion = true;
    QStringList expected;
    for (const QString &k : keys)
        expected << QString::fromStdString(resolver::detail::keyDomain(k.toStdString()));
    expected.sort();
    for (int round = 0; round < 2; ++round) { // the second round builds in recycled storage
        const resolver::Reply r = resolver::resolve(q, b, config, test::kNowMs, random);
        QCOMPARE(r.message.header.rcode, std::uint8_t(dns::kRcodeNoError));
        QStringList targets, glue;
        for (const dns::Rr &rr : r.message.answer) {
            QCOMPARE(rr.type, std::uint16_t(dns::kTypeSRV));
            QCOMPARE(rr.owner, q.question.name);
            std::string t;
            QCOMPARE(dns::wireToName(reinterpret_cast<const unsigned char *>(rr.rdata.data()) + 6, rr.rdata.size() - 6, t),
                     rr.rdata.size() - 6);
            targets << QString::fromStdString(t);
        }
        for (const dns::Rr &rr : r.message.additional)
            glue << QString::fromStdString(rr.owner);
        targets.sort();
        glue.sort();
        QCOMPARE(targets, expected);
        QCOMPARE(glue, expected);
    }
}

void TstReply::recycledStorage()
{
    // A destroyed message hands its records' long strings to the thread's Recycler; the next
    // answer is built in them and is the same answer.
    dns::Recycler *rc = dns::Recycler::forThread();
    QVERIFY(rc);
    backend::MemoryBackend b;
    std::string json = "{";
    for (int i = 0; i < 40; ++i)
        json += (i ? ",\"" : "\"") + std::string("/skydns/local/skydns/svc/grp/service") + std::to_string(i)
            + "\":{\"host\":\"10.0.1." + std::to_string(i + 1) + "\",\"port\":8080}";
    json += "}";
    QVERIFY(b.loadJson(json));
    config::ServiceConfig config;
    dns::Query q;
    q.question = {"grp.svc.skydns.local.", dns::kTypeSRV, dns::kClassIN};
    q.hasQuestion = true;
    resolver::FastRandom r1(3), r2(3);
    std::string first;
    {
        const resolver::Reply r = resolver::resolve(q, b, config, test::kNowMs, r1);
        QCOMPARE(r.message.answer.size(), std::size_t(40));
        first = dns::encode(r.message);
    }
    const std::size_t held = rc->strings();
    QVERIFY(held >= 120); // owner, rdata and glue owner of each of the 40 pairs
    const resolver::Reply again = resolver::resolve(q, b, config, test::kNowMs, r2);
    QVERIFY(rc->strings() < held); // taken again
    QCOMPARE(dns::encode(again.message), first);
    // A copy is independent of the storage its original gives back.
    dns::Message copy = again.message;
    {
        dns::Message gone = again.message;
    }
    QCOMPARE(dns::encode(copy), first);
}


void TstReply::preparedRecords_data()
{
    // A Store's records carry their host classification and duplicate hash computed at load time
    // (model::Record::prepare); a MemoryBackend's do not, so the resolver classifies them per
    // lookup. Both must give the same answers, byte for byte.
    QTest::addColumn<QString>("qname");
    QTest::addColumn<int>("qtype");
    QTest::newRow("spec 2.2: IPv4, mapped IPv4, IPv6, names, bad addresses -> A") << "h.skydns.local." << int(dns::kTypeA);
    QTest::newRow("spec 2.2: the same -> AAAA") << "h.skydns.local." << int(dns::kTypeAAAA);
    QTest::newRow("spec 3.3: the same -> SRV with glue and duplicates collapsed") << "h.skydns.local." << int(dns::kTypeSRV);
    QTest::newRow("spec 2.2: one IPv6 leaf -> AAAA") << "v6.h.skydns.local." << int(dns::kTypeAAAA);
    QTest::newRow("spec 2.2: one mapped IPv4 leaf -> A") << "mapped.h.skydns.local." << int(dns::kTypeA);
}

void TstReply::preparedRecords()
{
    QFETCH(QString, qname);
    QFETCH(int, qtype);
    const std::vector<std::pair<std::string, std::string>> values = {
        {"/skydns/local/skydns/h/v4", R"({"host":"10.0.0.1","port":80})"},
        {"/skydns/local/skydns/h/mapped", R"({"host":"::ffff:10.0.0.2","port":81})"},
        {"/skydns/local/skydns/h/v6", R"({"host":"2001:db8::1","port":82})"},
        {"/skydns/local/skydns/h/leadingzero", R"({"host":"010.0.0.3","port":83})"},
        {"/skydns/local/skydns/h/bigoctet", R"({"host":"10.0.0.256","port":84})"},
        {"/skydns/local/skydns/h/zone", R"({"host":"fe80::1%eth0","port":85})"},
        {"/skydns/local/skydns/h/dup1", R"({"host":"10.0.0.9","port":86,"text":"t"})"},
        {"/skydns/local/skydns/h/dup2", R"({"host":"10.0.0.9","port":86,"text":"t"})"},
        {"/skydns/local/skydns/h/notdup", R"({"host":"10.0.0.9","port":86,"text":"u"})"},
    };
    backend::MemoryBackend memory;
    backend::Store store("skydns");
    std::string json = "{";
    std::uint64_t index = 1;
    for (const auto &[key, value] : values) {
        json += (json.size() > 1 ? ",\"" : "\"") + key + "\":" + value;
        store.putValue(key, value, index++, 0);
    }
    json += "}";
    QVERIFY(memory.loadJson(json));
    const backend::Snapshot snapshot(store, 1, 1);
    // The snapshot's records are prepared, with the classification the resolver computes itself.
    const backend::LookupResult all = snapshot.records("h.skydns.local.", false);
    QCOMPARE(int(all.status), int(backend::LookupStatus::Ok));
    QCOMPARE(all.records.size(), values.size() - 1); // dup2 collapses into dup1
    for (const model::Record *rec : all.records) {
        QVERIFY(rec->hostKind != model::HostKind::Unknown);
        unsigned char addr[16] = {};
        QCOMPARE(int(rec->hostKind), int(model::classifyHost(rec->service.host, addr)));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(rec->hostAddr), 16),
                 QByteArray(reinterpret_cast<const char *>(addr), 16));
        QCOMPARE(rec->bareHash, model::bareServiceHash(rec->service));
    }
    const std::string name = qname.toStdString();
    const dns::Query q = query(name.c_str(), static_cast<std::uint16_t>(qtype));
    config::ServiceConfig config;
    config.roundRobin = false;
    resolver::FastRandom r1(5), r2(5);
    const resolver::Reply fromMemory = resolver::resolve(q, memory, config, test::kNowMs, r1);
    const resolver::Reply fromSnapshot = resolver::resolve(q, snapshot, config, test::kNowMs, r2);
    QCOMPARE(fromSnapshot.message.header.rcode, std::uint8_t(dns::kRcodeNoError));
    QVERIFY(!fromSnapshot.message.answer.empty());
    QCOMPARE(describe(fromSnapshot.message.answer), describe(fromMemory.message.answer));
    QCOMPARE(describe(fromSnapshot.message.additional), describe(fromMemory.message.additional));
    QCOMPARE(dns::encode(fromSnapshot.message), dns::encode(fromMemory.message));
}

QTEST_APPLESS_MAIN(TstReply)
#include "tst_reply.moc"
