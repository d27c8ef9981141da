#pragma once

#include <QString>
#include <QStringList>

#include "dns/message.h"

#include <string>
#include <vector>

namespace skydns::test {

// Dump is a DNS message decoded by ldns (not by our parser), so a test also proves that our
// encoder writes valid wire format. Sections are zone-file lines ("owner ttl class type rdata",
// single spaces), in message order; sorted() gives them order-insensitively.
struct Dump
{
    bool ok = false;
    QString error;
    int id = 0;
    int rcode = 0;
    int opcode = 0;
    bool qr = false, aa = false, tc = false, rd = false, ra = false, ad = false, cd = false;
    QStringList question, answer, authority, additional;
    bool edns = false;
    int ednsUdpSize = 0;
    bool ednsDo = false;

    // flags is a compact header summary such as "qr aa rd ra" (set bits only, in this order:
    // qr aa tc rd ra ad cd), for one-column test expectations.
    QString flags() const;
};

// dumpWire decodes wire with ldns_wire2pkt.
Dump dumpWire(const std::string &wire);

// sorted returns a sorted copy.
QStringList sorted(QStringList lines);

// buildQuery makes a query in wire format with ldns: name, type and class mnemonics ("A", "IN"),
// RD set, optional EDNS0 with the given UDP size and DO bit, and the given id.
std::string buildQuery(const QString &name, const QString &type, const QString &cls, bool edns, bool dnssecOk,
                       int id = 4242, int udpSize = 4096);

// rrsFromText parses zone-file lines with ldns and converts them to dns::Rr through the wire
// format (so upstream answers in tests go through dns::parseMessage as real ones do). Returns false
// on a line ldns cannot parse.
bool rrsFromText(const QStringList &lines, std::vector<dns::Rr> &out, QString *error = nullptr);

} // namespace skydns::test
