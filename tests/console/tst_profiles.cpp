// Tests of connection profiles: QSettings round trip, the validation table, the profile dialog's
// OK button following validation, and the KvStore options a profile makes.
#include "connection/connectionprofile.h"
#include "connection/profiledialog.h"
#include "connection/profilestore.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using skydns::console::ConnectionProfile;
using skydns::console::KvStoreOptions;
using skydns::console::ProfileDialog;
using skydns::console::ProfileStore;

class TstProfiles final : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void namesWithSlashesAndRemove();
    void validation_data();
    void validation();
    void domainKey();
    void kvStoreOptions();
    void dialogFollowsValidation();
    void dialogRefusesDuplicateName();
};

namespace {

ConnectionProfile fullProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("production (east)");
    p.api = KvStoreOptions::Api::V3;
    p.machines = {QStringLiteral("https://10.0.0.1:2379"), QStringLiteral("https://10.0.0.2:2379")};
    p.prefix = QStringLiteral("/dns");
    p.domain = QStringLiteral("example.org.");
    p.caFile = QStringLiteral(SKYDNS_SOURCE_DIR "/CMakeLists.txt"); // any readable file
    p.certFile = QStringLiteral(SKYDNS_SOURCE_DIR "/CMakeLists.txt");
    p.keyFile = QStringLiteral(SKYDNS_SOURCE_DIR "/README.md");
    p.username = QStringLiteral("operator");
    p.adminUrl = QStringLiteral("http://127.0.0.1:9053");
    return p;
}

} // namespace

void TstProfiles::roundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("console.ini"));
    const ConnectionProfile saved = fullProfile();
    ConnectionProfile local;
    local.name = QStringLiteral("local");
    {
        QSettings settings(file, QSettings::IniFormat);
        ProfileStore store(&settings);
        QString error;
        QVERIFY2(store.save(saved, &error), qPrintable(error));
        QVERIFY2(store.save(local, &error), qPrintable(error));
        store.setLastUsed(saved.name);
    }
    QSettings settings(file, QSettings::IniFormat);
    ProfileStore store(&settings);
    QCOMPARE(store.names(), (QStringList{QStringLiteral("local"), QStringLiteral("production (east)")}));
    ConnectionProfile loaded;
    QVERIFY(store.load(saved.name, &loaded));
    QCOMPARE(loaded, saved);
    QCOMPARE(loaded.api, KvStoreOptions::Api::V3);
    QCOMPARE(loaded.machines.size(), 2);
    QVERIFY(store.load(QStringLiteral("local"), &loaded));
    QCOMPARE(loaded, local);
    QCOMPARE(loaded.prefix, QStringLiteral("/skydns"));
    QCOMPARE(loaded.domain, QStringLiteral("skydns.local."));
    QCOMPARE(store.lastUsed(), saved.name);
    QVERIFY(!store.load(QStringLiteral("nope"), &loaded));

    // nothing secret in the settings file
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray text = raw.readAll();
    QVERIFY(!text.toLower().contains("password"));
    QVERIFY(!text.toLower().contains("token"));
}

void TstProfiles::namesWithSlashesAndRemove()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
    ProfileStore store(&settings);
    ConnectionProfile p;
    p.name = QStringLiteral("a:b %2F=c");
    QVERIFY(store.save(p));
    QCOMPARE(store.names(), QStringList{p.name});
    store.setLastUsed(p.name);
    // saving an invalid profile fails with the reasons and writes nothing
    ConnectionProfile bad;
    bad.name = QStringLiteral("bad");
    bad.machines = {QStringLiteral("not a url")};
    QString error;
    QVERIFY(!store.save(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("not a url")), qPrintable(error));
    QVERIFY(!store.contains(QStringLiteral("bad")));
    store.remove(p.name);
    QVERIFY(store.names().isEmpty());
    QVERIFY(store.lastUsed().isEmpty());
}

void TstProfiles::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("errorSubstring"); // empty: valid

    QTest::newRow("defaults are valid") << "" << "" << "";
    QTest::newRow("empty name") << "name" << "" << "needs a name";
    QTest::newRow("name with slash") << "name" << "a/b" << "may not contain";
    QTest::newRow("no machines") << "machines" << "" << "at least one etcd machine";
    QTest::newRow("machine without scheme") << "machines" << "127.0.0.1:2379" << "is not an etcd machine URL";
    QTest::newRow("machine ftp") << "machines" << "ftp://127.0.0.1:2379" << "is not an etcd machine URL";
    QTest::newRow("two machines, one bad") << "machines" << "http://a:2379,http//b" << "http//b";
    QTest::newRow("ipv6 machine") << "machines" << "http://[::1]:2379" << "";
    QTest::newRow("prefix without slash") << "prefix" << "skydns" << "path prefix";
    QTest::newRow("prefix with trailing slash") << "prefix" << "/skydns/" << "path prefix";
    QTest::newRow("prefix nested") << "prefix" << "/company/dns" << "";
    QTest::newRow("domain without dot") << "domain" << "example.org" << "";
    QTest::newRow("domain empty") << "domain" << "" << "is not a domain name";
    QTest::newRow("domain with space") << "domain" << "exa mple.org." << "is not a domain name";
    QTest::newRow("domain empty label") << "domain" << "a..b." << "is not a domain name";
    QTest::newRow("domain label of 64") << "domain" << QString(64, QLatin1Char('a')) + ".org." << "is not a domain name";
    QTest::newRow("missing CA file") << "caFile" << "/nonexistent/ca.pem" << "cannot be read";
    QTest::newRow("cert without key") << "certFile" << SKYDNS_SOURCE_DIR "/CMakeLists.txt" << "give both or neither";
    QTest::newRow("TLS files without https") << "caFile" << SKYDNS_SOURCE_DIR "/CMakeLists.txt" << "no machine uses https";
    QTest::newRow("admin URL bad") << "adminUrl" << "localhost" << "admin API URL";
    QTest::newRow("admin URL empty is allowed") << "adminUrl" << "" << "";
}

void TstProfiles::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, errorSubstring);
    ConnectionProfile p;
    p.name = QStringLiteral("test");
    if (field == QLatin1String("name"))
        p.name = value;
    else if (field == QLatin1String("machines"))
        p.machines = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    else if (field == QLatin1String("prefix"))
        p.prefix = value;
    else if (field == QLatin1String("domain"))
        p.domain = value;
    else if (field == QLatin1String("caFile"))
        p.caFile = value;
    else if (field == QLatin1String("certFile"))
        p.certFile = value;
    else if (field == QLatin1String("adminUrl"))
        p.adminUrl = value;
    const QStringList problems = p.validate();
    if (errorSubstring.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('|'))));
    } else {
        QVERIFY2(problems.join(QLatin1Char('|')).contains(errorSubstring), qPrintable(problems.join(QLatin1Char('|'))));
    }
}

void TstProfiles::domainKey()
{
    ConnectionProfile p;
    QCOMPARE(p.domainKey(), QStringLiteral("/skydns/local/skydns"));
    p.prefix = QStringLiteral("/dns");
    p.domain = QStringLiteral("Example.ORG.");
    QCOMPARE(p.domainKey(), QStringLiteral("/dns/org/example"));
}

void TstProfiles::kvStoreOptions()
{
    const ConnectionProfile p = fullProfile();
    const KvStoreOptions o = p.kvStoreOptions(QStringLiteral("s3cret"));
    QCOMPARE(o.api, KvStoreOptions::Api::V3);
    QCOMPARE(o.machines, p.machines);
    QCOMPARE(o.caFile, p.caFile);
    QCOMPARE(o.certFile, p.certFile);
    QCOMPARE(o.keyFile, p.keyFile);
    QCOMPARE(o.username, QStringLiteral("operator"));
    QCOMPARE(o.password, QStringLiteral("s3cret"));
    QCOMPARE(p.apiName(), QStringLiteral("v3"));
}

void TstProfiles::dialogFollowsValidation()
{
    ProfileDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *machines = dialog.findChild<QLineEdit *>(QStringLiteral("machinesEdit"));
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    auto *user = dialog.findChild<QLineEdit *>(QStringLiteral("usernameEdit"));
    auto *problems = dialog.findChild<QLabel *>(QStringLiteral("problemsLabel"));
    QVERIFY(ok && name && machines && password && user && problems);
    QVERIFY(!ok->isEnabled()); // a new profile has no name yet
    QVERIFY(problems->text().contains(QStringLiteral("needs a name")));

    QTest::keyClicks(name, QStringLiteral("lab"));
    QVERIFY(ok->isEnabled());
    QVERIFY(problems->isHidden());

    machines->clear();
    QTest::keyClicks(machines, QStringLiteral("http://127.0.0.1:2379 http://127.0.0.1:22379"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.profile().machines.size(), 2);
    QTest::keyClicks(machines, QStringLiteral(" bogus"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(problems->text().contains(QStringLiteral("bogus")));
    machines->setText(QStringLiteral("http://127.0.0.1:2379"));

    QTest::keyClicks(password, QStringLiteral("pw"));
    QVERIFY(!ok->isEnabled()); // a password without a user
    QTest::keyClicks(user, QStringLiteral("root"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.password(), QStringLiteral("pw"));
    QCOMPARE(password->echoMode(), QLineEdit::Password);

    const ConnectionProfile p = dialog.profile();
    QCOMPARE(p.name, QStringLiteral("lab"));
    QCOMPARE(p.username, QStringLiteral("root"));
}

void TstProfiles::dialogRefusesDuplicateName()
{
    ProfileDialog dialog;
    ConnectionProfile p;
    p.name = QStringLiteral("one");
    dialog.setProfile(p);
    dialog.setExistingNames({QStringLiteral("one"), QStringLiteral("two")});
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled()); // editing "one" keeps its own name
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->setText(QStringLiteral("two"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.problems().join(QString()).contains(QStringLiteral("exists already")));
}

QTEST_MAIN(TstProfiles)
#include "tst_profiles.moc"
