// Tests of the DNSSEC key manager: key generation for every offered algorithm (DNSKEY/DS checked
// against common/dnssec/keytools and against our own digest), tampered or unreadable key files, and
// activation/retirement through the `dnssec` member of /<prefix>/config with compare-and-swap
// against the fixture etcd through the real KvStore (v2 and v3).
#include "etcd/kvstore.h"
#include "etcd/kvstorefactory.h"
#include "keys/dnssecconfig.h"
#include "keys/keyfiles.h"
#include "keys/keymanager.h"

#include "dnssec/keypair.h"
#include "dnssec/keytools.h"

#include "etcdserver.h"
#include "views_kvwait.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace skydns::console;
using skydns::test::kvWait;
using Api = KvStoreOptions::Api;
Q_DECLARE_METATYPE(KvStoreOptions::Api)

namespace {

// lastField is the last whitespace-separated field of a record text (the digest of a DS).
QString lastField(const QString &record)
{
    return record.split(QLatin1Char(' '), Qt::SkipEmptyParts).last();
}

// RacingKvStore forwards to a real store, but writes `competing` to the key first when the key
// manager's put arrives: someone else's edit between our read and our write.
class RacingKvStore final : public KvStore
{
public:
    RacingKvStore(KvStore *inner, QByteArray competing)
        : m_inner(inner)
        , m_competing(std::move(competing))
    {
    }
    QString apiName() const override { return m_inner->apiName(); }
    void get(const QString &k, QObject *c, KvCallback d) override { m_inner->get(k, c, d); }
    void list(const QString &k, QObject *c, KvCallback d) override { m_inner->list(k, c, d); }
    void put(const QString &k, const QByteArray &v, qint64 rev, qint64 ttl, QObject *c, KvCallback d) override
    {
        KvStore *inner = m_inner;
        inner->put(k, m_competing, KvStore::AnyRevision, 0, c, [inner, k, v, rev, ttl, c, d](const KvResult &) {
            inner->put(k, v, rev, ttl, c, d);
        });
    }
    void remove(const QString &k, qint64 rev, QObject *c, KvCallback d) override { m_inner->remove(k, rev, c, d); }
    void watch(const QString &p) override { m_inner->watch(p); }
    void stopWatch() override { m_inner->stopWatch(); }

private:
    KvStore *m_inner;
    QByteArray m_competing;
};

} // namespace

class TstKeyManager final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<KvStore> makeStore(Api api) const;
    QString prefix(const char *test) const;
    KeyInfo generateWith(KeyManager &km, int algorithm);
    struct Activation;
    Activation activateNewKey(KeyManager &km);
    QByteArray readConfig(KvStore &store, const QString &key);
    void addApis();

    QString m_endpoint;
    QString m_run;
    QTemporaryDir m_keyDir;

private slots:
    void initTestCase();
    void generate_data();
    void generate();
    void brokenFiles_data();
    void brokenFiles();
    void configEdits_data();
    void configEdits();
    void activateKeepsOtherMembers_data() { addApis(); }
    void activateKeepsOtherMembers();
    void activateWithoutConfig_data() { addApis(); }
    void activateWithoutConfig();
    void activateConflictIsReported_data() { addApis(); }
    void activateConflictIsReported();
    void activateRefusesOtherZone_data() { addApis(); }
    void activateRefusesOtherZone();
    void retireKeepsFiles_data() { addApis(); }
    void retireKeepsFiles();
    void activeKeyOutsideDirectoryIsListed();
};

void TstKeyManager::initTestCase()
{
    QVERIFY(m_keyDir.isValid());
    m_endpoint = skydns::test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd CTest fixture (SKYDNS_TEST_ETCD_ENDPOINT_FILE)");
    m_run = QStringLiteral("skydns-tst-keymanager/%1-%2")
                .arg(QCoreApplication::applicationPid())
                .arg(QDateTime::currentMSecsSinceEpoch());
}

void TstKeyManager::addApis()
{
    QTest::addColumn<Api>("api");
    QTest::newRow("etcd v2") << Api::V2;
    QTest::newRow("etcd v3") << Api::V3;
}

std::unique_ptr<KvStore> TstKeyManager::makeStore(Api api) const
{
    KvStoreOptions options;
    options.api = api;
    options.machines = {m_endpoint};
    return std::unique_ptr<KvStore>(createKvStore(options));
}

QString TstKeyManager::prefix(const char *test) const
{
    QFETCH(Api, api);
    return m_run + (api == Api::V2 ? QStringLiteral("/v2/") : QStringLiteral("/v3/")) + QLatin1String(test);
}

KeyInfo TstKeyManager::generateWith(KeyManager &km, int algorithm)
{
    km.setAlgorithm(algorithm);
    km.setRsaBits(1024); // the smallest size keeps RSA rows fast; sizes are keytools' business
    QSignalSpy spy(&km, &KeyManager::generated);
    km.generate();
    if (!spy.wait(30000)) {
        KeyInfo none;
        none.error = QStringLiteral("test: no generated() within 30 s");
        return none;
    }
    return spy.takeFirst().at(0).value<KeyInfo>();
}

// Activation is what activateNewKey did: the key it made, the step that failed (empty when it got to
// operationFinished) and what operationFinished reported.
struct TstKeyManager::Activation
{
    KeyInfo key;
    QString failedStep;
    bool ok = false;
    QString message;
};

// activateNewKey is the set-up the activation tests share: generate an algorithm 13 key with km
// (prefix, zone and key directory already set), wait until the manager selects it, activate it
// and wait for the outcome.
TstKeyManager::Activation TstKeyManager::activateNewKey(KeyManager &km)
{
    Activation a;
    a.key = generateWith(km, 13);
    if (!a.key.ok()) {
        a.failedStep = QStringLiteral("generate: ") + a.key.error;
        return a;
    }
    // 5 s as the QTRY_COMPARE it replaces.
    if (!QTest::qWaitFor([&] { return km.selectedKey().basePath == a.key.basePath; }, 5000)) {
        a.failedStep = QStringLiteral("the new key %1 was not selected (selected: %2)")
                           .arg(a.key.basePath, km.selectedKey().basePath);
        return a;
    }
    QSignalSpy finished(&km, &KeyManager::operationFinished);
    km.activateSelected();
    if (!finished.wait(15000)) {
        a.failedStep = QStringLiteral("no operationFinished within 15 s");
        return a;
    }
    a.ok = finished.first().at(0).toBool();
    a.message = finished.first().at(1).toString();
    return a;
}

QByteArray TstKeyManager::readConfig(KvStore &store, const QString &key)
{
    const KvResult r = kvWait([&](QObject *c, KvCallback d) { store.get(key, c, d); });
    return r.ok() && !r.entries.isEmpty() ? r.entries.first().value : QByteArray("<" + r.message.toUtf8() + ">");
}

void TstKeyManager::generate_data()
{
    QTest::addColumn<int>("algorithm");
    for (const KeyAlgorithmChoice &c : keyAlgorithmChoices())
        QTest::newRow(qPrintable(QStringLiteral("issue 6: generate %1").arg(c.name))) << c.number;
}

void TstKeyManager::generate()
{
    QFETCH(int, algorithm);
    KeyManager km(nullptr, nullptr);
    km.setZone(QStringLiteral("Skydns.Test"));
    km.setKeyDirectory(m_keyDir.path());
    const KeyInfo key = generateWith(km, algorithm);
    QVERIFY2(key.ok(), qPrintable(key.error));
    QCOMPARE(key.algorithm, algorithm);
    QCOMPARE(key.owner, QStringLiteral("skydns.test."));
    QVERIFY(QFileInfo(key.basePath).fileName().startsWith(QStringLiteral("Kskydns.test.+")));

    // The files on disk load (and verify) with common/dnssec, and say what the widget says.
    std::string error;
    const auto pair = skydns::dnssec::loadKeyPair(key.basePath.toStdString(), "skydns.test.", &error);
    QVERIFY2(pair, error.c_str());
    QCOMPARE(key.keyTag, int(pair->keyTag()));
    QCOMPARE(key.flags, int(skydns::dnssec::kFlagsKsk));
    QCOMPARE(key.dnskey, QString::fromStdString(skydns::dnssec::dnskeyText(*pair, kDnskeyTtl)));
    QCOMPARE(key.ds256, QString::fromStdString(skydns::dnssec::dsText(*pair, 2, kDnskeyTtl)));
    QCOMPARE(key.ds384, QString::fromStdString(skydns::dnssec::dsText(*pair, 4, kDnskeyTtl)));

    // And the DS digests are RFC 4509 / 6605's: hash(owner wire form | DNSKEY rdata), computed here.
    const QByteArray signedData = QByteArray::fromStdString(pair->ownerWire() + pair->dnskeyRdata());
    QCOMPARE(lastField(key.ds256), QString::fromLatin1(QCryptographicHash::hash(signedData, QCryptographicHash::Sha256).toHex().toUpper()));
    QCOMPARE(lastField(key.ds384), QString::fromLatin1(QCryptographicHash::hash(signedData, QCryptographicHash::Sha384).toHex().toUpper()));
    QVERIFY(key.ds256.contains(QStringLiteral(" DS %1 %2 2 ").arg(key.keyTag).arg(algorithm)));
    QVERIFY(key.ds384.contains(QStringLiteral(" DS %1 %2 4 ").arg(key.keyTag).arg(algorithm)));

    // The private half is owner-only (issue 6: key files written with owner-only permissions).
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(key.basePath + QStringLiteral(".private")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));

    // The widget lists the new key, selects it and shows (and copies) its records.
    QTRY_VERIFY(!km.isBusy());
    bool listed = false;
    for (int row = 0; row < km.keysModel()->rowCount(); ++row)
        listed = listed || km.keysModel()->item(row, KeyManager::NameColumn)->text() == key.basePath;
    QVERIFY(listed);
    QCOMPARE(km.selectedKey().basePath, key.basePath);
    QVERIFY(km.detailsText().contains(key.dnskey));
    QVERIFY(km.detailsText().contains(key.ds256));
    QVERIFY(km.detailsText().contains(key.ds384));
    km.copyDs256();
    QCOMPARE(QApplication::clipboard()->text(), key.ds256);
}

void TstKeyManager::brokenFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("missing .private") << "remove-private" << ".private does not exist";
    QTest::newRow(".key is a directory") << "key-dir" << ".key cannot be read";
    QTest::newRow("DNSKEY public key altered") << "flip-key" << "not usable";
    QTest::newRow(".private from another key") << "swap-private" << "not usable";
    QTest::newRow(".key is not a DNSKEY") << "garbage-key" << "does not hold a DNSKEY";
    QTest::newRow(".private truncated") << "truncate-private" << "not usable";
}

void TstKeyManager::brokenFiles()
{
    QFETCH(QString, damage);
    QFETCH(QString, expectedError);
    QTemporaryDir dir;
    const KeyInfo a = generateKeyFiles(dir.path(), QStringLiteral("skydns.test."), 13, true);
    const KeyInfo b = generateKeyFiles(dir.path(), QStringLiteral("skydns.test."), 13, true);
    QVERIFY2(a.ok() && b.ok(), qPrintable(a.error + b.error));
    const QString key = a.basePath + QStringLiteral(".key");
    const QString priv = a.basePath + QStringLiteral(".private");
    auto readAll = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    auto writeAll = [](const QString &path, const QByteArray &data) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    };
    if (damage == QLatin1String("remove-private")) {
        QVERIFY(QFile::remove(priv));
    } else if (damage == QLatin1String("key-dir")) {
        QVERIFY(QFile::remove(key));
        QVERIFY(QDir().mkdir(key));
    } else if (damage == QLatin1String("flip-key")) {
        QByteArray text = readAll(key);
        const qsizetype pos = text.lastIndexOf(' ') + 10; // inside the base64 public key
        text[pos] = text[pos] == 'A' ? 'B' : 'A';
        QVERIFY(writeAll(key, text));
    } else if (damage == QLatin1String("swap-private")) {
        QVERIFY(writeAll(priv, readAll(b.basePath + QStringLiteral(".private"))));
    } else if (damage == QLatin1String("garbage-key")) {
        QVERIFY(writeAll(key, "this is not a key\n"));
    } else if (damage == QLatin1String("truncate-private")) {
        QVERIFY(writeAll(priv, readAll(priv).left(40)));
    }
    const KeyInfo loaded = loadKeyInfo(a.basePath);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.contains(expectedError), qPrintable(loaded.error));
    QVERIFY2(loaded.error.contains(QFileInfo(a.basePath).fileName()), qPrintable(loaded.error)); // names the file

    // The directory listing shows the broken pair with its error next to the good one, and the
    // widget will not activate it.
    const QList<KeyInfo> listed = scanKeyDirectory(dir.path());
    bool sawBroken = false, sawGood = false;
    for (const KeyInfo &k : listed) {
        sawBroken = sawBroken || (k.basePath == a.basePath && !k.ok());
        sawGood = sawGood || (k.basePath == b.basePath && k.ok());
    }
    if (damage != QLatin1String("key-dir")) // a directory named *.key is not a key file to list
        QVERIFY(sawBroken);
    QVERIFY(sawGood);
    KeyManager km(nullptr, nullptr);
    km.setKeyDirectory(dir.path());
    km.selectKey(a.basePath);
    QSignalSpy finished(&km, &KeyManager::operationFinished);
    km.activateSelected();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
}

void TstKeyManager::configEdits_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<bool>("activate");
    QTest::addColumn<QByteArray>("after"); // "" = refused
    QTest::newRow("spec 1.2: dnssec added, members and order kept")
        << QByteArray(R"({"domain":"skydns.test.","ttl":60,"read_timeout":2000000000,"nameservers":["8.8.8.8:53"]})") << true
        << QByteArray(R"({"domain":"skydns.test.","ttl":60,"read_timeout":2000000000,"nameservers":["8.8.8.8:53"],"dnssec":"/k/Kx+013+00001"})");
    QTest::newRow("spec 1.2: dnssec replaced in place")
        << QByteArray(R"({"dnssec":"/old","ttl":60})") << true << QByteArray(R"({"dnssec":"/k/Kx+013+00001","ttl":60})");
    QTest::newRow("spec 1.1: Go matches keys case-insensitively, other spellings dropped")
        << QByteArray(R"({"DNSSEC":"/old","ttl":60,"DnsSec":"/older"})") << true
        << QByteArray(R"({"ttl":60,"dnssec":"/k/Kx+013+00001"})");
    QTest::newRow("no config yet") << QByteArray() << true << QByteArray(R"({"dnssec":"/k/Kx+013+00001"})");
    QTest::newRow("invalid JSON refused") << QByteArray(R"({"ttl":60,)") << true << QByteArray();
    QTest::newRow("not an object refused") << QByteArray(R"(["dnssec"])") << true << QByteArray();
    QTest::newRow("retire: every spelling removed, others kept")
        << QByteArray(R"({"domain":"skydns.test.","Dnssec":"/a","ttl":60,"dnssec":"/b"})") << false
        << QByteArray(R"({"domain":"skydns.test.","ttl":60})");
    QTest::newRow("retire: invalid JSON refused") << QByteArray("nope") << false << QByteArray();
}

void TstKeyManager::configEdits()
{
    QFETCH(QByteArray, before);
    QFETCH(bool, activate);
    QFETCH(QByteArray, after);
    QString error;
    const std::optional<QByteArray> result = activate
        ? dnssecconfig::withDnssec(before, QStringLiteral("/k/Kx+013+00001"), &error)
        : dnssecconfig::withoutDnssec(before, &error);
    if (after.isEmpty()) {
        QVERIFY(!result);
        QVERIFY(error.contains(QStringLiteral("left unchanged")));
    } else {
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(*result, after);
        QCOMPARE(dnssecconfig::dnssecMember(*result), activate ? QStringLiteral("/k/Kx+013+00001") : QString());
    }
}

void TstKeyManager::activateKeepsOtherMembers()
{
    QFETCH(Api, api);
    const std::unique_ptr<KvStore> store = makeStore(api);
    const QString pre = prefix("keep");
    const QString configKey = QLatin1Char('/') + pre + QStringLiteral("/config");
    const QByteArray config = R"({"domain":"skydns.test.","ttl":60,"read_timeout":2000000000,"nameservers":["127.0.0.1:5353"],"no_rec":true})";
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { store->put(configKey, config, KvStore::AnyRevision, 0, c, d); }).ok());

    KeyManager km(store.get(), nullptr);
    km.setPathPrefix(pre);
    km.setZone(QStringLiteral("skydns.test."));
    QCOMPARE(km.configKey(), configKey);
    QSignalSpy refreshed(&km, &KeyManager::refreshed);
    km.setKeyDirectory(m_keyDir.path());
    QVERIFY(refreshed.wait(15000));
    QCOMPARE(km.activeKey(), QString());
    const Activation a = activateNewKey(km);
    QVERIFY2(a.failedStep.isEmpty(), qPrintable(a.failedStep));
    QVERIFY2(a.ok, qPrintable(a.message));
    const KeyInfo &key = a.key;
    // Without an admin connection the user is told how the service picks the change up.
    QVERIFY2(km.statusText().contains(QStringLiteral("No admin connection")), qPrintable(km.statusText()));
    QCOMPARE(km.activeKey(), key.basePath);

    const QJsonObject written = QJsonDocument::fromJson(readConfig(*store, configKey)).object();
    QJsonObject expected = QJsonDocument::fromJson(config).object();
    expected.insert(QStringLiteral("dnssec"), key.basePath);
    QCOMPARE(written, expected);
    // The value is one the service accepts: loadKeyPair reads the pair it names.
    std::string error;
    QVERIFY2(skydns::dnssec::loadKeyPair(written.value(QStringLiteral("dnssec")).toString().toStdString(),
                                         "skydns.test.", &error),
             error.c_str());
}

void TstKeyManager::activateWithoutConfig()
{
    QFETCH(Api, api);
    const std::unique_ptr<KvStore> store = makeStore(api);
    const QString pre = prefix("noconfig");
    KeyManager km(store.get(), nullptr);
    km.setPathPrefix(pre);
    km.setZone(QStringLiteral("skydns.test."));
    km.setKeyDirectory(m_keyDir.path());
    const Activation a = activateNewKey(km);
    QVERIFY2(a.failedStep.isEmpty(), qPrintable(a.failedStep));
    QVERIFY2(a.ok, qPrintable(a.message));
    QCOMPARE(QJsonDocument::fromJson(readConfig(*store, km.configKey())).object(),
             QJsonObject({{QStringLiteral("dnssec"), a.key.basePath}}));
}

void TstKeyManager::activateConflictIsReported()
{
    QFETCH(Api, api);
    const std::unique_ptr<KvStore> real = makeStore(api);
    const QString pre = prefix("conflict");
    const QString configKey = QLatin1Char('/') + pre + QStringLiteral("/config");
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { real->put(configKey, R"({"ttl":60})", KvStore::AnyRevision, 0, c, d); }).ok());
    const QByteArray competing = R"({"ttl":30,"domain":"skydns.test."})";
    RacingKvStore racing(real.get(), competing);

    KeyManager km(&racing, nullptr);
    km.setPathPrefix(pre);
    km.setZone(QStringLiteral("skydns.test."));
    km.setKeyDirectory(m_keyDir.path());
    const Activation a = activateNewKey(km);
    QVERIFY2(a.failedStep.isEmpty(), qPrintable(a.failedStep));
    QCOMPARE(a.ok, false);
    QVERIFY2(a.message.contains(QStringLiteral("changed by someone else")), qPrintable(a.message));
    QCOMPARE(km.statusText(), a.message);
    // The other edit stands: nothing was overwritten.
    QCOMPARE(readConfig(*real, configKey), competing);
}

void TstKeyManager::activateRefusesOtherZone()
{
    QFETCH(Api, api);
    const std::unique_ptr<KvStore> store = makeStore(api);
    const QString pre = prefix("otherzone");
    const QString configKey = QLatin1Char('/') + pre + QStringLiteral("/config");
    const QByteArray config = R"({"domain":"example.org."})";
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { store->put(configKey, config, KvStore::AnyRevision, 0, c, d); }).ok());
    KeyManager km(store.get(), nullptr);
    km.setPathPrefix(pre);
    km.setZone(QStringLiteral("skydns.test."));
    km.setKeyDirectory(m_keyDir.path());
    const Activation a = activateNewKey(km);
    QVERIFY2(a.failedStep.isEmpty(), qPrintable(a.failedStep));
    QCOMPARE(a.ok, false);
    QVERIFY2(a.message.contains(QStringLiteral("example.org.")), qPrintable(a.message));
    QCOMPARE(readConfig(*store, configKey), config);
}

void TstKeyManager::retireKeepsFiles()
{
    QFETCH(Api, api);
    const std::unique_ptr<KvStore> store = makeStore(api);
    const QString pre = prefix("retire");
    const QString configKey = QLatin1Char('/') + pre + QStringLiteral("/config");
    const KeyInfo key = generateKeyFiles(m_keyDir.path(), QStringLiteral("skydns.test."), 14, true);
    QVERIFY2(key.ok(), qPrintable(key.error));
    const QByteArray config = R"({"domain":"skydns.test.","dnssec":")" + key.basePath.toUtf8() + R"(","ttl":60})";
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { store->put(configKey, config, KvStore::AnyRevision, 0, c, d); }).ok());

    KeyManager km(store.get(), nullptr);
    km.setPathPrefix(pre);
    QSignalSpy refreshed(&km, &KeyManager::refreshed);
    km.setKeyDirectory(m_keyDir.path());
    QVERIFY(refreshed.wait(15000));
    QCOMPARE(km.activeKey(), key.basePath);
    QSignalSpy finished(&km, &KeyManager::operationFinished);
    km.retireActive();
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(km.activeKey(), QString());
    QCOMPARE(QJsonDocument::fromJson(readConfig(*store, configKey)).object(),
             QJsonObject({{QStringLiteral("domain"), QStringLiteral("skydns.test.")}, {QStringLiteral("ttl"), 60}}));
    QVERIFY(QFile::exists(key.basePath + QStringLiteral(".key")));
    QVERIFY(QFile::exists(key.basePath + QStringLiteral(".private")));
}

void TstKeyManager::activeKeyOutsideDirectoryIsListed()
{
    const std::unique_ptr<KvStore> store = makeStore(Api::V2);
    const QString pre = m_run + QStringLiteral("/outside");
    const QString configKey = QLatin1Char('/') + pre + QStringLiteral("/config");
    QTemporaryDir elsewhere;
    const KeyInfo key = generateKeyFiles(elsewhere.path(), QStringLiteral("skydns.test."), 15, false);
    QVERIFY2(key.ok(), qPrintable(key.error));
    // etcd v2 form encoding once turned '+' into ' ' (spec 1.2): such a value still names the pair.
    QString stored = key.basePath;
    stored.replace(QLatin1Char('+'), QLatin1Char(' '));
    const QByteArray config = R"({"dnssec":")" + stored.toUtf8() + R"("})";
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { store->put(configKey, config, KvStore::AnyRevision, 0, c, d); }).ok());
    QTemporaryDir emptyDir;
    KeyManager km(store.get(), nullptr);
    km.setPathPrefix(pre);
    QSignalSpy refreshed(&km, &KeyManager::refreshed);
    km.setKeyDirectory(emptyDir.path());
    QVERIFY(refreshed.wait(15000));
    QCOMPARE(km.keys().size(), 1);
    QCOMPARE(km.keys().first().basePath, key.basePath);
    QVERIFY(km.keys().first().ok());
    QCOMPARE(km.keysModel()->item(0, KeyManager::StateColumn)->text(), QStringLiteral("Active"));
    QCOMPARE(km.keysModel()->item(0, KeyManager::FlagsColumn)->text(), QStringLiteral("ZSK"));

    // A config naming files that are not on this machine is listed with the reason.
    QVERIFY(kvWait([&](QObject *c, KvCallback d) { store->put(configKey, R"({"dnssec":"/nonexistent/Kx.+013+00001"})", KvStore::AnyRevision, 0, c, d); }).ok());
    km.refresh();
    QVERIFY(refreshed.wait(15000));
    QCOMPARE(km.keys().size(), 1);
    QVERIFY(!km.keys().first().ok());
    QVERIFY(km.keys().first().error.contains(QStringLiteral("does not exist")));
    QCOMPARE(km.keysModel()->item(0, KeyManager::StateColumn)->text(), QStringLiteral("Active, unusable"));
}

QTEST_MAIN(TstKeyManager)
#include "tst_keymanager.moc"
