// The resolver against the worked examples of the SkyDNS README (spec/skydns-readme.txt), with the
// corrections of spec section 12. Each row is one dig from the README; fixtures tests/data/resolver-*.json.
#include "harness.h"

#include <QtTest>

using skydns::test::Row;

class TstResolver final : public QObject
{
    Q_OBJECT
private slots:
    void readme_data();
    void readme() { skydns::test::runCase(); }
};

void TstResolver::readme_data()
{
    skydns::test::addCaseColumn();

    Row("README SRV 1.rails.production.east (spec 12: weight 100, not 0)")
        .q("1.rails.production.east.skydns.local.", "SRV")
        .answer({"1.rails.production.east.skydns.local. 3600 IN SRV 10 100 8080 service1.example.com."});
    Row("README SRV with an outside target: A/AAAA looked up, TTL rcache_ttl (spec 3.3, 4.2)")
        .config("nameservers=8.8.8.8:53")
        .q("1.rails.production.east.skydns.local.", "SRV")
        .lookups({"service1.example.com. A", "service1.example.com. AAAA"})
        .upstream({"service1.example.com. A = service1.example.com. 300 IN A 192.0.2.10",
                   "service1.example.com. AAAA = FAIL"})
        .answer({"1.rails.production.east.skydns.local. 3600 IN SRV 10 100 8080 service1.example.com."})
        .additional({"service1.example.com. 60 IN A 192.0.2.10"});
    Row("README SRV east.skydns.local: subdomain, synthesised targets with glue (spec 12: weight 33)")
        .q("east.skydns.local.", "SRV")
        .answer({"east.skydns.local. 3600 IN SRV 10 33 8080 service1.example.com.",
                 "east.skydns.local. 3600 IN SRV 10 33 8080 4.rails.staging.east.skydns.local.",
                 "east.skydns.local. 3600 IN SRV 10 33 8080 6.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125",
                     "6.rails.staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README A 4.rails.staging.east")
        .q("4.rails.staging.east.skydns.local.")
        .answer({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125"});
    Row("README SRV *.east.skydns.local: wildcard (spec top: owner is the matched name, not '*')")
        .q("*.east.skydns.local.", "SRV")
        .answer({"1.rails.production.east.skydns.local. 3600 IN SRV 10 33 8080 service1.example.com.",
                 "4.rails.staging.east.skydns.local. 3600 IN SRV 10 33 8080 4.rails.staging.east.skydns.local.",
                 "6.rails.staging.east.skydns.local. 3600 IN SRV 10 33 8080 6.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125",
                     "6.rails.staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README SRV staging.*.skydns.local: wildcard in the middle")
        .q("staging.*.skydns.local.", "SRV")
        .answer({"4.rails.staging.east.skydns.local. 3600 IN SRV 10 50 8080 4.rails.staging.east.skydns.local.",
                 "6.rails.staging.east.skydns.local. 3600 IN SRV 10 50 8080 6.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125",
                     "6.rails.staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README SRV staging.any.skydns.local: 'any' is a wildcard, echoed as SkyDNS does")
        .q("staging.any.skydns.local.", "SRV")
        .answer({"staging.any.skydns.local. 3600 IN SRV 10 50 8080 4.rails.staging.east.skydns.local.",
                 "staging.any.skydns.local. 3600 IN SRV 10 50 8080 6.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125",
                     "6.rails.staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README SRV staging.east.skydns.local")
        .q("staging.east.skydns.local.", "SRV")
        .answer({"staging.east.skydns.local. 3600 IN SRV 10 50 8080 4.rails.staging.east.skydns.local.",
                 "staging.east.skydns.local. 3600 IN SRV 10 50 8080 6.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125",
                     "6.rails.staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README SRV for an IP-only service: target synthesised from the key, glue")
        .q("4.rails.staging.east.skydns.local.", "SRV")
        .answer({"4.rails.staging.east.skydns.local. 3600 IN SRV 10 100 8080 4.rails.staging.east.skydns.local."})
        .additional({"4.rails.staging.east.skydns.local. 3600 IN A 10.0.1.125"});
    Row("README TargetStrip 2 (spec 3.5: labels stripped from the left)")
        .q("4.rails.strip.skydns.local.", "SRV")
        .answer({"4.rails.strip.skydns.local. 3600 IN SRV 10 100 8080 strip.skydns.local."})
        .additional({"strip.skydns.local. 3600 IN A 10.0.1.125"});
    Row("README A staging.east.skydns.local: every IPv4 below")
        .q("staging.east.skydns.local.")
        .answer({"staging.east.skydns.local. 3600 IN A 10.0.1.125"});
    Row("README AAAA staging.east.skydns.local")
        .q("staging.east.skydns.local.", "AAAA")
        .answer({"staging.east.skydns.local. 3600 IN AAAA 2003::8:1"});
    Row("README A db.skydns.local: x1-x3")
        .q("db.skydns.local.")
        .answer({"db.skydns.local. 3600 IN A 127.0.0.1", "db.skydns.local. 3600 IN A 127.0.0.2",
                 "db.skydns.local. 3600 IN A 127.0.0.3"});
    Row("README SRV bar.skydns.local: targetstrip 1 and a self-referencing host")
        .q("bar.skydns.local.", "SRV")
        .answer({"bar.skydns.local. 3600 IN SRV 10 50 80 bar.skydns.local.",
                 "bar.skydns.local. 3600 IN SRV 10 50 443 bar.skydns.local."})
        .additional({"bar.skydns.local. 3600 IN A 192.168.0.1"});
    Row("README NS skydns.local (README's 'n1' is a typo)")
        .q("skydns.local.", "NS")
        .answer({"skydns.local. 3600 IN NS ns1.ns.dns.skydns.local."})
        .additional({"ns1.ns.dns.skydns.local. 3600 IN A 172.16.0.1"});
    Row("README PTR 125.1.0.10.in-addr.arpa: AA off")
        .q("125.1.0.10.in-addr.arpa.", "PTR")
        .header("qr rd ra")
        .answer({"125.1.0.10.in-addr.arpa. 3600 IN PTR 4.rails.staging.east.skydns.local."});
    Row("README host-local value: local.dns.skydns.local (-local names the README's key)")
        .config("local=public.addresses.local.skydns.local.")
        .q("local.dns.skydns.local.")
        .answer({"local.dns.skydns.local. 3600 IN A 192.0.2.1"});
    Row("README stub zone skydns.com: servers from stub.dns, start at id % 2")
        .config("stubzones=true")
        .q("www.skydns.com.")
        .flags("id=4243")
        .kind("stub")
        .rcode("SERVFAIL") // sent if every stub server fails (spec 5)
        .header("qr rd")
        .stubZone("skydns.com.")
        .servers({"10.10.244.1:53", "172.16.1.1:54"});
    Row("README stub zone: a stub-marked query is dropped")
        .config("stubzones=true")
        .q("skydns.com.")
        .flags("edns stubopt")
        .kind("drop");
    Row("README groups: domain.local gives a and b")
        .config("domain=domain.local.")
        .q("domain.local.")
        .answer({"domain.local. 3600 IN A 127.0.0.1", "domain.local. 3600 IN A 127.0.0.2"});
    Row("README groups: subdom.domain.local gives c and d")
        .config("domain=domain.local.")
        .q("subdom.domain.local.")
        .answer({"subdom.domain.local. 3600 IN A 127.0.0.3", "subdom.domain.local. 3600 IN A 127.0.0.4"});
    Row("README weights 120/100/130 -> 34/28/37")
        .q("weights.skydns.local.", "SRV")
        .answer({"weights.skydns.local. 3600 IN SRV 10 34 1 a.example.com.",
                 "weights.skydns.local. 3600 IN SRV 10 28 1 b.example.com.",
                 "weights.skydns.local. 3600 IN SRV 10 37 1 c.example.com."});
    Row("README CNAME chain to an internal name")
        .fixture("resolver-cname.json")
        .q("1.rails.production.east.skydns.local.")
        .ordered()
        .answer({"1.rails.production.east.skydns.local. 3600 IN CNAME service1.skydns.local.",
                 "service1.skydns.local. 3600 IN A 10.0.2.15"});
    Row("README CNAME to an external name (spec 12: upstream TTLs 60, then all 60)")
        .fixture("resolver-external.json")
        .config("nameservers=8.8.8.8:53")
        .q("1.rails.production.east.skydns.local.")
        .lookups({"www.miek.nl. A"})
        .upstream({"www.miek.nl. A = www.miek.nl. 3600 IN CNAME a.miek.nl. | a.miek.nl. 3600 IN A 176.58.119.54"})
        .ordered()
        .answer({"1.rails.production.east.skydns.local. 60 IN CNAME www.miek.nl.",
                 "www.miek.nl. 60 IN CNAME a.miek.nl.", "a.miek.nl. 60 IN A 176.58.119.54"});
}

QTEST_APPLESS_MAIN(TstResolver)
#include "tst_resolver.moc"
