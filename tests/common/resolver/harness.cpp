#include "harness.h"

#include "wiredump.h"

#include "backend/memorybackend.h"
#include "config/serviceconfig.h"
#include "dns/wire.h"
#include "resolver/resolver.h"

#include <QFile>
#include <QtTest>

namespace skydns::test {

namespace {

QString rcodeName(int rcode)
{
    switch (rcode) {
    case 0: return QStringLiteral("NOERROR");
    case 1: return QStringLiteral("FORMERR");
    case 2: return QStringLiteral("SERVFAIL");
    case 3: return QStringLiteral("NXDOMAIN");
    case 4: return QStringLiteral("NOTIMP");
    case 5: return QStringLiteral("REFUSED");
    default: return QString::number(rcode);
    }
}

QString kindName(resolver::ReplyKind k)
{
    switch (k) {
    case resolver::ReplyKind::Answer: return QStringLiteral("answer");
    case resolver::ReplyKind::Forward: return QStringLiteral("forward");
    case resolver::ReplyKind::Stub: return QStringLiteral("stub");
    case resolver::ReplyKind::Lookups: return QStringLiteral("lookups");
    case resolver::ReplyKind::Drop: return QStringLiteral("drop");
    }
    return {};
}

bool toBool(const QString &v)
{
    return v == QLatin1String("true") || v == QLatin1String("1");
}

// baseConfig is the config of every case: SkyDNS's defaults except round robin off, as SkyDNS's
// own Go tests run, so answers come in data order unless a row turns it on.
config::ServiceConfig makeConfig(const QString &spec, bool *synced)
{
    config::ServiceConfig c;
    c.roundRobin = false;
    c.nameservers.clear();
    const QStringList items = spec.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const int eq = item.indexOf(QLatin1Char('='));
        const QString k = item.left(eq).trimmed(), v = item.mid(eq + 1).trimmed();
        const std::string s = v.toStdString();
        if (k == QLatin1String("domain")) c.domain = s;
        else if (k == QLatin1String("local")) c.local = s;
        else if (k == QLatin1String("hostmaster")) c.hostmaster = s;
        else if (k == QLatin1String("nameservers")) {
            c.nameservers.clear();
            for (const QString &ns : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                c.nameservers.push_back(ns.toStdString());
        } else if (k == QLatin1String("no_rec")) c.noRec = toBool(v);
        else if (k == QLatin1String("ns_rotate")) c.nsRotate = toBool(v);
        else if (k == QLatin1String("round_robin")) c.roundRobin = toBool(v);
        else if (k == QLatin1String("stubzones")) c.stubzones = toBool(v);
        else if (k == QLatin1String("ndots")) c.ndots = v.toInt();
        else if (k == QLatin1String("ttl")) c.ttl = v.toUInt();
        else if (k == QLatin1String("min_ttl")) c.minTtl = v.toUInt();
        else if (k == QLatin1String("priority")) c.priority = static_cast<std::uint16_t>(v.toUInt());
        else if (k == QLatin1String("rcache_ttl")) c.rcacheTtl = v.toInt();
        else if (k == QLatin1String("synced")) *synced = toBool(v);
        else qFatal("unknown config key in test row: %s", qPrintable(k));
    }
    return c;
}

QStringList expand(QStringList lines, const config::ServiceConfig &c, std::int64_t nowMs)
{
    const QString serial = QString::number(resolver::soaSerial(nowMs));
    const QString soa = QStringLiteral("%1 %2 IN SOA ns.dns.%1 %3 %4 28800 7200 604800 %2")
                            .arg(QString::fromStdString(c.domain))
                            .arg(c.minTtl)
                            .arg(QString::fromStdString(c.hostmaster), serial);
    for (QString &l : lines) {
        l.replace(QLatin1String("$SOA"), soa);
        l.replace(QLatin1String("$SERIAL"), serial);
    }
    return lines;
}

std::unique_ptr<backend::MemoryBackend> loadFixture(const QString &name)
{
    QFile f(QStringLiteral(SKYDNS_TEST_DATA_DIR "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    auto b = std::make_unique<backend::MemoryBackend>();
    std::string error;
    if (!b->loadJson(f.readAll().toStdString(), &error)) {
        qWarning("fixture %s: %s", qPrintable(name), error.c_str());
        return nullptr;
    }
    return b;
}

} // namespace

QString &defaultFixture()
{
    static QString f;
    return f;
}

Row::Row(const char *tag)
    : m_tag(tag)
{
    m_c.fixture = defaultFixture();
}

Row::~Row()
{
    QTest::newRow(m_tag) << m_c;
}

void addCaseColumn(const QString &fixture)
{
    defaultFixture() = fixture;
    QTest::addColumn<Case>("c");
}

void runCase()
{
    QFETCH(Case, c);
    const Case &row = c;
    bool synced = true;
    const config::ServiceConfig cfg = makeConfig(row.config, &synced);
    std::unique_ptr<backend::MemoryBackend> backend = loadFixture(row.fixture);
    QVERIFY2(backend, qPrintable(QStringLiteral("cannot load fixture ") + row.fixture));
    backend->setSynced(synced);

    // The query goes through ldns and our parser, as a real one would.
    const QStringList flags = row.flags.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int id = 4242;
    for (const QString &f : flags) {
        if (f.startsWith(QLatin1String("id=")))
            id = f.mid(3).toInt();
    }
    const bool edns = flags.contains(QLatin1String("edns")) || flags.contains(QLatin1String("do"));
    const std::string wire = buildQuery(row.qname, row.qtype, row.qclass, edns, flags.contains(QLatin1String("do")), id);
    QVERIFY2(!wire.empty(), "ldns could not build the query");
    dns::Query query;
    QCOMPARE(int(dns::parseQuery(wire.data(), wire.size(), query)), int(dns::ParseStatus::Ok));
    query.tcp = flags.contains(QLatin1String("tcp"));
    if (flags.contains(QLatin1String("stubopt")))
        query.edns.stubOption = true;
    if (flags.contains(QLatin1String("nord")))
        query.header.rd = false;
    if (flags.contains(QLatin1String("cd")))
        query.header.cd = true;
    if (flags.contains(QLatin1String("noquestion")))
        query.hasQuestion = false;
    for (const QString &f : flags) {
        if (f.startsWith(QLatin1String("opcode=")))
            query.header.opcode = static_cast<std::uint8_t>(f.mid(7).toInt());
    }

    resolver::SequenceRandom random(row.random);
    resolver::Reply reply = resolver::resolve(query, *backend, cfg, row.nowMs, random);

    // Outside lookups: the first pass must ask for exactly these, the second pass must finish.
    QStringList asked;
    if (reply.kind == resolver::ReplyKind::Lookups) {
        for (const resolver::Lookup &l : reply.lookups)
            asked << QString::fromStdString(l.name) + QLatin1Char(' ') + QString::fromStdString(dns::typeName(l.type));
    }
    QCOMPARE(sorted(asked), sorted(row.lookups));
    if (reply.kind == resolver::ReplyKind::Lookups) {
        QCOMPARE(reply.lookupUdpSize, query.bufsize());
        QCOMPARE(reply.lookupDnssecOk, query.edns.dnssecOk);
        resolver::Upstream up;
        for (const QString &u : row.upstream) {
            const int eq = u.indexOf(QLatin1String(" = "));
            QVERIFY2(eq > 0, qPrintable(u));
            const QStringList key = u.left(eq).split(QLatin1Char(' '));
            const QString value = u.mid(eq + 3).trimmed();
            const std::uint16_t type = key[1] == QLatin1String("A") ? dns::kTypeA : dns::kTypeAAAA;
            if (value == QLatin1String("FAIL")) {
                up.setFailed(key[0].toStdString(), type);
                continue;
            }
            std::vector<dns::Rr> rrs;
            QString error;
            const QStringList lines = value.isEmpty() ? QStringList() : value.split(QLatin1String(" | "));
            QVERIFY2(rrsFromText(lines, rrs, &error), qPrintable(error));
            up.setAnswer(key[0].toStdString(), type, std::move(rrs));
        }
        resolver::SequenceRandom random2(row.random);
        reply = resolver::resolve(query, *backend, cfg, row.nowMs, random2, &up);
        QVERIFY2(reply.kind != resolver::ReplyKind::Lookups, "the second pass asked for more lookups");
    }

    QCOMPARE(kindName(reply.kind), row.kind);
    if (reply.kind == resolver::ReplyKind::Forward || reply.kind == resolver::ReplyKind::Stub) {
        QStringList servers;
        for (const std::string &s : reply.servers)
            servers << QString::fromStdString(s);
        QCOMPARE(servers, row.servers);
        QCOMPARE(QString::fromStdString(reply.stubZone), row.stubZone);
    }
    if (reply.kind == resolver::ReplyKind::Drop)
        return;

    const dns::Message &m = reply.message;
    // Spec 7: compression off for NXDOMAIN, SERVFAIL, REFUSED (and our FORMERR); on otherwise. The
    // CHAOS SERVFAIL (AA set) reuses SkyDNS's reply skeleton, which has compression on.
    const bool plain = m.header.rcode == dns::kRcodeNxDomain || m.header.rcode == dns::kRcodeRefused
        || m.header.rcode == dns::kRcodeFormErr || (m.header.rcode == dns::kRcodeServFail && !m.header.aa);
    QCOMPARE(m.compress, !plain);

    const Dump d = dumpWire(dns::encode(m));
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.id, id);
    QCOMPARE(rcodeName(d.rcode), row.rcode);
    QCOMPARE(d.flags(), row.header);
    if (query.hasQuestion) {
        QCOMPARE(d.question.size(), 1);
        QCOMPARE(d.question.front().section(QLatin1Char(' '), 0, 0), row.qname);
    }
    const QStringList answer = expand(row.answer, cfg, row.nowMs);
    const QStringList authority = expand(row.authority, cfg, row.nowMs);
    const QStringList additional = expand(row.additional, cfg, row.nowMs);
    if (row.ordered) {
        QCOMPARE(d.answer, answer);
        QCOMPARE(d.authority, authority);
        QCOMPARE(d.additional, additional);
    } else {
        QCOMPARE(sorted(d.answer), sorted(answer));
        QCOMPARE(sorted(d.authority), sorted(authority));
        QCOMPARE(sorted(d.additional), sorted(additional));
    }
    // No OPT record without DNSSEC (spec 6): the resolver never adds one by itself.
    QVERIFY(!d.edns);
}

} // namespace skydns::test
