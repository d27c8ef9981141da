#pragma once
// ServiceController is the logic behind the console's service control: it asks the platform layer
// (common/platform) for the status command and reads its answer, and runs `skydns service
// start|stop|restart` with administrator rights where the platform needs them (pkexec, UAC through
// PowerShell, osascript). Programs run through a ProcessRunner so tests can script the answers.
#include "platform/serviceplatform.h"

#include <QObject>
#include <QProcess>

#include <memory>

namespace skydns::console {

// ProcessRunner runs one program at a time without blocking and reports when it is done.
class ProcessRunner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // start runs program with arguments; finished is emitted once, also when it cannot start
    // (exit code -1, the reason in errorOutput).
    virtual void start(const QString &program, const QStringList &arguments) = 0;

Q_SIGNALS:
    // finished reports the exit code and the program's standard output and error.
    void finished(int exitCode, const QString &output, const QString &errorOutput);
};

// QProcessRunner is the ProcessRunner that really runs programs (QProcess).
class QProcessRunner final : public ProcessRunner
{
    Q_OBJECT
public:
    explicit QProcessRunner(QObject *parent = nullptr);
    ~QProcessRunner() override;
    void start(const QString &program, const QStringList &arguments) override;

private:
    QProcess m_process;
    bool m_reported = false;
};

// ServiceController keeps the last known state of the service and runs one request at a time.
class ServiceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceController)

public:
    // ServiceController controls spec on platform through runner (not owned; it must outlive the
    // controller). serviceBinary is the skydns executable whose `service` command does the work;
    // alreadyElevated skips the elevation prompt (the console runs as root/administrator).
    ServiceController(platform::PlatformKind platform, const platform::ServiceSpec &spec, const QString &serviceBinary,
                      bool alreadyElevated, ProcessRunner *runner, QObject *parent = nullptr);
    ~ServiceController() override;

    // state is the state the last status query found (Unknown before the first).
    platform::ServiceState state() const { return m_state; }
    // busy tells whether a request is running.
    bool busy() const { return m_pending != Pending::None; }
    // lastError is the message of the last failed request, empty after a successful one.
    QString lastError() const { return m_lastError; }

    // controlCommand is the command start/stop/restart runs: `skydns service <op>`, wrapped by the
    // platform's elevation command unless already elevated.
    platform::Action controlCommand(platform::Operation op) const;

    // defaultServiceBinary is where the skydns executable sits next to this console (macOS: the
    // .pkg's /usr/local/bin/skydns).
    static QString defaultServiceBinary();

public Q_SLOTS:
    // refresh queries the status; ignored while busy.
    void refresh();
    // start, stop and restart run the control command and then refresh; ignored while busy.
    void start();
    void stop();
    void restart();

Q_SIGNALS:
    // stateChanged is emitted after each status query, also when the state stayed the same.
    void stateChanged(skydns::platform::ServiceState state);
    // busyChanged is emitted when a request starts or ends.
    void busyChanged(bool busy);
    // failed reports a request that did not succeed, with a message for people.
    void failed(const QString &message);

private:
    enum class Pending { None, Status, Control };
    void control(platform::Operation op);
    void onFinished(int exitCode, const QString &output, const QString &errorOutput);
    void setPending(Pending pending);

    std::unique_ptr<platform::ServicePlatform> m_platform;
    platform::ServiceSpec m_spec;
    QString m_serviceBinary;
    bool m_alreadyElevated = false;
    ProcessRunner *m_runner = nullptr;
    platform::ServiceState m_state = platform::ServiceState::Unknown;
    Pending m_pending = Pending::None;
    platform::Operation m_operation = platform::Operation::Status;
    QString m_lastError;
};

} // namespace skydns::console
