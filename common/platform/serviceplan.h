#pragma once
// The vocabulary of service management shared by the three platforms: what to install
// (ServiceSpec), one step of an operation (Action), the steps of an operation (Plan) and the state a
// status query reports. Plans are plain data so `--dry-run` can print them and tests can compare them.
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace skydns::platform {

// ServiceSpec is what gets installed. Defaults are the packaged layout; `binary` must be absolute.
struct ServiceSpec
{
    QString name = QStringLiteral("skydns");                 // systemd unit / SCM service name
    QString displayName = QStringLiteral("SkyDNS Qt");        // SCM display name
    QString description = QStringLiteral("SkyDNS Qt DNS service discovery over etcd");
    QString binary;                                           // absolute path of the skydns executable
    QStringList arguments;                                    // extra flags for the service (-machines ...)
    QStringList listen{QStringLiteral("127.0.0.1:53")};      // systemd socket addresses (UDP and TCP each)
    QString user = QStringLiteral("skydns");                  // systemd User=; launchd UserName
    QString launchdLabel = QStringLiteral("org.skydns.skydns");
    QString logDirectory = QStringLiteral("/Library/Logs/SkyDNS"); // launchd log files
};

// validateSpec checks what would otherwise end up unquoted in a unit file, plist or command line:
// names and the user are plain words, the binary is an absolute path (Unix or Windows form), no
// value has a control character, each listen address is host:port or [v6]:port. Returns false with
// *error naming the field and the value.
bool validateSpec(const ServiceSpec &spec, QString *error);

// Operation is one of the words of `skydns service ...`.
enum class Operation { Install, Uninstall, Start, Stop, Restart, Status };

// operationName is the command-line word of op ("install", ...).
QString operationName(Operation op);

// parseOperation maps a command-line word to an Operation; false when it names none.
bool parseOperation(const QString &word, Operation *op);

// Action is one step of a plan: write or remove a file, create a directory, or run a program.
struct Action
{
    enum class Kind { WriteFile, RemoveFile, MakeDirectory, Run };
    Kind kind = Kind::Run;
    QString path;             // WriteFile, RemoveFile, MakeDirectory
    QByteArray content;       // WriteFile
    int mode = 0644;          // WriteFile, MakeDirectory (octal permission bits; ignored on Windows)
    QString program;          // Run
    QStringList arguments;    // Run
    bool mayFail = false;     // failure is expected in some states (stopping a stopped service) and ignored

    // writeFile, removeFile, makeDirectory and run build actions of each kind.
    static Action writeFile(const QString &path, const QByteArray &content, int mode = 0644);
    static Action removeFile(const QString &path);
    static Action makeDirectory(const QString &path, int mode = 0755);
    static Action run(const QString &program, const QStringList &arguments, bool mayFail = false);

    // describe is the one-line form --dry-run prints: "write /etc/x (0644, 312 bytes)",
    // "run systemctl daemon-reload" (arguments shell-quoted), "(may fail)" appended when mayFail.
    QString describe() const;

    friend bool operator==(const Action &a, const Action &b);
};

// Plan is the ordered steps of one operation.
using Plan = QList<Action>;

// ServiceState is what a status query found.
enum class ServiceState { NotInstalled, Stopped, Starting, Running, Stopping, Failed, Unknown };

// stateName is the word `skydns service status` prints ("running", "not-installed", ...).
QString stateName(ServiceState state);

} // namespace skydns::platform
