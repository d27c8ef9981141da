// The order of query processing and the header bits: spec sections 3 (steps 1-9), 3.1 (SOA,
// DNSKEY, CHAOS), 3.5 (local.dns), 3.6 (PTR), 3.7 (SOA), 3.8 (dedup), 4.1 (forwarding decisions),
// 5 (stub zones) and 8 (header bits). Fixture: tests/data/resolver-spec.json unless named.
#include "harness.h"

#include <QtTest>

using skydns::test::Row;

namespace {
const char kPtr6[] = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
}

class TstDispatch final : public QObject
{
    Q_OBJECT
private slots:
    void soa_data();
    void soa() { skydns::test::runCase(); }
    void chaos_data();
    void chaos() { skydns::test::runCase(); }
    void refusedAndFormErr_data();
    void refusedAndFormErr() { skydns::test::runCase(); }
    void forwarding_data();
    void forwarding() { skydns::test::runCase(); }
    void reverse_data();
    void reverse() { skydns::test::runCase(); }
    void local_data();
    void local() { skydns::test::runCase(); }
    void stubZones_data();
    void stubZones() { skydns::test::runCase(); }
    void headerBits_data();
    void headerBits() { skydns::test::runCase(); }
    void postProcessing_data();
    void postProcessing() { skydns::test::runCase(); }
};

void TstDispatch::soa_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.7: apex SOA: MNAME ns.dns, RNAME hostmaster, 28800/7200/604800/min_ttl, TTL ttl")
        .q("skydns.local.", "SOA")
        .answer({"skydns.local. 3600 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. $SERIAL 28800 7200 604800 60"});
    Row("spec 3.7: serial = now truncated to the hour (last ms of the hour)").q("skydns.local.", "SOA")
        .now(1699999200000 + 3599999)
        .answer({"skydns.local. 3600 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. 1699999200 28800 7200 604800 60"});
    Row("spec 3.7: serial changes on the hour").q("skydns.local.", "SOA").now(1699999200000 + 3600000)
        .answer({"skydns.local. 3600 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. 1700002800 28800 7200 604800 60"});
    Row("spec 3.7: the SOA owner is the domain, whatever the query's case").q("SkyDNS.Local.", "SOA")
        .answer({"skydns.local. 3600 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. $SERIAL 28800 7200 604800 60"});
    Row("spec 3.1 quirk: apex SOA in class CH is answered (IN SOA)").q("skydns.local.", "SOA", "CH")
        .answer({"skydns.local. 3600 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. $SERIAL 28800 7200 604800 60"});
    Row("spec 1.2 quirk: RNAME hostmaster.skydns.local. whatever the domain").config("domain=example.test.")
        .q("example.test.", "SOA")
        .answer({"example.test. 3600 IN SOA ns.dns.example.test. hostmaster.skydns.local. $SERIAL 28800 7200 604800 60"});
    Row("spec 3.7: config ttl is the SOA answer TTL").config("ttl=300").q("skydns.local.", "SOA")
        .answer({"skydns.local. 300 IN SOA ns.dns.skydns.local. hostmaster.skydns.local. $SERIAL 28800 7200 604800 60"});
    Row("spec 3.1: NODATA carries the SOA with TTL min_ttl").config("min_ttl=30").q("ip.t.skydns.local.", "TXT")
        .nodata();
    Row("spec 3.1: NXDOMAIN carries the SOA with TTL min_ttl").config("min_ttl=30").q("nothere.t.skydns.local.")
        .nxdomain();
    Row("spec 3.1: apex DNSKEY without a key -> NODATA").q("skydns.local.", "DNSKEY").nodata();
    Row("spec 3.1: SOA below the apex is 'other qtype' -> NODATA").q("ip.t.skydns.local.", "SOA").nodata();
}

void TstDispatch::chaos_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    const QStringList authors = {"authors.bind. 0 CH TXT \"Erik St. Martin\"", "authors.bind. 0 CH TXT \"Brian Ketelsen\"",
                                 "authors.bind. 0 CH TXT \"Miek Gieben\"", "authors.bind. 0 CH TXT \"Michael Crosby\""};
    Row("spec 3.1: CH TXT authors.bind -> the four authors, TTL 0").q("authors.bind.", "TXT", "CH").answer(authors);
    Row("spec 3.1: the authors shuffle is dns.Id() driven (ids 1,2,3,...)").q("authors.bind.", "TXT", "CH")
        .random({1, 2, 3}).ordered()
        .answer({authors[0], authors[3], authors[1], authors[2]});
    Row("spec 3.1: CH TXT <domain> -> the authors").q("skydns.local.", "TXT", "CH")
        .answer({"skydns.local. 0 CH TXT \"Erik St. Martin\"", "skydns.local. 0 CH TXT \"Brian Ketelsen\"",
                 "skydns.local. 0 CH TXT \"Miek Gieben\"", "skydns.local. 0 CH TXT \"Michael Crosby\""});
    Row("spec 3.1: CH TXT version.bind").q("version.bind.", "TXT", "CH")
        .answer({"version.bind. 0 CH TXT \"2.5.3a\""});
    Row("spec 3.1: CH TXT version.server").q("version.server.", "TXT", "CH")
        .answer({"version.server. 0 CH TXT \"2.5.3a\""});
    Row("spec 3.1: CH TXT hostname.bind").q("hostname.bind.", "TXT", "CH")
        .answer({"hostname.bind. 0 CH TXT \"localhost\""});
    Row("spec 3.1: CH TXT id.server").q("id.server.", "TXT", "CH").answer({"id.server. 0 CH TXT \"localhost\""});
    Row("spec 3.1/8: other CH query -> SERVFAIL with AA and RA").q("version.bind.", "A", "CH")
        .rcode("SERVFAIL").header("qr aa rd ra");
    Row("spec 3.1: CH is never forwarded").q("foo.example.org.", "TXT", "CH").config("nameservers=192.0.2.1:53")
        .rcode("SERVFAIL").header("qr aa rd ra");
}

void TstDispatch::refusedAndFormErr_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3 step 2/8: ANY -> REFUSED, AA=0 RA=0 RD cleared").q("ip.t.skydns.local.", "ANY")
        .rcode("REFUSED").header("qr");
    Row("spec 3 step 2: ANY outside the domain -> REFUSED before forwarding").q("www.example.org.", "ANY")
        .config("nameservers=192.0.2.1:53").rcode("REFUSED").header("qr");
    Row("spec 2.1: backend not synced -> REFUSED").q("ip.t.skydns.local.").config("synced=false")
        .rcode("REFUSED").header("qr");
    Row("spec top fix: a query without question -> FORMERR (SkyDNS crashes)").q("ip.t.skydns.local.")
        .flags("noquestion").rcode("FORMERR").header("qr rd");
}

void TstDispatch::forwarding_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 4.1/8: outside the domain, no nameservers -> SERVFAIL with RA").q("www.example.org.")
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 4.1: outside the domain -> forward, first server = id % n").q("www.example.org.")
        .config("nameservers=192.0.2.1:53,192.0.2.2:53").flags("id=4243").kind("forward")
        .servers({"192.0.2.2:53", "192.0.2.1:53"}).rcode("SERVFAIL").header("qr rd ra");
    Row("spec 4.1: ns_rotate off -> always the first server first").q("www.example.org.")
        .config("nameservers=192.0.2.1:53,192.0.2.2:53;ns_rotate=false").flags("id=4243").kind("forward")
        .servers({"192.0.2.1:53", "192.0.2.2:53"}).rcode("SERVFAIL").header("qr rd ra");
    Row("spec 4.1/8: no_rec -> SERVFAIL, AA=0 RA=0").q("www.example.org.")
        .config("nameservers=192.0.2.1:53;no_rec=true").rcode("SERVFAIL").header("qr rd");
    Row("spec 4.1: ndots rule: a single-label name is never forwarded").q("localhost.")
        .config("nameservers=192.0.2.1:53").rcode("SERVFAIL").header("qr rd ra");
    Row("spec 4.1: ndots=3: a 2-label name is not forwarded").q("example.org.")
        .config("nameservers=192.0.2.1:53;ndots=3").rcode("SERVFAIL").header("qr rd ra");
    Row("spec 4.1: ndots=3: a 3-label name is forwarded").q("www.example.org.")
        .config("nameservers=192.0.2.1:53;ndots=3").kind("forward").servers({"192.0.2.1:53"})
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3 step 8: a name merely ending in the domain's text is outside").q("xskydns.local.")
        .config("nameservers=192.0.2.1:53").kind("forward").servers({"192.0.2.1:53"})
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3 step 8: forwarding is case-insensitive about the domain").q("IP.T.SKYDNS.LOCAL.")
        .config("nameservers=192.0.2.1:53")
        .answer({"IP.T.SKYDNS.LOCAL. 3600 IN A 10.3.0.1", "IP.T.SKYDNS.LOCAL. 3600 IN A 10.3.0.2"});
}

void TstDispatch::reverse_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.6/8: PTR from etcd: AA=0 RA=1, TTL from the service").q("1.0.3.10.in-addr.arpa.", "PTR")
        .header("qr rd ra").answer({"1.0.3.10.in-addr.arpa. 300 IN PTR v4.ip.t.skydns.local."});
    Row("spec 3.6: PTR owner keeps the query's case").q("1.0.3.10.IN-ADDR.ARPA.", "PTR")
        .header("qr rd ra").answer({"1.0.3.10.IN-ADDR.ARPA. 300 IN PTR v4.ip.t.skydns.local."});
    Row("spec 3.6: ip6.arpa PTR").q(kPtr6, "PTR").header("qr rd ra")
        .answer({QStringLiteral("%1 3600 IN PTR v6.ip.t.skydns.local.").arg(kPtr6)});
    Row("spec 3 step 7 quirk: any qtype under ip6.arpa gets the PTR").q(kPtr6, "A").header("qr rd ra")
        .answer({QStringLiteral("%1 3600 IN PTR v6.ip.t.skydns.local.").arg(kPtr6)});
    Row("spec 3 step 7: A under in-addr.arpa is not reverse: outside the domain").q("1.0.3.10.in-addr.arpa.")
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3.6: PTR miss without nameservers -> SERVFAIL with RA").q("2.0.3.10.in-addr.arpa.", "PTR")
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3.6: PTR miss -> forwarded").q("2.0.3.10.in-addr.arpa.", "PTR").config("nameservers=192.0.2.1:53")
        .kind("forward").servers({"192.0.2.1:53"}).rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3.6: PTR miss with no_rec -> SERVFAIL, RA=0").q("2.0.3.10.in-addr.arpa.", "PTR")
        .config("nameservers=192.0.2.1:53;no_rec=true").rcode("SERVFAIL").header("qr rd");
    Row("spec 3.6: PTR of a directory is not answered -> forwarding").q("9.0.3.10.in-addr.arpa.", "PTR")
        .rcode("SERVFAIL").header("qr rd ra");
    Row("spec 3.5: PTR with a wildcard is not answered -> forwarding").q("*.0.3.10.in-addr.arpa.", "PTR")
        .rcode("SERVFAIL").header("qr rd ra");
}

void TstDispatch::local_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.5: local.dns.<domain> answers from -local, owner stays the query name")
        .config("local=me.hosts.skydns.local.").q("local.dns.skydns.local.")
        .answer({"local.dns.skydns.local. 3600 IN A 10.18.0.1"});
    Row("spec 3.5: local.dns matching is case-insensitive, the owner keeps the case")
        .config("local=me.hosts.skydns.local.").q("Local.DNS.skydns.local.")
        .answer({"Local.DNS.skydns.local. 3600 IN A 10.18.0.1"});
    Row("spec 3.5: SRV for local.dns").config("local=me.hosts.skydns.local.").q("local.dns.skydns.local.", "SRV")
        .answer({"local.dns.skydns.local. 3600 IN SRV 10 100 0 me.hosts.skydns.local."})
        .additional({"me.hosts.skydns.local. 3600 IN A 10.18.0.1"});
    Row("spec 3.5: without -local, local.dns is an ordinary (missing) name").q("local.dns.skydns.local.").nxdomain();
    Row("spec 3 step 6/8 quirk: -local outside the domain -> forwarded")
        .config("local=host.example.org.;nameservers=192.0.2.1:53").q("local.dns.skydns.local.")
        .kind("forward").servers({"192.0.2.1:53"}).rcode("SERVFAIL").header("qr rd ra");
}

void TstDispatch::stubZones_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 5: stub zone servers: IP hosts only, port default 53, IPv6 bracketed")
        .config("stubzones=true").q("www.example.org.").kind("stub").stubZone("example.org.")
        .servers({"192.0.2.53:53", "[2001:db8::35]:5353"}).rcode("SERVFAIL").header("qr rd");
    Row("spec 5: the zone apex itself matches").config("stubzones=true").q("example.org.", "MX").flags("id=1")
        .kind("stub").stubZone("example.org.").servers({"[2001:db8::35]:5353", "192.0.2.53:53"})
        .rcode("SERVFAIL").header("qr rd");
    Row("spec 5: nested zones: the longest match wins").config("stubzones=true").q("a.sub.example.org.")
        .kind("stub").stubZone("sub.example.org.").servers({"192.0.2.54:53"}).rcode("SERVFAIL").header("qr rd");
    Row("spec 5: stub zones come before local data, for any class").config("stubzones=true")
        .q("www.example.org.", "TXT", "CH").kind("stub").stubZone("example.org.")
        .servers({"192.0.2.53:53", "[2001:db8::35]:5353"}).rcode("SERVFAIL").header("qr rd");
    Row("spec 5 quirk: a stub zone for the own domain takes over").config("stubzones=true")
        .q("ip.t.skydns.local.").kind("stub").stubZone("skydns.local.").servers({"192.0.2.55:53"})
        .rcode("SERVFAIL").header("qr rd");
    Row("spec 5: a stub-marked query for a stub zone is dropped").config("stubzones=true")
        .q("www.example.org.").flags("edns stubopt").kind("drop");
    Row("spec 5: a stub-marked query outside stub zones is answered").config("stubzones=true")
        .fixture("resolver-readme.json").q("db.skydns.local.").flags("edns stubopt")
        .answer({"db.skydns.local. 3600 IN A 127.0.0.1", "db.skydns.local. 3600 IN A 127.0.0.2",
                 "db.skydns.local. 3600 IN A 127.0.0.3"});
    Row("spec 5: without -stubzones the definitions are ignored").q("www.example.org.")
        .rcode("SERVFAIL").header("qr rd ra");
}

void TstDispatch::headerBits_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 8: authoritative answer: AA RA, RD copied").q("v4.ip.t.skydns.local.")
        .answer({"v4.ip.t.skydns.local. 3600 IN A 10.3.0.1"});
    Row("spec 8: RD not set in the query -> not set in the answer").q("v4.ip.t.skydns.local.").flags("nord")
        .header("qr aa ra").answer({"v4.ip.t.skydns.local. 3600 IN A 10.3.0.1"});
    Row("spec 3 step 1: CD copied").q("v4.ip.t.skydns.local.").flags("cd").header("qr aa rd ra cd")
        .answer({"v4.ip.t.skydns.local. 3600 IN A 10.3.0.1"});
    Row("spec 8: NODATA: AA RA").q("v4.ip.t.skydns.local.", "AAAA").nodata();
    Row("spec 8: NXDOMAIN: AA=0 RA=0, RD copied").q("nothere.t.skydns.local.").nxdomain();
    Row("spec 8: NXDOMAIN without RD").q("nothere.t.skydns.local.").flags("nord").nxdomain().header("qr");
    Row("spec 3 step 1: RD and CD are copied only for opcode QUERY").q("v4.ip.t.skydns.local.")
        .flags("opcode=2 cd").header("qr aa ra").answer({"v4.ip.t.skydns.local. 3600 IN A 10.3.0.1"});
    Row("spec 3.3: DO and TCP change nothing without a key").q("v4.ip.t.skydns.local.").flags("do tcp")
        .answer({"v4.ip.t.skydns.local. 3600 IN A 10.3.0.1"});
    Row("spec 4.2: lookups carry the client's bufsize and DO (over TCP: 65534)").q("two.ext.t.skydns.local.")
        .config("nameservers=192.0.2.1:53").flags("do tcp").lookups({"www.example.org. A"})
        .upstream({"www.example.org. A = FAIL"}).nodata();
}

void TstDispatch::postProcessing_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-apex.json"));
    Row("spec 3.1/3.8: apex A: the whole domain, one CNAME per owner (the last), duplicates removed")
        .q("skydns.local.")
        .answer({"1.rails.production.east.skydns.local. 3600 IN CNAME service1.skydns.local.",
                 "service1.skydns.local. 3600 IN A 10.0.2.15", "skydns.local. 3600 IN A 10.0.2.15",
                 "skydns.local. 3600 IN CNAME 1.rails.production.east.skydns.local."});
    Row("spec 3.8: duplicates in additional removed (README bar)").fixture("resolver-readme.json")
        .q("bar.skydns.local.", "SRV")
        .answer({"bar.skydns.local. 3600 IN SRV 10 50 80 bar.skydns.local.",
                 "bar.skydns.local. 3600 IN SRV 10 50 443 bar.skydns.local."})
        .additional({"bar.skydns.local. 3600 IN A 192.168.0.1"});
}

QTEST_APPLESS_MAIN(TstDispatch)
#include "tst_dispatch.moc"
