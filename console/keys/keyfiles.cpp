#include "keys/keyfiles.h"

#include "dnssec/keypair.h"
#include "dnssec/keytools.h"

#include <QDir>
#include <QFileInfo>

#include <memory>
#include <string>

namespace skydns::console {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// describe fills the texts people copy from a loaded, verified pair.
KeyInfo describe(const dnssec::KeyPair &key, const QString &basePath)
{
    KeyInfo info;
    info.basePath = basePath;
    info.owner = fromStd(key.owner());
    info.algorithm = key.algorithm();
    info.algorithmName = fromStd(dnssec::algorithmName(key.algorithm()));
    info.keyTag = key.keyTag();
    info.flags = key.flags();
    info.dnskey = fromStd(dnssec::dnskeyText(key, kDnskeyTtl));
    info.ds256 = fromStd(dnssec::dsText(key, 2, kDnskeyTtl));
    info.ds384 = fromStd(dnssec::dsText(key, 4, kDnskeyTtl));
    return info;
}

QString normalizeZoneOrEmpty(const QString &zone)
{
    return zone.trimmed().isEmpty() ? QString() : normalizeZone(zone);
}

} // namespace

QList<KeyAlgorithmChoice> keyAlgorithmChoices()
{
    // ECDSAP256SHA256 first: it is the default and what RFC 8624 recommends for signing.
    static const int numbers[] = {dnssec::kEcdsaP256Sha256, dnssec::kEcdsaP384Sha384, dnssec::kEd25519,
                                  dnssec::kRsaSha256,       dnssec::kRsaSha512,       dnssec::kRsaSha1Nsec3Sha1,
                                  dnssec::kRsaSha1};
    QList<KeyAlgorithmChoice> out;
    for (int n : numbers)
        out.append({n, fromStd(dnssec::algorithmName(n))});
    return out;
}

QString normalizeZone(const QString &zone)
{
    QString z = zone.trimmed().toLower();
    if (!z.endsWith(QLatin1Char('.')))
        z.append(QLatin1Char('.'));
    return z;
}

KeyInfo loadKeyInfo(const QString &basePath, const QString &expectedOwner)
{
    QString base = basePath.trimmed();
    // etcd v2 form encoding once turned '+' into ' ' (spec 1.2): loadKeyPair restores it, and the
    // path shown should be the one on disk.
    base.replace(QLatin1Char(' '), QLatin1Char('+'));
    for (const QLatin1String ext : {QLatin1String(".key"), QLatin1String(".private")})
        if (base.endsWith(ext))
            base.chop(ext.size());

    KeyInfo info;
    info.basePath = base;
    if (base.isEmpty()) {
        info.error = QObject::tr("No key file given.");
        return info;
    }
    // loadKeyPair only says "cannot read"; say which of the two files is the problem and why.
    for (const QString &path : {base + QStringLiteral(".key"), base + QStringLiteral(".private")}) {
        const QFileInfo fi(path);
        if (!fi.exists()) {
            info.error = QObject::tr("Key file %1 does not exist.").arg(path);
            return info;
        }
        if (!fi.isFile() || !fi.isReadable()) {
            info.error = QObject::tr("Key file %1 cannot be read.").arg(path);
            return info;
        }
    }
    std::string error;
    const std::unique_ptr<dnssec::KeyPair> key =
        dnssec::loadKeyPair(base.toStdString(), normalizeZoneOrEmpty(expectedOwner).toStdString(), &error);
    if (!key) {
        info.error = QObject::tr("Key %1 is not usable: %2").arg(base, fromStd(error));
        return info;
    }
    return describe(*key, base);
}

QList<KeyInfo> scanKeyDirectory(const QString &directory)
{
    QList<KeyInfo> out;
    const QDir dir(directory);
    const QStringList names = dir.entryList({QStringLiteral("K*.key")}, QDir::Files | QDir::Readable | QDir::Hidden,
                                            QDir::Name);
    for (const QString &name : names)
        out.append(loadKeyInfo(dir.filePath(name)));
    return out;
}

KeyInfo generateKeyFiles(const QString &directory, const QString &zone, int algorithm, bool ksk, int rsaBits)
{
    KeyInfo info;
    const QString owner = normalizeZone(zone);
    if (owner == QLatin1String(".") || owner.contains(QLatin1String(".."))) {
        info.error = QObject::tr("\"%1\" is not a zone name.").arg(zone);
        return info;
    }
    if (!QFileInfo(directory).isDir()) {
        info.error = QObject::tr("Key directory %1 does not exist.").arg(directory);
        return info;
    }
    std::string error;
    const std::unique_ptr<dnssec::KeyPair> key =
        dnssec::generateKeyPair(algorithm, ksk, owner.toStdString(), &error, rsaBits);
    if (!key) {
        info.error = QObject::tr("Key generation failed: %1").arg(fromStd(error));
        return info;
    }
    std::string base;
    if (!dnssec::writeKeyFiles(*key, QDir(directory).absolutePath().toStdString(), &base, &error)) {
        info.error = QObject::tr("The new key could not be written: %1").arg(fromStd(error));
        return info;
    }
    return describe(*key, fromStd(base));
}

} // namespace skydns::console
