// Key files (issue 5): BIND .key/.private pairs for every algorithm we sign with, refused files,
// generated keys written in BIND format, key tags and DS digests against dnssec-dsfromkey and
// ldns-key2ds.

#include "keytestutil.h"

#include "dnssec/keypair.h"
#include "dnssec/keytools.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <sys/stat.h>

using namespace skydns;
using namespace skydns::test;

class TstKeyFiles final : public QObject
{
    Q_OBJECT
private slots:
    void bindKeys_data();
    void bindKeys();
    void refused_data();
    void refused();
    void plusSpaceRule();
    void generated_data();
    void generated();
    void dsMatchesTools_data();
    void dsMatchesTools();
    void unsupportedGeneration();
};

void TstKeyFiles::bindKeys_data()
{
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<bool>("ksk");
    QTest::newRow("RSASHA1 (5) ZSK") << "RSASHA1" << 5 << false;
    QTest::newRow("RSASHA1-NSEC3-SHA1 (7)") << "NSEC3RSASHA1" << 7 << true;
    QTest::newRow("RSASHA256 (8)") << "RSASHA256" << 8 << true;
    QTest::newRow("RSASHA512 (10)") << "RSASHA512" << 10 << true;
    QTest::newRow("ECDSAP256SHA256 (13)") << "ECDSAP256SHA256" << 13 << true;
    QTest::newRow("ECDSAP384SHA384 (14)") << "ECDSAP384SHA384" << 14 << false;
    QTest::newRow("ED25519 (15)") << "ED25519" << 15 << true;
}

// A dnssec-keygen pair loads; algorithm, flags, tag (from the file name) and DS agree with BIND.
void TstKeyFiles::bindKeys()
{
    QFETCH(QString, mnemonic);
    QFETCH(int, algorithm);
    QFETCH(bool, ksk);
    QTemporaryDir dir;
    const QString base = bindKeygen(dir.path(), mnemonic, QStringLiteral("Skydns.Test."), ksk, algorithm <= 10 ? 1024 : 0);
    QVERIFY(!base.isEmpty());
    std::string error;
    auto key = dnssec::loadKeyPair(base.toStdString(), "skydns.test.", &error);
    QVERIFY2(key, error.c_str());
    QCOMPARE(int(key->algorithm()), algorithm);
    QCOMPARE(int(key->flags()), ksk ? 257 : 256);
    QCOMPARE(key->owner(), std::string("skydns.test."));
    const QString tag = QFileInfo(base).fileName().section('+', 2, 2);
    QCOMPARE(int(key->keyTag()), tag.toInt());
    // The DNSKEY text we print is the record of the .key file.
    QByteArray keyFile = readAll(base + ".key");
    keyFile.replace(' ', ""); // BIND splits long keys into words
    const QString dnskey = QString::fromStdString(dnssec::dnskeyText(*key, 3600));
    const QString b64 = dnskey.section(' ', -1);
    QVERIFY2(keyFile.contains(b64.toLatin1()), qPrintable(dnskey));
    // The signature of a probe verifies with OpenSSL inside loadKeyPair; sign() must give the size
    // each algorithm defines.
    const std::string sig = key->sign("data");
    const int expect = algorithm == 13 ? 64 : algorithm == 14 ? 96 : algorithm == 15 ? 64 : 128;
    QCOMPARE(int(sig.size()), expect);
}

void TstKeyFiles::refused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("errorSubstring");
    QTest::newRow("missing .key") << "rm-key" << "cannot read DNSSEC key file";
    QTest::newRow("missing .private") << "rm-private" << "cannot read DNSSEC private key file";
    QTest::newRow("unreadable .private (empty)") << "empty-private" << "corrupt";
    QTest::newRow(".key without a DNSKEY") << "garbage-key" << "does not hold a DNSKEY";
    QTest::newRow(".private garbage") << "garbage-private" << "corrupt";
    QTest::newRow("owner is not the domain") << "other-domain" << "is not the domain";
    QTest::newRow("public key of another key") << "swap-public" << "do not match";
    QTest::newRow(".private of another algorithm") << "other-algorithm" << "is for algorithm";
    QTest::newRow("tampered RSA private exponent") << "tamper-rsa" << "corrupt";
    QTest::newRow("tampered ECDSA private key") << "tamper-ecdsa" << "do not match";
    QTest::newRow("unsupported algorithm RSAMD5 in .key") << "rsamd5" << "not supported";
}

// A missing, unreadable, mismatched or tampered key is refused with a message naming the problem.
void TstKeyFiles::refused()
{
    QFETCH(QString, damage);
    QFETCH(QString, errorSubstring);
    QTemporaryDir dir;
    const bool rsa = damage == "tamper-rsa" || damage == "other-algorithm";
    const QString base = bindKeygen(dir.path(), rsa ? "RSASHA256" : "ECDSAP256SHA256", "skydns.test.", true, rsa ? 1024 : 0);
    QVERIFY(!base.isEmpty());
    std::string domain = "skydns.test.";
    if (damage == "rm-key") {
        QVERIFY(QFile::remove(base + ".key"));
    } else if (damage == "rm-private") {
        QVERIFY(QFile::remove(base + ".private"));
    } else if (damage == "empty-private") {
        QVERIFY(writeAll(base + ".private", ""));
    } else if (damage == "garbage-key") {
        QVERIFY(writeAll(base + ".key", "; only a comment\nthis is not a record\n"));
    } else if (damage == "garbage-private") {
        QVERIFY(writeAll(base + ".private", "Private-key-format: v1.3\nAlgorithm: 13 (ECDSAP256SHA256)\nPrivateKey: !!!\n"));
    } else if (damage == "other-domain") {
        domain = "example.org.";
    } else if (damage == "swap-public") {
        const QString other = bindKeygen(dir.path(), "ECDSAP256SHA256", "skydns.test.");
        QVERIFY(writeAll(base + ".key", readAll(other + ".key")));
    } else if (damage == "other-algorithm") {
        const QString other = bindKeygen(dir.path(), "ECDSAP256SHA256", "skydns.test.");
        QVERIFY(writeAll(base + ".private", readAll(other + ".private")));
    } else if (damage == "tamper-rsa") {
        // Change the secret parts only: the public half still matches the .key. (OpenSSL signs
        // with the CRT primes and falls back to the private exponent when they are wrong, so
        // both must be damaged for the signatures to go bad.)
        QByteArray p = readAll(base + ".private");
        for (const char *field : {"PrivateExponent: ", "Prime1: "}) {
            const int at = p.indexOf(field) + int(strlen(field)) + 10;
            p[at] = p[at] == 'A' ? 'B' : 'A';
        }
        QVERIFY(writeAll(base + ".private", p));
    } else if (damage == "tamper-ecdsa") {
        QByteArray p = readAll(base + ".private");
        const int at = p.indexOf("PrivateKey: ") + 12 + 5;
        p[at] = p[at] == 'A' ? 'B' : 'A';
        QVERIFY(writeAll(base + ".private", p));
    } else if (damage == "rsamd5") {
        QByteArray k = readAll(base + ".key");
        k.replace(" 257 3 13 ", " 257 3 1 ");
        QVERIFY(writeAll(base + ".key", k));
    }
    std::string error;
    auto key = dnssec::loadKeyPair(base.toStdString(), domain, &error);
    QVERIFY(!key);
    QVERIFY2(QString::fromStdString(error).contains(errorSubstring), error.c_str());
}

// spec 1.2: etcd turns '+' into ' '; the basename is restored before the files are opened.
void TstKeyFiles::plusSpaceRule()
{
    QTemporaryDir dir;
    const QString base = bindKeygen(dir.path(), "ED25519", "skydns.test.");
    QVERIFY(base.contains('+'));
    std::string spaced = base.toStdString();
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    std::string error;
    QVERIFY2(dnssec::loadKeyPair(spaced, "skydns.test.", &error), error.c_str());
}

void TstKeyFiles::generated_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<bool>("ksk");
    QTest::newRow("RSASHA256 KSK") << 8 << true;
    QTest::newRow("RSASHA1 ZSK") << 5 << false;
    QTest::newRow("RSASHA512") << 10 << true;
    QTest::newRow("ECDSAP256SHA256 KSK") << 13 << true;
    QTest::newRow("ECDSAP384SHA384 ZSK") << 14 << false;
    QTest::newRow("ED25519 KSK") << 15 << true;
}

// Generated keys are written in BIND format (.private 0600), read back by us and by ldns and
// BIND tools with the same key tag.
void TstKeyFiles::generated()
{
    QFETCH(int, algorithm);
    QFETCH(bool, ksk);
    QTemporaryDir dir;
    std::string error;
    auto key = dnssec::generateKeyPair(algorithm, ksk, "skydns.test", &error, 1024);
    QVERIFY2(key, error.c_str());
    QCOMPARE(int(key->flags()), ksk ? 257 : 256);
    std::string base;
    QVERIFY2(dnssec::writeKeyFiles(*key, dir.path().toStdString(), &base, &error), error.c_str());
    const QString qbase = QString::fromStdString(base);
    QVERIFY(qbase.endsWith(QStringLiteral("Kskydns.test.+%1+%2").arg(algorithm, 3, 10, QChar('0')).arg(key->keyTag(), 5, 10, QChar('0'))));
    struct stat st{};
    QCOMPARE(::stat((base + ".private").c_str(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QCOMPARE(::stat((base + ".key").c_str(), &st), 0);
    QCOMPARE(int(st.st_mode & 0077) & 0022, 0); // never writable by others

    auto back = dnssec::loadKeyPair(base, "skydns.test.", &error);
    QVERIFY2(back, error.c_str());
    QCOMPARE(back->keyTag(), key->keyTag());
    QCOMPARE(back->dnskeyRdata(), key->dnskeyRdata());

    // BIND computes the same key tag from our .key file.
    const QByteArray ds = runTool("dnssec-dsfromkey", {"-2", qbase + ".key"});
    QVERIFY(!ds.isEmpty());
    QCOMPARE(ds.split(' ').value(3).toInt(), int(key->keyTag()));
    // Writing again refuses to overwrite.
    QVERIFY(!dnssec::writeKeyFiles(*key, dir.path().toStdString(), &base, &error));
    // BIND's signer reads our .private: sign a small zone with it.
    const QString zone = dir.filePath("db.skydns.test");
    QVERIFY(writeAll(zone, "skydns.test. 3600 IN SOA ns.dns.skydns.test. hostmaster.skydns.test. 1 28800 7200 604800 60\n"
                           "skydns.test. 3600 IN NS ns.dns.skydns.test.\nns.dns.skydns.test. 3600 IN A 127.0.0.1\n"));
    QVERIFY(!runTool("dnssec-signzone", {"-S", "-z", "-K", dir.path(), "-o", "skydns.test.", "-f", zone + ".signed", zone}, dir.path()).isNull());
    QVERIFY(readAll(zone + ".signed").contains("RRSIG"));
}

void TstKeyFiles::dsMatchesTools_data()
{
    QTest::addColumn<QString>("mnemonic");
    QTest::newRow("RSASHA256") << "RSASHA256";
    QTest::newRow("ECDSAP256SHA256") << "ECDSAP256SHA256";
    QTest::newRow("ECDSAP384SHA384") << "ECDSAP384SHA384";
    QTest::newRow("ED25519") << "ED25519";
}

// DS SHA-256 and SHA-384 against dnssec-dsfromkey and ldns-key2ds.
void TstKeyFiles::dsMatchesTools()
{
    QFETCH(QString, mnemonic);
    QTemporaryDir dir;
    const QString base = bindKeygen(dir.path(), mnemonic, "skydns.test.", true, mnemonic.startsWith("RSA") ? 1024 : 0);
    QVERIFY(!base.isEmpty());
    std::string error;
    auto key = dnssec::loadKeyPair(base.toStdString(), "skydns.test.", &error);
    QVERIFY2(key, error.c_str());
    for (int digest : {2, 4}) {
        const QStringList ours = QString::fromStdString(dnssec::dsText(*key, digest, 3600)).split(' ');
        QCOMPARE(ours.size(), 8);
        const QByteArray bind = runTool("dnssec-dsfromkey", {"-a", digest == 2 ? "SHA-256" : "SHA-384", base + ".key"});
        const QStringList b = QString::fromLatin1(bind).split(' ');
        QCOMPARE(b.size(), 7);
        QCOMPARE(ours.mid(4), b.mid(3)); // tag alg type digest
        const QByteArray ldns = runTool("ldns-key2ds", {"-n", digest == 2 ? "-2" : "-4", base + ".key"});
        const QStringList l = QString::fromLatin1(ldns).split(QRegularExpression("\\s+"));
        QCOMPARE(l.size(), 8);
        QCOMPARE(ours.mid(4, 3), l.mid(4, 3));
        QCOMPARE(ours.value(7), l.value(7).toUpper());
    }
    QVERIFY(dnssec::dsText(*key, 1, 3600).empty()); // SHA-1 DS is not offered
}

void TstKeyFiles::unsupportedGeneration()
{
    std::string error;
    QVERIFY(!dnssec::generateKeyPair(3, true, "skydns.test.", &error));
    QVERIFY(QString::fromStdString(error).contains("unsupported"));
    QVERIFY(!dnssec::generateKeyPair(8, true, "skydns.test.", &error, 512));
}

QTEST_APPLESS_MAIN(TstKeyFiles)
#include "tst_keyfiles.moc"
