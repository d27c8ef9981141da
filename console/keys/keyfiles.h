#pragma once
// The key manager's file side, without widgets: what a BIND key pair on disk says (DNSKEY, DS for
// the parent), the pairs found in a directory, and new pairs made with common/dnssec/keytools.h.

#include <QList>
#include <QString>
#include <QStringList>

namespace skydns::console {

// KeyInfo describes one BIND key pair (<basePath>.key + <basePath>.private). When the pair could
// not be read or does not verify, error says why and only basePath is meaningful.
struct KeyInfo
{
    QString basePath;   // path without extension, the value of the `dnssec` config member
    QString error;      // empty when the pair loaded and verified
    QString owner;      // "skydns.local."
    int algorithm = 0;  // DNSSEC algorithm number (13 = ECDSAP256SHA256)
    QString algorithmName;
    int keyTag = 0;
    int flags = 0;      // 256 ZSK, 257 KSK
    QString dnskey;     // the DNSKEY record in zone-file form
    QString ds256;      // the DS record for the parent, SHA-256 digest (type 2)
    QString ds384;      // the DS record for the parent, SHA-384 digest (type 4)

    // ok tells whether the pair loaded and verified.
    bool ok() const { return error.isEmpty(); }
};

// KeyAlgorithmChoice is one algorithm the key manager offers.
struct KeyAlgorithmChoice
{
    int number = 0;
    QString name; // BIND mnemonic
};

// keyAlgorithmChoices lists the algorithms generateKeyFiles accepts, ECDSAP256SHA256 first (the default).
QList<KeyAlgorithmChoice> keyAlgorithmChoices();

// kDnskeyTtl is the TTL written into the DNSKEY and DS texts shown to people (SkyDNS's default `ttl`).
inline constexpr int kDnskeyTtl = 3600;

// loadKeyInfo reads and verifies the pair at basePath (a trailing ".key" or ".private" is accepted
// and dropped). Unreadable, missing or tampered files give a KeyInfo whose error names the file.
// expectedOwner, when not empty, must be the key's owner.
KeyInfo loadKeyInfo(const QString &basePath, const QString &expectedOwner = {});

// scanKeyDirectory loads every K*.key file of directory (sorted by name); a .key without its
// .private, or one that does not verify, is listed with its error.
QList<KeyInfo> scanKeyDirectory(const QString &directory);

// generateKeyFiles makes a new key pair for zone (made fully qualified, lower-cased) and writes it
// into directory (.private owner-only). Returns the new pair's KeyInfo, or one with error set
// (unsupported algorithm, directory not writable, ...). It may take seconds for big RSA keys: call
// it off the GUI thread.
KeyInfo generateKeyFiles(const QString &directory, const QString &zone, int algorithm, bool ksk,
                         int rsaBits = 2048);

// normalizeZone makes a zone name lower-case and fully qualified ("Skydns.Local" -> "skydns.local.").
QString normalizeZone(const QString &zone);

} // namespace skydns::console

#include <QMetaType>
Q_DECLARE_METATYPE(skydns::console::KeyInfo)
