#include "templates.h"

#include <QRegularExpression>

namespace skydns::platform {

namespace {

// platformtemplates.inc is written by CMake (common/platform/CMakeLists.txt) from the files under
// installer/: one raw string literal per template, so the package and this code cannot differ.
#include "platformtemplates.inc"

} // namespace

QString templateText(TemplateId id)
{
    switch (id) {
    case TemplateId::SystemdService: return QString::fromUtf8(kSystemdService);
    case TemplateId::SystemdSocket: return QString::fromUtf8(kSystemdSocket);
    case TemplateId::SystemdSysusers: return QString::fromUtf8(kSystemdSysusers);
    case TemplateId::LaunchdPlist: return QString::fromUtf8(kLaunchdPlist);
    }
    return QString();
}

bool renderTemplate(const QString &text, const QMap<QString, QString> &values, QString *out, QString *error)
{
    static const QRegularExpression placeholder(QStringLiteral("@([A-Z][A-Z0-9_]*)@"));
    QString result;
    result.reserve(text.size() + 256);
    qsizetype last = 0;
    // One pass over the template: values are never scanned again, so a value containing "@X@" stays literal.
    for (QRegularExpressionMatchIterator it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString key = match.captured(1);
        if (!values.contains(key)) {
            if (error)
                *error = QStringLiteral("template placeholder @%1@ has no value").arg(key);
            return false;
        }
        result += QStringView(text).mid(last, match.capturedStart() - last);
        result += values.value(key);
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    *out = result;
    return true;
}

} // namespace skydns::platform
