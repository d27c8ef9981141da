#include "model/service.h"

#include <QTest>

using skydns::model::parseService;
using skydns::model::Service;
using skydns::model::toJson;

Q_DECLARE_METATYPE(Service)

namespace {

Service make(const char *host, int port = 0, int priority = 0, int weight = 0, const char *text = "", bool mail = false,
             std::uint32_t ttl = 0, int targetStrip = 0, const char *group = "")
{
    Service s;
    s.host = host;
    s.port = port;
    s.priority = priority;
    s.weight = weight;
    s.text = text;
    s.mail = mail;
    s.ttl = ttl;
    s.targetStrip = targetStrip;
    s.group = group;
    return s;
}

} // namespace

// TstService checks the service JSON codec against Go encoding/json's rules (spec 2.2).
class TstService final : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void errorIsOptional();
    void encodes_data();
    void encodes();
    void roundTrips_data();
    void roundTrips();
    void equality();
    void mutatedInputsNeverCrash();
};

void TstService::parses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Service>("expected");
    QTest::newRow("spec 2.2: every field") << QByteArray(R"({"host":"10.0.0.1","port":8080,"priority":20,"weight":30,)"
                                                         R"("text":"hi","mail":true,"ttl":60,"targetstrip":2,"group":"g"})")
                                           << make("10.0.0.1", 8080, 20, 30, "hi", true, 60, 2, "g");
    QTest::newRow("spec 2.2: empty object -> zero values") << QByteArray("{}") << Service();
    QTest::newRow("spec 2.2: host only") << QByteArray(R"({"host":"web.example.com"})") << make("web.example.com");
    QTest::newRow("spec 2.2: unknown fields ignored")
        << QByteArray(R"({"host":"a","Key":"/x","extra":{"deep":[1,2,{"x":null}]},"n":1.5})") << make("a");
    QTest::newRow("spec 2.2: field names case-insensitive")
        << QByteArray(R"({"Host":"a","PORT":1,"Priority":2,"wEiGhT":3,"TEXT":"t","Mail":true,"TTL":4,)"
                      R"("TargetStrip":5,"Group":"g"})")
        << make("a", 1, 2, 3, "t", true, 4, 5, "g");
    QTest::newRow("spec 2.2: Go folds U+017F (long s) to s") << QByteArray("{\"ho\xc5\xbft\":\"a\"}") << make("a");
    QTest::newRow("spec 2.2: null leaves the zero value")
        << QByteArray(R"({"host":null,"port":null,"mail":null,"ttl":null,"text":null})") << Service();
    QTest::newRow("spec 2.2: null after a value keeps the value") << QByteArray(R"({"port":5,"Port":null})")
                                                                  << make("", 5);
    QTest::newRow("spec 2.2: duplicate keys, last wins") << QByteArray(R"({"host":"a","Host":"b"})") << make("b");
    QTest::newRow("spec 2.2: top-level null -> zero value (Go no-op)") << QByteArray("null") << Service();
    QTest::newRow("spec 2.2: whitespace around") << QByteArray(" \n{ \"port\" : 1 }\t") << make("", 1);
    QTest::newRow("spec 2.2: negative port accepted") << QByteArray(R"({"port":-1})") << make("", -1);
    QTest::newRow("spec 2.2: -0 is an integer") << QByteArray(R"({"port":-0})") << make("");
    QTest::newRow("spec 2.2: int32 limits") << QByteArray(R"({"port":2147483647,"weight":-2147483648})")
                                            << make("", 2147483647, 0, std::numeric_limits<int>::min());
    QTest::newRow("spec 2.2: ttl uint32 max") << QByteArray(R"({"ttl":4294967295})")
                                              << make("", 0, 0, 0, "", false, 4294967295u);
    QTest::newRow("spec 2.2: mail false") << QByteArray(R"({"mail":false})") << Service();
    QTest::newRow("spec 2.2: string escapes decoded") << QByteArray(R"({"text":"a\"b\\c\u00e9\n"})")
                                                      << make("", 0, 0, 0, "a\"b\\c\xc3\xa9\n");
    QTest::newRow("spec 2.2: surrogate pair") << QByteArray(R"({"text":"\ud83d\ude00"})")
                                              << make("", 0, 0, 0, "\xf0\x9f\x98\x80");
    QTest::newRow("spec 2.2: invalid UTF-8 replaced by U+FFFD as Go does")
        << QByteArray("{\"text\":\"a\xff\"}") << make("", 0, 0, 0, "a\xef\xbf\xbd");
    QTest::newRow("spec 2.2: lone high surrogate -> U+FFFD as Go does")
        << QByteArray(R"({"text":"a\ud800b"})") << make("", 0, 0, 0, "a\xef\xbf\xbd" "b");
    QTest::newRow("spec 2.2: lone low surrogate -> U+FFFD") << QByteArray(R"({"text":"\udc00"})")
                                                            << make("", 0, 0, 0, "\xef\xbf\xbd");
    QTest::newRow("spec 2.2: high surrogate then a high-low pair")
        << QByteArray(R"({"text":"\ud800\ud83d\ude00"})") << make("", 0, 0, 0, "\xef\xbf\xbd\xf0\x9f\x98\x80");
    QTest::newRow("spec 2.2: escaped backslash before u is not an escape")
        << QByteArray(R"({"text":"\\ud800"})") << make("", 0, 0, 0, "\\ud800");
    QTest::newRow("spec 2.2: nested object in an unknown field") << QByteArray(R"({"meta":{"host":"x"},"host":"y"})")
                                                                 << make("y");
}

void TstService::parses()
{
    QFETCH(QByteArray, json);
    QFETCH(Service, expected);
    std::string error;
    const auto s = parseService(json.toStdString(), "/skydns/local/skydns/web", &error);
    QVERIFY2(s.has_value(), error.c_str());
    QVERIFY(error.empty());
    QCOMPARE(QString::fromStdString(toJson(*s)), QString::fromStdString(toJson(expected)));
    QVERIFY(*s == expected);
}

void TstService::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // the exact message, or a prefix when it ends in "..."
    const QString k = QStringLiteral("/skydns/local/skydns/web: ");
    QTest::newRow("spec 2.2: string port") << QByteArray(R"({"port":"80"})")
                                           << k + R"(field "port": expected an integer, got string "80")";
    QTest::newRow("spec 2.2: fractional port") << QByteArray(R"({"port":80.5})")
                                               << k + R"(field "port": expected an integer, got number 80.5)";
    QTest::newRow("spec 2.2: 80.0 is not an integer for Go") << QByteArray(R"({"priority":80.0})")
                                                             << k + R"(field "priority": expected an integer, got number 80.0)";
    QTest::newRow("spec 2.2: exponent is not an integer") << QByteArray(R"({"weight":1e2})")
                                                          << k + R"(field "weight": expected an integer, got number 1e2)";
    QTest::newRow("spec 2.2: port beyond int32") << QByteArray(R"({"port":3000000000})")
                                                 << k + R"(field "port": integer 3000000000 out of range)";
    QTest::newRow("spec 2.2: targetstrip below int32") << QByteArray(R"({"targetstrip":-2147483649})")
                                                       << k + R"(field "targetstrip": integer -2147483649 out of range)";
    QTest::newRow("spec 2.2: port beyond int64") << QByteArray(R"({"port":99999999999999999999})")
                                                 << k + R"(field "port": expected an integer, got number 99999999999999999999)";
    QTest::newRow("spec 2.2: negative ttl") << QByteArray(R"({"ttl":-1})")
                                            << k + R"(field "ttl": expected an unsigned 32-bit integer, got number -1)";
    QTest::newRow("spec 2.2: ttl -0 (ParseUint refuses the sign)")
        << QByteArray(R"({"ttl":-0})") << k + R"(field "ttl": expected an unsigned 32-bit integer, got number -0)";
    QTest::newRow("spec 2.2: ttl beyond uint32") << QByteArray(R"({"ttl":4294967296})")
                                                 << k + R"(field "ttl": integer 4294967296 out of range)";
    QTest::newRow("spec 2.2: fractional ttl") << QByteArray(R"({"ttl":1.5})")
                                              << k + R"(field "ttl": expected an unsigned 32-bit integer, got number 1.5)";
    QTest::newRow("spec 2.2: string ttl") << QByteArray(R"({"ttl":"60"})")
                                          << k + R"(field "ttl": expected an unsigned 32-bit integer, got string "60")";
    QTest::newRow("spec 2.2: number host") << QByteArray(R"({"host":10})")
                                           << k + R"(field "host": expected a string, got number 10)";
    QTest::newRow("spec 2.2: bool text") << QByteArray(R"({"text":true})")
                                         << k + R"(field "text": expected a string, got bool true)";
    QTest::newRow("spec 2.2: array group") << QByteArray(R"({"group":["a"]})")
                                           << k + R"(field "group": expected a string, got array)";
    QTest::newRow("spec 2.2: object host") << QByteArray(R"({"host":{"ip":"1.2.3.4"}})")
                                           << k + R"(field "host": expected a string, got object)";
    QTest::newRow("spec 2.2: number mail") << QByteArray(R"({"mail":1})")
                                           << k + R"(field "mail": expected a bool, got number 1)";
    QTest::newRow("spec 2.2: string mail") << QByteArray(R"({"mail":"true"})")
                                           << k + R"(field "mail": expected a bool, got string "true")";
    QTest::newRow("spec 2.2: bool port") << QByteArray(R"({"port":false})")
                                         << k + R"(field "port": expected an integer, got bool false)";
    QTest::newRow("spec 2.2: first type error reported") << QByteArray(R"({"port":"1","ttl":"2"})")
                                                         << k + R"(field "port": expected an integer, got string "1")";
    QTest::newRow("spec 2.2: case-insensitive key named as the field")
        << QByteArray(R"({"PORT":"1"})") << k + R"(field "port": expected an integer, got string "1")";
    QTest::newRow("spec 2.2: top-level array") << QByteArray(R"([{"host":"a"}])") << k + "expected a JSON object, got array";
    QTest::newRow("spec 2.2: top-level string") << QByteArray(R"("10.0.0.1")") << k + "expected a JSON object, got string";
    QTest::newRow("spec 2.2: top-level number") << QByteArray("42") << k + "expected a JSON object, got number";
    QTest::newRow("spec 2.2: top-level bool") << QByteArray("true") << k + "expected a JSON object, got bool";
    QTest::newRow("spec 2.2: truncated") << QByteArray(R"({"host":"a")") << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: not JSON") << QByteArray("host=10.0.0.1") << k + "invalid JSON at byte 1: ...";
    QTest::newRow("spec 2.2: empty value") << QByteArray("") << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: trailing garbage") << QByteArray(R"({"host":"a"} x)") << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: syntax error wins over type error") << QByteArray(R"({"port":"1",})")
                                                                 << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: single quotes") << QByteArray("{'host':'a'}") << k + "invalid JSON at byte 2: ...";
    QTest::newRow("spec 2.2: control character in a string") << QByteArray("{\"host\":\"a\x01\"}")
                                                             << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: byte order mark rejected (Go does)") << QByteArray("\xef\xbb\xbf{}")
                                                                  << k + "invalid JSON at byte 1: ...";
    QTest::newRow("spec 2.2: lone surrogate in a key of a bad document still a syntax error")
        << QByteArray(R"({"\ud800":1,})") << k + "invalid JSON at byte ...";
    QTest::newRow("spec 2.2: deeper than Go's 10000 levels")
        << (QByteArray(R"({"x":)") + QByteArray(10001, '[') + QByteArray(10001, ']') + "}")
        << k + "invalid JSON: exceeded max depth";
}

void TstService::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    std::string message = "unset";
    const auto s = parseService(json.toStdString(), "/skydns/local/skydns/web", &message);
    QVERIFY(!s.has_value());
    const QString got = QString::fromStdString(message);
    if (error.endsWith(QLatin1String("...")))
        QVERIFY2(got.startsWith(error.chopped(3)), qPrintable(got));
    else
        QCOMPARE(got, error);
    QVERIFY2(!got.contains('\n'), "one-line message");
}

void TstService::errorIsOptional()
{
    QVERIFY(!parseService(R"({"port":"1"})", "/k").has_value());
    QVERIFY(!parseService("{", "/k", nullptr).has_value());
    QVERIFY(parseService("{}", "/k").has_value());
}

void TstService::encodes_data()
{
    QTest::addColumn<Service>("service");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("spec 2.2: omitempty, zero service") << Service() << QByteArray("{}");
    QTest::newRow("spec 2.2: Go field order") << make("10.0.0.1", 80, 10, 20, "t", true, 30, 1, "g")
                                              << QByteArray(R"({"host":"10.0.0.1","port":80,"priority":10,"weight":20,)"
                                                            R"("text":"t","mail":true,"ttl":30,"targetstrip":1,"group":"g"})");
    QTest::newRow("spec 2.2: negative numbers kept") << make("", -1, 0, -5) << QByteArray(R"({"port":-1,"weight":-5})");
    QTest::newRow("spec 2.2: ttl max") << make("", 0, 0, 0, "", false, 4294967295u)
                                       << QByteArray(R"({"ttl":4294967295})");
    QTest::newRow("spec 2.2: Go HTML-safe escapes") << make("a<b>&c") << QByteArray(R"({"host":"a\u003cb\u003e\u0026c"})");
    QTest::newRow("spec 2.2: quotes, backslash, control characters")
        << make("", 0, 0, 0, "\"\\\n\r\t\x01") << QByteArray(R"({"text":"\"\\\n\r\t\u0001"})");
    QTest::newRow("spec 2.2: U+2028 and U+2029 escaped, other UTF-8 as is")
        << make("", 0, 0, 0, "\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9") << QByteArray("{\"text\":\"\\u2028\\u2029\xc3\xa9\"}");
    QTest::newRow("spec 2.2: invalid UTF-8 written as U+FFFD") << make("\xff") << QByteArray("{\"host\":\"\xef\xbf\xbd\"}");
}

void TstService::encodes()
{
    QFETCH(Service, service);
    QFETCH(QByteArray, json);
    QCOMPARE(QByteArray::fromStdString(toJson(service)), json);
}

void TstService::roundTrips_data()
{
    QTest::addColumn<Service>("service");
    QTest::newRow("zero") << Service();
    QTest::newRow("full") << make("h.example.", 1, 2, 3, "text with \"quotes\" <tags>", true, 7, 1, "grp");
    QTest::newRow("limits") << make("", std::numeric_limits<int>::max(), std::numeric_limits<int>::min(), -1, "",
                                    false, std::numeric_limits<std::uint32_t>::max(), -3, "");
    QTest::newRow("unicode") << make("", 0, 0, 0, "\xe2\x80\xa8 \xf0\x9f\x98\x80 \x7f");
}

void TstService::roundTrips()
{
    QFETCH(Service, service);
    std::string error;
    const auto back = parseService(toJson(service), "/k", &error);
    QVERIFY2(back.has_value(), error.c_str());
    QVERIFY(*back == service);
}

void TstService::equality()
{
    const Service base = make("a", 1, 2, 3, "t", true, 4, 5, "g");
    QVERIFY(base == base);
    QVERIFY(!(base != base));
    Service other = base;
    other.group = "h";
    QVERIFY(base != other);
    other = base;
    other.targetStrip = 0;
    QVERIFY(base != other);
    other = base;
    other.mail = false;
    QVERIFY(base != other);
    other = base;
    other.ttl = 0;
    QVERIFY(base != other);
}

// mutatedInputsNeverCrash feeds byte-mutated service values to the parser (untrusted etcd data):
// every input either fails with a one-line message naming the key, or decodes to a service that
// survives an encode/decode round trip unchanged.
void TstService::mutatedInputsNeverCrash()
{
    const std::string seeds[] = {
        R"({"host":"10.0.0.1","port":8080,"priority":20,"weight":30,"text":"hi \u00e9","mail":true,"ttl":60,"targetstrip":2,"group":"g"})",
        R"({"Host":"a.b.","extra":[1,{"x":null}],"ttl":4294967295})",
        R"({"text":"\ud83d\ude00 \" \\ <>&"})",
    };
    static const char kInserts[] = "{}[]\",:0-9e.u\\\x80\xff";
    std::uint32_t state = 12345;
    auto next = [&state]() {
        state = state * 1103515245u + 12345u;
        return state >> 8;
    };
    int decoded = 0;
    int rejected = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string input = seeds[static_cast<std::size_t>(i) % 3];
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int e = 0; e < edits && !input.empty(); ++e) {
            const std::size_t pos = next() % input.size();
            switch (next() % 3) {
            case 0: input[pos] = static_cast<char>(next() & 0xFF); break;
            case 1: input.erase(pos, 1); break;
            default: input.insert(pos, 1, kInserts[next() % (sizeof(kInserts) - 1)]); break;
            }
        }
        std::string error;
        const auto s = parseService(input, "/k", &error);
        if (!s) {
            ++rejected;
            QVERIFY2(error.rfind("/k: ", 0) == 0, error.c_str());
            QVERIFY(error.find('\n') == std::string::npos);
            continue;
        }
        ++decoded;
        const auto again = parseService(toJson(*s), "/k", &error);
        QVERIFY2(again.has_value(), (input + " -> " + toJson(*s) + ": " + error).c_str());
        QVERIFY2(*again == *s, input.c_str());
    }
    // Both outcomes must occur, or the mutation did not exercise the parser.
    QVERIFY(decoded > 100);
    QVERIFY(rejected > 100);
}

QTEST_APPLESS_MAIN(TstService)
#include "tst_service.moc"
