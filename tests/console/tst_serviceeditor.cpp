// Tests of the console's service editor: field validation (spec 2.2 where it applies), the DNS
// name <-> key mapping (spec 2.1), the raw JSON view kept in sync with unknown members preserved,
// and create/edit/delete/conflict against the fixture etcd through the real v2 and v3 KvStores.
#include "editor/serviceeditor.h"
#include "editor_kvwait.h"
#include "etcd/kvstorefactory.h"
#include "etcdserver.h"
#include "model/path.h"
#include "model/service.h"
#include "widgetinput.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace skydns;
using namespace skydns::test;
using skydns::console::KvResult;
using skydns::console::KvStore;
using skydns::console::ServiceEditor;

class TstServiceEditor final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void validation_data();
    void validation();
    void nameToKey_data();
    void nameToKey();
    void jsonRoundTripKeepsUnknownMembers();
    void invalidJson_data();
    void invalidJson();
    void createEditDelete_data();
    void createEditDelete();
    void conflict_data();
    void conflict();

private:
    std::unique_ptr<KvStore> makeStore(const QString &api);
    QString uniqueName(const QString &label) const;
    QString m_endpoint;
};

namespace {

QLabel *errorOf(QWidget *editor, const QString &editName)
{
    return editor->findChild<QLabel *>(editName.left(editName.size() - 4) + QStringLiteral("Error"));
}

model::Service parsed(const QByteArray &value)
{
    const auto s = model::parseService(value.toStdString(), "test");
    if (!s)
        qFatal("value does not parse: %s", value.constData());
    return *s;
}

} // namespace

void TstServiceEditor::initTestCase()
{
    m_endpoint = test::sharedEtcdEndpoint();
    QVERIFY2(!m_endpoint.isEmpty(), "needs the etcd fixture");
}

std::unique_ptr<KvStore> TstServiceEditor::makeStore(const QString &api)
{
    console::KvStoreOptions options;
    options.api = api == QLatin1String("v3") ? console::KvStoreOptions::Api::V3 : console::KvStoreOptions::Api::V2;
    options.machines = QStringList{m_endpoint};
    return std::unique_ptr<KvStore>(console::createKvStore(options));
}

QString TstServiceEditor::uniqueName(const QString &label) const
{
    return QStringLiteral("%1.p%2.editor.local.").arg(label).arg(QCoreApplication::applicationPid());
}

void TstServiceEditor::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error"); // "" = accepted; else a substring of the inline error

    QTest::newRow("spec 2.2: host IPv4 is an address") << "hostEdit" << "10.0.0.1" << "";
    QTest::newRow("spec 2.2: host IPv6 is an address") << "hostEdit" << "2001:db8::1" << "";
    QTest::newRow("spec 2.2: host IPv4-mapped IPv6") << "hostEdit" << "::ffff:10.0.0.1" << "";
    QTest::newRow("spec 2.2: host name is a CNAME/SRV target") << "hostEdit" << "web.example.com." << "";
    QTest::newRow("host name with SRV-style labels") << "hostEdit" << "_sip._tcp.example.com" << "";
    QTest::newRow("host IPv4 octet over 255") << "hostEdit" << "10.0.0.256" << "not a valid IPv4";
    QTest::newRow("host IPv4 with three parts") << "hostEdit" << "10.0.1" << "not a valid IPv4";
    QTest::newRow("host IPv4 leading zero (net.ParseIP refuses)") << "hostEdit" << "10.0.0.01" << "not a valid IPv4";
    QTest::newRow("host IPv6 bad digit") << "hostEdit" << "2001:db8::zz" << "not a valid IPv6";
    QTest::newRow("host IPv6 with zone") << "hostEdit" << "fe80::1%eth0" << "not a valid IPv6";
    QTest::newRow("host name with space") << "hostEdit" << "bad name.example" << "may only hold";
    QTest::newRow("host name label starting with -") << "hostEdit" << "-web.example" << "may only hold";
    QTest::newRow("host name empty label") << "hostEdit" << "web..example" << "empty label";
    QTest::newRow("host name label of 64") << "hostEdit" << QString(64, QLatin1Char('a')) + ".example" << "longer than 63";
    QTest::newRow("port 80") << "portEdit" << "80" << "";
    QTest::newRow("port 65535") << "portEdit" << "65535" << "";
    QTest::newRow("port 65536") << "portEdit" << "65536" << "out of range";
    QTest::newRow("port -1") << "portEdit" << "-1" << "not a whole number";
    QTest::newRow("port http") << "portEdit" << "http" << "not a whole number";
    QTest::newRow("spec 2.2: priority 0 means config priority") << "priorityEdit" << "0" << "";
    QTest::newRow("priority 10") << "priorityEdit" << "10" << "";
    QTest::newRow("priority 70000") << "priorityEdit" << "70000" << "out of range";
    QTest::newRow("weight 100") << "weightEdit" << "100" << "";
    QTest::newRow("weight 1.5") << "weightEdit" << "1.5" << "not a whole number";
    QTest::newRow("spec 2.3: ttl uint32 max") << "ttlEdit" << "4294967295" << "";
    QTest::newRow("ttl over uint32") << "ttlEdit" << "4294967296" << "out of range";
    QTest::newRow("ttl huge") << "ttlEdit" << "99999999999999999999999" << "out of range";
    QTest::newRow("targetstrip 1") << "targetStripEdit" << "1" << "";
    QTest::newRow("targetstrip 128") << "targetStripEdit" << "128" << "out of range";
    QTest::newRow("text with JSON/HTML specials") << "textEdit" << "v=spf1 <&> \"q\"" << "";
    QTest::newRow("group") << "groupEdit" << "g1" << "";
    QTest::newRow("key TTL 60 s") << "keyTtlEdit" << "60" << "";
    QTest::newRow("key TTL 1h") << "keyTtlEdit" << "1h" << "not a whole number";
    QTest::newRow("spec 2.1: name") << "nameEdit" << "web.east.skydns.local." << "";
    QTest::newRow("name empty label") << "nameEdit" << "web..local" << "empty label";
    QTest::newRow("name root") << "nameEdit" << "." << "root";
}

void TstServiceEditor::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, input);
    QFETCH(QString, error);
    auto store = makeStore(QStringLiteral("v2"));
    ServiceEditor editor(store.get());
    editor.newService(uniqueName(QStringLiteral("valid")));
    editor.show();
    auto *save = child<QPushButton>(&editor, "saveButton");
    QVERIFY(save->isEnabled()); // a new service with a name and no fields is valid (spec 2.2: empty host)
    const QByteArray before = editor.value();

    typeInto(editor.findChild<QLineEdit *>(field), input);
    QLabel *label = errorOf(&editor, field);
    QVERIFY(label);
    if (error.isEmpty()) {
        QVERIFY2(label->isHidden(), qPrintable(label->text()));
        QVERIFY(save->isEnabled());
    } else {
        QVERIFY(!label->isHidden());
        QVERIFY2(label->text().contains(error), qPrintable(label->text()));
        QVERIFY(!save->isEnabled());
        // A rejected field never reaches the JSON (it keeps the last valid value typed), and Save
        // stays off until the field is fixed.
        const QByteArray value = editor.value();
        QVERIFY2(!value.contains(input.toUtf8()) || field == QLatin1String("nameEdit") ||
                     field == QLatin1String("keyTtlEdit"),
                 value.constData());
        QVERIFY2(model::parseService(value.toStdString(), "test").has_value(), value.constData());
        Q_UNUSED(before);
    }
}

void TstServiceEditor::nameToKey_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::newRow("spec 2.1: labels reversed under the prefix")
        << "skydns" << "web.east.skydns.local." << "/skydns/local/skydns/east/web";
    QTest::newRow("spec 2.1: no trailing dot") << "skydns" << "web.east.skydns.local" << "/skydns/local/skydns/east/web";
    QTest::newRow("spec 2.1: query names are lower-cased, so is the key")
        << "skydns" << "Web.EAST.skydns.local." << "/skydns/local/skydns/east/web";
    QTest::newRow("spec 2.1: -path-prefix") << "dns" << "a.b.example." << "/dns/example/b/a";
}

void TstServiceEditor::nameToKey()
{
    QFETCH(QString, prefix);
    QFETCH(QString, name);
    QFETCH(QString, key);
    ServiceEditor editor(nullptr);
    editor.setPathPrefix(prefix);
    editor.newService();
    typeInto(child<QLineEdit>(&editor, "nameEdit"), name);
    QCOMPARE(editor.key(), key);
    QCOMPARE(child<QLabel>(&editor, "keyLabel")->text(), key);
}

void TstServiceEditor::jsonRoundTripKeepsUnknownMembers()
{
    ServiceEditor editor(nullptr);
    editor.newService(uniqueName(QStringLiteral("json")));
    auto *raw = child<QPlainTextEdit>(&editor, "rawEdit");
    // Unknown members (nested, with a 64-bit integer a double would round) and a known field in
    // another case ("Port", matched as Go does) must survive edits of other fields.
    raw->setPlainText(QStringLiteral(R"({
  "host": "10.0.0.1",
  "Port": 80,
  "x-owner": {"team": "dns", "ids": [1, 2, 12345678901234567890]},
  "note": "keep <me> \u00e9",
  "priority": 5
})"));
    QCOMPARE(child<QLineEdit>(&editor, "hostEdit")->text(), QStringLiteral("10.0.0.1"));
    QCOMPARE(child<QLineEdit>(&editor, "portEdit")->text(), QStringLiteral("80"));
    QCOMPARE(child<QLineEdit>(&editor, "priorityEdit")->text(), QStringLiteral("5"));

    typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("web.example.com"));
    QTest::mouseClick(child<QCheckBox>(&editor, "mailCheck"), Qt::LeftButton);
    QByteArray value = editor.value();
    QVERIFY2(value.contains(R"("x-owner":{"team":"dns","ids":[1,2,12345678901234567890]})"), value.constData());
    QVERIFY2(value.contains(R"("note":"keep <me> \u00e9")"), value.constData());
    QVERIFY2(value.contains(R"("Port":80)"), value.constData()); // untouched: spelling kept
    QVERIFY2(value.contains(R"("host":"web.example.com")"), value.constData());
    QVERIFY2(value.contains(R"("mail":true)"), value.constData());
    // The raw view shows the same members.
    QVERIFY(raw->toPlainText().contains(QLatin1String("\"x-owner\": {\"team\":\"dns\",\"ids\":[1,2,12345678901234567890]}")));

    typeInto(child<QLineEdit>(&editor, "portEdit"), QStringLiteral("8080"));
    value = editor.value();
    QVERIFY2(value.contains(R"("port":8080)") && !value.contains(R"("Port")"), value.constData());
    // Zero is left out, as Go's omitempty does.
    typeInto(child<QLineEdit>(&editor, "priorityEdit"), QString());
    value = editor.value();
    QVERIFY2(!value.contains("priority"), value.constData());

    model::Service expected;
    expected.host = "web.example.com";
    expected.port = 8080;
    expected.mail = true;
    QCOMPARE(parsed(value), expected);

    // Duplicate members: the last one wins (Go), and editing the field leaves a single member.
    raw->setPlainText(QStringLiteral(R"({"host":"a.example.","HOST":"10.0.0.9","x":1})"));
    QCOMPARE(child<QLineEdit>(&editor, "hostEdit")->text(), QStringLiteral("10.0.0.9"));
    // Typed over the selection (never empty on the way): the member is rewritten where it stands.
    auto *host = child<QLineEdit>(&editor, "hostEdit");
    host->setFocus();
    host->selectAll();
    QTest::keyClicks(host, QStringLiteral("10.0.0.10"));
    QCOMPARE(editor.value(), QByteArray(R"({"host":"10.0.0.10","x":1})"));
}

void TstServiceEditor::invalidJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("errorWidget");
    QTest::addColumn<QString>("error");
    QTest::newRow("unterminated object") << R"({"host": "10.0.0.1")" << "jsonError" << "Invalid JSON";
    QTest::newRow("trailing comma") << R"({"host": "10.0.0.1",})" << "jsonError" << "Invalid JSON";
    QTest::newRow("not an object") << "[1, 2]" << "jsonError" << "must be a JSON object";
    QTest::newRow("spec 2.2: port as a string") << R"({"port": "80"})" << "jsonError" << "\"port\"";
    QTest::newRow("spec 2.2: negative ttl") << R"({"ttl": -1})" << "jsonError" << "\"ttl\"";
    QTest::newRow("fractional weight") << R"({"weight": 1.5})" << "jsonError" << "\"weight\"";
    QTest::newRow("port out of range in JSON") << R"({"port": 70000})" << "portError" << "out of range";
    QTest::newRow("bad host in JSON") << R"({"host": "10.0.0.300"})" << "hostError" << "IPv4";
}

void TstServiceEditor::invalidJson()
{
    QFETCH(QString, json);
    QFETCH(QString, errorWidget);
    QFETCH(QString, error);
    auto store = makeStore(QStringLiteral("v2"));
    ServiceEditor editor(store.get());
    editor.newService(uniqueName(QStringLiteral("badjson")));
    editor.show();
    auto *raw = child<QPlainTextEdit>(&editor, "rawEdit");
    auto *save = child<QPushButton>(&editor, "saveButton");
    raw->setPlainText(json);
    auto *label = editor.findChild<QLabel *>(errorWidget);
    QVERIFY(label);
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(error), qPrintable(label->text()));
    QVERIFY(!save->isEnabled());
    QCOMPARE(raw->toPlainText(), json); // the user's text is never rewritten while it is wrong
    if (errorWidget == QLatin1String("jsonError"))
        QVERIFY(!child<QLineEdit>(&editor, "hostEdit")->isEnabled());

    raw->setPlainText(QStringLiteral(R"({"host": "10.0.0.1", "port": 80})"));
    QVERIFY(label->isHidden());
    QVERIFY(save->isEnabled());
    QVERIFY(child<QLineEdit>(&editor, "hostEdit")->isEnabled());
}

void TstServiceEditor::createEditDelete_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("etcd v2") << "v2";
    QTest::newRow("etcd v3") << "v3";
}

void TstServiceEditor::createEditDelete()
{
    QFETCH(QString, api);
    auto store = makeStore(api);
    auto check = makeStore(api); // an independent connection reads what was written
    const QString name = uniqueName(QStringLiteral("crud-") + api);
    const QString key = QString::fromStdString(model::domainToPath(name.toStdString()));
    kvRemove(check.get(), key);

    // Create: type the name and fields, press Save.
    {
        ServiceEditor editor(store.get());
        editor.newService();
        editor.show();
        QSignalSpy saved(&editor, &ServiceEditor::saved);
        typeInto(child<QLineEdit>(&editor, "nameEdit"), name);
        QCOMPARE(editor.key(), key);
        typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("10.1.2.3"));
        typeInto(child<QLineEdit>(&editor, "portEdit"), QStringLiteral("8080"));
        typeInto(child<QLineEdit>(&editor, "textEdit"), QStringLiteral("hello"));
        typeInto(child<QLineEdit>(&editor, "keyTtlEdit"), QStringLiteral("300"));
        QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
        QVERIFY(saved.wait(15000));
        QCOMPARE(saved.first().first().toString(), key);
        QVERIFY(!editor.isNew());
        QVERIFY(editor.revision() > 0);
        QVERIFY(child<QLineEdit>(&editor, "nameEdit")->isReadOnly());
    }
    KvResult r = kvGet(check.get(), key);
    QVERIFY2(r.ok(), qPrintable(r.message));
    model::Service expected;
    expected.host = "10.1.2.3";
    expected.port = 8080;
    expected.text = "hello";
    QCOMPARE(parsed(r.entries.first().value), expected);
    QVERIFY2(r.entries.first().ttl > 0 && r.entries.first().ttl <= 300, qPrintable(QString::number(r.entries.first().ttl)));

    // Creating the same name again is refused (create-only), shown as a conflict, nothing overwritten.
    {
        ServiceEditor editor(store.get());
        editor.newService(name);
        editor.show();
        QSignalSpy conflict(&editor, &ServiceEditor::conflictShown);
        typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("10.9.9.9"));
        QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
        QVERIFY(conflict.wait(15000));
        QVERIFY(child<QWidget>(&editor, "conflictPanel")->isVisible());
        QVERIFY(child<QPlainTextEdit>(&editor, "theirsView")->toPlainText().contains(QLatin1String("10.1.2.3")));
        QCOMPARE(parsed(kvGet(check.get(), key).entries.first().value), expected);
    }

    // Edit: open shows the stored fields; change one; save with CAS.
    {
        ServiceEditor editor(store.get());
        editor.show();
        QSignalSpy loaded(&editor, &ServiceEditor::loaded);
        QSignalSpy saved(&editor, &ServiceEditor::saved);
        editor.open(key);
        QVERIFY(loaded.wait(15000));
        QCOMPARE(child<QLineEdit>(&editor, "nameEdit")->text(), name);
        QCOMPARE(child<QLineEdit>(&editor, "hostEdit")->text(), QStringLiteral("10.1.2.3"));
        QCOMPARE(child<QLineEdit>(&editor, "portEdit")->text(), QStringLiteral("8080"));
        QCOMPARE(editor.revision(), r.entries.first().revision);
        const qint64 keyTtl = child<QLineEdit>(&editor, "keyTtlEdit")->text().toLongLong();
        QVERIFY(keyTtl > 0 && keyTtl <= 300);
        typeInto(child<QLineEdit>(&editor, "portEdit"), QStringLiteral("9090"));
        typeInto(child<QLineEdit>(&editor, "keyTtlEdit"), QString()); // no expiry any more
        QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
        QVERIFY(saved.wait(15000));
        r = kvGet(check.get(), key);
        QVERIFY(r.ok());
        QCOMPARE(parsed(r.entries.first().value).port, 9090);
        QCOMPARE(r.entries.first().ttl, qint64(0));
        QCOMPARE(editor.revision(), r.entries.first().revision);

        // Delete: confirm in the box, the key is gone.
        QSignalSpy deleted(&editor, &ServiceEditor::deleted);
        QTest::mouseClick(child<QPushButton>(&editor, "deleteButton"), Qt::LeftButton);
        auto *box = editor.findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(deleted.wait(15000));
        QCOMPARE(kvGet(check.get(), key).status, KvResult::Status::NotFound);
        QVERIFY(editor.isNew()); // Save would create it again
    }

    // A value that is not a valid service opens as it is, with the error, and cannot be saved.
    const QByteArray broken("{\"host\": \"10.0.0.1\", \"port\": \"eighty\"}");
    QVERIFY(kvPut(check.get(), key, broken).ok());
    {
        ServiceEditor editor(store.get());
        editor.show();
        QSignalSpy loaded(&editor, &ServiceEditor::loaded);
        editor.open(key);
        QVERIFY(loaded.wait(15000));
        QVERIFY(!child<QLabel>(&editor, "jsonError")->isHidden());
        QVERIFY(!child<QPushButton>(&editor, "saveButton")->isEnabled());
        QVERIFY(child<QPlainTextEdit>(&editor, "rawEdit")->toPlainText().contains(QLatin1String("\"eighty\"")));
    }
    QVERIFY(kvRemove(check.get(), key).ok());

    // Opening a key that does not exist says so.
    {
        ServiceEditor editor(store.get());
        QSignalSpy failed(&editor, &ServiceEditor::loadFailed);
        editor.open(key);
        QVERIFY(failed.wait(15000));
        QVERIFY(failed.first().at(1).toString().contains(QLatin1String("does not exist")));
        QVERIFY(!child<QPushButton>(&editor, "saveButton")->isEnabled());
    }
}

void TstServiceEditor::conflict_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("etcd v2") << "v2";
    QTest::newRow("etcd v3") << "v3";
}

void TstServiceEditor::conflict()
{
    QFETCH(QString, api);
    auto store = makeStore(api);
    auto other = makeStore(api); // "someone else"
    const QString key = QString::fromStdString(model::domainToPath(uniqueName(QStringLiteral("cas-") + api).toStdString()));
    QVERIFY(kvPut(other.get(), key, R"({"host":"10.0.0.1"})").ok());

    ServiceEditor editor(store.get());
    editor.show();
    QSignalSpy loaded(&editor, &ServiceEditor::loaded);
    QSignalSpy saved(&editor, &ServiceEditor::saved);
    QSignalSpy conflict(&editor, &ServiceEditor::conflictShown);
    QSignalSpy deleted(&editor, &ServiceEditor::deleted);
    editor.open(key);
    QVERIFY(loaded.wait(15000));
    typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("10.0.0.2")); // mine

    // Someone else changes the key behind the editor's back; Save must not overwrite it.
    QVERIFY(kvPut(other.get(), key, R"({"host":"10.0.0.3"})").ok());
    QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
    QVERIFY(conflict.wait(15000));
    QCOMPARE(saved.count(), 0);
    auto *panel = child<QWidget>(&editor, "conflictPanel");
    QVERIFY(panel->isVisible());
    QVERIFY(child<QPlainTextEdit>(&editor, "theirsView")->toPlainText().contains(QLatin1String("10.0.0.3")));
    QVERIFY(child<QLabel>(&editor, "conflictMessage")->text().contains(QLatin1String("changed by someone else")));
    QCOMPARE(parsed(kvGet(other.get(), key).entries.first().value).host, std::string("10.0.0.3"));
    QCOMPARE(child<QLineEdit>(&editor, "hostEdit")->text(), QStringLiteral("10.0.0.2")); // mine is still there
    if (api == QLatin1String("v2")) {
        // The editor with its conflict panel, for the docs: <build>/screenshots/serviceeditor-conflict.png.
        editor.resize(900, 640);
        QDir().mkpath(QStringLiteral(SKYDNS_BINARY_DIR "/screenshots"));
        QVERIFY(editor.grab().save(QStringLiteral(SKYDNS_BINARY_DIR "/screenshots/serviceeditor-conflict.png")));
    }

    // Deliberate overwrite: replaces exactly the version shown.
    QTest::mouseClick(child<QPushButton>(&editor, "overwriteButton"), Qt::LeftButton);
    QVERIFY(saved.wait(15000));
    QVERIFY(!panel->isVisible());
    KvResult r = kvGet(other.get(), key);
    QCOMPARE(parsed(r.entries.first().value).host, std::string("10.0.0.2"));
    QCOMPARE(editor.revision(), r.entries.first().revision);

    // Another change behind its back; this time the user takes their version.
    QVERIFY(kvPut(other.get(), key, R"({"host":"10.0.0.4","port":53})").ok());
    typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("10.0.0.5"));
    QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
    QVERIFY(conflict.wait(15000));
    QTest::mouseClick(child<QPushButton>(&editor, "loadTheirsButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(&editor, "hostEdit")->text(), QStringLiteral("10.0.0.4"));
    QCOMPARE(child<QLineEdit>(&editor, "portEdit")->text(), QStringLiteral("53"));
    r = kvGet(other.get(), key);
    QCOMPARE(editor.revision(), r.entries.first().revision);
    QCOMPARE(parsed(r.entries.first().value).host, std::string("10.0.0.4"));

    // Delete after someone else's change: refused and shown; then deleted deliberately.
    QVERIFY(kvPut(other.get(), key, R"({"host":"10.0.0.6"})").ok());
    QTest::mouseClick(child<QPushButton>(&editor, "deleteButton"), Qt::LeftButton);
    auto *box = editor.findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(conflict.wait(15000));
    QCOMPARE(deleted.count(), 0);
    QVERIFY(kvGet(other.get(), key).ok());
    QVERIFY(child<QPlainTextEdit>(&editor, "theirsView")->toPlainText().contains(QLatin1String("10.0.0.6")));
    QTest::mouseClick(child<QPushButton>(&editor, "overwriteButton"), Qt::LeftButton);
    QVERIFY(deleted.wait(15000));
    QCOMPARE(kvGet(other.get(), key).status, KvResult::Status::NotFound);

    // Saved after someone deleted the key: shown as a conflict too, then created again deliberately.
    saved.clear();
    QVERIFY(kvPut(other.get(), key, R"({"host":"10.0.0.7"})").ok());
    QSignalSpy loaded2(&editor, &ServiceEditor::loaded);
    editor.open(key);
    QVERIFY(loaded2.wait(15000));
    QVERIFY(kvRemove(other.get(), key).ok());
    typeInto(child<QLineEdit>(&editor, "hostEdit"), QStringLiteral("10.0.0.8"));
    QTest::mouseClick(child<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
    QVERIFY(conflict.wait(15000));
    QCOMPARE(kvGet(other.get(), key).status, KvResult::Status::NotFound);
    QVERIFY(child<QLabel>(&editor, "conflictMessage")->text().contains(QLatin1String("deleted")));
    QTest::mouseClick(child<QPushButton>(&editor, "overwriteButton"), Qt::LeftButton);
    QVERIFY(saved.wait(15000));
    QCOMPARE(parsed(kvGet(other.get(), key).entries.first().value).host, std::string("10.0.0.8"));
    QVERIFY(kvRemove(other.get(), key).ok());
}

QTEST_MAIN(TstServiceEditor)
#include "tst_serviceeditor.moc"
