// Tests of SecretStore against a real keyring: the test re-runs itself under dbus-run-session with
// a private, unlocked gnome-keyring-daemon (Secret Service) in a temporary HOME, then writes, reads,
// overwrites and deletes a profile's etcd password and admin token through QtKeychain.
#include "connection/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using skydns::console::SecretResult;
using skydns::console::SecretStore;
using Secret = skydns::console::SecretStore::Secret;

namespace {

SecretResult waitFor(const std::function<void(QObject *, skydns::console::SecretCallback)> &job)
{
    std::optional<SecretResult> result;
    QObject context;
    job(&context, [&result](const SecretResult &r) { result = r; });
    QElapsedTimer timer;
    timer.start();
    while (!result && timer.elapsed() < 15000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return result.value_or(SecretResult{SecretResult::Status::Failed, {}, QStringLiteral("test: timed out")});
}

} // namespace

class TstProfileSecrets final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writeReadDelete_data();
    void writeReadDelete();
    void profilesAreSeparate();
    void destroyedContextIsNotCalled();

private:
    SecretStore m_store{QStringLiteral("skydns-console-test")};
};

void TstProfileSecrets::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("SKYDNS_TST_KEYRING_SESSION"), "must run inside its keyring session");
    QVERIFY(!qgetenv("DBUS_SESSION_BUS_ADDRESS").isEmpty());
}

void TstProfileSecrets::writeReadDelete_data()
{
    QTest::addColumn<Secret>("secret");
    QTest::addColumn<QString>("value");
    QTest::newRow("etcd password") << Secret::EtcdPassword << QStringLiteral("pä$$ wörd\"'");
    QTest::newRow("admin token") << Secret::AdminToken << QString(64, QLatin1Char('f'));
}

void TstProfileSecrets::writeReadDelete()
{
    QFETCH(Secret, secret);
    QFETCH(QString, value);
    const QString profile = QStringLiteral("lab");

    const SecretResult missing = waitFor([&](QObject *c, auto d) { m_store.read(profile, secret, c, d); });
    QCOMPARE(missing.status, SecretResult::Status::NotFound);

    const SecretResult written = waitFor([&](QObject *c, auto d) { m_store.write(profile, secret, value, c, d); });
    QVERIFY2(written.ok(), qPrintable(written.message));
    const SecretResult read = waitFor([&](QObject *c, auto d) { m_store.read(profile, secret, c, d); });
    QVERIFY2(read.ok(), qPrintable(read.message));
    QCOMPARE(read.value, value);

    // overwrite
    QVERIFY(waitFor([&](QObject *c, auto d) { m_store.write(profile, secret, QStringLiteral("second"), c, d); }).ok());
    QCOMPARE(waitFor([&](QObject *c, auto d) { m_store.read(profile, secret, c, d); }).value, QStringLiteral("second"));

    const SecretResult removed = waitFor([&](QObject *c, auto d) { m_store.remove(profile, secret, c, d); });
    QVERIFY2(removed.ok(), qPrintable(removed.message));
    QCOMPARE(waitFor([&](QObject *c, auto d) { m_store.read(profile, secret, c, d); }).status,
             SecretResult::Status::NotFound);
}

void TstProfileSecrets::profilesAreSeparate()
{
    QVERIFY(waitFor([&](QObject *c, auto d) { m_store.write(QStringLiteral("a"), Secret::EtcdPassword, QStringLiteral("A"), c, d); }).ok());
    QVERIFY(waitFor([&](QObject *c, auto d) { m_store.write(QStringLiteral("b"), Secret::EtcdPassword, QStringLiteral("B"), c, d); }).ok());
    QVERIFY(waitFor([&](QObject *c, auto d) { m_store.write(QStringLiteral("a"), Secret::AdminToken, QStringLiteral("T"), c, d); }).ok());
    QCOMPARE(waitFor([&](QObject *c, auto d) { m_store.read(QStringLiteral("a"), Secret::EtcdPassword, c, d); }).value, QStringLiteral("A"));
    QCOMPARE(waitFor([&](QObject *c, auto d) { m_store.read(QStringLiteral("b"), Secret::EtcdPassword, c, d); }).value, QStringLiteral("B"));
    QCOMPARE(waitFor([&](QObject *c, auto d) { m_store.read(QStringLiteral("a"), Secret::AdminToken, c, d); }).value, QStringLiteral("T"));
    QCOMPARE(SecretStore::keyOf(QStringLiteral("a"), Secret::AdminToken), QStringLiteral("a/admin-token"));
}

void TstProfileSecrets::destroyedContextIsNotCalled()
{
    int calls = 0;
    auto *context = new QObject;
    m_store.read(QStringLiteral("a"), Secret::EtcdPassword, context, [&calls](const SecretResult &) { ++calls; });
    delete context;
    // a later job on the same keyring finishes after the first
    QVERIFY(waitFor([&](QObject *c, auto d) { m_store.read(QStringLiteral("b"), Secret::EtcdPassword, c, d); }).ok());
    QTest::qWait(100);
    QCOMPARE(calls, 0);
}

// main re-runs this executable inside `dbus-run-session` with a private gnome-keyring-daemon
// unlocked (with a throw-away password) in a temporary HOME, so the user's keyring is never touched.
int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("SKYDNS_TST_KEYRING_SESSION")) {
        QCoreApplication app(argc, argv);
        QTemporaryDir home;
        if (!home.isValid())
            return 2;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SKYDNS_TST_KEYRING_SESSION"), QStringLiteral("1"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        QDir(home.path()).mkpath(QStringLiteral("run"));
        QFile::setPermissions(home.filePath(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        QStringList args{QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("printf skydns-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
                                        "&& exec \"$0\" \"$@\""),
                         QCoreApplication::applicationFilePath()};
        args << QCoreApplication::arguments().mid(1);
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QStringLiteral("dbus-run-session"), args);
        if (!child.waitForStarted()) {
            std::fprintf(stderr, "tst_profilesecrets: cannot start dbus-run-session: %s\n",
                         qPrintable(child.errorString()));
            return 2;
        }
        child.waitForFinished(-1);
        return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 3;
    }
    QCoreApplication app(argc, argv);
    TstProfileSecrets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_profilesecrets.moc"
