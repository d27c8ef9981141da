#include "serviceplan.h"

#include "quoting.h"

#include <QRegularExpression>

namespace skydns::platform {

namespace {

struct OperationWord
{
    Operation op;
    const char *word;
};

constexpr OperationWord kOperations[] = {
    {Operation::Install, "install"}, {Operation::Uninstall, "uninstall"}, {Operation::Start, "start"},
    {Operation::Stop, "stop"},       {Operation::Restart, "restart"},     {Operation::Status, "status"},
};

QString octal(int mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace

bool validateSpec(const ServiceSpec &spec, QString *error)
{
    auto fail = [error](const QString &field, const QString &value, const QString &why) {
        if (error)
            *error = QStringLiteral("%1 \"%2\": %3").arg(field, value, why);
        return false;
    };
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    static const QRegularExpression user(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    static const QRegularExpression absolute(QStringLiteral("^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)"));
    static const QRegularExpression address(QStringLiteral("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$"));
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    if (!word.match(spec.name).hasMatch())
        return fail(QStringLiteral("service name"), spec.name, QStringLiteral("use letters, digits, '_', '.' and '-'"));
    if (!word.match(spec.launchdLabel).hasMatch())
        return fail(QStringLiteral("launchd label"), spec.launchdLabel, QStringLiteral("use letters, digits, '_', '.' and '-'"));
    if (!user.match(spec.user).hasMatch())
        return fail(QStringLiteral("user"), spec.user, QStringLiteral("not a user name"));
    if (!absolute.match(spec.binary).hasMatch())
        return fail(QStringLiteral("binary"), spec.binary, QStringLiteral("must be an absolute path"));
    const QStringList texts = QStringList{spec.displayName, spec.description, spec.binary, spec.logDirectory} + spec.arguments;
    for (const QString &text : texts) {
        if (control.match(text).hasMatch())
            return fail(QStringLiteral("value"), text, QStringLiteral("control characters (such as a newline) are not allowed"));
    }
    if (spec.listen.isEmpty())
        return fail(QStringLiteral("listen address"), QString(), QStringLiteral("at least one is needed"));
    for (const QString &listen : spec.listen) {
        const QRegularExpressionMatch m = address.match(listen);
        if (!m.hasMatch() || listen.section(QLatin1Char(':'), -1).toInt() > 65535)
            return fail(QStringLiteral("listen address"), listen, QStringLiteral("expected host:port or [v6]:port"));
    }
    return true;
}

QString operationName(Operation op)
{
    for (const OperationWord &entry : kOperations) {
        if (entry.op == op)
            return QString::fromLatin1(entry.word);
    }
    return QString();
}

bool parseOperation(const QString &word, Operation *op)
{
    for (const OperationWord &entry : kOperations) {
        if (word == QLatin1String(entry.word)) {
            *op = entry.op;
            return true;
        }
    }
    return false;
}

Action Action::writeFile(const QString &path, const QByteArray &content, int mode)
{
    Action a;
    a.kind = Kind::WriteFile;
    a.path = path;
    a.content = content;
    a.mode = mode;
    return a;
}

Action Action::removeFile(const QString &path)
{
    Action a;
    a.kind = Kind::RemoveFile;
    a.path = path;
    return a;
}

Action Action::makeDirectory(const QString &path, int mode)
{
    Action a;
    a.kind = Kind::MakeDirectory;
    a.path = path;
    a.mode = mode;
    return a;
}

Action Action::run(const QString &program, const QStringList &arguments, bool mayFail)
{
    Action a;
    a.kind = Kind::Run;
    a.program = program;
    a.arguments = arguments;
    a.mayFail = mayFail;
    return a;
}

QString Action::describe() const
{
    QString text;
    switch (kind) {
    case Kind::WriteFile:
        text = QStringLiteral("write %1 (%2, %3 bytes)").arg(path, octal(mode)).arg(content.size());
        break;
    case Kind::RemoveFile:
        text = QStringLiteral("remove %1").arg(path);
        break;
    case Kind::MakeDirectory:
        text = QStringLiteral("create directory %1 (%2)").arg(path, octal(mode));
        break;
    case Kind::Run:
        text = QStringLiteral("run %1").arg(shellCommand(program, arguments));
        break;
    }
    if (mayFail)
        text += QStringLiteral(" (may fail)");
    return text;
}

bool operator==(const Action &a, const Action &b)
{
    return a.kind == b.kind && a.path == b.path && a.content == b.content && a.mode == b.mode
        && a.program == b.program && a.arguments == b.arguments && a.mayFail == b.mayFail;
}

QString stateName(ServiceState state)
{
    switch (state) {
    case ServiceState::NotInstalled: return QStringLiteral("not-installed");
    case ServiceState::Stopped: return QStringLiteral("stopped");
    case ServiceState::Starting: return QStringLiteral("starting");
    case ServiceState::Running: return QStringLiteral("running");
    case ServiceState::Stopping: return QStringLiteral("stopping");
    case ServiceState::Failed: return QStringLiteral("failed");
    case ServiceState::Unknown: break;
    }
    return QStringLiteral("unknown");
}

} // namespace skydns::platform
