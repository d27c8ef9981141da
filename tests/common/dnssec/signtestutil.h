#pragma once

// Helpers for the signing tests: a small zone in a MemoryBackend, resolve() with a signer, and an
// independent check of every RRSIG (and the NSEC3 denial) with ldns.

#include "backend/memorybackend.h"
#include "config/serviceconfig.h"
#include "dns/ldns.h"
#include "dns/wire.h"
#include "dnssec/keypair.h"
#include "dnssec/keytools.h"
#include "resolver/resolver.h"

#include <QString>
#include <QStringList>

#include <ctime>
#include <string>

namespace skydns::test {

// zoneBackend holds a few services of skydns.test.: A, AAAA, SRV, TXT, MX, an in-zone CNAME whose
// target has upper case letters, and an external CNAME.
inline backend::MemoryBackend zoneBackend()
{
    backend::MemoryBackend b;
    b.put("/skydns/test/skydns/web/1", R"({"host":"10.0.0.1","port":80})");
    b.put("/skydns/test/skydns/web/2", R"({"host":"10.0.0.2","port":8080})");
    b.put("/skydns/test/skydns/v6/1", R"({"host":"2001:db8::1"})");
    b.put("/skydns/test/skydns/txt/1", R"({"host":"10.0.0.9","text":"hello world"})");
    b.put("/skydns/test/skydns/alias/1", R"({"host":"Web.SkyDNS.test"})");
    b.put("/skydns/test/skydns/mail/1", R"({"host":"10.0.0.3","mail":true})");
    b.put("/skydns/test/skydns/dns/ns/ns1", R"({"host":"10.0.0.53"})");
    return b;
}

// zoneConfig is the service config for skydns.test. with the key basename (may be empty).
inline config::ServiceConfig zoneConfig(const std::string &keyBase = {})
{
    config::ServiceConfig c;
    c.domain = "skydns.test.";
    c.hostmaster = "hostmaster.skydns.test.";
    c.dnssec = keyBase;
    return c;
}

// ask resolves qname/qtype with DO set as given (and EDNS0 4096).
inline dns::Message ask(const backend::Backend &b, const config::ServiceConfig &c, const std::string &qname,
                        std::uint16_t qtype, bool dnssecOk, const resolver::Signer *signer, std::int64_t nowMs)
{
    dns::Query q;
    q.header.id = 4242;
    q.header.rd = true;
    q.question.name = qname;
    q.question.type = qtype;
    q.hasQuestion = true;
    q.edns.present = true;
    q.edns.udpSize = 4096;
    q.edns.dnssecOk = dnssecOk;
    resolver::SequenceRandom r({1});
    return resolver::resolve(q, b, c, nowMs, r, nullptr, signer).message;
}

// verifyWithLdns decodes wire with ldns and checks every RRSIG against dnskeyText (zone-file DNSKEY
// record) at checkTime, that every in-zone RRset other than RRSIG has one, and, for NXDOMAIN and
// NODATA, the NSEC3 proof. Returns an empty string when all is well, else what failed.
inline QString verifyWithLdns(const std::string &wire, const std::string &dnskeyText, const std::string &zone,
                              std::time_t checkTime, int *rrsigCount = nullptr)
{
    ldns_pkt *pkt = nullptr;
    if (ldns_wire2pkt(&pkt, reinterpret_cast<const uint8_t *>(wire.data()), wire.size()) != LDNS_STATUS_OK)
        return QStringLiteral("ldns cannot parse the message");
    ldns_rr *key = nullptr;
    ldns_rr_new_frm_str(&key, dnskeyText.c_str(), 0, nullptr, nullptr);
    ldns_rdf *zoneRdf = ldns_dname_new_frm_str(zone.c_str());
    QStringList problems;
    int sigs = 0;
    ldns_rr_list *allNsec3 = ldns_rr_list_new();
    ldns_rr_list *allSigs = ldns_rr_list_new();
    for (ldns_pkt_section sec : {LDNS_SECTION_ANSWER, LDNS_SECTION_AUTHORITY, LDNS_SECTION_ADDITIONAL}) {
        ldns_rr_list *list = ldns_pkt_get_section_clone(pkt, sec);
        for (size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
            ldns_rr *rr = ldns_rr_list_rr(list, i);
            char *txt = ldns_rr2str(rr);
            const QString text = QString::fromLatin1(txt).trimmed();
            free(txt);
            if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_NSEC3)
                ldns_rr_list_push_rr(allNsec3, ldns_rr_clone(rr));
            if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_RRSIG) {
                ldns_rr_list_push_rr(allSigs, ldns_rr_clone(rr));
                ++sigs;
                const ldns_rr_type covered = ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(rr));
                ldns_rr_list *set = ldns_rr_list_new();
                for (size_t j = 0; j < ldns_rr_list_rr_count(list); ++j) {
                    ldns_rr *o = ldns_rr_list_rr(list, j);
                    if (ldns_rr_get_type(o) == covered && ldns_dname_compare(ldns_rr_owner(o), ldns_rr_owner(rr)) == 0)
                        ldns_rr_list_push_rr(set, ldns_rr_clone(o));
                }
                const ldns_status st = ldns_verify_rrsig_time(set, rr, key, checkTime);
                if (st != LDNS_STATUS_OK)
                    problems << QStringLiteral("%1: %2").arg(text, QString::fromLatin1(ldns_get_errorstr_by_id(st)));
                ldns_rr_list_deep_free(set);
                continue;
            }
            if (!ldns_dname_is_subdomain(ldns_rr_owner(rr), zoneRdf) && ldns_dname_compare(ldns_rr_owner(rr), zoneRdf) != 0)
                continue;
            bool covered = false;
            for (size_t j = 0; j < ldns_rr_list_rr_count(list); ++j) {
                ldns_rr *s = ldns_rr_list_rr(list, j);
                if (ldns_rr_get_type(s) == LDNS_RR_TYPE_RRSIG
                    && ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(s)) == ldns_rr_get_type(rr)
                    && ldns_dname_compare(ldns_rr_owner(s), ldns_rr_owner(rr)) == 0)
                    covered = true;
            }
            if (!covered)
                problems << QStringLiteral("unsigned: %1").arg(text);
        }
        ldns_rr_list_deep_free(list);
    }
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(pkt);
    const bool nodata = rcode == LDNS_RCODE_NOERROR && ldns_pkt_ancount(pkt) == 0;
    if (rcode == LDNS_RCODE_NXDOMAIN || nodata) {
        ldns_rr *q = ldns_rr_clone(ldns_rr_list_rr(ldns_pkt_question(pkt), 0));
        const ldns_status st = ldns_dnssec_verify_denial_nsec3(q, allNsec3, allSigs, rcode, ldns_rr_get_type(q), nodata);
        if (st != LDNS_STATUS_OK)
            problems << QStringLiteral("denial: %1").arg(QString::fromLatin1(ldns_get_errorstr_by_id(st)));
        ldns_rr_free(q);
    }
    ldns_rr_list_deep_free(allNsec3);
    ldns_rr_list_deep_free(allSigs);
    ldns_rdf_deep_free(zoneRdf);
    ldns_rr_free(key);
    ldns_pkt_free(pkt);
    if (rrsigCount)
        *rrsigCount = sigs;
    return problems.join(QStringLiteral("; "));
}

} // namespace skydns::test
