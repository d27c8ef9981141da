#include "editor/jsonmembers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace skydns::console {

namespace {

// Go's decoder refuses nesting deeper than this; refusing it here too keeps the recursion bounded.
constexpr int kMaxDepth = 10000;

// Scanner validates JSON and copies it without insignificant whitespace. It is written out rather
// than taken from QJsonDocument because QJsonDocument turns numbers into doubles and sorts members,
// which would change unknown members the editor promises to keep.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text) : m_s(text) {}

    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_s.size();
    }
    char peek()
    {
        skipSpace();
        return m_pos < m_s.size() ? m_s.at(m_pos) : '\0';
    }
    bool expect(char c)
    {
        if (peek() != c)
            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "expected '%1'").arg(QLatin1Char(c)));
        ++m_pos;
        return true;
    }
    bool value(QByteArray &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "nesting deeper than %1").arg(kMaxDepth));
        switch (peek()) {
        case '{':
            return container(out, depth, '{', '}', true);
        case '[':
            return container(out, depth, '[', ']', false);
        case '"':
            return string(out);
        case 't':
            return literal(out, "true");
        case 'f':
            return literal(out, "false");
        case 'n':
            return literal(out, "null");
        default:
            return number(out);
        }
    }
    bool string(QByteArray &out)
    {
        if (peek() != '"')
            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "expected a string"));
        const int start = m_pos++;
        while (m_pos < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s.at(m_pos));
            if (c == '"') {
                ++m_pos;
                out += m_s.mid(start, m_pos - start);
                return true;
            }
            if (c < 0x20)
                return fail(QCoreApplication::translate("skydns::console::JsonMembers", "control character in a string"));
            if (c == '\\') {
                if (m_pos + 1 >= m_s.size())
                    break;
                const char e = m_s.at(m_pos + 1);
                if (e == 'u') {
                    for (int i = 2; i < 6; ++i) {
                        if (m_pos + i >= m_s.size() || !isxdigit(static_cast<unsigned char>(m_s.at(m_pos + i))))
                            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "bad \\u escape"));
                    }
                    m_pos += 6;
                    continue;
                }
                if (!QByteArrayView("\"\\/bfnrt").contains(e))
                    return fail(QCoreApplication::translate("skydns::console::JsonMembers", "bad escape"));
                m_pos += 2;
                continue;
            }
            ++m_pos;
        }
        return fail(QCoreApplication::translate("skydns::console::JsonMembers", "unterminated string"));
    }
    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QCoreApplication::translate("skydns::console::JsonMembers", "%1 at offset %2").arg(what).arg(m_pos);
        return false;
    }
    QString error() const { return m_error; }

private:
    void skipSpace()
    {
        while (m_pos < m_s.size() && QByteArrayView(" \t\r\n").contains(m_s.at(m_pos)))
            ++m_pos;
    }
    bool container(QByteArray &out, int depth, char open, char close, bool object)
    {
        expect(open);
        out += open;
        if (peek() == close) {
            ++m_pos;
            out += close;
            return true;
        }
        for (;;) {
            if (object && !(string(out) && expect(':')))
                return false;
            if (object)
                out += ':';
            if (!value(out, depth + 1))
                return false;
            const char c = peek();
            if (c == close) {
                ++m_pos;
                out += close;
                return true;
            }
            if (!expect(','))
                return false;
            out += ',';
        }
    }
    bool literal(QByteArray &out, const char *word)
    {
        const QByteArray w(word);
        if (m_s.mid(m_pos, w.size()) != w)
            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "invalid literal"));
        m_pos += int(w.size());
        out += w;
        return true;
    }
    bool number(QByteArray &out)
    {
        const int start = m_pos;
        auto digits = [this] {
            const int from = m_pos;
            while (m_pos < m_s.size() && isdigit(static_cast<unsigned char>(m_s.at(m_pos))))
                ++m_pos;
            return m_pos > from;
        };
        if (m_pos < m_s.size() && m_s.at(m_pos) == '-')
            ++m_pos;
        if (m_pos < m_s.size() && m_s.at(m_pos) == '0')
            ++m_pos;
        else if (!digits())
            return fail(QCoreApplication::translate("skydns::console::JsonMembers", "invalid value"));
        if (m_pos < m_s.size() && m_s.at(m_pos) == '.') {
            ++m_pos;
            if (!digits())
                return fail(QCoreApplication::translate("skydns::console::JsonMembers", "invalid number"));
        }
        if (m_pos < m_s.size() && (m_s.at(m_pos) == 'e' || m_s.at(m_pos) == 'E')) {
            ++m_pos;
            if (m_pos < m_s.size() && (m_s.at(m_pos) == '+' || m_s.at(m_pos) == '-'))
                ++m_pos;
            if (!digits())
                return fail(QCoreApplication::translate("skydns::console::JsonMembers", "invalid number"));
        }
        out += m_s.mid(start, m_pos - start);
        return true;
    }

    const QByteArray &m_s;
    int m_pos = 0;
    QString m_error;
};

QChar goFold(QChar c)
{
    if (c == QChar(0x017F))
        return QLatin1Char('s');
    if (c == QChar(0x212A))
        return QLatin1Char('k');
    if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        return QChar(c.unicode() - 'A' + 'a');
    return c;
}

QByteArray quoted(const QString &name)
{
    const QByteArray array = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

std::optional<JsonMembers> JsonMembers::parse(const QByteArray &text, QString *error)
{
    Scanner scanner(text);
    JsonMembers result;
    auto failed = [&]() -> std::optional<JsonMembers> {
        if (error)
            *error = scanner.error();
        return std::nullopt;
    };
    if (scanner.peek() == 'n') {
        QByteArray ignored;
        if (!scanner.value(ignored, 0) || ignored != "null")
            return failed();
    } else {
        if (scanner.peek() != '{') {
            scanner.fail(QCoreApplication::translate("skydns::console::JsonMembers", "a service must be a JSON object"));
            return failed();
        }
        scanner.expect('{');
        bool first = true;
        while (scanner.peek() != '}') {
            if (!first && !scanner.expect(','))
                return failed();
            first = false;
            JsonMember member;
            if (!scanner.string(member.rawName) || !scanner.expect(':') || !scanner.value(member.value, 1))
                return failed();
            const QJsonArray decoded = QJsonDocument::fromJson("[" + member.rawName + "]").array();
            member.name = decoded.isEmpty() ? QString::fromUtf8(member.rawName) : decoded.at(0).toString();
            result.members.append(member);
        }
        scanner.expect('}');
    }
    if (!scanner.atEnd()) {
        scanner.fail(QCoreApplication::translate("skydns::console::JsonMembers", "unexpected text after the object"));
        return failed();
    }
    return result;
}

bool JsonMembers::goNameMatches(QStringView memberName, QStringView field)
{
    if (memberName.size() != field.size())
        return false;
    for (qsizetype i = 0; i < memberName.size(); ++i) {
        if (goFold(memberName.at(i)) != goFold(field.at(i)))
            return false;
    }
    return true;
}

int JsonMembers::indexOf(QStringView field) const
{
    for (int i = int(members.size()) - 1; i >= 0; --i) {
        if (goNameMatches(members.at(i).name, field))
            return i;
    }
    return -1;
}

void JsonMembers::set(const QString &field, const QByteArray &value)
{
    const int last = indexOf(field);
    if (last < 0) {
        members.append(JsonMember{field, quoted(field), value});
        return;
    }
    members[last] = JsonMember{field, quoted(field), value};
    for (int i = last - 1; i >= 0; --i) {
        if (goNameMatches(members.at(i).name, field))
            members.removeAt(i);
    }
}

void JsonMembers::remove(QStringView field)
{
    members.removeIf([field](const JsonMember &m) { return goNameMatches(m.name, field); });
}

QByteArray JsonMembers::compact() const
{
    QByteArray out("{");
    for (int i = 0; i < members.size(); ++i) {
        if (i > 0)
            out += ',';
        out += members.at(i).rawName + ':' + members.at(i).value;
    }
    return out + '}';
}

QByteArray JsonMembers::pretty() const
{
    if (members.isEmpty())
        return "{}";
    QByteArray out("{\n");
    for (int i = 0; i < members.size(); ++i) {
        out += "    " + members.at(i).rawName + ": " + members.at(i).value;
        out += i + 1 < members.size() ? ",\n" : "\n";
    }
    return out + '}';
}

} // namespace skydns::console
