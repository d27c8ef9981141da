// Tests of the console's register dialog (console/discovery/registerdialog) against the fixture etcd
// over both APIs: what it writes is what `skydns register` writes (SKYDNS-BEHAVIOUR.md 2.1 key and
// JSON), invalid input keeps Register disabled with a message, and an existing key is never
// replaced without the user's Replace (compare-and-swap on the version shown).
#include "discovery/registerdialog.h"
#include "etcd/kvstore.h"
#include "etcd/kvstorefactory.h"
#include "etcdserver.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace skydns::console;

Q_DECLARE_METATYPE(KvStoreOptions::Api)

namespace {

KvResult blockingGet(KvStore &store, const QString &key)
{
    KvResult out;
    bool done = false;
    QObject context;
    store.get(key, &context, [&](const KvResult &r) {
        out = r;
        done = true;
    });
    QTest::qWaitFor([&] { return done; }, 10000);
    return out;
}

KvResult blockingPut(KvStore &store, const QString &key, const QByteArray &value)
{
    KvResult out;
    bool done = false;
    QObject context;
    store.put(key, value, KvStore::AnyRevision, 0, &context, [&](const KvResult &r) {
        out = r;
        done = true;
    });
    QTest::qWaitFor([&] { return done; }, 10000);
    return out;
}

} // namespace

class TestRegisterDialog : public QObject
{
    Q_OBJECT

private:
    QString m_prefix;

    std::unique_ptr<KvStore> store(KvStoreOptions::Api api)
    {
        KvStoreOptions options;
        options.api = api;
        options.machines = {skydns::test::sharedEtcdEndpoint()};
        return std::unique_ptr<KvStore>(createKvStore(options));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!skydns::test::sharedEtcdEndpoint().isEmpty(), "needs the CTest etcd fixture");
        m_prefix = QStringLiteral("regdlg%1").arg(QRandomGenerator::global()->generate() % 1000000);
    }

    void validation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "" << "" << false << "Give a name";
        QTest::newRow("good") << "web.dev" << "127.0.0.1:8080" << true << "web.dev.skydns.local.";
        QTest::newRow("bad port") << "web" << "127.0.0.1:99999" << false << "port";
        QTest::newRow("bad address") << "web" << "10.0.0.300" << false << "not an IPv4";
        QTest::newRow("outside domain") << "web.example.com." << "10.0.0.1" << false << "not below";
        QTest::newRow("wildcard") << "*.dev" << "10.0.0.1" << false << "wildcards";
    }

    void validation()
    {
        QFETCH(QString, name);
        QFETCH(QString, host);
        QFETCH(bool, enabled);
        QFETCH(QString, message);
        auto kv = store(KvStoreOptions::Api::V2);
        RegisterDialog dialog(kv.get(), QStringLiteral("skydns.local."), m_prefix);
        QTest::keyClicks(dialog.nameEdit(), name);
        QTest::keyClicks(dialog.hostEdit(), host);
        QCOMPARE(dialog.registerButton()->isEnabled(), enabled);
        QVERIFY2(dialog.messageLabel()->text().contains(message), qPrintable(dialog.messageLabel()->text()));
    }

    void api_data()
    {
        QTest::addColumn<KvStoreOptions::Api>("api");
        QTest::newRow("v2") << KvStoreOptions::Api::V2;
        QTest::newRow("v3") << KvStoreOptions::Api::V3;
    }

    // spec 2.1: the dialog writes the key and JSON `skydns register` would, with the TTL as expiry.
    void registers_data() { api_data(); }
    void registers()
    {
        QFETCH(KvStoreOptions::Api, api);
        auto kv = store(api);
        RegisterDialog dialog(kv.get(), QStringLiteral("skydns.local."), m_prefix);
        QSignalSpy registered(&dialog, &RegisterDialog::registered);
        const QString name = api == KvStoreOptions::Api::V2 ? QStringLiteral("web2.dev") : QStringLiteral("web3.dev");
        QTest::keyClicks(dialog.nameEdit(), name);
        QTest::keyClicks(dialog.hostEdit(), QStringLiteral("[::1]:8443"));
        dialog.priorityBox()->setValue(5);
        dialog.ttlBox()->setValue(300);
        dialog.mailBox()->setChecked(true);
        const QString key = QStringLiteral("/%1/local/skydns/dev/%2").arg(m_prefix, name.section(QLatin1Char('.'), 0, 0));
        QCOMPARE(dialog.key(), key);
        QVERIFY(dialog.preview()->toPlainText().contains(QLatin1String(R"({"host":"::1","port":8443,"priority":5,"mail":true})")));
        QTest::mouseClick(dialog.registerButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 10000);
        QCOMPARE(registered.first().at(0).toString(), key);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const KvResult stored = blockingGet(*kv, key);
        QVERIFY2(stored.ok(), qPrintable(stored.message));
        QCOMPARE(stored.entries.first().value, QByteArray(R"({"host":"::1","port":8443,"priority":5,"mail":true})"));
        QVERIFY2(stored.entries.first().ttl > 0 && stored.entries.first().ttl <= 300,
                 qPrintable(QString::number(stored.entries.first().ttl)));
    }

    // An existing service is shown and only replaced on request, and only the version shown.
    void existingNeedsReplace_data() { api_data(); }
    void existingNeedsReplace()
    {
        QFETCH(KvStoreOptions::Api, api);
        auto kv = store(api);
        const QString leaf = api == KvStoreOptions::Api::V2 ? QStringLiteral("taken2") : QStringLiteral("taken3");
        const QString key = QStringLiteral("/%1/local/skydns/%2").arg(m_prefix, leaf);
        QVERIFY(blockingPut(*kv, key, R"({"host":"10.9.9.9"})").ok());

        RegisterDialog dialog(kv.get(), QStringLiteral("skydns.local."), m_prefix);
        QSignalSpy registered(&dialog, &RegisterDialog::registered);
        QTest::keyClicks(dialog.nameEdit(), leaf);
        QTest::keyClicks(dialog.hostEdit(), QStringLiteral("10.1.1.1"));
        QTest::mouseClick(dialog.registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.replaceButton()->isHidden(), 10000);
        QVERIFY2(dialog.messageLabel()->text().contains(QLatin1String("10.9.9.9")), qPrintable(dialog.messageLabel()->text()));
        QCOMPARE(registered.size(), 0);
        QCOMPARE(blockingGet(*kv, key).entries.first().value, QByteArray(R"({"host":"10.9.9.9"})")); // untouched

        // Someone changes it again before Replace: the replace is refused, nothing overwritten.
        QVERIFY(blockingPut(*kv, key, R"({"host":"10.8.8.8"})").ok());
        QTest::mouseClick(dialog.replaceButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.messageLabel()->text().contains(QLatin1String("10.8.8.8")), 10000);
        QCOMPARE(blockingGet(*kv, key).entries.first().value, QByteArray(R"({"host":"10.8.8.8"})"));

        // Replace of the version now shown works.
        QTest::mouseClick(dialog.replaceButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 10000);
        QCOMPARE(blockingGet(*kv, key).entries.first().value, QByteArray(R"({"host":"10.1.1.1"})"));
    }

    // etcd away: a clear message, the dialog stays open with what was typed.
    void etcdDown()
    {
        KvStoreOptions options;
        options.machines = {QStringLiteral("http://127.0.0.1:1")};
        std::unique_ptr<KvStore> kv(createKvStore(options));
        RegisterDialog dialog(kv.get(), QStringLiteral("skydns.local."), m_prefix);
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("web"));
        QTest::keyClicks(dialog.hostEdit(), QStringLiteral("10.0.0.1"));
        QTest::mouseClick(dialog.registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.messageLabel()->text().startsWith(QLatin1String("Could not register")), 15000);
        QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("web"));
        QVERIFY(dialog.registerButton()->isEnabled());
    }
};

QTEST_MAIN(TestRegisterDialog)
#include "tst_registerdialog.moc"
