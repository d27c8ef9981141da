#include "model/path.h"

#include <QTest>

using namespace skydns::model;

namespace {

QStringList toList(const std::vector<std::string_view> &v)
{
    QStringList out;
    for (auto s : v)
        out << QString::fromUtf8(s.data(), static_cast<int>(s.size()));
    return out;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

// TstPath checks key path <-> domain name conversion, wildcards and label arithmetic (spec 2.1, 3.5).
class TstPath final : public QObject
{
    Q_OBJECT

private slots:
    void splitLabels_data();
    void splitLabels();
    void domainToPath_data();
    void domainToPath();
    void pathToDomain_data();
    void pathToDomain();
    void pathWithWildcard_data();
    void pathWithWildcard();
    void keyMatchesWildcard_data();
    void keyMatchesWildcard();
    void targetStrip_data();
    void targetStrip();
    void countLabels_data();
    void countLabels();
    void fqdn_data();
    void fqdn();
    void smallHelpers();
};

void TstPath::splitLabels_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("spec 2.1: fqdn") << "a.b.c." << QStringList{"a", "b", "c"};
    QTest::newRow("spec 2.1: no trailing dot") << "a.b.c" << QStringList{"a", "b", "c"};
    QTest::newRow("spec 2.1: root") << "." << QStringList{};
    QTest::newRow("spec 2.1: empty") << "" << QStringList{};
    QTest::newRow("spec 2.1: empty labels ignored") << "a..b." << QStringList{"a", "b"};
    QTest::newRow("spec 2.1: escaped dot stays in the label") << "a\\.b.c." << QStringList{"a\\.b", "c"};
    QTest::newRow("spec 2.1: escaped backslash then dot splits") << "a\\\\.b." << QStringList{"a\\\\", "b"};
    QTest::newRow("spec 2.1: single label") << "local." << QStringList{"local"};
}

void TstPath::splitLabels()
{
    QFETCH(QString, name);
    QFETCH(QStringList, labels);
    const std::string n = name.toStdString();
    QCOMPARE(toList(skydns::model::splitLabels(n)), labels);
}

void TstPath::domainToPath_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("path");
    QTest::newRow("spec 2.1: labels reversed") << "web.east.skydns.local." << "skydns" << "/skydns/local/skydns/east/web";
    QTest::newRow("spec 2.1: without trailing dot") << "web.east.skydns.local" << "skydns" << "/skydns/local/skydns/east/web";
    QTest::newRow("spec 2.1: root -> prefix") << "." << "skydns" << "/skydns";
    QTest::newRow("spec 2.1: other prefix") << "a.b." << "dns" << "/dns/b/a";
    QTest::newRow("spec 2.1: case kept") << "Web.Local." << "skydns" << "/skydns/Local/Web";
    QTest::newRow("spec 2.1: wildcard kept as an element") << "*.web.local." << "skydns" << "/skydns/local/web/*";
    QTest::newRow("spec 2.1: reverse name") << "1.0.0.10.in-addr.arpa." << "skydns" << "/skydns/arpa/in-addr/10/0/0/1";
    QTest::newRow("spec 2.1: empty prefix (path.Join drops the double slash)") << "a.b." << "" << "/b/a";
    QTest::newRow("spec 2.1: prefix with slashes") << "a.b." << "skydns/" << "/skydns/b/a";
    QTest::newRow("spec 2.1: '/' in a label splits the path (path.Join)") << "a/b.local." << "skydns"
                                                                          << "/skydns/local/a/b";
    QTest::newRow("spec 2.1: label '/' cleaned away (path.Clean)") << "/.local." << "skydns" << "/skydns/local";
    QTest::newRow("spec 2.1: label '//x/' cleaned") << "//x/.local." << "skydns" << "/skydns/local/x";
}

void TstPath::domainToPath()
{
    QFETCH(QString, name);
    QFETCH(QString, prefix);
    QFETCH(QString, path);
    QCOMPARE(q(skydns::model::domainToPath(name.toStdString(), prefix.toStdString())), path);
}

void TstPath::pathToDomain_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");
    QTest::newRow("spec 2.1: msg.Domain") << "/skydns/local/skydns/east/web" << "web.east.skydns.local.";
    QTest::newRow("spec 2.1: any prefix dropped") << "/dns/local/web" << "web.local.";
    QTest::newRow("spec 2.1: prefix only -> root") << "/skydns" << ".";
    QTest::newRow("spec 2.1: one element below the prefix") << "/skydns/local" << "local.";
    QTest::newRow("spec 2.1: reverse key") << "/skydns/arpa/in-addr/10/0/0/1" << "1.0.0.10.in-addr.arpa.";
    QTest::newRow("spec 2.1 quirk: trailing slash gives an empty label") << "/skydns/local/" << ".local.";
    QTest::newRow("spec 2.1 quirk: no leading slash drops the last element") << "skydns/local/x" << "x.";
    QTest::newRow("spec 2.1: slash") << "/" << ".";
    QTest::newRow("spec 2.1: empty (Go would panic)") << "" << ".";
    QTest::newRow("spec 2.1: round trip of mixed case") << "/skydns/Local/Web" << "Web.Local.";
}

void TstPath::pathToDomain()
{
    QFETCH(QString, key);
    QFETCH(QString, name);
    QCOMPARE(q(skydns::model::pathToDomain(key.toStdString())), name);
}

void TstPath::pathWithWildcard_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("star");
    QTest::newRow("spec 3.5: no wildcard") << "web.skydns.local." << "/skydns/local/skydns/web" << false;
    QTest::newRow("spec 3.5: leading *") << "*.web.skydns.local." << "/skydns/local/skydns/web" << true;
    QTest::newRow("spec 3.5: any") << "any.web.skydns.local." << "/skydns/local/skydns/web" << true;
    QTest::newRow("spec 3.5: middle wildcard") << "web.*.skydns.local." << "/skydns/local/skydns" << true;
    QTest::newRow("spec 3.5: cut at the wildcard nearest the root") << "a.*.b.any.skydns.local." << "/skydns/local/skydns"
                                                                    << true;
    QTest::newRow("spec 3.5: wildcard top label") << "web.local.*." << "/skydns" << true;
    QTest::newRow("spec 3.5: only a wildcard") << "*." << "/skydns" << true;
    QTest::newRow("spec 3.5: 'any' must be a whole label") << "many.anyway.local." << "/skydns/local/anyway/many" << false;
    QTest::newRow("spec 3.5: case-sensitive: ANY is not a wildcard") << "ANY.local." << "/skydns/local/ANY" << false;
    QTest::newRow("spec 3.5: ** is not a wildcard") << "**.local." << "/skydns/local/**" << false;
    QTest::newRow("spec 3.5: root") << "." << "/skydns" << false;
    QTest::newRow("spec 3.5: '/' label before the wildcard cleaned") << "*./.local." << "/skydns/local" << true;
}

void TstPath::pathWithWildcard()
{
    QFETCH(QString, name);
    QFETCH(QString, path);
    QFETCH(bool, star);
    const WildcardPath w = skydns::model::pathWithWildcard(name.toStdString());
    QCOMPARE(q(w.path), path);
    QCOMPARE(w.star, star);
}

void TstPath::keyMatchesWildcard_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("match");
    QTest::newRow("spec 3.5: * matches one element") << "/skydns/local/east/web" << "/skydns/local/*/web" << true;
    QTest::newRow("spec 3.5: any matches one element") << "/skydns/local/east/web" << "/skydns/local/any/web" << true;
    QTest::newRow("spec 3.5: other elements compared") << "/skydns/local/east/db" << "/skydns/local/*/web" << false;
    QTest::newRow("spec 3.5: key shorter than query dropped") << "/skydns/local/east" << "/skydns/local/east/*" << false;
    QTest::newRow("spec 3.5: longer key matches (subtree)") << "/skydns/local/east/web/a" << "/skydns/local/*/web" << true;
    QTest::newRow("spec 3.5: equal length, last element wildcard") << "/skydns/local/east" << "/skydns/local/*" << true;
    QTest::newRow("spec 3.5: several wildcards") << "/skydns/local/a/b/c" << "/skydns/*/a/*/c" << true;
    QTest::newRow("spec 3.5: several wildcards, one mismatch") << "/skydns/local/a/b/d" << "/skydns/*/a/*/c" << false;
    QTest::newRow("spec 3.5: key element '*' is literal") << "/skydns/local/*/web" << "/skydns/local/east/web" << false;
    QTest::newRow("spec 3.5: no wildcard, same key") << "/skydns/local/web" << "/skydns/local/web" << true;
    QTest::newRow("spec 3.5: comparison is case-sensitive") << "/skydns/local/Web" << "/skydns/local/web" << false;
    QTest::newRow("spec 3.5: prefix must match") << "/other/local/web" << "/skydns/*/web" << false;
}

void TstPath::keyMatchesWildcard()
{
    QFETCH(QString, key);
    QFETCH(QString, query);
    QFETCH(bool, match);
    QCOMPARE(skydns::model::keyMatchesWildcard(key.toStdString(), query.toStdString()), match);
}

void TstPath::targetStrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("labels");
    QTest::addColumn<QString>("result");
    QTest::newRow("spec 3.5: 0 -> unchanged") << "a.b.c.local." << 0 << "a.b.c.local.";
    QTest::newRow("spec 3.5: strips from the left (README says right)") << "a.b.c.local." << 1 << "b.c.local.";
    QTest::newRow("spec 3.5: strip 2") << "a.b.c.local." << 2 << "c.local.";
    QTest::newRow("spec 3.5: strip all but one") << "a.b.c.local." << 3 << "local.";
    QTest::newRow("spec 3.5: strip every label overshoots -> unchanged") << "a.b.c.local." << 4 << "a.b.c.local.";
    QTest::newRow("spec 3.5: far overshoot -> unchanged") << "a.b." << 100 << "a.b.";
    QTest::newRow("spec 3.5: huge value stays fast") << "a.b." << std::numeric_limits<int>::max() << "a.b.";
    QTest::newRow("spec 3.5: negative -> unchanged") << "a.b.c." << -1 << "a.b.c.";
    QTest::newRow("spec 3.5: without trailing dot") << "a.b.c" << 2 << "c";
    QTest::newRow("spec 3.5: escaped dot is not a boundary") << "a\\.b.c.d." << 1 << "c.d.";
    QTest::newRow("spec 3.5: root unchanged") << "." << 1 << ".";
    QTest::newRow("spec 3.5: empty unchanged") << "" << 1 << "";
}

void TstPath::targetStrip()
{
    QFETCH(QString, name);
    QFETCH(int, labels);
    QFETCH(QString, result);
    QCOMPARE(q(skydns::model::targetStrip(name.toStdString(), labels)), result);
}

void TstPath::countLabels_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("count");
    QTest::newRow("dns.CountLabel: root") << "." << 0;
    QTest::newRow("dns.CountLabel: one") << "local." << 1;
    QTest::newRow("dns.CountLabel: three") << "a.b.c." << 3;
    QTest::newRow("dns.CountLabel: no trailing dot") << "a.b.c" << 3;
    QTest::newRow("dns.CountLabel: escaped dot") << "a\\.b.c." << 2;
    QTest::newRow("dns.CountLabel quirk: empty string") << "" << 1;
}

void TstPath::countLabels()
{
    QFETCH(QString, name);
    QFETCH(int, count);
    QCOMPARE(skydns::model::countLabels(name.toStdString()), count);
}

void TstPath::fqdn_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("result");
    QTest::newRow("dns.Fqdn: adds a dot") << "a.b" << "a.b.";
    QTest::newRow("dns.Fqdn: keeps a dot") << "a.b." << "a.b.";
    QTest::newRow("dns.Fqdn: empty -> root") << "" << ".";
    QTest::newRow("dns.Fqdn: root") << "." << ".";
    QTest::newRow("dns.Fqdn v1.0.4: only the last byte counts") << "a\\." << "a\\.";
}

void TstPath::fqdn()
{
    QFETCH(QString, name);
    QFETCH(QString, result);
    QCOMPARE(q(skydns::model::fqdn(name.toStdString())), result);
}

void TstPath::smallHelpers()
{
    QCOMPARE(q(toLowerAscii("WeB.Ex-AMPLE.\xc3\x89.")), QString::fromUtf8("web.ex-ample.\xc3\x89."));
    QVERIFY(isWildcardLabel("*"));
    QVERIFY(isWildcardLabel("any"));
    QVERIFY(!isWildcardLabel("Any"));
    QVERIFY(!isWildcardLabel(""));
    QCOMPARE(q(std::string(kDefaultPathPrefix)), QStringLiteral("skydns"));
    // domainToPath and pathToDomain are inverses for ordinary names.
    for (const char *name : {"web.east.skydns.local.", "local.", "1.0.0.10.in-addr.arpa."})
        QCOMPARE(q(skydns::model::pathToDomain(skydns::model::domainToPath(name))), QString::fromLatin1(name));
}

QTEST_APPLESS_MAIN(TstPath)
#include "tst_path.moc"
