// ZoneSigner (spec 6): answers from resolve() over a MemoryBackend, signed, encoded, decoded by
// ldns and every RRSIG (and the NSEC3 denial) verified with ldns against our DNSKEY.

#include "signtestutil.h"

#include "dns/name.h"
#include "dnssec/rrsig.h"
#include "dnssec/zonesigner.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace skydns;
using namespace skydns::test;

namespace {

std::int64_t nowMs()
{
    return static_cast<std::int64_t>(std::time(nullptr)) * 1000;
}

// KeyDir makes a key of an algorithm in a temporary directory and loads a ZoneSigner with it.
struct KeyDir
{
    QTemporaryDir dir;
    std::string base;
    std::unique_ptr<dnssec::KeyPair> key;
    explicit KeyDir(int algorithm, const char *owner = "skydns.test.")
    {
        std::string error;
        key = dnssec::generateKeyPair(algorithm, true, owner, &error, 2048);
        if (key && !dnssec::writeKeyFiles(*key, dir.path().toStdString(), &base, &error))
            key.reset();
        if (!key)
            qWarning("key generation: %s", error.c_str());
    }
};

std::uint32_t be32(const std::string &s, std::size_t at)
{
    auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

int countType(const std::vector<dns::Rr> &s, std::uint16_t t)
{
    return int(std::count_if(s.begin(), s.end(), [t](const dns::Rr &r) { return r.type == t; }));
}

} // namespace

class TstZoneSigner final : public QObject
{
    Q_OBJECT
private slots:
    void signedAnswers_data();
    void signedAnswers();
    void withoutDoNothingChanges();
    void withoutKeyNothingChanges();
    void rrsigFields();
    void denialShapes();
    void outOfZoneUnsigned();
    void cacheHitsAndRefresh();
    void cacheDisabled();
    void roundRobinOrderHitsCache();
    void concurrentSecure();
    void reloadSwapsKey();
    void loadZoneSignerErrors();
    void truncationWithSignatures();
};

void TstZoneSigner::signedAnswers_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QString>("qname");
    QTest::addColumn<int>("qtype");
    QTest::addColumn<int>("rcode");
    QTest::addColumn<int>("minSigs");
    const struct { const char *alg; int n; } algs[] = {{"RSASHA256", 8}, {"ECDSAP256SHA256", 13}, {"ED25519", 15},
                                                       {"ECDSAP384SHA384", 14}, {"RSASHA1", 5}, {"RSASHA512", 10}};
    const struct { const char *what; const char *name; int type; int rcode; int sigs; } qs[] = {
        {"spec 6: A set", "web.skydns.test.", dns::kTypeA, 0, 1},
        {"spec 6: AAAA", "v6.skydns.test.", dns::kTypeAAAA, 0, 1},
        {"spec 6: SRV + additional", "web.skydns.test.", dns::kTypeSRV, 0, 2},
        {"spec 6: TXT (original TTL = set TTL)", "txt.skydns.test.", dns::kTypeTXT, 0, 1},
        {"spec 6: MX", "mail.skydns.test.", dns::kTypeMX, 0, 1},
        {"spec 6: CNAME with upper-case target, then A", "alias.skydns.test.", dns::kTypeA, 0, 2},
        {"spec 6: mixed-case qname", "WeB.SkyDns.TEST.", dns::kTypeA, 0, 1},
        {"spec 6: DNSKEY at the apex", "skydns.test.", dns::kTypeDNSKEY, 0, 1},
        {"spec 6: SOA", "skydns.test.", dns::kTypeSOA, 0, 1},
        {"spec 6: NS + glue", "skydns.test.", dns::kTypeNS, 0, 2},
        {"spec 6: NXDOMAIN white lies", "nothere.skydns.test.", dns::kTypeA, 3, 4},
        {"spec 6: NXDOMAIN deep", "a.b.nothere.skydns.test.", dns::kTypeAAAA, 3, 4},
        {"spec 6: NODATA", "txt.skydns.test.", dns::kTypeMX, 0, 2},
        {"spec 6: NODATA for AAAA (bitmap without the qtype)", "web.skydns.test.", dns::kTypeAAAA, 0, 2},
    };
    for (const auto &a : algs)
        for (const auto &q : qs) {
            if ((a.n == 5 || a.n == 10 || a.n == 14) && q.rcode == 0 && q.type != dns::kTypeSRV)
                continue; // the less common algorithms: SRV, NXDOMAIN are enough
            QTest::addRow("%s %s", a.alg, q.what) << a.n << q.name << q.type << q.rcode << q.sigs;
        }
}

// Every in-zone RRset carries one RRSIG that ldns verifies with our DNSKEY; NXDOMAIN and NODATA
// carry an NSEC3 proof ldns accepts; AD and OPT(DO, 4096) are set.
void TstZoneSigner::signedAnswers()
{
    QFETCH(int, algorithm);
    QFETCH(QString, qname);
    QFETCH(int, qtype);
    QFETCH(int, rcode);
    QFETCH(int, minSigs);
    static std::map<int, std::unique_ptr<KeyDir>> keys; // one key per algorithm for the whole table
    auto &kd = keys[algorithm];
    if (!kd)
        kd = std::make_unique<KeyDir>(algorithm);
    QVERIFY(kd->key);
    const auto cfg = zoneConfig(kd->base);
    dnssec::ZoneSigner signer;
    std::string error;
    QVERIFY2(signer.reload(cfg, &error), error.c_str());
    const auto b = zoneBackend();
    const std::int64_t now = nowMs();
    dns::Message m = ask(b, cfg, qname.toStdString(), static_cast<std::uint16_t>(qtype), true, &signer, now);
    QCOMPARE(int(m.header.rcode), rcode);
    QVERIFY(m.header.ad);
    QVERIFY(m.edns.present);
    QVERIFY(m.edns.dnssecOk);
    QCOMPARE(int(m.edns.udpSize), 4096);
    const std::string wire = dns::encode(m);
    int sigs = 0;
    const QString problems = verifyWithLdns(wire, dnssec::dnskeyText(*kd->key, 3600), "skydns.test.", now / 1000, &sigs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY2(sigs >= minSigs, qPrintable(QString::number(sigs)));
    if (rcode == 3)
        QCOMPARE(countType(m.authority, dns::kTypeNSEC3), 3);
}

void TstZoneSigner::withoutDoNothingChanges()
{
    KeyDir kd(dnssec::kEcdsaP256Sha256);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    const auto b = zoneBackend();
    for (auto [name, type] : {std::pair{"web.skydns.test.", dns::kTypeSRV}, {"nothere.skydns.test.", dns::kTypeA},
                              {"txt.skydns.test.", dns::kTypeMX}}) {
        const auto with = dns::encode(ask(b, cfg, name, type, false, &signer, nowMs()));
        const auto without = dns::encode(ask(b, cfg, name, type, false, nullptr, nowMs()));
        QCOMPARE(with, without);
    }
    QCOMPARE(signer.cacheMisses(), 0u);
}

void TstZoneSigner::withoutKeyNothingChanges()
{
    dnssec::ZoneSigner signer; // never loaded
    QVERIFY(!signer.hasKey());
    QVERIFY(!signer.dnskey());
    const auto cfg = zoneConfig();
    const auto b = zoneBackend();
    const auto with = dns::encode(ask(b, cfg, "web.skydns.test.", dns::kTypeA, true, &signer, nowMs()));
    const auto without = dns::encode(ask(b, cfg, "web.skydns.test.", dns::kTypeA, true, nullptr, nowMs()));
    QCOMPARE(with, without);
    // DNSKEY without a key: NODATA as in SkyDNS.
    const dns::Message m = ask(b, cfg, "skydns.test.", dns::kTypeDNSKEY, true, &signer, nowMs());
    QVERIFY(m.answer.empty());
}

// spec 6: inception now-3h, expiration now+7d, original TTL = ttl (TXT: the set's), labels, key
// tag, signer name; RRSIG TTL = the set's first TTL; DNSKEY TTL = ttl.
void TstZoneSigner::rrsigFields()
{
    KeyDir kd(dnssec::kEd25519);
    auto cfg = zoneConfig(kd.base);
    cfg.ttl = 1800;
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    QVERIFY(signer.dnskey());
    QCOMPARE(signer.dnskey()->ttl, 1800u);
    QCOMPARE(signer.dnskey()->owner, std::string("skydns.test."));
    auto b = zoneBackend();
    b.put("/skydns/test/skydns/short/1", R"({"host":"10.1.1.1","ttl":30,"text":"t"})");
    b.put("/skydns/test/skydns/sub/deep/x/1", R"({"host":"10.1.1.2"})");
    const std::int64_t now = 1700000000000;
    struct Row { const char *name; std::uint16_t type; std::uint32_t origTtl; int labels; };
    for (const Row &r : {Row{"web.skydns.test.", dns::kTypeA, 1800, 3}, Row{"short.skydns.test.", dns::kTypeTXT, 30, 3},
                         Row{"1.x.deep.sub.skydns.test.", dns::kTypeA, 1800, 6}}) {
        const dns::Message m = ask(b, cfg, r.name, r.type, true, &signer, now);
        QCOMPARE(countType(m.answer, dns::kTypeRRSIG), 1);
        const dns::Rr &sig = m.answer.back();
        QCOMPARE(sig.type, std::uint16_t(dns::kTypeRRSIG));
        QCOMPARE(sig.ttl, m.answer.front().ttl);
        const std::string &d = sig.rdata;
        QCOMPARE(int(static_cast<unsigned char>(d[0]) << 8 | static_cast<unsigned char>(d[1])), int(r.type));
        QCOMPARE(int(static_cast<unsigned char>(d[2])), 15);
        QCOMPARE(int(static_cast<unsigned char>(d[3])), r.labels);
        QCOMPARE(be32(d, 4), r.origTtl);
        QCOMPARE(be32(d, 8), std::uint32_t(now / 1000 + 7 * 86400));
        QCOMPARE(be32(d, 12), std::uint32_t(now / 1000 - 3 * 3600));
        QCOMPARE(int(static_cast<unsigned char>(d[16]) << 8 | static_cast<unsigned char>(d[17])), int(kd.key->keyTag()));
        QCOMPARE(d.substr(18, kd.key->ownerWire().size()), kd.key->ownerWire());
    }
}

// spec 6 Denial: NXDOMAIN 4 sets / 8 authority RRs; NODATA one NSEC3 with an upper-case owner.
void TstZoneSigner::denialShapes()
{
    KeyDir kd(dnssec::kEcdsaP256Sha256);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    const auto b = zoneBackend();
    dns::Message nx = ask(b, cfg, "nothere.skydns.test.", dns::kTypeA, true, &signer, nowMs());
    QCOMPARE(int(nx.authority.size()), 8);
    QCOMPARE(countType(nx.authority, dns::kTypeSOA), 1);
    QCOMPARE(countType(nx.authority, dns::kTypeNSEC3), 3);
    QCOMPARE(countType(nx.authority, dns::kTypeRRSIG), 4);
    for (const dns::Rr &rr : nx.authority)
        if (rr.type == dns::kTypeNSEC3) {
            QCOMPARE(rr.ttl, cfg.minTtl);
            QCOMPARE(QString::fromStdString(rr.owner), QString::fromStdString(rr.owner).toLower());
        }
    dns::Message nodata = ask(b, cfg, "txt.skydns.test.", dns::kTypeMX, true, &signer, nowMs());
    QCOMPARE(countType(nodata.authority, dns::kTypeNSEC3), 1);
    const auto it = std::find_if(nodata.authority.begin(), nodata.authority.end(),
                                 [](const dns::Rr &r) { return r.type == dns::kTypeNSEC3; });
    const QString label = QString::fromStdString(it->owner).section('.', 0, 0);
    QCOMPARE(label, label.toUpper());
    QCOMPARE(label.size(), 32);
}

// Records outside the domain are not signed; RRSIG and OPT never get a signature.
void TstZoneSigner::outOfZoneUnsigned()
{
    KeyDir kd(dnssec::kEd25519);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    dns::Message m;
    m.header.qr = true;
    m.question.push_back({"web.skydns.test.", dns::kTypeA, dns::kClassIN});
    const unsigned char a[4] = {10, 0, 0, 1};
    m.answer.push_back({"web.skydns.test.", dns::kTypeCNAME, dns::kClassIN, 60, dns::rdataName("www.example.org.")});
    m.answer.push_back({"www.example.org.", dns::kTypeA, dns::kClassIN, 60, dns::rdataA(a)});
    signer.secure(m, cfg, nowMs());
    QCOMPARE(int(m.answer.size()), 3);
    QCOMPARE(m.answer[2].type, std::uint16_t(dns::kTypeRRSIG));
    QCOMPARE(m.answer[2].owner, std::string("web.skydns.test."));
}

// Signature cache: a repeated RRset is a hit with the same bytes; any change of rdata is a miss
// (SkyDNS keyed on a few fields only); within 48h of expiry the signature is made again.
void TstZoneSigner::cacheHitsAndRefresh()
{
    KeyDir kd(dnssec::kEcdsaP256Sha256);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    auto b = zoneBackend();
    const std::int64_t t0 = 1700000000000;
    const dns::Message first = ask(b, cfg, "txt.skydns.test.", dns::kTypeTXT, true, &signer, t0);
    QCOMPARE(signer.cacheMisses(), 1u);
    QCOMPARE(signer.cacheHits(), 0u);
    const dns::Message second = ask(b, cfg, "txt.skydns.test.", dns::kTypeTXT, true, &signer, t0 + 60000);
    QCOMPARE(signer.cacheHits(), 1u);
    QCOMPARE(second.answer.back().rdata, first.answer.back().rdata); // ECDSA is randomised: same bytes = cached
    // Only the TXT text changes: a new signature (SkyDNS reused the stale one).
    b.put("/skydns/test/skydns/txt/1", R"({"host":"10.0.0.9","text":"changed"})");
    const dns::Message third = ask(b, cfg, "txt.skydns.test.", dns::kTypeTXT, true, &signer, t0 + 60000);
    QCOMPARE(signer.cacheMisses(), 2u);
    QVERIFY(third.answer.back().rdata != first.answer.back().rdata);
    QVERIFY2(verifyWithLdns(dns::encode(third), dnssec::dnskeyText(*kd.key, 3600), "skydns.test.", t0 / 1000).isEmpty(), "third");
    // Five days later the signature expires in less than 48h: signed again.
    const std::int64_t later = t0 + 60000 + (5 * 86400 + 1) * 1000LL; // the third signature was made at t0+60s
    const dns::Message fourth = ask(b, cfg, "txt.skydns.test.", dns::kTypeTXT, true, &signer, later);
    QCOMPARE(signer.cacheMisses(), 3u);
    QCOMPARE(be32(fourth.answer.back().rdata, 8), std::uint32_t(later / 1000 + 7 * 86400));
    QVERIFY(signer.cacheSize() >= 1);
    QCOMPARE(signer.signatures(), 3u);
}

void TstZoneSigner::cacheDisabled()
{
    KeyDir kd(dnssec::kEd25519);
    auto cfg = zoneConfig(kd.base);
    cfg.scache = 0;
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    const auto b = zoneBackend();
    for (int i = 0; i < 3; ++i)
        ask(b, cfg, "web.skydns.test.", dns::kTypeA, true, &signer, nowMs());
    QCOMPARE(signer.cacheHits(), 0u);
    QCOMPARE(signer.cacheMisses(), 3u);
    QCOMPARE(signer.cacheSize(), std::size_t(0));
}

// Round robin reorders a set between answers: the cache key is the sorted rdata, so the second
// order is a hit with the same signature (which validators accept: canonical order is sorted).
void TstZoneSigner::roundRobinOrderHitsCache()
{
    KeyDir kd(dnssec::kEcdsaP256Sha256);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    const unsigned char a1[4] = {10, 0, 0, 1}, a2[4] = {10, 0, 0, 2};
    auto message = [&](bool swapped) {
        dns::Message m;
        m.header.qr = true;
        m.question.push_back({"Web.skydns.test.", dns::kTypeA, dns::kClassIN});
        m.answer.push_back({"web.skydns.test.", dns::kTypeA, dns::kClassIN, 60, dns::rdataA(swapped ? a2 : a1)});
        m.answer.push_back({"WEB.skydns.test.", dns::kTypeA, dns::kClassIN, 60, dns::rdataA(swapped ? a1 : a2)});
        return m;
    };
    dns::Message first = message(false), second = message(true);
    const std::int64_t now = nowMs();
    signer.secure(first, cfg, now);
    signer.secure(second, cfg, now);
    QCOMPARE(countType(first.answer, dns::kTypeRRSIG), 1); // one set despite the owner's case
    QCOMPARE(signer.cacheMisses(), 1u);
    QCOMPARE(signer.cacheHits(), 1u);
    QCOMPARE(second.answer.back().rdata, first.answer.back().rdata);
    QVERIFY2(verifyWithLdns(dns::encode(second), dnssec::dnskeyText(*kd.key, 3600), "skydns.test.", now / 1000).isEmpty(), "second");
}

// secure() from several threads at once (as the service's workers call it), while the key is
// reloaded: every answer verifies.
void TstZoneSigner::concurrentSecure()
{
    KeyDir kd(dnssec::kEcdsaP256Sha256);
    auto cfg = zoneConfig(kd.base);
    cfg.scache = 20; // small: eviction runs too
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    const auto b = zoneBackend();
    const std::string dnskey = dnssec::dnskeyText(*kd.key, 3600);
    std::atomic<int> bad{0};
    const std::int64_t now = nowMs();
    auto work = [&](int seed) {
        const char *names[] = {"web.skydns.test.", "v6.skydns.test.", "txt.skydns.test.", "nx1.skydns.test.",
                               "mail.skydns.test."};
        const std::uint16_t types[] = {dns::kTypeA, dns::kTypeAAAA, dns::kTypeTXT, dns::kTypeSRV, dns::kTypeMX};
        for (int i = 0; i < 150; ++i) {
            const int k = (i + seed) % 5;
            const dns::Message m = ask(b, cfg, names[k], types[(i / 5 + seed) % 5], true, &signer, now);
            if (!verifyWithLdns(dns::encode(m), dnskey, "skydns.test.", now / 1000).isEmpty())
                ++bad;
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(work, t);
    for (int i = 0; i < 5; ++i)
        QVERIFY(signer.reload(cfg, nullptr)); // same key: cache kept, pointers stay valid
    for (auto &t : threads)
        t.join();
    QCOMPARE(bad.load(), 0);
    QVERIFY(signer.cacheHits() > 0);
}

// A new key is picked up without a restart; a bad one leaves the old key serving.
void TstZoneSigner::reloadSwapsKey()
{
    KeyDir a(dnssec::kEcdsaP256Sha256), c(dnssec::kEd25519);
    auto cfg = zoneConfig(a.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    QCOMPARE(signer.keyTag(), a.key->keyTag());
    const dns::Rr *oldDnskey = signer.dnskey();
    cfg.dnssec = c.base;
    QVERIFY(signer.reload(cfg, nullptr));
    QCOMPARE(signer.keyTag(), c.key->keyTag());
    QCOMPARE(int(signer.algorithm()), 15);
    QCOMPARE(oldDnskey->rdata, a.key->dnskeyRdata()); // still readable after the swap
    const dns::Message m = ask(zoneBackend(), cfg, "web.skydns.test.", dns::kTypeA, true, &signer, nowMs());
    QVERIFY(verifyWithLdns(dns::encode(m), dnssec::dnskeyText(*c.key, 3600), "skydns.test.", nowMs() / 1000).isEmpty());
    cfg.dnssec = c.base + ".missing";
    std::string error;
    QVERIFY(!signer.reload(cfg, &error));
    QVERIFY(error.find("cannot read") != std::string::npos);
    QCOMPARE(signer.keyTag(), c.key->keyTag());
    cfg.dnssec.clear();
    QVERIFY(signer.reload(cfg, nullptr));
    QVERIFY(!signer.hasKey());
}

void TstZoneSigner::loadZoneSignerErrors()
{
    std::string error;
    QVERIFY(!dnssec::loadZoneSigner(zoneConfig(), &error));
    QVERIFY(error.empty());
    KeyDir other(dnssec::kEd25519, "example.org.");
    QVERIFY(!dnssec::loadZoneSigner(zoneConfig(other.base), &error));
    QVERIFY2(error.find("is not the domain") != std::string::npos, error.c_str());
    KeyDir ok(dnssec::kEd25519);
    error.clear();
    auto s = dnssec::loadZoneSigner(zoneConfig(ok.base), &error);
    QVERIFY2(s && s->hasKey(), error.c_str());
}

// spec 7 with signatures: a signed answer too big for 512 bytes loses its additional section
// (OPT included) and is cut with TC over UDP; over TCP it goes whole and verifies.
void TstZoneSigner::truncationWithSignatures()
{
    KeyDir kd(dnssec::kRsaSha256);
    const auto cfg = zoneConfig(kd.base);
    dnssec::ZoneSigner signer;
    QVERIFY(signer.reload(cfg, nullptr));
    backend::MemoryBackend b = zoneBackend();
    for (int i = 0; i < 20; ++i)
        b.put("/skydns/test/skydns/big/" + std::to_string(i), "{\"host\":\"10.9.0." + std::to_string(i) + "\",\"port\":80}");
    const std::int64_t now = nowMs();
    dns::Message m = ask(b, cfg, "big.skydns.test.", dns::kTypeSRV, true, &signer, now);
    dns::Message tcp = m;
    std::string wire;
    QCOMPARE(dns::fit(m, 512, false, wire), dns::FitResult::Truncated);
    QVERIFY(wire.size() <= 512);
    QVERIFY(m.header.tc);
    QVERIFY(m.additional.empty());
    QCOMPARE(dns::fit(tcp, 65535, true, wire), dns::FitResult::Fits);
    int sigs = 0;
    QVERIFY(verifyWithLdns(wire, dnssec::dnskeyText(*kd.key, 3600), "skydns.test.", now / 1000, &sigs).isEmpty());
    QVERIFY(sigs >= 2);
}

QTEST_APPLESS_MAIN(TstZoneSigner)
#include "tst_zonesigner.moc"
