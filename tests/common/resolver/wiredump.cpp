#include "wiredump.h"

#include "dns/ldns.h"
#include "dns/wire.h"

#include <algorithm>

namespace skydns::test {

namespace {

QStringList rrLines(const ldns_rr_list *list)
{
    QStringList out;
    if (!list)
        return out;
    for (size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
        char *s = ldns_rr2str(ldns_rr_list_rr(list, i));
        QString line = QString::fromLatin1(s).trimmed();
        free(s);
        line.replace(QLatin1Char('\t'), QLatin1Char(' '));
        out << line;
    }
    return out;
}

} // namespace

QString Dump::flags() const
{
    QStringList f;
    if (qr) f << QStringLiteral("qr");
    if (aa) f << QStringLiteral("aa");
    if (tc) f << QStringLiteral("tc");
    if (rd) f << QStringLiteral("rd");
    if (ra) f << QStringLiteral("ra");
    if (ad) f << QStringLiteral("ad");
    if (cd) f << QStringLiteral("cd");
    return f.join(QLatin1Char(' '));
}

Dump dumpWire(const std::string &wire)
{
    Dump d;
    ldns_pkt *pkt = nullptr;
    const ldns_status st = ldns_wire2pkt(&pkt, reinterpret_cast<const uint8_t *>(wire.data()), wire.size());
    if (st != LDNS_STATUS_OK) {
        d.error = QString::fromLatin1(ldns_get_errorstr_by_id(st));
        return d;
    }
    d.ok = true;
    d.id = ldns_pkt_id(pkt);
    d.rcode = ldns_pkt_get_rcode(pkt);
    d.opcode = ldns_pkt_get_opcode(pkt);
    d.qr = ldns_pkt_qr(pkt);
    d.aa = ldns_pkt_aa(pkt);
    d.tc = ldns_pkt_tc(pkt);
    d.rd = ldns_pkt_rd(pkt);
    d.ra = ldns_pkt_ra(pkt);
    d.ad = ldns_pkt_ad(pkt);
    d.cd = ldns_pkt_cd(pkt);
    // ldns prints question entries like RRs without TTL and rdata: keep "name class type".
    const ldns_rr_list *q = ldns_pkt_question(pkt);
    for (size_t i = 0; q && i < ldns_rr_list_rr_count(q); ++i) {
        const ldns_rr *rr = ldns_rr_list_rr(q, i);
        char *owner = ldns_rdf2str(ldns_rr_owner(rr));
        char *cls = ldns_rr_class2str(ldns_rr_get_class(rr));
        char *type = ldns_rr_type2str(ldns_rr_get_type(rr));
        d.question << QStringLiteral("%1 %2 %3").arg(QString::fromLatin1(owner), QString::fromLatin1(cls),
                                                     QString::fromLatin1(type));
        free(owner);
        free(cls);
        free(type);
    }
    d.answer = rrLines(ldns_pkt_answer(pkt));
    d.authority = rrLines(ldns_pkt_authority(pkt));
    d.additional = rrLines(ldns_pkt_additional(pkt));
    d.edns = ldns_pkt_edns(pkt);
    d.ednsUdpSize = ldns_pkt_edns_udp_size(pkt);
    d.ednsDo = ldns_pkt_edns_do(pkt);
    ldns_pkt_free(pkt);
    return d;
}

QStringList sorted(QStringList lines)
{
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::string buildQuery(const QString &name, const QString &type, const QString &cls, bool edns, bool dnssecOk,
                       int id, int udpSize)
{
    ldns_rdf *owner = nullptr;
    if (ldns_str2rdf_dname(&owner, name.toLatin1().constData()) != LDNS_STATUS_OK)
        return {};
    ldns_rr_type t = ldns_get_rr_type_by_name(type.toLatin1().constData());
    ldns_rr_class c = ldns_get_rr_class_by_name(cls.toLatin1().constData());
    ldns_pkt *pkt = ldns_pkt_query_new(owner, t, c, LDNS_RD);
    ldns_pkt_set_id(pkt, static_cast<uint16_t>(id));
    if (edns) {
        ldns_pkt_set_edns_udp_size(pkt, static_cast<uint16_t>(udpSize));
        ldns_pkt_set_edns_do(pkt, dnssecOk);
        // ldns writes an OPT record only when some EDNS field is non-zero; the udp size is.
    }
    uint8_t *buf = nullptr;
    size_t size = 0;
    std::string out;
    if (ldns_pkt2wire(&buf, pkt, &size) == LDNS_STATUS_OK)
        out.assign(reinterpret_cast<const char *>(buf), size);
    free(buf);
    ldns_pkt_free(pkt);
    return out;
}

bool rrsFromText(const QStringList &lines, std::vector<dns::Rr> &out, QString *error)
{
    ldns_pkt *pkt = ldns_pkt_new();
    ldns_pkt_set_qr(pkt, true);
    for (const QString &line : lines) {
        ldns_rr *rr = nullptr;
        const ldns_status st = ldns_rr_new_frm_str(&rr, line.toLatin1().constData(), 0, nullptr, nullptr);
        if (st != LDNS_STATUS_OK) {
            if (error)
                *error = line + QStringLiteral(": ") + QString::fromLatin1(ldns_get_errorstr_by_id(st));
            ldns_pkt_free(pkt);
            return false;
        }
        ldns_pkt_push_rr(pkt, LDNS_SECTION_ANSWER, rr);
    }
    uint8_t *buf = nullptr;
    size_t size = 0;
    bool ok = ldns_pkt2wire(&buf, pkt, &size) == LDNS_STATUS_OK;
    ldns_pkt_free(pkt);
    dns::Message m;
    ok = ok && dns::parseMessage(buf, size, m);
    free(buf);
    if (!ok) {
        if (error)
            *error = QStringLiteral("could not convert upstream records");
        return false;
    }
    out = std::move(m.answer);
    return true;
}

} // namespace skydns::test
