// The resolver's records by query type: spec sections 2.2-2.4 (service values, TTLs, groups) and
// 3.1-3.5 (A/AAAA and CNAME chains, SRV, MX, TXT, CNAME, NS, wildcards). Fixture:
// tests/data/resolver-spec.json, names below t.skydns.local.
#include "harness.h"

#include <QtTest>

using skydns::test::Row;

class TstRecords final : public QObject
{
    Q_OBJECT
private slots:
    void ttls_data();
    void ttls() { skydns::test::runCase(); }
    void hosts_data();
    void hosts() { skydns::test::runCase(); }
    void groups_data();
    void groups() { skydns::test::runCase(); }
    void txtCnameMx_data();
    void txtCnameMx() { skydns::test::runCase(); }
    void chains_data();
    void chains() { skydns::test::runCase(); }
    void srv_data();
    void srv() { skydns::test::runCase(); }
    void wildcards_data();
    void wildcards() { skydns::test::runCase(); }
    void ns_data();
    void ns() { skydns::test::runCase(); }
};

void TstRecords::ttls_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 2.3: no TTL anywhere -> config ttl").q("none.ttl.t.skydns.local.")
        .answer({"none.ttl.t.skydns.local. 3600 IN A 10.1.0.1"});
    Row("spec 2.3: JSON ttl above config ttl kept in a single-RR answer").q("json.ttl.t.skydns.local.")
        .answer({"json.ttl.t.skydns.local. 7200 IN A 10.1.0.2"});
    Row("spec 2.3: etcd TTL only -> remaining seconds").q("etcd.ttl.t.skydns.local.")
        .answer({"etcd.ttl.t.skydns.local. 30 IN A 10.1.0.3"});
    Row("spec 2.3: etcd TTL counts down with the clock").q("etcd.ttl.t.skydns.local.")
        .now(skydns::test::kNowMs + 10000)
        .answer({"etcd.ttl.t.skydns.local. 20 IN A 10.1.0.3"});
    Row("spec 2.3: both set -> minimum").q("both.ttl.t.skydns.local.")
        .answer({"both.ttl.t.skydns.local. 20 IN A 10.1.0.4"});
    Row("spec 2.3: etcd TTL rounded up (30.5 s -> 31)").q("roundup.ttl.t.skydns.local.")
        .answer({"roundup.ttl.t.skydns.local. 31 IN A 10.1.0.5"});
    Row("spec 2.3: multi-RR answer -> every RR gets min(config ttl, all TTLs)").q("ttl.t.skydns.local.")
        .answer({"ttl.t.skydns.local. 20 IN A 10.1.0.1", "ttl.t.skydns.local. 20 IN A 10.1.0.2",
                 "ttl.t.skydns.local. 20 IN A 10.1.0.3", "ttl.t.skydns.local. 20 IN A 10.1.0.4",
                 "ttl.t.skydns.local. 20 IN A 10.1.0.5"});
    Row("spec 2.3: multi-RR answer capped by config ttl").q("ttl.t.skydns.local.").config("ttl=10")
        .answer({"ttl.t.skydns.local. 10 IN A 10.1.0.1", "ttl.t.skydns.local. 10 IN A 10.1.0.2",
                 "ttl.t.skydns.local. 10 IN A 10.1.0.3", "ttl.t.skydns.local. 10 IN A 10.1.0.4",
                 "ttl.t.skydns.local. 10 IN A 10.1.0.5"});
    Row("expired etcd key skipped, the rest answers").q("expired.t.skydns.local.")
        .answer({"expired.t.skydns.local. 3600 IN A 10.2.0.2"});
    Row("expired leaf key -> NXDOMAIN (gone in etcd)").q("gone.expired.t.skydns.local.").nxdomain();
    Row("directory whose keys all expired -> NODATA").q("allgone.t.skydns.local.").nodata();
}

void TstRecords::hosts_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 2.2: IPv4 host -> A; IPv4-mapped IPv6 counts as IPv4").q("ip.t.skydns.local.")
        .answer({"ip.t.skydns.local. 3600 IN A 10.3.0.1", "ip.t.skydns.local. 3600 IN A 10.3.0.2"});
    Row("spec 2.2: IPv6 host -> AAAA").q("ip.t.skydns.local.", "AAAA")
        .answer({"ip.t.skydns.local. 3600 IN AAAA 2001:db8::1"});
    Row("spec 3.2: AAAA on an IPv4-only name -> NODATA").q("v4.ip.t.skydns.local.", "AAAA").nodata();
    Row("spec 3.2: A on an IPv6-only name -> NODATA").q("v6.ip.t.skydns.local.").nodata();
    Row("spec 2.2 quirk: empty host is the name '.', whose lookup reads the whole tree")
        .fixture("resolver-emptyhost.json").q("txt.a.skydns.local.").ordered()
        .answer({"txt.a.skydns.local. 3600 IN CNAME .", ". 3600 IN A 10.9.0.1"});
    Row("spec 2.2: priority 0 -> config priority 10").q("prio.t.skydns.local.", "SRV")
        .answer({"prio.t.skydns.local. 3600 IN SRV 10 100 80 a.example.com.",
                 "prio.t.skydns.local. 3600 IN SRV 20 100 80 b.example.com."});
    Row("spec 2.2: priority 0 -> configured priority").q("prio.t.skydns.local.", "SRV").config("priority=5")
        .answer({"prio.t.skydns.local. 3600 IN SRV 5 100 80 a.example.com.",
                 "prio.t.skydns.local. 3600 IN SRV 20 100 80 b.example.com."});
    Row("spec 3.3: port unset -> 0").q("noport.t.skydns.local.", "SRV")
        .answer({"noport.t.skydns.local. 3600 IN SRV 10 100 0 n.example.com."});
    Row("spec 2.2: identical services collapse, first wins (one SRV, weight 100)").q("dup.t.skydns.local.", "SRV")
        .answer({"dup.t.skydns.local. 3600 IN SRV 10 100 1 a.dup.t.skydns.local."})
        .additional({"a.dup.t.skydns.local. 3600 IN A 10.4.0.1"});
    Row("spec 2.2 fix: a malformed value is skipped, its siblings answer").q("bad.t.skydns.local.")
        .answer({"bad.t.skydns.local. 3600 IN A 10.5.0.1"});
    Row("spec 2.1: the query name is lower-cased for lookup, the owner keeps its case")
        .q("V4.IP.t.SkyDNS.local.").answer({"V4.IP.t.SkyDNS.local. 3600 IN A 10.3.0.1"});
}

void TstRecords::groups_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 2.4: group of the shortest key; services without group always kept").q("grp.t.skydns.local.")
        .answer({"grp.t.skydns.local. 3600 IN A 10.6.0.1", "grp.t.skydns.local. 3600 IN A 10.6.0.3"});
    Row("spec 2.4: a subdomain query sees its own group").q("sub.grp.t.skydns.local.")
        .answer({"sub.grp.t.skydns.local. 3600 IN A 10.6.0.2"});
    Row("spec 2.4: different groups at the shortest level -> everything").q("grp2.t.skydns.local.")
        .answer({"grp2.t.skydns.local. 3600 IN A 10.7.0.1", "grp2.t.skydns.local. 3600 IN A 10.7.0.2"});
    Row("spec 2.4: groups apply to TXT").q("txtg.t.skydns.local.", "TXT")
        .answer({"txtg.t.skydns.local. 3600 IN TXT \"in g1\""});
    Row("spec 2.4: groups do not apply to MX").q("mxg.t.skydns.local.", "MX")
        .answer({"mxg.t.skydns.local. 3600 IN MX 10 a.mxg.t.skydns.local.",
                 "mxg.t.skydns.local. 3600 IN MX 10 b.sub.mxg.t.skydns.local."})
        .additional({"a.mxg.t.skydns.local. 3600 IN A 10.8.1.1", "b.sub.mxg.t.skydns.local. 3600 IN A 10.8.1.2"});
    Row("spec 2.4: groups apply to SRV").q("grp.t.skydns.local.", "SRV")
        .answer({"grp.t.skydns.local. 3600 IN SRV 10 50 0 a.grp.t.skydns.local.",
                 "grp.t.skydns.local. 3600 IN SRV 10 50 0 c.grp.t.skydns.local."})
        .additional({"a.grp.t.skydns.local. 3600 IN A 10.6.0.1", "c.grp.t.skydns.local. 3600 IN A 10.6.0.3"});
}

void TstRecords::txtCnameMx_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    const QString x255 = QString(255, QLatin1Char('x')), x45 = QString(45, QLatin1Char('x'));
    const QString y255 = QString(255, QLatin1Char('y'));
    Row("spec 3.1: TXT").q("short.txt.t.skydns.local.", "TXT")
        .answer({"short.txt.t.skydns.local. 3600 IN TXT \"hello world\""});
    Row("spec 3.1: TXT of 300 bytes -> 255 + 45").q("long.txt.t.skydns.local.", "TXT")
        .answer({QStringLiteral("long.txt.t.skydns.local. 3600 IN TXT \"%1\" \"%2\"").arg(x255, x45)});
    Row("spec 3.1 quirk: TXT of exactly 255 bytes ends with an empty string").q("x.txt255.t.skydns.local.", "TXT")
        .answer({QStringLiteral("x.txt255.t.skydns.local. 3600 IN TXT \"%1\" \"\"").arg(y255)});
    Row("spec 3.1: TXT of a name without text -> NODATA").q("ip.t.skydns.local.", "TXT").nodata();
    Row("spec 3.1: CNAME of a leaf with a name host").q("leaf.cn.t.skydns.local.", "CNAME")
        .answer({"leaf.cn.t.skydns.local. 3600 IN CNAME target.example.com."});
    Row("spec 3.1: CNAME of a directory -> NODATA").q("cn.t.skydns.local.", "CNAME").nodata();
    Row("spec 3.1: CNAME of an IP leaf -> NODATA").q("ipleaf.cn.t.skydns.local.", "CNAME").nodata();
    Row("spec 3.1: CNAME of a missing name -> NXDOMAIN").q("nothere.cn.t.skydns.local.", "CNAME").nxdomain();
    Row("spec 3.5: CNAME with a wildcard gives nothing").q("*.cn.t.skydns.local.", "CNAME").nodata();
    Row("spec 3.4: MX: mail services only, preference = priority, glue keeps the unstripped name")
        .q("mx.t.skydns.local.", "MX")
        .answer({"mx.t.skydns.local. 3600 IN MX 5 mail.example.com.", "mx.t.skydns.local. 3600 IN MX 10 mx.t.skydns.local."})
        .additional({"m2.mx.t.skydns.local. 3600 IN A 10.8.0.1"});
    Row("spec 3.4: MX outside target: A and AAAA looked up, CNAMEs of the AAAA lookup dropped")
        .q("mx.t.skydns.local.", "MX").config("nameservers=192.0.2.1:53")
        .lookups({"mail.example.com. A", "mail.example.com. AAAA"})
        .upstream({"mail.example.com. A = mail.example.com. 300 IN A 192.0.2.25",
                   "mail.example.com. AAAA = mail.example.com. 300 IN CNAME mx.example.com. | "
                   "mx.example.com. 300 IN AAAA 2001:db8::25"})
        .answer({"mx.t.skydns.local. 3600 IN MX 5 mail.example.com.", "mx.t.skydns.local. 3600 IN MX 10 mx.t.skydns.local."})
        .additional({"m2.mx.t.skydns.local. 3600 IN A 10.8.0.1", "mail.example.com. 60 IN A 192.0.2.25",
                     "mx.example.com. 60 IN AAAA 2001:db8::25"});
    Row("spec 3.4: MX inside target: both address families in additional").q("x.mxi.t.skydns.local.", "MX")
        .answer({"x.mxi.t.skydns.local. 3600 IN MX 10 ip.t.skydns.local."})
        .additional({"ip.t.skydns.local. 3600 IN A 10.3.0.1", "ip.t.skydns.local. 3600 IN A 10.3.0.2",
                     "ip.t.skydns.local. 3600 IN AAAA 2001:db8::1"});
    Row("spec 3.4: MX of a service without mail -> NODATA").q("nomail.mx.t.skydns.local.", "MX").nodata();
    Row("spec 3.4: MX of a missing name -> NXDOMAIN").q("nothere.mx.t.skydns.local.", "MX").nxdomain();
}

void TstRecords::chains_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.2: x CNAME x is skipped").q("x.self.t.skydns.local.").nodata();
    QStringList eight;
    for (int i = 1; i <= 8; ++i)
        eight << QStringLiteral("c%1.chain.t.skydns.local. 3600 IN CNAME c%2.chain.t.skydns.local.").arg(i).arg(i + 1);
    eight << QStringLiteral("c9.chain.t.skydns.local. 3600 IN A 10.10.0.9");
    Row("spec 3.2: a chain of 8 CNAMEs is followed").q("c1.chain.t.skydns.local.").ordered().answer(eight);
    Row("spec 3.2: the 9th CNAME is not added, the chain gives nothing").q("c0.chain.t.skydns.local.").nodata();
    Row("spec 3.2: CNAME loop detected -> NODATA").q("a.loop.t.skydns.local.").nodata();
    Row("spec 3.2: internal target without records: no dangling CNAME").q("x.dang.t.skydns.local.").nodata();
    Row("spec 3.2/4.2: outside target with fewer than ndots labels is not looked up")
        .q("one.ext.t.skydns.local.").config("nameservers=192.0.2.1:53").nodata();
    Row("spec 3.2: outside target without nameservers -> NODATA").q("two.ext.t.skydns.local.").nodata();
    Row("spec 3.2: failed outside lookup -> NODATA").q("two.ext.t.skydns.local.").config("nameservers=192.0.2.1:53")
        .lookups({"www.example.org. A"}).upstream({"www.example.org. A = FAIL"}).nodata();
    Row("spec 3.2 quirk: empty NOERROR upstream answer still adds the lone CNAME")
        .q("two.ext.t.skydns.local.").config("nameservers=192.0.2.1:53")
        .lookups({"www.example.org. A"}).upstream({"www.example.org. A = "})
        .answer({"two.ext.t.skydns.local. 3600 IN CNAME www.example.org."});
    Row("spec 3.2/4.2: AAAA chain looks up AAAA; upstream TTLs -> rcache_ttl, then the multi-RR minimum")
        .q("two.ext.t.skydns.local.", "AAAA").config("nameservers=192.0.2.1:53;rcache_ttl=45")
        .lookups({"www.example.org. AAAA"}).upstream({"www.example.org. AAAA = www.example.org. 300 IN AAAA 2001:db8::80"})
        .ordered()
        .answer({"two.ext.t.skydns.local. 45 IN CNAME www.example.org.", "www.example.org. 45 IN AAAA 2001:db8::80"});
    Row("spec 3.2: addresses and a CNAME chain in one subtree").q("mixed.t.skydns.local.")
        .answer({"mixed.t.skydns.local. 3600 IN A 10.13.0.1", "mixed.t.skydns.local. 3600 IN CNAME c9.chain.t.skydns.local.",
                 "c9.chain.t.skydns.local. 3600 IN A 10.10.0.9"});
    Row("spec 3.2: round robin, 2 RRs, even id -> swapped").q("two.t.skydns.local.").config("round_robin=true")
        .random({0}).ordered()
        .answer({"two.t.skydns.local. 3600 IN A 10.14.0.2", "two.t.skydns.local. 3600 IN A 10.14.0.1"});
    Row("spec 3.2: round robin, 2 RRs, odd id -> kept").q("two.t.skydns.local.").config("round_robin=true")
        .random({1}).ordered()
        .answer({"two.t.skydns.local. 3600 IN A 10.14.0.1", "two.t.skydns.local. 3600 IN A 10.14.0.2"});
    Row("spec 3.2: round robin off keeps data order").q("two.t.skydns.local.").random({0}).ordered()
        .answer({"two.t.skydns.local. 3600 IN A 10.14.0.1", "two.t.skydns.local. 3600 IN A 10.14.0.2"});
    Row("spec 3.2: round robin of 3 RRs: id%4+1 rounds of swaps (ids 0 -> swap 0,1 three times)")
        .fixture("resolver-readme.json").q("db.skydns.local.").config("round_robin=true").random({0}).ordered()
        .answer({"db.skydns.local. 3600 IN A 127.0.0.2", "db.skydns.local. 3600 IN A 127.0.0.1",
                 "db.skydns.local. 3600 IN A 127.0.0.3"});
    Row("spec 3.2: round robin per level; a set with two CNAMEs is left alone")
        .q("c7.chain.t.skydns.local.").config("round_robin=true").random({0}).ordered()
        .answer({"c7.chain.t.skydns.local. 3600 IN CNAME c8.chain.t.skydns.local.",
                 "c9.chain.t.skydns.local. 3600 IN A 10.10.0.9",
                 "c8.chain.t.skydns.local. 3600 IN CNAME c9.chain.t.skydns.local."});
}

void TstRecords::srv_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.3: weights per priority (50/100 in prio 10 -> 33/66; prio 20 -> 100)").q("srvw.t.skydns.local.", "SRV")
        .answer({"srvw.t.skydns.local. 3600 IN SRV 10 33 1 a.example.com.",
                 "srvw.t.skydns.local. 3600 IN SRV 10 66 2 b.example.com.",
                 "srvw.t.skydns.local. 3600 IN SRV 20 100 3 c.example.com."});
    Row("spec 3.3: a one-label target is never looked up (ndots)").q("x.srvn.t.skydns.local.", "SRV")
        .config("nameservers=192.0.2.1:53")
        .answer({"x.srvn.t.skydns.local. 3600 IN SRV 10 100 80 server1."});
    Row("spec 3.3: inside target resolved through its CNAME chain into additional")
        .q("x.srvi.t.skydns.local.", "SRV")
        .answer({"x.srvi.t.skydns.local. 3600 IN SRV 10 100 5432 c9.chain.t.skydns.local."})
        .additional({"c9.chain.t.skydns.local. 3600 IN A 10.10.0.9"});
    Row("spec 3.3: inside target gives both address families").q("y.srvi.t.skydns.local.", "SRV")
        .answer({"y.srvi.t.skydns.local. 3600 IN SRV 10 100 5433 ip.t.skydns.local."})
        .additional({"ip.t.skydns.local. 3600 IN A 10.3.0.1", "ip.t.skydns.local. 3600 IN A 10.3.0.2",
                     "ip.t.skydns.local. 3600 IN AAAA 2001:db8::1"});
    Row("spec 3.3: outside target looked up once per distinct target").q("srvx.t.skydns.local.", "SRV")
        .config("nameservers=192.0.2.1:53")
        .lookups({"www.example.org. A", "www.example.org. AAAA"})
        .upstream({"www.example.org. A = www.example.org. 300 IN A 192.0.2.80", "www.example.org. AAAA = FAIL"})
        .answer({"srvx.t.skydns.local. 3600 IN SRV 10 50 1 www.example.org.",
                 "srvx.t.skydns.local. 3600 IN SRV 10 50 2 www.example.org."})
        .additional({"www.example.org. 60 IN A 192.0.2.80"});
    Row("spec 3.5: targetstrip overshooting keeps the name").q("x.over.strip.t.skydns.local.", "SRV")
        .answer({"x.over.strip.t.skydns.local. 3600 IN SRV 10 100 1 x.over.strip.t.skydns.local."})
        .additional({"x.over.strip.t.skydns.local. 3600 IN A 10.15.0.1"});
    Row("deviation: an IP-only service whose key is not a valid DNS name gets no SRV (SkyDNS cannot pack it)")
        .q("badname.t.skydns.local.", "SRV").nodata();
    Row("deviation: ... its address still answers A under the query name").q("badname.t.skydns.local.")
        .answer({"badname.t.skydns.local. 3600 IN A 10.19.0.1"});
    Row("spec 3.1: SRV of a missing name -> NXDOMAIN").q("nothere.t.skydns.local.", "SRV").nxdomain();
    Row("spec 3.1: other qtype (HINFO) of an existing name -> NODATA").q("ip.t.skydns.local.", "HINFO").nodata();
    Row("spec 3.1: other qtype of a missing name -> NXDOMAIN").q("nothere.t.skydns.local.", "HINFO").nxdomain();
    Row("spec 3.1: PTR inside the domain is 'other qtype' -> NODATA").q("ip.t.skydns.local.", "PTR").nodata();
    Row("spec 3.1: A of a missing name -> NXDOMAIN").q("nothere.t.skydns.local.").nxdomain();
    Row("spec 3.1: TXT of a missing name -> NXDOMAIN").q("nothere.t.skydns.local.", "TXT").nxdomain();
}

void TstRecords::wildcards_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.5: '*' matches one label, longer keys match too (owners are the matched names)")
        .q("*.wild.t.skydns.local.")
        .answer({"a.east.wild.t.skydns.local. 3600 IN A 10.16.0.1", "a.west.wild.t.skydns.local. 3600 IN A 10.16.0.2",
                 "b.west.wild.t.skydns.local. 3600 IN A 10.16.0.3",
                 "a.deep.south.wild.t.skydns.local. 3600 IN A 10.16.0.4"});
    Row("spec 3.5: wildcard in the middle").q("a.*.wild.t.skydns.local.")
        .answer({"a.east.wild.t.skydns.local. 3600 IN A 10.16.0.1", "a.west.wild.t.skydns.local. 3600 IN A 10.16.0.2"});
    Row("spec 3.5: 'any' is a wildcard; the owner is the query name").q("a.any.wild.t.skydns.local.")
        .answer({"a.any.wild.t.skydns.local. 3600 IN A 10.16.0.1", "a.any.wild.t.skydns.local. 3600 IN A 10.16.0.2"});
    Row("spec 3.5: several wildcards per name").q("*.*.wild.t.skydns.local.")
        .answer({"a.east.wild.t.skydns.local. 3600 IN A 10.16.0.1", "a.west.wild.t.skydns.local. 3600 IN A 10.16.0.2",
                 "b.west.wild.t.skydns.local. 3600 IN A 10.16.0.3",
                 "a.deep.south.wild.t.skydns.local. 3600 IN A 10.16.0.4"});
    Row("spec 3.5: wildcard without a match below an existing path -> NODATA").q("zzz.*.wild.t.skydns.local.").nodata();
    Row("spec 3.5: wildcard SRV owners are the matched names").q("b.*.wild.t.skydns.local.", "SRV")
        .answer({"b.west.wild.t.skydns.local. 3600 IN SRV 10 100 0 b.west.wild.t.skydns.local."})
        .additional({"b.west.wild.t.skydns.local. 3600 IN A 10.16.0.3"});
}

void TstRecords::ns_data()
{
    skydns::test::addCaseColumn(QStringLiteral("resolver-spec.json"));
    Row("spec 3.1: apex NS from ns.dns.<domain>, IPv6 and IPv4 glue").config("domain=nsv6.t.skydns.local.")
        .q("nsv6.t.skydns.local.", "NS")
        .answer({"nsv6.t.skydns.local. 3600 IN NS a.ns.dns.nsv6.t.skydns.local.",
                 "nsv6.t.skydns.local. 3600 IN NS b.ns.dns.nsv6.t.skydns.local."})
        .additional({"a.ns.dns.nsv6.t.skydns.local. 3600 IN AAAA 2001:db8::53",
                     "b.ns.dns.nsv6.t.skydns.local. 3600 IN A 10.17.0.53"});
    Row("spec 3.1: a name host under ns.dns makes the apex NS NODATA").config("domain=nsbad.t.skydns.local.")
        .q("nsbad.t.skydns.local.", "NS").nodata();
    Row("spec 3.1 quirk: no ns.dns.<domain> -> apex NS is NXDOMAIN").config("domain=t.skydns.local.")
        .q("t.skydns.local.", "NS").nxdomain();
    Row("spec 3.1: NS below the apex -> NODATA").q("ip.t.skydns.local.", "NS").nodata();
    Row("spec 3.1: NS below the apex, even for a missing name -> NODATA").q("nothere.t.skydns.local.", "NS").nodata();
    Row("spec 3.5: ns.dns.<domain> is also an ordinary name").q("ns.dns.skydns.local.")
        .answer({"ns.dns.skydns.local. 3600 IN A 172.16.0.1"});
}

QTEST_APPLESS_MAIN(TstRecords)
#include "tst_records.moc"
