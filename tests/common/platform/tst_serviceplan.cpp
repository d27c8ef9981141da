// Tests of the platform vocabulary (common/platform/serviceplan.h, templates.h, planrunner.h):
// spec validation (what would otherwise reach a unit file or command line unquoted), the --dry-run
// descriptions, template rendering, and running a plan against a scratch directory.
#include "platform/planrunner.h"
#include "platform/serviceplan.h"
#include "platform/templates.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace skydns::platform;

Q_DECLARE_METATYPE(skydns::platform::Action)

class TstServicePlan final : public QObject
{
    Q_OBJECT
private slots:
    void validate_data();
    void validate();
    void operations();
    void describe_data();
    void describe();
    void render();
    void templatesHaveOnlyKnownPlaceholders();
    void runPlan();
    void runPlanStopsAtFailure();
};

void TstServicePlan::validate_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error"); // empty: valid
    QTest::newRow("defaults with a Unix binary") << "binary" << "/usr/bin/skydns" << "";
    QTest::newRow("Windows binary") << "binary" << "C:\\Program Files\\SkyDNS\\skydns.exe" << "";
    QTest::newRow("relative binary") << "binary" << "skydns" << "binary \"skydns\": must be an absolute path";
    QTest::newRow("newline in an argument would add a unit line")
        << "argument" << "x\nExecStartPre=/bin/sh" << "control characters";
    QTest::newRow("service name with a slash") << "name" << "../evil" << "service name \"../evil\"";
    QTest::newRow("service name with a space") << "name" << "sky dns" << "service name";
    QTest::newRow("user with a space") << "user" << "sky dns" << "user \"sky dns\": not a user name";
    QTest::newRow("IPv6 listen address") << "listen" << "[::1]:53" << "";
    QTest::newRow("listen address without a port") << "listen" << "127.0.0.1" << "listen address \"127.0.0.1\"";
    QTest::newRow("listen port out of range") << "listen" << "127.0.0.1:70000" << "listen address";
    QTest::newRow("listen address with a space") << "listen" << "127.0.0.1:53 x" << "listen address";
}

void TstServicePlan::validate()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, error);
    ServiceSpec spec;
    spec.binary = QStringLiteral("/usr/bin/skydns");
    if (field == QLatin1String("binary"))
        spec.binary = value;
    else if (field == QLatin1String("argument"))
        spec.arguments << value;
    else if (field == QLatin1String("name"))
        spec.name = value;
    else if (field == QLatin1String("user"))
        spec.user = value;
    else if (field == QLatin1String("listen"))
        spec.listen = QStringList{value};
    QString message;
    const bool ok = validateSpec(spec, &message);
    if (error.isEmpty()) {
        QVERIFY2(ok, qPrintable(message));
    } else {
        QVERIFY(!ok);
        QVERIFY2(message.contains(error), qPrintable(message));
    }
}

void TstServicePlan::operations()
{
    for (const QString &word : {"install", "uninstall", "start", "stop", "restart", "status"}) {
        Operation op;
        QVERIFY(parseOperation(word, &op));
        QCOMPARE(operationName(op), word);
    }
    Operation op;
    QVERIFY(!parseOperation(QStringLiteral("reload"), &op));
}

void TstServicePlan::describe_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("expected");
    QTest::newRow("write") << Action::writeFile(QStringLiteral("/etc/x"), "abc", 0600) << "write /etc/x (0600, 3 bytes)";
    QTest::newRow("remove") << Action::removeFile(QStringLiteral("/etc/x")) << "remove /etc/x";
    QTest::newRow("mkdir") << Action::makeDirectory(QStringLiteral("/var/x")) << "create directory /var/x (0755)";
    QTest::newRow("run, quoted") << Action::run(QStringLiteral("sc.exe"), {QStringLiteral("create"), QStringLiteral("a b")})
                                 << "run sc.exe create 'a b'";
    QTest::newRow("may fail") << Action::run(QStringLiteral("x"), {}, true) << "run x (may fail)";
}

void TstServicePlan::describe()
{
    QFETCH(Action, action);
    QFETCH(QString, expected);
    QCOMPARE(action.describe(), expected);
}

void TstServicePlan::render()
{
    QString out;
    QString error;
    QVERIFY(renderTemplate(QStringLiteral("a=@SKYDNS_A@ b=@SKYDNS_B@ mail@example.com"),
                           {{QStringLiteral("SKYDNS_A"), QStringLiteral("@SKYDNS_B@")}, {QStringLiteral("SKYDNS_B"), QStringLiteral("2")}},
                           &out, &error));
    // Values are not scanned again; lower-case @...@ is not a placeholder.
    QCOMPARE(out, QStringLiteral("a=@SKYDNS_B@ b=2 mail@example.com"));
    QVERIFY(!renderTemplate(QStringLiteral("x=@SKYDNS_MISSING@"), {}, &out, &error));
    QCOMPARE(error, QStringLiteral("template placeholder @SKYDNS_MISSING@ has no value"));
}

// The embedded templates are the files under installer/, and every placeholder in them is one the
// platforms fill (a new placeholder without a value would otherwise ship as an error line).
void TstServicePlan::templatesHaveOnlyKnownPlaceholders()
{
    const QMap<TemplateId, QString> files{
        {TemplateId::SystemdService, QStringLiteral("installer/systemd/skydns.service.in")},
        {TemplateId::SystemdSocket, QStringLiteral("installer/systemd/skydns.socket.in")},
        {TemplateId::SystemdSysusers, QStringLiteral("installer/systemd/skydns.sysusers.in")},
        {TemplateId::LaunchdPlist, QStringLiteral("installer/macos/skydns.plist.in")},
    };
    QMap<QString, QString> all;
    for (const char *key : {"SKYDNS_NAME", "SKYDNS_DESCRIPTION", "SKYDNS_EXEC_START", "SKYDNS_USER", "SKYDNS_LISTEN",
                            "SKYDNS_LABEL", "SKYDNS_PROGRAM_ARGUMENTS", "SKYDNS_LOG_DIR"})
        all.insert(QLatin1String(key), QStringLiteral("v"));
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile f(QStringLiteral(SKYDNS_SOURCE_DIR "/") + it.value());
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(it.value()));
        QCOMPARE(templateText(it.key()), QString::fromUtf8(f.readAll()));
        QString out;
        QString error;
        QVERIFY2(renderTemplate(templateText(it.key()), all, &out, &error), qPrintable(error));
        QVERIFY(!out.contains(QLatin1String("@SKYDNS_")));
    }
}

void TstServicePlan::runPlan()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sub = dir.filePath(QStringLiteral("etc/sub"));
    const QString file = sub + QStringLiteral("/unit");
    QString log;
    QTextStream stream(&log);
    QString error;
    const Plan plan{
        Action::makeDirectory(sub),
        Action::writeFile(file, "[Unit]\n", 0600),
        Action::run(QStringLiteral("/bin/false"), {}, true),
        Action::run(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("test -s ") + file}),
    };
    QVERIFY2(skydns::platform::runPlan(plan, stream, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("[Unit]\n"));
    QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther), QFile::Permissions());
    QCOMPARE(log.count(QLatin1Char('\n')), 4);
    QVERIFY(skydns::platform::runPlan({Action::removeFile(file), Action::removeFile(file)}, stream, &error));
    QVERIFY(!QFileInfo::exists(file));
}

void TstServicePlan::runPlanStopsAtFailure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("after"));
    QString log;
    QTextStream stream(&log);
    QString error;
    const Plan plan{
        Action::run(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo nope >&2; exit 3")}),
        Action::writeFile(file, "x"),
    };
    QVERIFY(!skydns::platform::runPlan(plan, stream, &error));
    QCOMPARE(error, QStringLiteral("run /bin/sh -c 'echo nope >&2; exit 3' failed: exit code 3: nope"));
    QVERIFY(!QFileInfo::exists(file));
    QVERIFY(!skydns::platform::runPlan({Action::run(QStringLiteral("/nonexistent/program"), {})}, stream, &error));
    QVERIFY2(error.contains(QLatin1String("cannot start /nonexistent/program")), qPrintable(error));
    QVERIFY(!skydns::platform::runPlan({Action::writeFile(dir.filePath(QStringLiteral("no/such/dir/f")), "x")}, stream, &error));
}

QTEST_APPLESS_MAIN(TstServicePlan)
#include "tst_serviceplan.moc"
