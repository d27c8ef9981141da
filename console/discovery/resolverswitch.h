#pragma once
// ResolverSwitch is the console's "Use for this computer" switch: it shows whether the operating
// system routes the domain to the local service (`skydns resolver status`) and turns that on or off
// with `skydns resolver install|uninstall`, asking for administrator rights the way the platform
// does (pkexec, UAC, osascript). Programs run through a ProcessRunner, so tests script the answers.
#include "platform/serviceplatform.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;

namespace skydns::console {

class ProcessRunner;

class ResolverSwitch final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResolverSwitch)

public:
    // ResolverSwitch routes domain (e.g. "skydns.local.") to address ("127.0.0.1:53") with
    // serviceBinary's `resolver` command, run by runner (not owned; it must outlive the switch).
    ResolverSwitch(platform::PlatformKind platform, const QString &domain, const QString &address,
                   const QString &serviceBinary, bool alreadyElevated, ProcessRunner *runner, QWidget *parent = nullptr);
    ~ResolverSwitch() override;

    // checkBox is the switch itself; statusLabel says what was found or what failed.
    QCheckBox *checkBox() const { return m_checkBox; }
    QLabel *statusLabel() const { return m_statusLabel; }
    // busy tells whether a command is running (the switch is disabled meanwhile).
    bool busy() const { return m_pending != Pending::None; }
    // installed is the last state `resolver status` reported.
    bool installed() const { return m_installed; }

    // statusCommand / changeCommand are the programs run for a status query and for install
    // (on = true) or uninstall, the latter wrapped in the platform's elevation unless already elevated.
    platform::Action statusCommand() const;
    platform::Action changeCommand(bool on) const;

public Q_SLOTS:
    // refresh asks for the current state; ignored while busy.
    void refresh();
    // setUsed installs (true) or uninstalls (false), then refreshes; ignored while busy.
    void setUsed(bool on);

Q_SIGNALS:
    // stateChanged is emitted after every status query.
    void stateChanged(bool installed);
    // failed reports a command that did not succeed, with the message for people.
    void failed(const QString &message);

private:
    enum class Pending { None, Status, Change };
    void run(Pending pending, const platform::Action &action);
    void onFinished(int exitCode, const QString &output, const QString &errorOutput);
    void showState();

    std::unique_ptr<platform::ServicePlatform> m_platform;
    QString m_domain;
    QString m_address;
    QString m_serviceBinary;
    bool m_alreadyElevated = false;
    ProcessRunner *m_runner = nullptr;
    QCheckBox *m_checkBox = nullptr;
    QLabel *m_statusLabel = nullptr;
    Pending m_pending = Pending::None;
    bool m_installed = false;
    bool m_requested = false;
};

} // namespace skydns::console
