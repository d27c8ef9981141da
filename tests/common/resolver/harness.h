#pragma once

// The table harness shared by the resolver tests: a Case is one query against a fixture with a
// config, and the whole expected reply. runCase() resolves it (two passes when the resolver asks
// for outside lookups), encodes the answer, decodes it with ldns and compares header and sections.

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace skydns::test {

// kNowMs is the clock of every case unless set: 2023-11-14 22:13:20 UTC; the SOA serial is then
// 1699999200 (truncated to the hour).
inline constexpr std::int64_t kNowMs = 1700000000000;

struct Case
{
    QString fixture = QStringLiteral("resolver-readme.json"); // under tests/data
    QString config;   // "key=value;..." over the test base config (see harness.cpp)
    QString qname;
    QString qtype = QStringLiteral("A");
    QString qclass = QStringLiteral("IN");
    QString flags;    // space separated: do edns tcp stubopt nord cd id=N opcode=N noquestion
    QString kind = QStringLiteral("answer"); // answer forward stub drop
    QString rcode = QStringLiteral("NOERROR");
    QString header = QStringLiteral("qr aa rd ra");
    QStringList answer, authority, additional; // zone-file lines; $SOA = NODATA/NXDOMAIN SOA, $SERIAL
    bool ordered = false; // compare sections in order (default: sorted)
    QStringList lookups;  // "name TYPE" the first pass must ask for (order-insensitive)
    QStringList upstream; // "name TYPE = rr | rr" or "name TYPE = FAIL"
    QStringList servers;  // forward/stub: servers in order
    QString stubZone;
    std::vector<std::uint16_t> random{1};
    std::int64_t nowMs = kNowMs;
};

// Row adds a QTest row named tag with one column "c" when it goes out of scope, so a table reads
// as a list of row("...").q(...).answer({...}); statements.
class Row
{
public:
    explicit Row(const char *tag);
    ~Row();
    Row(const Row &) = delete;
    Row &operator=(const Row &) = delete;

    Row &fixture(const QString &f) { m_c.fixture = f; return *this; }
    Row &config(const QString &c) { m_c.config = c; return *this; }
    Row &q(const QString &name, const QString &type = QStringLiteral("A"), const QString &cls = QStringLiteral("IN"))
    {
        m_c.qname = name;
        m_c.qtype = type;
        m_c.qclass = cls;
        return *this;
    }
    Row &flags(const QString &f) { m_c.flags = f; return *this; }
    Row &kind(const QString &k) { m_c.kind = k; return *this; }
    Row &rcode(const QString &r) { m_c.rcode = r; return *this; }
    Row &header(const QString &h) { m_c.header = h; return *this; }
    Row &answer(const QStringList &l) { m_c.answer = l; return *this; }
    Row &authority(const QStringList &l) { m_c.authority = l; return *this; }
    Row &additional(const QStringList &l) { m_c.additional = l; return *this; }
    Row &ordered() { m_c.ordered = true; return *this; }
    Row &lookups(const QStringList &l) { m_c.lookups = l; return *this; }
    Row &upstream(const QStringList &l) { m_c.upstream = l; return *this; }
    Row &servers(const QStringList &l) { m_c.servers = l; return *this; }
    Row &stubZone(const QString &z) { m_c.stubZone = z; return *this; }
    Row &random(std::vector<std::uint16_t> r) { m_c.random = std::move(r); return *this; }
    Row &now(std::int64_t ms) { m_c.nowMs = ms; return *this; }
    // nodata is the usual NODATA shape: no answer, the SOA in authority.
    Row &nodata() { m_c.authority = {QStringLiteral("$SOA")}; return *this; }
    // nxdomain is SkyDNS's NameError: rcode 3, AA=0, RA=0, SOA in authority.
    Row &nxdomain()
    {
        m_c.rcode = QStringLiteral("NXDOMAIN");
        m_c.header = QStringLiteral("qr rd");
        m_c.authority = {QStringLiteral("$SOA")};
        return *this;
    }

private:
    const char *m_tag;
    Case m_c;
};

// addCaseColumn declares the "c" column; call it first in every _data() function. Rows added after
// it use defaultFixture unless they name one.
void addCaseColumn(const QString &defaultFixture = QStringLiteral("resolver-readme.json"));

// runCase resolves the current row's case and compares (QCOMPARE/QVERIFY inside).
void runCase();

} // namespace skydns::test

Q_DECLARE_METATYPE(skydns::test::Case)
