// Tests of SecretStore where no keyring exists (CTest runs it with a session bus address that
// leads nowhere): every job ends with NoKeyring and the message telling the user what it means.
#include "connection/profiledialog.h"
#include "connection/secretstore.h"

#include <QLabel>
#include <QTest>

#include <optional>

using skydns::console::SecretResult;
using skydns::console::SecretStore;
using Secret = skydns::console::SecretStore::Secret;

class TstProfilesNoKeyring final : public QObject
{
    Q_OBJECT
private slots:
    void jobsReportNoKeyring_data();
    void jobsReportNoKeyring();
    void dialogShowsNotice();
};

void TstProfilesNoKeyring::jobsReportNoKeyring_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("read") << "read";
    QTest::newRow("write") << "write";
    QTest::newRow("remove") << "remove";
}

void TstProfilesNoKeyring::jobsReportNoKeyring()
{
    QFETCH(QString, operation);
    QVERIFY2(qgetenv("DBUS_SESSION_BUS_ADDRESS").contains("nonexistent"), "CTest sets a dead session bus");
    SecretStore store(QStringLiteral("skydns-console-test"));
    std::optional<SecretResult> result;
    auto done = [&result](const SecretResult &r) { result = r; };
    if (operation == QLatin1String("read"))
        store.read(QStringLiteral("lab"), Secret::EtcdPassword, this, done);
    else if (operation == QLatin1String("write"))
        store.write(QStringLiteral("lab"), Secret::EtcdPassword, QStringLiteral("pw"), this, done);
    else
        store.remove(QStringLiteral("lab"), Secret::AdminToken, this, done);
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(result->status == SecretResult::Status::NoKeyring, qPrintable(result->message));
    QVERIFY2(result->message.contains(QStringLiteral("No keyring is available")), qPrintable(result->message));
    QVERIFY(result->message.contains(QStringLiteral("at each connection")));
    qInfo("%s", qPrintable(result->message));
}

void TstProfilesNoKeyring::dialogShowsNotice()
{
    skydns::console::ProfileDialog dialog;
    auto *notice = dialog.findChild<QLabel *>(QStringLiteral("secretNotice"));
    QVERIFY(notice);
    QVERIFY(notice->isHidden());
    dialog.setSecretNotice(SecretStore::noKeyringMessage(QStringLiteral("no D-Bus")));
    QVERIFY(!notice->isHidden());
    QVERIFY(notice->text().contains(QStringLiteral("no D-Bus")));
}

QTEST_MAIN(TstProfilesNoKeyring)
#include "tst_profilesnokeyring.moc"
