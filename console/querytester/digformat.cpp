#include "querytester/digformat.h"

#include "dns/ldns.h"

#include <QRegularExpression>

#include <cstdlib>
#include <memory>

namespace skydns::console {

namespace {

struct PacketFree
{
    void operator()(ldns_pkt *p) const { ldns_pkt_free(p); }
};

QString rrText(const ldns_rr *rr)
{
    char *s = ldns_rr2str(rr);
    if (!s)
        return QStringLiteral("; (unprintable record)\n");
    const QString raw = QString::fromUtf8(s);
    std::free(s);
    // ldns separates fields with tabs; the view's tab stops are in pixels and a long owner ran into
    // its TTL. Expand them to 8-column stops here, as a terminal shows dig's output.
    QString text;
    text.reserve(raw.size() + 16);
    int column = 0;
    for (const QChar c : raw) {
        if (c == QLatin1Char('\t')) {
            const int spaces = 8 - column % 8;
            text += QString(spaces, QLatin1Char(' '));
            column += spaces;
        } else {
            text += c;
            column = c == QLatin1Char('\n') ? 0 : column + 1;
        }
    }
    if (!text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    return text;
}

QString hexDump(const QByteArray &data)
{
    QString out;
    for (int i = 0; i < data.size(); i += 16)
        out += QStringLiteral(";; %1  %2\n")
                   .arg(i, 4, 16, QLatin1Char('0'))
                   .arg(QString::fromLatin1(data.mid(i, 16).toHex(' ')));
    return out;
}

} // namespace

QString DigFormat::rcodeName(int rcode)
{
    const ldns_lookup_table *entry = ldns_lookup_by_id(ldns_rcodes, rcode);
    return entry && entry->name ? QString::fromLatin1(entry->name) : QStringLiteral("RCODE%1").arg(rcode);
}

int DigFormat::typeFromText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return -1;
    static const QRegularExpression number(QStringLiteral("^(?:TYPE)?([0-9]{1,5})$"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = number.match(t);
    if (m.hasMatch()) {
        const int v = m.captured(1).toInt();
        return v <= 65535 ? v : -1;
    }
    const int type = ldns_get_rr_type_by_name(t.toLatin1().constData());
    return type > 0 ? type : -1;
}

QString DigFormat::typeName(int type)
{
    char *s = ldns_rr_type2str(ldns_rr_type(type));
    const QString name = s ? QString::fromLatin1(s) : QStringLiteral("TYPE%1").arg(type);
    std::free(s);
    return name;
}

QString DigFormat::format(const QByteArray &answer, const DigContext &context)
{
    QString out = QStringLiteral("; <<>> SkyDNS Qt query tester <<>> %1\n").arg(context.commandLine);
    if (context.retriedOverTcp)
        out += tr(";; Truncated, retrying in TCP mode.") + QLatin1Char('\n');
    ldns_pkt *raw = nullptr;
    const ldns_status status = ldns_wire2pkt(&raw, reinterpret_cast<const uint8_t *>(answer.constData()),
                                             std::size_t(answer.size()));
    std::unique_ptr<ldns_pkt, PacketFree> pkt(raw);
    if (status != LDNS_STATUS_OK || !pkt) {
        out += tr(";; Malformed answer (%1), %2 bytes:").arg(QString::fromLatin1(ldns_get_errorstr_by_id(status)))
                   .arg(answer.size())
            + QLatin1Char('\n') + hexDump(answer);
        return out;
    }
    out += tr(";; Got answer:") + QLatin1Char('\n');
    const ldns_lookup_table *opcode = ldns_lookup_by_id(ldns_opcodes, ldns_pkt_get_opcode(pkt.get()));
    const int rcode = int(ldns_pkt_get_rcode(pkt.get())) | (ldns_pkt_edns(pkt.get()) ? int(ldns_pkt_edns_extended_rcode(pkt.get())) << 4 : 0);
    out += tr(";; ->>HEADER<<- opcode: %1, status: %2, id: %3")
               .arg(opcode && opcode->name ? QString::fromLatin1(opcode->name) : QString::number(ldns_pkt_get_opcode(pkt.get())),
                    rcodeName(rcode))
               .arg(ldns_pkt_id(pkt.get()))
        + QLatin1Char('\n');
    QStringList flags;
    const std::pair<bool, const char *> bits[] = {
        {ldns_pkt_qr(pkt.get()), "qr"}, {ldns_pkt_aa(pkt.get()), "aa"}, {ldns_pkt_tc(pkt.get()), "tc"},
        {ldns_pkt_rd(pkt.get()), "rd"}, {ldns_pkt_ra(pkt.get()), "ra"}, {ldns_pkt_ad(pkt.get()), "ad"},
        {ldns_pkt_cd(pkt.get()), "cd"}};
    for (const auto &[set, name] : bits) {
        if (set)
            flags << QString::fromLatin1(name);
    }
    // dig counts the OPT record in ADDITIONAL; ldns keeps it out of the section.
    out += tr(";; flags: %1; QUERY: %2, ANSWER: %3, AUTHORITY: %4, ADDITIONAL: %5")
               .arg(flags.join(QLatin1Char(' ')))
               .arg(ldns_pkt_qdcount(pkt.get()))
               .arg(ldns_pkt_ancount(pkt.get()))
               .arg(ldns_pkt_nscount(pkt.get()))
               .arg(ldns_pkt_arcount(pkt.get()) + (ldns_pkt_edns(pkt.get()) ? 1 : 0))
        + QLatin1Char('\n');
    if (ldns_pkt_edns(pkt.get())) {
        out += QLatin1Char('\n') + tr(";; OPT PSEUDOSECTION:") + QLatin1Char('\n');
        out += tr("; EDNS: version: %1, flags:%2; udp: %3")
                   .arg(ldns_pkt_edns_version(pkt.get()))
                   .arg(ldns_pkt_edns_do(pkt.get()) ? QStringLiteral(" do") : QString())
                   .arg(ldns_pkt_edns_udp_size(pkt.get()))
            + QLatin1Char('\n');
    }
    const std::pair<ldns_rr_list *, QString> sections[] = {
        {ldns_pkt_question(pkt.get()), tr(";; QUESTION SECTION:")},
        {ldns_pkt_answer(pkt.get()), tr(";; ANSWER SECTION:")},
        {ldns_pkt_authority(pkt.get()), tr(";; AUTHORITY SECTION:")},
        {ldns_pkt_additional(pkt.get()), tr(";; ADDITIONAL SECTION:")}};
    bool question = true;
    for (const auto &[list, title] : sections) {
        const std::size_t count = list ? ldns_rr_list_rr_count(list) : 0;
        if (count > 0) {
            out += QLatin1Char('\n') + title + QLatin1Char('\n');
            for (std::size_t i = 0; i < count; ++i)
                out += (question ? QStringLiteral(";") : QString()) + rrText(ldns_rr_list_rr(list, i));
        }
        question = false;
    }
    out += QLatin1Char('\n') + tr(";; Query time: %1 msec").arg(context.elapsedMs) + QLatin1Char('\n');
    out += tr(";; SERVER: %1#%2(%1) (%3)")
               .arg(context.server)
               .arg(context.port)
               .arg(context.tcp ? QStringLiteral("TCP") : QStringLiteral("UDP"))
        + QLatin1Char('\n');
    out += tr(";; WHEN: %1").arg(context.when.toString(Qt::RFC2822Date)) + QLatin1Char('\n');
    out += tr(";; MSG SIZE  rcvd: %1").arg(answer.size()) + QLatin1Char('\n');
    return out;
}

} // namespace skydns::console
