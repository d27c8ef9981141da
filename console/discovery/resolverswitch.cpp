#include "resolverswitch.h"

#include "servicecontrol/servicecontroller.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace skydns::console {

ResolverSwitch::ResolverSwitch(platform::PlatformKind platform, const QString &domain, const QString &address,
                               const QString &serviceBinary, bool alreadyElevated, ProcessRunner *runner,
                               QWidget *parent)
    : QWidget(parent)
    , m_platform(platform::makePlatform(platform))
    , m_domain(domain)
    , m_address(address)
    , m_serviceBinary(serviceBinary)
    , m_alreadyElevated(alreadyElevated)
    , m_runner(runner)
{
    m_checkBox = new QCheckBox(tr("Use for this computer: send queries for %1 to this service").arg(domain), this);
    m_checkBox->setToolTip(tr("Only names under %1 go to SkyDNS; every other name resolves as before.").arg(domain));
    m_statusLabel = new QLabel(tr("State not known yet."), this);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_checkBox);
    layout->addWidget(m_statusLabel);
    connect(m_checkBox, &QCheckBox::toggled, this, &ResolverSwitch::setUsed);
    connect(m_runner, &ProcessRunner::finished, this, &ResolverSwitch::onFinished);
}

ResolverSwitch::~ResolverSwitch() = default;

platform::Action ResolverSwitch::statusCommand() const
{
    return platform::Action::run(m_serviceBinary, {QStringLiteral("resolver"), QStringLiteral("status"),
                                                   QStringLiteral("--domain"), m_domain, QStringLiteral("--address"),
                                                   m_address});
}

platform::Action ResolverSwitch::changeCommand(bool on) const
{
    const QStringList arguments{QStringLiteral("resolver"), on ? QStringLiteral("install") : QStringLiteral("uninstall"),
                                QStringLiteral("--domain"), m_domain, QStringLiteral("--address"), m_address};
    if (m_alreadyElevated)
        return platform::Action::run(m_serviceBinary, arguments);
    return m_platform->elevated(m_serviceBinary, arguments);
}

void ResolverSwitch::refresh()
{
    if (busy())
        return;
    run(Pending::Status, statusCommand());
}

void ResolverSwitch::setUsed(bool on)
{
    if (busy() || on == m_installed) {
        showState();
        return;
    }
    m_requested = on;
    m_statusLabel->setText(on ? tr("Routing %1 to this service…").arg(m_domain)
                              : tr("Removing the routing of %1…").arg(m_domain));
    run(Pending::Change, changeCommand(on));
}

void ResolverSwitch::run(Pending pending, const platform::Action &action)
{
    m_pending = pending;
    m_checkBox->setEnabled(false);
    m_runner->start(action.program, action.arguments);
}

void ResolverSwitch::onFinished(int exitCode, const QString &output, const QString &errorOutput)
{
    const Pending pending = m_pending;
    m_pending = Pending::None;
    m_checkBox->setEnabled(true);
    if (pending == Pending::Status) {
        // `resolver status`: 0 installed, 3 not installed; anything else is a failure to find out.
        if (exitCode == 0 || exitCode == 3) {
            m_installed = exitCode == 0;
            showState();
            Q_EMIT stateChanged(m_installed);
            return;
        }
        const QString message = tr("Could not read the routing state: %1")
                                    .arg((errorOutput + output).trimmed().isEmpty() ? tr("exit code %1").arg(exitCode)
                                                                                    : (errorOutput + output).trimmed());
        showState();
        m_statusLabel->setText(message);
        Q_EMIT failed(message);
        return;
    }
    if (pending != Pending::Change)
        return;
    if (exitCode != 0) {
        // Nothing changed (the command stops at its first failing step): show the old state again.
        const QString detail = errorOutput.trimmed().isEmpty() ? output.trimmed() : errorOutput.trimmed();
        const QString message = (m_requested ? tr("Could not route %1 to this service: %2")
                                             : tr("Could not remove the routing of %1: %2"))
                                    .arg(m_domain, detail.isEmpty() ? tr("exit code %1").arg(exitCode) : detail);
        showState();
        m_statusLabel->setText(message);
        Q_EMIT failed(message);
        return;
    }
    refresh();
}

void ResolverSwitch::showState()
{
    const QSignalBlocker blocker(m_checkBox);
    m_checkBox->setChecked(m_installed);
    m_statusLabel->setText(m_installed ? tr("This computer sends queries for %1 to %2.").arg(m_domain, m_address)
                                       : tr("This computer does not use this service for %1.").arg(m_domain));
}

} // namespace skydns::console
