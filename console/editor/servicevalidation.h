#pragma once
// Checks of the service editor's fields: each returns an empty string when the text is acceptable,
// else a one-line message for the field's inline error (translated).
#include <QCoreApplication>
#include <QString>

namespace skydns::console {

// ServiceValidation groups the field checks of the service editor (pure functions, no widgets).
class ServiceValidation
{
    Q_DECLARE_TR_FUNCTIONS(skydns::console::ServiceValidation)

public:
    // checkHost accepts an IPv4 address (strict dotted quad, as Go's net.ParseIP), an IPv6 address
    // (no zone) or a host name (labels of letters, digits, '-' and '_', 1-63 octets each, at most
    // 253 octets, optional trailing dot). Empty is allowed: SkyDNS then uses the name "." (spec 2.2,
    // used by TXT-only services).
    static QString checkHost(const QString &host);
    // checkDomainName accepts a service's DNS name: a host name as above, not empty and not the root.
    static QString checkDomainName(const QString &name);
    // checkNumber accepts a decimal integer in [0, max] (surrounding spaces ignored) and stores it
    // in *value; empty text is 0.
    static QString checkNumber(const QString &text, quint64 max, quint64 *value = nullptr);

    // Upper bounds of the numeric fields.
    static constexpr quint64 kMaxPort = 65535;        // SRV port
    static constexpr quint64 kMaxPriority = 65535;    // SRV priority / MX preference
    static constexpr quint64 kMaxWeight = 65535;      // SRV weight
    static constexpr quint64 kMaxTtl = 4294967295ULL; // uint32 answer TTL
    static constexpr quint64 kMaxTargetStrip = 127;   // a name has at most 127 labels
    static constexpr quint64 kMaxKeyTtl = 4294967295ULL; // etcd key TTL in seconds

private:
    static QString checkName(const QString &name, bool allowEmpty);
};

} // namespace skydns::console
